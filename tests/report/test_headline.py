"""A session's headline is the report's own session checks: rates pooled over the session, a
camera that saw nothing counted as unmeasured, and pace as the speech analysis measured it.

The speech blocks are the real pipeline's (tests/data/report/speech.json)."""

from __future__ import annotations

import pytest

from mockinterview.core.report.headline import session_headline
from mockinterview.core.report.model import build_report
from tests.report.conftest import answer, body_block, session, speech


def test_rates_are_pooled_and_pace_is_the_speech_analysis_own() -> None:
    rushed, slow = speech("rushed_fillers"), speech("slow_hedges")
    answers = [answer(0, rushed, body_block()), answer(1, slow, body_block())]
    headline = session_headline(session(answers))
    lengths = [rushed["answer_length"]["seconds"], slow["answer_length"]["seconds"]]
    assert headline.answered_s == pytest.approx(sum(lengths), abs=0.01)
    # wpm comes from each answer's speech block (fillers out, over speaking time), weighted by
    # answer length; not all words over the whole session.
    expected = (rushed["wpm"] * lengths[0] + slow["wpm"] * lengths[1]) / sum(lengths)
    assert headline.check("pace").value == pytest.approx(expected, abs=0.01)
    all_words = rushed["word_count"] + slow["word_count"]
    assert headline.check("pace").value != pytest.approx(60 * all_words / sum(lengths), abs=1)
    # fillers pooled over all words: the rushed answer's ten, none in the slow one
    fillers = 100 * (rushed["filler_count"] + slow["filler_count"]) / all_words
    assert rushed["filler_count"] > 0 and slow["filler_count"] == 0
    assert headline.check("fillers").value == pytest.approx(fillers, abs=0.01)


def test_answers_without_camera_frames_do_not_count_as_zero() -> None:
    seen = answer(0, speech("clean"), body_block(eye_contact_pct=80.0))
    blind = answer(1, speech("lively"), {**body_block(), "frames_analyzed": 0})
    blind["body"]["eye_contact_pct"] = 0.0
    assert session_headline(session([seen, blind])).check("eye_contact").value == 80.0
    no_camera = session_headline(session([{**seen, "body": None}]))
    assert no_camera.check("eye_contact").value is None
    assert no_camera.check("slouch").status == "n/a"


def test_the_report_takes_its_session_numbers_from_the_headline() -> None:
    answers = [
        answer(0, speech("story"), body_block(slouch_pct=20.0)),
        answer(1, speech("austen"), body_block(eye_contact_pct=50.0)),
    ]
    report, headline = build_report(session(answers)), session_headline(session(answers))
    assert report.overall == headline.overall
    assert (report.answer_count, report.answered_s) == (headline.answer_count, headline.answered_s)


def test_the_whole_session_judges_length_against_its_questions_targets() -> None:
    """A one-question session read "60-150 s" on its answer and tips but "60-120 s" on its
    whole-session row; two questions are judged each on its own target, not their average."""
    story = speech("story")
    one = session([answer(0, story, target_s=(60.0, 150.0))])
    report = build_report(one)
    assert session_headline(one).check("length").band_text == "60-150 s"
    assert report.answers[0].check("length").band_text == "60-150 s"
    two = session(
        [
            answer(0, story, target_s=(60.0, 150.0)),
            answer(1, speech("austen"), question_id="why-us", target_s=(30.0, 90.0)),
        ]
    )
    length = session_headline(two).check("length")
    assert length.band_text == "each question's own band"
    assert "(60-150 s, 30-90 s)" in length.explanation
