"""An answer in which no word was heard: the report says so first and asks for a microphone check,
instead of telling the person to give fuller answers and cover four key points.

A real headless rehearsal: the first answer's "microphone" is 12 s of faint room noise, the
second a real reader's sentence (LibriVox, tests/data/speech); Whisper hears nothing in the first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.scoring import NOTHING_HEARD
from mockinterview.core.report.suggestions import HEARD_NOTHING_TIP, HEARD_NOTHING_TITLE
from mockinterview.core.session.store import SessionStore
from tests.conftest import DATA


def test_an_answer_nobody_heard_is_the_first_thing_to_practise(tmp_path: Path) -> None:
    noise = tmp_path / "room.wav"
    rng = np.random.default_rng(0)
    write_wav(noise, rng.normal(0.0, 0.002, 12 * SAMPLE_RATE).astype(np.float32))
    command = [sys.executable, "-m", "mockinterview", "rehearse", "--headless", "--bank"]
    command += ["general", "--count", "2", "--no-closing", "--no-greeting"]
    command += ["--mic", str(noise), "--mic", str(DATA / "speech" / "austen-0870.flac")]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    assert done.returncode == 0, done.stderr
    # Said at once, not only in the report: a muted microphone would cost every answer after.
    assert "Q1 stored" in done.stderr and f"warning: {NOTHING_HEARD}" in done.stderr
    assert done.stderr.count(NOTHING_HEARD) == 1, done.stderr  # the second answer was heard
    (session,) = SessionStore().list_sessions()
    report = build_report(SessionStore().session_dict(session.session_id))

    silent, spoken = report.answers
    assert silent.word_count == 0 and silent.heard_nothing
    assert spoken.word_count > 10 and not spoken.heard_nothing
    first = report.suggestions[0]
    assert (first.title, first.answers, first.tip) == (HEARD_NOTHING_TITLE, (0,), HEARD_NOTHING_TIP)
    assert first.evidence == "No words were heard in answer 1 (12 s recorded)."
    # The other tips are about the answer that was heard; the silent one is not also told to
    # be longer and to cover its key points.
    assert all(s.answers == (1,) for s in report.suggestions[1:])
    assert {"length", "coverage"} <= {s.key for s in report.suggestions[1:]}
    assert silent.feedback is not None and not silent.feedback.strengths
    (remark,) = silent.feedback.improvements
    assert remark.text.startswith("Nothing was heard.") and "microphone check" in remark.text
    # Its own table shows what was recorded and scores none of it: "12 s is 48 s below the
    # band" and "0 % of the key points" in red blamed the person for the microphone.
    length, coverage = silent.check("length"), silent.check("coverage")
    assert (length.score, length.gap, coverage.score, coverage.gap) == (
        None, "not judged", None, "not judged"
    )  # fmt: skip
    assert length.explanation == "12 s, but no word was heard: not judged."
    assert coverage.explanation == "0 % of the points, but no word was heard: not judged."
    assert silent.content is not None and silent.content.title.startswith("Content: not judged")
    assert spoken.content is not None and spoken.content.title.startswith("Content: 0 % of")
    # The whole session's table is of the answer heard, and says why the other is left out.
    assert report.overall_check("length") == spoken.check("length")
    assert report.overall_check("coverage").value == spoken.check("coverage").value
    assert report.overall_note == (
        "Answer 1 is left out of the speech and key-point rows: no word was heard in it."
    )
    assert report.overall_note in render_html(report)


def test_the_table_names_every_answer_it_leaves_out() -> None:
    """Two unheard answers beside a heard one, a camera watching all three."""
    import numpy as np

    from mockinterview.core.speech.delivery import analyze_delivery
    from mockinterview.core.thresholds import DeliveryThresholds
    from tests.report.conftest import answer, body_block, session, speech

    samples = np.zeros(12 * SAMPLE_RATE, np.float32)
    unheard = analyze_delivery([], samples, DeliveryThresholds(), duration_s=12.0).to_dict()
    answers = [answer(0, unheard, body_block()), answer(1, speech("clean"), body_block())]
    answers.append(answer(2, unheard, body_block()))
    report = build_report(session(answers))
    assert report.overall_note == (
        "Answers 1 and 3 are left out of the speech and key-point rows: no word was heard in "
        "them. The body-language rows include every answer."
    )
    assert report.overall_intro.endswith(report.overall_note)
    assert report.overall_intro.startswith("Score = 100 inside the comfortable band")
