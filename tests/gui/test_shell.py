"""The main window: navigation, themes, sizes, and worker errors shown in the window."""

from __future__ import annotations

import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mockinterview.core.errors import ModelError
from mockinterview.gui.main_window import MINIMUM_SIZE, PAGES
from mockinterview.gui.termination import SIGNALS
from mockinterview.gui.theme import apply_theme
from mockinterview.gui.workers import run_in_background


def test_window_has_every_page_and_navigates(window, qtbot) -> None:
    assert window.windowTitle() == "MockInterview"
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == list(
        PAGES
    )
    for name in PAGES:
        window.show_page(name)
        assert window.current_page() == name
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "History"


def test_window_fits_a_1366x768_laptop(window) -> None:
    assert MINIMUM_SIZE.width() <= 1366 and MINIMUM_SIZE.height() <= 700
    window.resize(MINIMUM_SIZE)
    for name in PAGES:
        window.show_page(name)
        page = window.stack.currentWidget()
        hint = page.minimumSizeHint()
        assert hint.width() <= window.stack.width(), (name, hint)


def test_dark_and_light_palettes_differ(qtbot) -> None:
    app = QApplication.instance()
    apply_theme(app, "dark")
    dark = app.palette().window().color().lightness()
    apply_theme(app, "light")
    light = app.palette().window().color().lightness()
    assert dark < 80 < 200 < light


def test_worker_errors_become_messages(qtbot) -> None:
    # A minute per call: the shared pool may still be busy with earlier tests' windows (Home's
    # refresh, the crash check) on a loaded 2-core machine; 5 s failed there.
    def broken_model():
        raise ModelError("Whisper model folder /x is missing. Download it.")

    def bug():
        return {}["missing"]

    with qtbot.waitSignal(run_in_background(broken_model).failed, timeout=60000) as known:
        pass
    assert known.args == ["Whisper model folder /x is missing. Download it."]
    with qtbot.waitSignal(run_in_background(bug).failed, timeout=60000) as unknown:
        pass
    assert unknown.args[0].startswith("Unexpected error: KeyError")
    with qtbot.waitSignal(run_in_background(lambda: 41 + 1).done, timeout=60000) as ok:
        pass
    assert ok.args == [42]


def test_background_calls_make_no_new_type() -> None:
    """Every call runs in an instance of one runnable class: a class made per call was a new
    Shiboken type made and destroyed at run time, which Shiboken's per-type table (read without
    the GIL by PySide on other threads) does not survive safely on Python < 3.12."""
    from mockinterview.gui.workers import BackgroundCall

    first = BackgroundCall(lambda: 1).runnable()
    second = BackgroundCall(lambda: 2).runnable()
    assert type(first) is type(second)


