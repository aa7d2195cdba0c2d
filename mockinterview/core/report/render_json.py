"""The report as JSON: every number the HTML and PDF show, plus the schema version to read it by.

The shape is the `Report` dataclass tree as-is (`dataclasses.asdict`), so the JSON can never
drift from what the other two formats show; `schema` changes when a field is renamed or removed.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from mockinterview.core.report.model import Report


def report_dict(report: Report) -> dict[str, Any]:
    return dataclasses.asdict(report)


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
