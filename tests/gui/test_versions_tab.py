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
    tabs.setCurrentIndex(2)  # its HTML is read when it is first shown
    text = tabs.widget(2).toPlainText()
    assert "Attempt 1" in text and "★ Attempt 2" in text  # fewer fillers: the later one
    assert "and we shipped." in text and "Um, um, I think" in text  # added, dropped
    assert "28.6 per 100 words" in text and "0 per 100 words" in text


def test_the_report_html_is_made_off_the_gui_thread(window, qtbot, monkeypatch) -> None:
    """A long session's whole-session panes took 171 ms of the GUI thread to render (the
    hour's soak, 192 answers): they are made with the report, on the pool thread."""
    import threading

    from mockinterview.gui import report_views

    threads: list[str] = []
    original = report_views.versions_html

    def recorded(questions):
        threads.append(threading.current_thread().name)
        return original(questions)

    monkeypatch.setattr(report_views, "versions_html", recorded)
    store = SessionStore()
    _attempt(store, "Um, I led the team.", fillers=1)
    time.sleep(1.1)
    latest = _attempt(store, "I led the team.", fillers=0)
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(latest)
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
    versions = window.report.tabs.widget(2)
    assert window.report.tabs.tabText(2) == "Versions" and not versions.toPlainText()
    window.report.tabs.setCurrentIndex(2)  # read when first shown (670 kB for 200 answers)
    qtbot.waitUntil(lambda: "Attempt 1" in versions.toPlainText(), timeout=5000)
