"""The main window: a navigation list on the left and one page at a time on the right.

The window is built from cheap widgets only, so it appears at once: only Home is built before the
first paint, and nothing runs beside it until then. After the first paint, Home loads its banks
and last session, the Whisper and MediaPipe models load on a pool thread (status bar says so,
then "Ready to start"), and the other pages (QtCharts, the player, the camera path) are
imported, what makes no Qt class on another pool thread and the rest one module per event-loop
turn (page_imports), then built one per turn, or at once when something asks for one first.
The rehearsal waits for the models instead of the window."""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPaintEvent, QShortcut, QShowEvent
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
from mockinterview.gui.event_turns import next_turn
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.page_imports import ImportPlan, prepare_imports
from mockinterview.gui.pages.home_page import HomePage
from mockinterview.gui.theme import apply_theme
from mockinterview.gui.transcript_refiner import TranscriptRefiner
from mockinterview.gui.workers import readable_error, run_in_background

if TYPE_CHECKING:
    from mockinterview.core.speech.mic_check import MicCheck
    from mockinterview.gui.pages.history_page import HistoryPage
    from mockinterview.gui.pages.rehearsal_page import RehearsalPage
    from mockinterview.gui.pages.report_page import ReportPage
    from mockinterview.gui.pages.selfcheck_page import SelfCheckPage
    from mockinterview.gui.pages.settings_page import SettingsPage

log = logging.getLogger(__name__)

PAGES = ("Home", "Rehearsal", "Report", "History", "Self-check", "Settings")
# Built after the first paint, in this order: a rehearsal is the likeliest next step.
LATER_PAGES = ("Rehearsal", "History", "Settings", "Report", "Self-check")
PAGE_MODULES = {
    "Rehearsal": "mockinterview.gui.pages.rehearsal_page",
    "Report": "mockinterview.gui.pages.report_page",
    "History": "mockinterview.gui.pages.history_page",
    "Self-check": "mockinterview.gui.pages.selfcheck_page",
    "Settings": "mockinterview.gui.pages.settings_page",
}


def _prepare_later_pages() -> ImportPlan:
    """On a pool thread: the later pages' imports that make no Qt class (page_imports)."""
    plan = prepare_imports([PAGE_MODULES[name] for name in LATER_PAGES])
    # The frozen bundle's smoke test reads this: an empty plan there means the GUI's sources did
    # not travel with it, and each page would be imported in one GUI-thread turn.
    log.debug("later pages' imports planned: %d Qt-free, %d Qt", len(plan.qt_free), len(plan.qt))
    return plan


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


