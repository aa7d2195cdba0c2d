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

import numpy as np
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


def _noise_gated(samples: np.ndarray) -> np.ndarray:
    """As a system's noise suppression sends it: every 10 ms frame well under the voice zeroed,
    and the room before the first word and after the last (1 s, 0.5 s) sent as zeros."""
    frames = samples[: len(samples) // 160 * 160].reshape(-1, 160).copy()  # 10 ms at 16 kHz
    level = 20.0 * np.log10(np.sqrt(np.mean(frames**2, axis=1)) + 1e-10)
    frames[level < np.percentile(level, 90) - 25.0] = 0.0
    return np.concatenate([np.zeros(16000), frames.reshape(-1), np.zeros(8000)]).astype(np.float32)


def test_a_noise_suppressed_voice_says_why_its_lead_over_the_room_is_not_measured(
    transcriber, tmp_path: Path
) -> None:
    """A real reading through a noise gate, as with the system's noise suppression on: between
    the words there is no room, so the voice's lead over it is not measured. The report said
    only "not measured" beside the measured rows (and the window left the row out): it now
    says why, in the answer's table and the session's."""
    from mockinterview.core.audio_file import decode_audio
    from mockinterview.core.speech.delivery import analyze_transcript
    from mockinterview.core.thresholds import DeliveryThresholds
    from mockinterview.gui.report_views import checks_html

    reading = decode_audio(DATA / "speech" / "austen-0870.flac")
    blocks = []
    for samples in (reading, _noise_gated(reading)):
        block = analyze_transcript(transcriber.transcribe(samples), samples, DeliveryThresholds())
        blocks.append(block.to_dict())
    heard_room, gated = blocks
    assert heard_room["speech_to_noise_db"] is not None
    assert gated["word_count"] > 10 and gated["speech_to_noise_db"] is None

    measured = build_report(make_session([answer(0, heard_room)]))
    assert measured.answers[0].check("loudness").value is not None
    report = build_report(make_session([answer(0, gated)]))
    why = "no room noise to measure the voice against"
    for check in (report.answers[0].check("loudness"), report.overall_check("loudness")):
        assert check.value is None and check.score is None and check.says_why
        assert "noise suppression" in check.explanation and why in check.explanation
    html = render_html(report)
    row = html[html.index("<tr><td>Voice over room noise</td>") :]
    assert why in row[: row.index("</tr>")]
    assert why in checks_html(report.answers[0].checks)  # the window shows the row and why
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    assert why in " ".join(_pdf_text(render_pdf(report), tmp_path).split())


def test_an_answer_without_frames_says_why_once(tmp_path: Path) -> None:
    """The camera's video ended before the second answer: its body section said "No camera
    frames in this answer: body language was not measured." and then the vision analysis's own
    reason. It says the reason alone; an answer with no camera at all still says nothing was
    measured, in the same words in the PDF, the HTML and the window."""
    from mockinterview.core.vision.body import empty_body_block
    from mockinterview.gui.report_views import answer_html

    ended = "The video ends before this answer, so there is no body-language feedback."
    report = build_report(
        make_session(
            [answer(0, speech("lively"), empty_body_block(ended)), answer(1, speech("austen"))]
        )
    )
    with_reason, no_camera = report.answers
    generic = "No camera frames in this answer: body language was not measured."
    assert with_reason.body_lines == (ended,) and no_camera.body_lines == (generic,)
    html = render_html(report)
    assert html.count(ended) == 1 and html.count(generic) == 1
    window = answer_html(with_reason)
    assert ended in window and generic not in window
    assert generic in answer_html(no_camera)
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    text = " ".join(_pdf_text(render_pdf(report), tmp_path).split())
    assert text.count(ended) == 1 and text.count(generic) == 1
