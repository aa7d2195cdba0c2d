"""A metric the camera could not judge reads "not measured" everywhere, never a score; one held
back from judging says why.

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
from tests.report.conftest import session as make_session


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


def _pdf_text(report_pdf: bytes, tmp_path: Path) -> str:
    """In reading order (-raw), so a table cell's wrapped lines come one after another."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_a_value_held_back_from_judging_says_why_instead_of_a_scale(tmp_path: Path) -> None:
    """The 7 s reading at 187 wpm: pace is not judged over so little speech. The HTML's chart
    put a grey dot on the scale and the reason only in its hover text, which the PDF loses; a
    metric never measured had an empty scale. Both now read as words, or as nothing."""
    report = build_report(make_session([answer(0, speech("austen"))]))  # no camera
    html = render_html(report)
    reason = "187 wpm over 7.1 s of speech: too little to judge (from 15 s of speech on)."
    for label, shows in (("Pace", reason), ("Eye contact", "")):
        row = html[html.index(f"<tr><td>{label}</td>") :]
        row = row[: row.index("</tr>")]
        chart = row[row.index("<td class='chart'>") :]
        assert "<svg" not in chart and (shows in chart)
    assert html.count("<svg") >= 5  # the judged rows keep their scales
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    text = " ".join(_pdf_text(render_pdf(report), tmp_path).split())
    assert "187 wpm over 7.1 s of speech: too little to judge" in text
