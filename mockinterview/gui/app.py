"""Start the Qt application and show the main window."""

from __future__ import annotations

import os
import sys

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.platforms import display_missing_reason, request_media_access
from mockinterview.core.settings import Settings


def _drop_cv2_qt_plugin_path() -> None:
    """opencv-contrib-python (needed by mediapipe) points Qt at its own Qt 5 plugins on import.

    Qt 6 must use the plugins PySide6 ships, so that variable is removed before Qt starts.
    """
    path = os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if "cv2" in path:
        del os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"]


def _require_display() -> None:
    """Without a display Qt aborts the process with a misleading "xcb-cursor0" hint; say what is
    really wrong instead, and that the headless commands still work."""
    reason = display_missing_reason(os.environ)
    if reason:
        raise MockInterviewError(
            f"No display: {reason}, so the desktop app cannot open a window here. Start it "
            "from a desktop session, or use the headless commands (`mockinterview --help`)."
        )


def run_gui(settings: Settings) -> int:
    _require_display()
    _drop_cv2_qt_plugin_path()
    from PySide6.QtWidgets import QApplication

    from mockinterview.gui.main_window import MainWindow, app_icon, gui_state
    from mockinterview.gui.termination import TerminationWatch
    from mockinterview.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("MockInterview")
    app.setOrganizationName("MockInterview")
    app.setDesktopFileName("io.github.mockinterview.MockInterview")
    app.setWindowIcon(app_icon())
    apply_theme(app, str(gui_state().value("theme", "system")))
    window = MainWindow(settings)
    sys.excepthook = window.report_unexpected
    window.show()
    TerminationWatch(app)  # Ctrl+C, kill, logout: closed like the close button, nothing cut off
    request_media_access()  # macOS: the camera and microphone prompts, once, before any session
    return app.exec()


def show_start_error(text: str) -> None:
    """Say in a window why the app did not open: started from the Start menu, Finder or a
    desktop launcher, nothing shows what it printed (pythonw and the windowed build have no
    stderr at all), and the app just never appeared."""
    if display_missing_reason(os.environ):
        return
    _drop_cv2_qt_plugin_path()
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("MockInterview")
    QMessageBox.critical(None, "MockInterview could not start", text)


def main() -> int:
    from mockinterview.cli import main as cli_main

    return cli_main([])
