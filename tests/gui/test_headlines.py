"""History's numbers pool a session's answers; a camera that saw nothing counts as unmeasured."""

from __future__ import annotations

from mockinterview.gui.headlines import session_headline
from tests.gui.conftest import contract_answer


def _session(answers: list[dict]) -> dict:
    return {
        "session_id": "20261125-200000-abcd",
        "bank": "general",
        "started_at": "2026-11-25T20:00:00+00:00",
        "status": "finished",
        "answers": answers,
    }


def test_rates_are_pooled_over_the_session() -> None:
    first, second = contract_answer(0, 0.0), contract_answer(1, 4.0)
    second["speech"] = {**second["speech"], "word_count": 21, "filler_count": 0}
    second["duration_s"] = 9.0
    headline = session_headline(_session([first, second]))
    assert headline.speaking_s == 12.0
    assert headline.wpm == 28 / 12 * 60  # 7 + 21 words in 3 + 9 s
    assert headline.fillers_per_100_words == 1 / 28 * 100


def test_answers_without_camera_frames_do_not_count_as_zero() -> None:
    seen, blind = contract_answer(0, 0.0), contract_answer(1, 4.0)
    blind["body"] = {**blind["body"], "frames_analyzed": 0, "eye_contact_pct": 0.0}
    headline = session_headline(_session([seen, blind]))
    assert headline.eye_contact_pct == 80.0
    no_camera = session_headline(_session([{**seen, "body": None}]))
    assert no_camera.eye_contact_pct is None and no_camera.slouch_pct is None