class StatusLine(QLabel):
    """A word-wrapped label kept as tall as its text at its width. The status bar sizes a plain
    one for a narrow guess at its width: one line of error stood 116 px tall there."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # narrower: more lines; wider: fewer

    def _fit(self) -> None:
        height = self.heightForWidth(self.width())
        if height > 0:  # -1 before the label has a width
            self.setFixedHeight(height)


class MainWindow(QMainWindow):
    page_built = Signal(str)  # a page's name, once built (benchmarks inject hardware then)

    def __init__(
        self,
        settings: Settings,
        config_path: Path | None = None,
        load_models: bool = True,
    ) -> None:
        super().__init__()
        self.created_at = time.monotonic()
        self.ready_after_s: float | None = None  # window creation to "Ready to start"
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
        if load_models:
            self.models.read_tokenizer()  # before the window shows: it holds the GIL ~0.1 s
        self.models.status.connect(self.statusBar().showMessage)
        self.models.failed.connect(self.show_error)
        self.models.ready.connect(self._models_ready)
        # A finished session's live transcripts, decoded again from the whole answers.
        self.refiner = TranscriptRefiner(self.store, lambda: self.settings, self)
        self.refiner.progress.connect(self._refining)
        self.refiner.refined.connect(self._transcripts_refined)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name in PAGES:
            self.navigation.addItem(QListWidgetItem(name))
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._refining_line = ("", "")  # the refiner's last line and the session it is about
        self._refining_status = ""  # that line as the status bar shows it, while it does
        for _name in PAGES:  # placeholders until each page is built
            placeholder = QLabel("Loading…")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setProperty("role", "hint")
            self.stack.addWidget(placeholder)
        self.home = self._page("Home")
        self.navigation.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.error_label = StatusLine()
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
        self._load_models = load_models
        self._started = False
        self._pages_started = False
        self._import_pool = QThreadPool(self)  # waited for on close: no import at exit
        self._rehearsal_importing = False
        self._start_waiting: Callable[[RehearsalPage], None] | None = None
        self._closing = False
        self._collection_paused = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._started:
            QTimer.singleShot(0, self._after_first_paint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(1000, self._after_first_paint)  # in case no paint comes (minimised)

    def _after_first_paint(self) -> None:
        """Everything that would compete with the first paint for the two cores starts now:
        Home's banks, devices and last session, the crash check (a crash's leftovers are offered
        on Home), the models, and the other pages. Not once the window is closing: a close
        in its first second (a logout, Ctrl+C) came before this, and the models then loaded on
        a thread while the interpreter shut down ("can't register atexit after shutdown")."""
        if self._started or self._closing:
            return
        self._started = True
        self._pause_collection()
        self.home.refresh()
        self.home.recovery.check()
        if self._load_models:
            # The pages' imports would compete with the models' for the two cores: after them
            # (a page asked for sooner is built at once).
            self.models.ready.connect(self._build_later_pages)
            self.models.failed.connect(lambda _message: self._build_later_pages())
            self.models.start()
        else:
            self._build_later_pages()

    def _pause_collection(self) -> None:
        """No garbage collection while the models, modules and pages load: a full collection
        started on a loading thread stops every thread, and stopped the window for 0.5 s on 2
        cores. Loading leaves little garbage (about 3,000 objects)."""
        if gc.isenabled():
            gc.disable()
            self._collection_paused = True

    def _resume_collection(self) -> None:
        """Loading is over: what it made lives as long as the app, so it is frozen (never
        scanned again: a later full collection, at "finished" say, walks only newer objects).
        Only the process's first window freezes: a later one (tests make many) would freeze
        its predecessors' uncollected garbage for good."""
        if self._collection_paused:
            self._collection_paused = False
            if gc.get_freeze_count() == 0:
                gc.freeze()
            gc.enable()

    # -- pages, built when first needed ------------------------------------------------------

    @property
    def rehearsal(self) -> RehearsalPage:
        return self._page("Rehearsal")

    @property
    def report(self) -> ReportPage:
        return self._page("Report")

    @property
    def history(self) -> HistoryPage:
        return self._page("History")

    @property
    def selfcheck(self) -> SelfCheckPage:
        return self._page("Self-check")

    @property
    def settings_page(self) -> SettingsPage:
        return self._page("Settings")

    def _page(self, name: str) -> QWidget:
        page = self._pages.get(name)
        if page is None:
            page = self._pages[name] = self._build_page(name)
            index = PAGES.index(name)
            current = self.stack.currentIndex()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self.page_built.emit(name)
        return page

    def _build_page(self, name: str) -> QWidget:
        started = time.monotonic()
        settings, store = self.settings, self.store
        if name == "Home":
            page = HomePage(settings, store, load_now=False)
            page.start_requested.connect(self.start_rehearsal)
            page.recording_imported.connect(self.open_session)
            page.importing.connect(partial(self.refiner.hold, "import"))
            page.practice.start_requested.connect(self.start_questions)
            page.recovery.recovered.connect(self.open_session)
            page.recovery.discarded.connect(self._session_discarded)
            page.recovery.error.connect(self.show_error)
            page.mic_check.finished.connect(self._room_measured)
            page.mic_check.whisper = lambda: self.models.whisper
        elif name == "Rehearsal":
            from mockinterview.gui.pages.rehearsal_page import RehearsalPage

            page = RehearsalPage(settings, self.models, store)
            page.finished.connect(self.open_session)
            page.interrupted.connect(self.offer_recovery)
            page.error.connect(self.show_error)
            page.stopped.connect(lambda: self.refiner.resume("rehearsal"))
        elif name == "Report":
            from mockinterview.gui.pages.report_page import ReportPage

            page = ReportPage(store, settings)
            page.error.connect(self.show_error)
            page.practise_requested.connect(self.practise_habit)
            page.loaded.connect(self._refine_transcripts)
            page.importing.connect(partial(self.refiner.hold, "import"))
        elif name == "History":
            from mockinterview.gui.pages.history_page import HistoryPage

            page = HistoryPage(store, settings)
            page.open_requested.connect(self.open_session)
            page.retake_requested.connect(self.retake_question)
            page.recording_imported.connect(self.open_session)
            page.importing.connect(partial(self.refiner.hold, "import"))
            page.error.connect(self.show_error)
        elif name == "Self-check":
            from mockinterview.gui.pages.selfcheck_page import SelfCheckPage

            page = SelfCheckPage(settings, self.config_path, data_dir())
            page.settings_changed.connect(self.apply_settings)
            page.settings_changed.connect(self._thresholds_changed)
            page.error.connect(self.show_error)
            page.running.connect(partial(self.refiner.hold, "self-check"))
        else:
            from mockinterview.gui.pages.settings_page import SettingsPage

            theme = str(self.state.value("theme", "system"))
            page = SettingsPage(settings, self.config_path, theme)
            page.saved.connect(self.apply_settings)
            page.theme_changed.connect(self.set_theme)
        log.debug("%s page built in %.3f s", name, time.monotonic() - started)
        return page

    def _build_later_pages(self) -> None:
        """Import the other pages off the GUI thread, then build one per event-loop turn."""
        if self._pages_started:  # the models load again after a Whisper setting changed
            return
        self._pages_started = True

        def build_next() -> None:
            # The imports finish on a pool thread: the window may have closed meanwhile.
            if not shiboken6.isValid(self.stack):
                return
            missing = [name for name in LATER_PAGES if name not in self._pages]
            if missing:
                self._page(missing[0])
            if len(missing) > 1:
                next_turn(self, build_next)  # dropped if the window goes first
            else:
                self._resume_collection()  # with the last page, not a turn later

        def import_failed(message: str) -> None:
            self.show_error(message)
            self._resume_collection()  # no pages to wait for: collect garbage again

        run_in_background(
            _prepare_later_pages,
            lambda plan: self._import_qt_modules(plan.qt, build_next, import_failed),
            import_failed,
            self._import_pool,
        )

    def _import_qt_modules(
        self, modules: list[str], then: Callable[[], None], failed: Callable[[str], None]
    ) -> None:
        """Import `modules` on this (the GUI) thread, one per event-loop turn (page_imports says
        why), then call `then`: 10-70 ms a turn, where all at once held the window 0.2 s. A
        module that fails to import (a broken installation) goes to `failed` as one readable
        line, as a failure on the pool thread does."""
        if not shiboken6.isValid(self.stack):  # the window closed while they were prepared
            return
        pending = [name for name in modules if name not in sys.modules]
        if not pending:
            then()
            return
        try:
            importlib.import_module(pending[0])
        except Exception as exc:
            failed(readable_error(exc))
            return
        next_turn(self, lambda: self._import_qt_modules(pending[1:], then, failed))

    def _show_row(self, row: int) -> None:
        self.stack.setCurrentWidget(self._page(PAGES[row]))
        self._show_refining()

    def _models_ready(self) -> None:
        """The first time the models are loaded, the app is ready to start a rehearsal."""
        if self.ready_after_s is None:
            self.ready_after_s = time.monotonic() - self.created_at
            log.info("ready to start %.1f s after the window was created", self.ready_after_s)
            # For 10 s: left up, it still said "Ready to start" well into a rehearsal.
            # "Ready to start (in 10.1 s)" read as a countdown
            self.statusBar().showMessage(
                f"Ready to start (the models loaded in {self.ready_after_s:.1f} s).", 10000
            )
            if not self._closing:  # the answers a closed window or a rehearsal left live
                self.refiner.refine_stored()

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

    def _room_measured(self, check: MicCheck) -> None:
        """Home's microphone check measured the room: rehearsals judge voice against it from
        their first answer's first block (core/speech/room.py)."""
        self.rehearsal.room_floor_dbfs = check.noise_floor_dbfs

    def start_rehearsal(self, bank: str, count: int) -> None:
        if "Report" in self._pages:  # a Report not built yet has no retake pending
            self.report.focus_key = ""  # a retake that failed to start is no longer pending
        self._start_on_rehearsal_page(lambda page: page.start(bank, count))

    def retake_question(self, bank: str, question_id: str) -> None:
        self.start_questions(bank, [question_id])

    def start_questions(self, bank: str, question_ids: list[str], focus: str = "") -> None:
        """Rehearse exactly these questions of `bank`, in this order (a retake, today's plan)."""
        if not focus and "Report" in self._pages:
            self.report.focus_key = ""
        ids = tuple(question_ids)
        self._start_on_rehearsal_page(
            lambda page: page.start(bank, len(ids), question_ids=ids, focus=focus)
        )

    def _start_on_rehearsal_page(self, start: Callable[[RehearsalPage], None]) -> None:
        """Show the Rehearsal page and call `start` on it. Start pressed before the page exists
        (the models still load) imports what it needs that makes no Qt class on a pool thread
        first: on the GUI thread that part froze the window for a quarter of a second on 2
        cores."""
        self.refiner.pause("rehearsal")  # the two cores are the rehearsal's now
        if "Rehearsal" in self._pages or self._closing:
            self.show_page("Rehearsal")
            start(self.rehearsal)
            return
        self._start_waiting = start  # a second click while importing replaces the first
        self.stack.setCurrentIndex(PAGES.index("Rehearsal"))  # its placeholder says "Loading"
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(PAGES.index("Rehearsal"))
        self.navigation.blockSignals(False)
        if self._rehearsal_importing:
            return
        self._rehearsal_importing = True

        def imported() -> None:
            self._rehearsal_importing = False
            start, self._start_waiting = self._start_waiting, None
            if start is None or not shiboken6.isValid(self.stack) or self._closing:
                return
            self.show_page("Rehearsal")
            start(self.rehearsal)

        def import_failed(message: str) -> None:
            # Not left "importing": the next Start tries again instead of waiting for nothing.
            self._rehearsal_importing = False
            self._start_waiting = None
            self.refiner.resume("rehearsal")
            self.show_error(message)

        run_in_background(
            lambda: prepare_imports([PAGE_MODULES["Rehearsal"]]),
            lambda plan: self._import_qt_modules(plan.qt, imported, import_failed),
            import_failed,
            self._import_pool,
        )

    def practise_habit(self, bank: str, question_id: str, key: str, focus: str) -> None:
        """A report tip's "practise this now": re-ask its worst question with its nudge shown;
        the retake's report then shows that habit's before and after."""
        self.report.focus_key, self.report.focus_since = key, now_iso()
        self.start_questions(bank, [question_id], focus)

    def open_session(self, session_id: str) -> None:
        self._stored_sessions_changed()
        self.report.load_session(session_id)
        self.show_page("Report")

    def _refine_transcripts(self, session_id: str) -> None:
        """A report opened: its session's live transcripts are decoded again from the whole
        answers (core/session/refine.py), unless a rehearsal has the cores."""
        rehearsing = "Rehearsal" in self._pages and self.rehearsal.running
        if self._load_models and not rehearsing and not self._closing:
            self.refiner.refine(session_id)
            self.refiner.resume("rehearsal")  # over, if one was on: this session goes first

    def _stored_sessions_changed(self) -> None:
        """Home and History reread the store when next shown, not now: the report being built
        is what the person is waiting for."""
        self.home.stale = True
        if "History" in self._pages:  # a History not built yet reads the store when built
            self.history.stale = True

    def _refining(self, session_id: str, line: str) -> None:
        """The refiner's progress, on the report of that session (the one whose figures are
        about to change) and in the status bar; another session is named in the status bar."""
        self._refining_line = (session_id, line)
        if "Report" in self._pages:
            self.report.show_refinement(session_id, line)
        self._show_refining()

    def _show_refining(self) -> None:
        """The refiner's line in the status bar, but not under the report that shows it above
        its figures: the same sentence twice, a window's height apart."""
        session_id, line = self._refining_line
        held = "Report" in self._pages and self.report.showing(session_id)
        status = self.statusBar()
        if line and not (held and self.current_page() == "Report"):
            self._refining_status = line if held else f"Session {session_id}: {line}"
            status.showMessage(self._refining_status)
        elif self._refining_status:
            if status.currentMessage() == self._refining_status:  # not another page's message
                status.clearMessage()
            self._refining_status = ""

    def _transcripts_refined(self, session_id: str) -> None:
        self._stored_sessions_changed()
        # Refined from the backlog before the Report page was built: nothing to rebuild.
        if "Report" in self._pages and self.report.showing(session_id):
            self.report.reload()

    def offer_recovery(self, _session_id: str) -> None:
        """A session that stopped unfinished (a full disk) is offered on Home at once, as a crash's
        is at the next start: its last answer is on disk but not yet analysed."""
        self.home.stale = True
        self.home.recovery.check()
        self.show_page("Home")

    def _session_discarded(self, _session_id: str) -> None:
        if "History" in self._pages:
            self.history.stale = True
        self.home.refresh()  # the discarded session may be the "last session" shown there

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.home.settings = settings
        if "Rehearsal" in self._pages:  # pages built later take the new settings then
            self.rehearsal.apply_settings(settings)
        if "Report" in self._pages:
            self.report.settings = settings
        if "History" in self._pages:
            self.history.settings = settings
            self.history.stale = True  # its numbers are judged against the bands just saved
        if "Self-check" in self._pages:
            self.selfcheck.settings = settings
        self.models.set_whisper(settings.whisper)
        self.statusBar().showMessage("Settings saved.", 5000)

    def _thresholds_changed(self, settings: Settings) -> None:
        """The self-check saved personal thresholds: a built Settings page shows them."""
        if "Settings" in self._pages:
            self.settings_page.load_thresholds(settings)

    def set_theme(self, theme: str) -> None:
        self.state.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        if "History" in self._pages:
            self.history.draw_charts()  # QtCharts has its own themes; follow the palette

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-session ends it cleanly: what was recorded is kept and committed."""
        self._closing = True
        if "Rehearsal" in self._pages:
            self.rehearsal.shutdown()
        if "Self-check" in self._pages:
            self.selfcheck.shutdown()
        if "Report" in self._pages:
            self.report.shutdown()
        self.models.wait()
        self.refiner.wait()  # the answer being decoded is given up; it and the rest stay live
        self._import_pool.waitForDone(30000)
        self._resume_collection()  # closed before the pages were all built
        super().closeEvent(event)
