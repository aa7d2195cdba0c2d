""" "Import a recording…" from Home and History: a real two-question interview (espeak-ng voices,
Whisper tiny.en) becomes a session that opens as a report; a damaged file gets its own message;
Cancel keeps nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from mockinterview.core.session.store import IMPORTED_BANK, SessionStore
from tests.conftest import make_interview_wav

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def interview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_interview_wav(tmp_path_factory.mktemp("interview"))


def test_home_import_opens_the_report_of_the_new_session(qtbot, window, interview) -> None:
    importing: list[bool] = []  # the window's background work waits while it is True
    window.home.importing.connect(importing.append)
    dialog = window.home.open_import()
    with qtbot.waitSignal(dialog.answers_found, timeout=240000) as found:
        dialog.start(interview)
        assert dialog.bar.isVisible() and not dialog.choose_button.isEnabled()
        assert importing == [True]
    assert importing == [True, False]  # the person checks the answers found
    assert found.args == [2] and dialog.answers.count() == 2
    # grown to show the answers, and still on the screen, buttons and all
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())
    assert "Why do you want to work for this company?" in dialog.answers.item(0).text()
    assert SessionStore().list_sessions() == []  # nothing stored before the person agrees
    # Each row says which bank question judges it; "your greatest strength" is none, so the
    # person sets the question that was asked, offered first as the closest in meaning.
    qtbot.waitUntil(lambda: "judged" in dialog.answers.item(1).text(), timeout=30000)
    assert "judged on its key points (a bank question)" in dialog.answers.item(0).text()
    assert "judged without key points" in dialog.answers.item(1).text()
    strengths = "What are your strengths, and three areas you want to improve?"
    # the closest bank question in meaning is named on the row (found in the background)
    qtbot.waitUntil(lambda: strengths in dialog.answers.item(1).text(), timeout=60000)
    assert not dialog.question_button.isEnabled()  # nothing selected yet
    dialog.answers.setCurrentRow(1)
    qtbot.mouseClick(dialog.question_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "question_picker", None) is not None, timeout=60000)
    picker = dialog.question_picker
    assert picker.isVisible() and "your greatest strength" in picker.findChild(QLabel).text()
    assert picker.list.currentItem().text() == strengths
    assert picker.list.item(0).isHidden()  # "Use “…” as the question" waits for words typed
    # what the person types orders the questions: those holding its words, then by meaning
    picker.search.setText("stress")
    picker.reorder()
    assert picker.list.currentItem().text() == "How do you handle stress and pressure at work?"
    assert picker.list.item(0).text() == "Use “stress” as the question"
    picker.search.setText("your greatest weakness")  # asked in words no bank question uses
    picker.reorder()
    assert strengths in [picker.list.item(row).text() for row in range(2, 5)]
    picker.list.setCurrentRow([picker.list.item(r).text() for r in range(5)].index(strengths))
    picker.accept()
    assert f"after “{strengths}”\n    judged on its key points" in dialog.answers.item(1).text()
    with qtbot.waitSignal(window.report.loaded, timeout=240000) as loaded:
        qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    answers = SessionStore().session_dict(loaded.args[0])["answers"]
    assert [a["question_id"] for a in answers] == ["why-this-company", "strengths-and-improvements"]
    assert window.current_page() == "Report"
    assert importing == [True, False, True, False]  # measured, then done
    report = window.report.report
    assert report is not None and report.session_id == loaded.args[0]
    assert report.bank == IMPORTED_BANK and report.answer_count == 2
    assert window.report.tabs.count() >= 3  # summary and one tab per answer
    assert window.report.play_button.isEnabled()  # the copy of the file plays
    assert window.report.seek_bar.markers  # each answer's start is on the seek bar
    assert not dialog.isVisible()


def test_history_import_of_a_damaged_file_says_why(qtbot, window, tmp_path) -> None:
    window.show_page("History")
    bad = tmp_path / "phone-video.mov"
    bad.write_bytes(b"\x00\x00\x00\x14ftypqt  " + bytes(range(256)) * 16)
    dialog = window.history.open_import()
    with qtbot.waitSignal(dialog.finished_import, timeout=60000):
        dialog.start(bad)
    assert dialog.isVisible() and dialog.message.isVisible()
    assert "phone-video.mov" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert dialog.choose_button.isEnabled() and dialog.cancel_button.text() == "Close"
    assert SessionStore().list_sessions() == []
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_cancel_keeps_nothing(qtbot, window, interview) -> None:
    dialog = window.home.open_import()
    with qtbot.waitSignal(dialog.finished_import, timeout=240000):
        dialog.start(interview)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert "Cancelling" in dialog.stage.text()
    assert dialog.stage.text() == "Cancelled: nothing was kept."
    assert not dialog.message.isVisible()
    assert SessionStore().list_sessions() == []
    assert dialog.isVisible()  # still open: another file can be chosen


def test_an_answer_unticked_joins_the_one_before(qtbot, window, interview) -> None:
    dialog = window.history.open_import()
    with qtbot.waitSignal(dialog.answers_found, timeout=240000):
        dialog.start(interview)
    assert dialog.analyse_button.text() == "Analyse 2 answers"
    assert not dialog.answers.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable  # always a start
    dialog.answers.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.analyse_button.text() == "Analyse 1 answer"
    # The rows are drawn again as the banks and the closest questions arrive in the background,
    # and after the question list is ranked: the untick made meanwhile stays.
    strengths = "What are your strengths, and three areas you want to improve?"
    qtbot.waitUntil(lambda: strengths in dialog.answers.item(1).text(), timeout=60000)
    dialog.answers.setCurrentRow(0)
    qtbot.mouseClick(dialog.question_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "question_picker", None) is not None, timeout=60000)
    dialog.question_picker.reject()
    assert dialog.answers.item(1).checkState() == Qt.CheckState.Unchecked
    assert dialog.answers.currentRow() == 0
    assert dialog.analyse_button.text() == "Analyse 1 answer"
    with qtbot.waitSignal(dialog.imported, timeout=240000) as imported:
        qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    (only,) = SessionStore().session_dict(imported.args[0])["answers"]
    assert "product" in only["transcript"] and "project" in only["transcript"]


def test_answers_are_split_before_and_after_measuring(qtbot, window, interview) -> None:
    """Split the first answer at its second sentence before measuring; then, from the report,
    join the two parts again: only the joined answer is measured again."""
    dialog = window.home.open_import()
    with qtbot.waitSignal(dialog.answers_found, timeout=240000):
        dialog.start(interview)
    assert not dialog.split_button.isEnabled()  # nothing selected yet
    dialog.answers.setCurrentRow(0)
    assert dialog.split_button.isEnabled()
    points = dialog.split_points(0)
    assert points and "want to help" in points[0][1].lower()
    dialog.split(0, points[0][0])
    assert dialog.answers.count() == 3 and dialog.analyse_button.text() == "Analyse 3 answers"
    assert "no question heard before" in dialog.answers.item(1).text()
    with qtbot.waitSignal(window.report.loaded, timeout=240000):
        qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    assert window.report.report.answer_count == 3
    session_id = window.report.report.session_id
    before = SessionStore().session_dict(session_id)["answers"]
    assert "product" in before[0]["transcript"] and "faster" in before[1]["transcript"]

    assert window.report.split_button.isVisible()
    editor = window.report.open_split()
    assert editor.answers.count() == 3 and editor.isVisible()
    editor.answers.item(1).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(window.report.loaded, timeout=240000):
        qtbot.mouseClick(editor.analyse_button, Qt.MouseButton.LeftButton)
    after = SessionStore().session_dict(session_id)["answers"]
    assert window.report.report.answer_count == 2 and len(after) == 2
    assert "product" in after[0]["transcript"] and "faster" in after[0]["transcript"]
    assert after[1] == {**before[2], "index": 1}  # not measured again
