"""Tip -> moment -> retry through the real widgets: a tip's moment link seeks the real
recording; "practise this now" re-asks the tip's worst question (Whisper tiny.en on an
espeak-ng answer) with the habit's nudge in view, and the retake's report shows before/after."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from mockinterview.core.session.store import SessionStore, StoredAnswer
from tests.conftest import synthesize
from tests.gui.conftest import audio_only_window, contract_answer


def click_link(qtbot, browser: QTextBrowser, href: str) -> None:
    """Click the text of the link `href` where it is drawn, as a person would."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link {href} in the text")


def _open(window, qtbot, session_id: str):
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(session_id)
    return window.report


def test_clicking_a_tips_moment_seeks_the_player(window, qtbot, stored_session) -> None:
    page = _open(window, qtbot, stored_session)
    qtbot.waitUntil(lambda: page.player.duration() > 7000, timeout=10000)
    tips = page.report.suggestions
    number = next(n for n, tip in enumerate(tips) if tip.key == "fillers")
    moments = tips[number].moments
    assert [(m.answer_index, m.start, m.text) for m in moments] == [(0, 0.5, "um"), (1, 0.5, "um")]
    summary = page.tabs.widget(0)
    assert "Q2 0:00 “um”" in summary.toPlainText()
    # 0.5 s into the answer that starts at 5 s: a few seconds before, but not before the answer
    click_link(qtbot, summary, f"moment:{number}:1")
    qtbot.waitUntil(lambda: abs(page.player.position() - 5000) < 150, timeout=5000)
    click_link(qtbot, summary, f"moment:{number}:0")
    qtbot.waitUntil(lambda: abs(page.player.position() - 1000) < 150, timeout=5000)


def test_an_older_report_opened_during_a_retake_shows_no_before_after(
    window, qtbot, stored_session
) -> None:
    from mockinterview.core.session.store import now_iso

    time.sleep(1.1)  # start times are to the second
    page = window.report
    page.focus_key, page.focus_since = "fillers", now_iso()  # as "practise this now" sets it
    page = _open(window, qtbot, stored_session)  # started before the retake was asked for
    assert not page.focus_label.isVisible() and page.focus_key == "fillers"


@pytest.mark.slow
def test_practise_this_now_retakes_with_the_nudge_and_shows_before_after(qtbot, tmp_path) -> None:
    store = SessionStore()
    session_id = store.create_session("general")
    for index, question_id in enumerate(("conflict-story", "why-leaving")):
        answer = {**contract_answer(index, 0.0), "question_id": question_id}
        store.add_answer(session_id, StoredAnswer(**answer))
    store.finish_session(session_id)
    # Start times are to the second and the comparison takes sessions that started earlier: with
    # the models already loaded (a full run), the retake could start within the same second.
    time.sleep(1.1)
    wav = synthesize(
        "Two colleagues disagreed about a release. I set up a short test, we compared the "
        "numbers together, and we shipped on time.",
        tmp_path / "retake.wav",
    )
    window = audio_only_window(qtbot, tmp_path, [wav])
    rehearsal = window.rehearsal

    page = _open(window, qtbot, session_id)
    tips = page.report.suggestions
    number = next(n for n, tip in enumerate(tips) if tip.key == "fillers")
    # both answers said "um" once in 7 words; the first is re-asked on a tie
    with qtbot.waitSignal(rehearsal.finished, timeout=180000) as finished:
        click_link(qtbot, page.tabs.widget(0), f"practise:{number}")
        assert window.current_page() == "Rehearsal"
        assert rehearsal.focus_label.isVisible()
        assert rehearsal.focus_label.text().startswith("Practising: Fewer filler words.")
    retake = SessionStore().session_dict(finished.args[0])
    assert [a["question_id"] for a in retake["answers"]] == ["conflict-story"]
    qtbot.waitUntil(lambda: page.report.session_id == finished.args[0], timeout=20000)
    assert page.focus_label.isVisible()
    text = page.focus_label.text()
    assert text.startswith("Before and after, on “Tell me about a time you had a conflict")
    assert "Fillers: 14.3 -> 0 per 100 words" in text and "): better, now inside the band" in text
