"""A session's headline is the report's own session checks: rates pooled over the session, a
camera that saw nothing counted as unmeasured, and pace as the speech analysis measured it."""

from __future__ import annotations

from mockinterview.core.report.headline import session_headline
from mockinterview.core.report.model import build_report
from tests.gui.conftest import contract_answer


def _session(answers: list[dict]) -> dict:
    return {
        "session_id": "20261125-200000-abcd",
        "bank": "general",
        "started_at": "2026-11-25T20:00:00+00:00",
        "status": "finished",
        "answers": answers,
    }


def test_rates_are_pooled_and_pace_is_the_speech_analysis_own() -> None:
    first, second = contract_answer(0, 0.0), contract_answer(1, 4.0)
    second["speech"] = {**second["speech"], "word_count": 21, "filler_count": 0, "wpm": 150.0}
    second["duration_s"] = 9.0
    headline = session_headline(_session([first, second]))
    assert headline.answered_s == 12.0
    # wpm comes from each answer's speech block (fillers out, over speaking time), weighted by
    # answer length; not all words over the whole answer (which would be 28 / 12 s = 140).
    assert headline.check("pace").value == round((140.0 * 3 + 150.0 * 9) / 12, 2)
    assert headline.check("fillers").value == round(1 / 28 * 100, 2)


def test_answers_without_camera_frames_do_not_count_as_zero() -> None:
    seen, blind = contract_answer(0, 0.0), contract_answer(1, 4.0)
    blind["body"] = {**blind["body"], "frames_analyzed": 0, "eye_contact_pct": 0.0}
    assert session_headline(_session([seen, blind])).check("eye_contact").value == 80.0
    no_camera = session_headline(_session([{**seen, "body": None}]))
    assert no_camera.check("eye_contact").value is None
    assert no_camera.check("slouch").status == "n/a"


def test_the_report_takes_its_session_numbers_from_the_headline() -> None:
    answers = [{**contract_answer(i, 4.0 * i), "index": i} for i in range(2)]
    session = _session(answers)
    report, headline = build_report(session), session_headline(session)
    assert report.overall == headline.overall
    assert (report.answer_count, report.answered_s) == (headline.answer_count, headline.answered_s)
