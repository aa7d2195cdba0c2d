"""`mockinterview banks`: list, show, and validate with one readable error block."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockinterview.cli import main


def test_list_json_shows_shipped_banks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["banks", "list", "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["ml-engineer"]["questions"] == 11
    assert "closing" in rows["general"]["categories"]


def test_validate_reports_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[questions]]\nid = "a"\ntext = "Why?"\n')
    assert main(["banks", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1: missing `category`" in err
    assert "Traceback" not in err
    assert main(["banks", "show", "ml-engineer"]) == 0
    assert "curse-of-dimensionality" in capsys.readouterr().out
