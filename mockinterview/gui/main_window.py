"""The main window: a navigation list on the left and one page at a time on the right.

The window is built from cheap widgets only, so it appears at once; the Whisper and MediaPipe
models are loaded on a pool thread right after it is shown (status bar says so), and the
rehearsal waits for them instead of the window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from mockinterview.core.paths import assets_dir, config_file, data_dir
from mockinterview.core.session.store import SessionStore, now_iso
from mockinterview.core.settings import Settings
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.pages.history_page import HistoryPage
from mockinterview.gui.pages.home_page import HomePage
from mockinterview.gui.pages.rehearsal_page import RehearsalPage
from mockinterview.gui.pages.report_page import ReportPage
from mockinterview.gui.pages.selfcheck_page import SelfCheckPage
from mockinterview.gui.pages.settings_page import SettingsPage
from mockinterview.gui.theme import apply_theme
from mockinterview.gui.workers import readable_error

log = logging.getLogger(__name__)

PAGES = ("Home", "Rehearsal", "Report", "History", "Self-check", "Settings")
MINIMUM_SIZE = QSize(1024, 640)  # fits a 1366x768 laptop screen with its panel and title bar


def gui_state() -> QSettings:
    """Window-only state (theme, geometry) in the data folder, next to the user's sessions."""
    return QSettings(str(data_dir() / "gui.ini"), QSettings.Format.IniFormat)


def app_icon() -> QIcon:
    """The packaged icon; an empty icon when the assets folder lacks it (the window still opens)."""
    icon = QIcon()
    folder = assets_dir() / "icons"
    for png in sorted(folder.glob("mockinterview-*.png")):
        icon.addFile(str(png))
    svg = folder / "mockinterview.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings,
        config_path: Path | None = None,
        load_models: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.config_path = config_path or config_file()
        self.state = gui_state()
        self.setWindowTitle("MockInterview")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(1280, 720)

        # One store for the whole window, opened (and migrated) here before any worker uses it.
        self.store = SessionStore()
        self.models = ModelLoader(settings.whisper, self)
        self.models.status.connect(self.statusBar().showMessage)
        self.models.failed.connect(self.show_error)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name in PAGES:
            self.navigation.addItem(QListWidgetItem(name))
        self.stack = QStackedWidget()

        self.home = HomePage(settings, self.store)
        self.rehearsal = RehearsalPage(settings, self.models, self.store)
        self.report = ReportPage(self.store, settings)
        self.history = HistoryPage(self.store, settings)
        self.selfcheck = SelfCheckPage(settings, self.config_path, data_dir())
        self.settings_page = SettingsPage(
            settings, self.config_path, str(self.state.value("theme", "system"))
        )
        pages = (self.home, self.rehearsal, self.report, self.history, self.selfcheck)
        for page in (*pages, self.settings_page):
            self.stack.addWidget(page)

        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.home.start_requested.connect(self.start_rehearsal)
        self.home.practice.start_requested.connect(self.start_questions)
        self.report.practise_requested.connect(self.practise_habit)
        self.rehearsal.finished.connect(self.open_session)
        self.rehearsal.error.connect(self.show_error)
        self.history.open_requested.connect(self.open_session)
        self.history.retake_requested.connect(self.retake_question)
        self.history.error.connect(self.show_error)
        self.report.error.connect(self.show_error)
        self.settings_page.saved.connect(self.apply_settings)
        self.selfcheck.settings_changed.connect(self.apply_settings)
        self.selfcheck.settings_changed.connect(self.settings_page.load_thresholds)
        self.selfcheck.error.connect(self.show_error)
        self.settings_page.theme_changed.connect(self.set_theme)
        self.home.recovery.recovered.connect(self.open_session)
        self.home.recovery.discarded.connect(self._session_discarded)
        self.home.recovery.error.connect(self.show_error)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.error_label, 1)
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.setInterval(15000)  # ms an error stays up: long enough to read twice
        self._error_timer.timeout.connect(self.error_label.hide)

        for index, key in enumerate(f"Ctrl+{n}" for n in range(1, len(PAGES) + 1)):
            QShortcut(QKeySequence(key), self, lambda i=index: self.show_page(PAGES[i]))
        self.show_page("Home")
        # After the window is shown, never before: a crash's leftovers are offered on Home.
        QTimer.singleShot(0, self.home.recovery.check)
        if load_models:
            QTimer.singleShot(0, self.models.start)

    def show_page(self, name: str) -> None:
        self.navigation.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def show_error(self, message: str) -> None:
        """Worker errors land here as one readable line (the traceback, if any, is in the log)."""
        log.warning("shown to the user: %s", message)
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self._error_timer.start()

    def report_unexpected(self, kind: type, exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook for the GUI: a bug in a slot is logged with its traceback and shown as
        one line in the window; the app keeps running instead of printing to the terminal."""
        log.error("unexpected error", exc_info=(kind, exc, tb))
        self.show_error(readable_error(exc))

    def start_rehearsal(self, bank: str, count: int) -> None:
        self.report.focus_key = ""  # a retake that failed to start is no longer pending
        self.show_page("Rehearsal")
        self.rehearsal.start(bank, count)

    def retake_question(self, bank: str, question_id: str) -> None:
        self.start_questions(bank, [question_id])

    def start_questions(self, bank: str, question_ids: list[str], focus: str = "") -> None:
        """Rehearse exactly these questions of `bank`, in this order (a retake, today's plan)."""
        if not focus:
            self.report.focus_key = ""
        self.show_page("Rehearsal")
        self.rehearsal.start(bank, len(question_ids), question_ids=tuple(question_ids), focus=focus)

    def practise_habit(self, bank: str, question_id: str, key: str, focus: str) -> None:
        """A report tip's "practise this now": re-ask its worst question with its nudge shown;
        the retake's report then shows that habit's before and after."""
        self.report.focus_key, self.report.focus_since = key, now_iso()
        self.start_questions(bank, [question_id], focus)

    def open_session(self, session_id: str) -> None:
        # Home and History reread the store when next shown, not now: the report being built
        # is what the person is waiting for.
        self.history.stale = self.home.stale = True
        self.report.load_session(session_id)
        self.show_page("Report")

    def _session_discarded(self, _session_id: str) -> None:
        self.history.stale = True
        self.home.refresh()  # the discarded session may be the "last session" shown there

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.home.settings = settings
        self.rehearsal.apply_settings(settings)
        self.report.settings = settings
        self.history.settings = settings
        self.history.stale = True  # its numbers are judged against the bands just saved
        self.selfcheck.settings = settings
        self.models.set_whisper(settings.whisper)
        self.statusBar().showMessage("Settings saved.", 5000)

    def set_theme(self, theme: str) -> None:
        self.state.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.history.draw_charts()  # QtCharts has its own themes; follow the palette

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-session ends it cleanly: what was recorded is kept and committed."""
        self.rehearsal.shutdown()
        self.selfcheck.shutdown()
        self.models.wait()
        super().closeEvent(event)
