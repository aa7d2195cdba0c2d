"""A metric the camera could not judge reads "not measured" everywhere, never a score.

Real MediaPipe on tests/data/franck-excerpt.mp4: his shoulders sit on the bottom edge of the
picture, so posture cannot be judged, while his face is in view, so eye contact is.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_pdf import render_pdf
from mockinterview.core.vision.body import NO_SHOULDERS_NOTE, analyze_video_body
from tests.conftest import DATA
from tests.report.conftest import answer, speech


@pytest.fixture(scope="module")
def face_only_body() -> dict[str, Any]:
    return analyze_video_body(DATA / "franck-excerpt.mp4").block


@pytest.fixture(scope="module")
def session(face_only_body: dict[str, Any]) -> dict[str, Any]:
    return {
        "session_id": "20261125-220000-nm01",
        "bank": "general",
        "started_at": "2026-11-25T22:00:00+00:00",
        "ended_at": "2026-11-25T22:02:00+00:00",
        "status": "finished",
        "recording": None,
        "answers": [answer(0, speech("lively"), face_only_body)],
    }


def test_posture_is_not_scored_when_the_shoulders_were_not_seen(session: dict[str, Any]) -> None:
    report = build_report(session)
    (only,) = report.answers
    for key in ("slouch", "crossed_arms"):
        for check in (only.check(key), report.overall_check(key)):
            assert check.value is None and check.score is None and check.status == "n/a"
            assert check.gap == "not measured"
    eye = only.check("eye_contact")
    assert eye.value is not None and eye.value > 80 and eye.status == "good"
    assert NO_SHOULDERS_NOTE in only.body_notes
    assert not [s for s in report.suggestions if s.key in ("slouch", "crossed_arms")]


def test_html_and_pdf_say_not_measured(session: dict[str, Any], tmp_path: Path) -> None:
    report = build_report(session)
    html = render_html(report)
    for label in ("Slouching", "Crossed arms"):
        row = html[html.index(f"<tr><td>{label}</td>") :]
        assert row[: row.index("</tr>")].count("not measured") >= 1
    assert "shoulders were not in view" in html
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(report))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    slouch_lines = [line for line in text.splitlines() if line.strip().startswith("Slouching")]
    assert slouch_lines and all("not measured" in line for line in slouch_lines)
