"""The report of a retake shows every attempt at the question side by side, the best marked."""

from __future__ import annotations

import time

from mockinterview.core.session.store import SessionStore, StoredAnswer
from tests.gui.conftest import contract_answer


def _attempt(store: SessionStore, transcript: str, fillers: int) -> str:
    session_id = store.create_session("general")
    answer = {**contract_answer(0, 0.0), "question_id": "conflict-story"}
    answer["transcript"] = transcript
    answer["speech"] = {**answer["speech"], "transcript": transcript, "filler_count": fillers}
    answer["speech"]["fillers_per_100_words"] = 100.0 * fillers / 7
    store.add_answer(session_id, StoredAnswer(**answer))
    store.finish_session(session_id)
    return session_id


def test_versions_tab_compares_attempts(window, qtbot) -> None:
    store = SessionStore()
    _attempt(store, "Um, um, I think I led the team.", fillers=2)
    time.sleep(1.1)  # session ids and start times are to the second
    latest = _attempt(store, "I led the team and we shipped.", fillers=0)
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(latest)
    tabs = window.report.tabs
    names = [tabs.tabText(i) for i in range(tabs.count())]
    assert names == ["Summary", "Q1", "Versions"]
    text = tabs.widget(2).toPlainText()
    assert "Attempt 1" in text and "★ Attempt 2" in text  # fewer fillers: the later one
    assert "and we shipped." in text and "Um, um, I think" in text  # added, dropped
    assert "28.6 per 100 words" in text and "0 per 100 words" in text