QUIT_WHILE_A_CALL_RUNS = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from mockinterview.gui.workers import run_in_background
app = QApplication([])
run_in_background(lambda: time.sleep(1.0), print)  # still running when the app has gone
QTimer.singleShot(100, app.quit)
app.exec()
print("quit")
"""


def test_quitting_while_a_background_call_runs_prints_nothing(tmp_path) -> None:
    """PySide deletes the call object at exit; the late result is not emitted from it (that
    printed "RuntimeError: Signal source has been deleted" and a traceback as the app quit)."""
    import os
    import subprocess
    import sys

    script = tmp_path / "quit.py"
    script.write_text(QUIT_WHILE_A_CALL_RUNS)
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "quit"
    assert "Traceback" not in done.stderr and "deleted" not in done.stderr, done.stderr


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_termination_signal_closes_the_app_as_its_close_button_does(tmp_path, signum) -> None:
    """The real app, idle on Home, is sent the signal a terminal, `kill` or a logout sends: it
    closes and exits 0 (before, SIGTERM ended it on the spot and Ctrl+C did nothing until some
    Python code ran, which then showed the KeyboardInterrupt as an error)."""
    import os
    import subprocess
    import sys
    import time

    log_file = tmp_path / "home" / "logs" / "mockinterview.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "mockinterview"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "MOCKINTERVIEW_HOME": str(tmp_path / "home"),
        },
    )
    try:
        deadline = time.monotonic() + 120
        while "termination signals close" not in (
            log_file.read_text() if log_file.exists() else ""
        ):
            assert app.poll() is None and time.monotonic() < deadline, app.stderr.read()
            time.sleep(0.2)
        app.send_signal(signum)
        _, stderr = app.communicate(timeout=60)
    finally:
        app.kill()
    assert app.returncode == 0, stderr
    assert f"{signal.Signals(signum).name} received: closing the window" in log_file.read_text()
    assert "Traceback" not in stderr and "leaked" not in stderr, stderr


def test_error_message_shows_in_the_window(window) -> None:
    window.show_error("Camera 0 gave no picture.")
    assert window.error_label.isVisible()
    assert window.error_label.text() == "Camera 0 gave no picture."


def test_an_error_takes_the_height_of_its_lines_not_a_narrow_guess(window, qtbot) -> None:
    """One line of error stood 116 px tall in the status bar of a 1366 px window."""
    window.resize(1366, 768)
    window.show_error(
        "Nothing reaches MockInterview from the microphone: it sent pure digital silence for "
        "8 s, not even the room's noise. Check that it is not muted and is the input selected."
    )
    label = window.error_label
    qtbot.waitUntil(lambda: label.height() == label.heightForWidth(label.width()), timeout=3000)
    line = label.fontMetrics().lineSpacing()
    assert label.height() < 3 * line + 30, (label.height(), line)  # one line and its padding
    window.resize(700, 768)  # narrower: more lines, none cut off
    qtbot.waitUntil(lambda: label.height() == label.heightForWidth(label.width()), timeout=3000)


def test_export_buttons_match_the_core_formats(window) -> None:
    from mockinterview.core.report.export import FORMATS
    from mockinterview.gui.pages.report_page import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS
    assert list(window.report.export_buttons) == list(FORMATS)


def test_transcript_follows_the_theme(window, qtbot, stored_session) -> None:
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(stored_session)
    tab = window.report.tabs.widget(1)
    window.set_theme("dark")
    qtbot.waitUntil(lambda: "#e6e8ee" in tab.transcript.toHtml(), timeout=5000)
    window.set_theme("light")
    qtbot.waitUntil(lambda: "#1d2330" in tab.transcript.toHtml(), timeout=5000)


def test_a_bug_in_a_slot_is_shown_not_printed(window, qtbot, monkeypatch) -> None:
    import sys

    from PySide6.QtCore import QTimer

    monkeypatch.setattr(sys, "excepthook", window.report_unexpected)

    def broken_slot() -> None:
        raise ValueError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: window.error_label.isVisible(), timeout=5000)
    assert window.error_label.text().startswith("Unexpected error: ValueError: a bug in a slot")


def test_question_text_can_be_hidden(window) -> None:
    page = window.rehearsal
    page.show_question.setChecked(False)
    assert page.question_label.isHidden()
    page.show_question.setChecked(True)
    assert not page.question_label.isHidden()


def test_start_pressed_before_the_rehearsal_page_exists(window, qtbot, monkeypatch) -> None:
    """Start at once after the window shows: the page's module is imported off the GUI thread,
    then the page is built and started, and the Report page is not built on the way."""
    from mockinterview.gui.pages.rehearsal_page import RehearsalPage

    started = []
    monkeypatch.setattr(  # the real start would load Whisper and MediaPipe
        RehearsalPage, "start", lambda page, bank, count, **_: started.append((page, bank, count))
    )
    assert "Rehearsal" not in window._pages
    window.start_rehearsal("general", 2)
    assert window.current_page() == "Rehearsal"  # its "Loading…" placeholder meanwhile
    assert "Report" not in window._pages
    window.start_rehearsal("behavioral", 1)  # pressed twice while importing: the last one counts
    qtbot.waitUntil(lambda: bool(started), timeout=30000)
    qtbot.wait(200)
    assert started == [(window.rehearsal, "behavioral", 1)]
    assert window.current_page() == "Rehearsal"


def test_garbage_collection_is_paused_only_while_the_app_loads(window, qtbot) -> None:
    """Paused at the first paint (a full collection on a loading thread stopped the window),
    collecting again once every page is built."""
    import gc

    from mockinterview.gui.main_window import PAGES

    qtbot.waitUntil(lambda: len(window._pages) == len(PAGES), timeout=60000)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what loaded is no longer scanned
