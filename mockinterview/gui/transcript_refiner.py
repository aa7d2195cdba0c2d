"""Refine a finished session's live transcripts in the background (core/session/refine.py).

It runs on its own thread with its own Whisper model: the window's model serves the rehearsal,
the microphone check and imports, and a Transcriber is not for two callers at once. The model is
loaded when a session first has an answer to decode, kept while sessions queue up, and let go
when the queue is empty. It yields to the work the person waits on, a rehearsal, the self-check
or an import (`pause`, `hold`): the answer being decoded is given up within about one Whisper
segment (asr.Cancelled) and stays live, and is taken up again when that work is over (`resume`)
or a report opens, so what it or a closed window cut short is done later. Once
the window's models are loaded it also works through the stored sessions that still hold live
answers (`refine_stored`), the report being read first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:
    from mockinterview.core.session.refine import RefinedAnswer
    from mockinterview.core.speech.asr import Transcriber

log = logging.getLogger(__name__)


class TranscriptRefiner(QObject):
    """Emits `progress(session_id, text)` as it goes and when it is done (for the status bar and
    the report of that session), and `refined(session_id)` once answers of it were stored anew."""

    progress = Signal(str, str)
    refined = Signal(str)

    def __init__(self, store: SessionStore, settings: Callable[[], Settings], parent: QObject):
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()  # set while paused: the job gives its answer up
        self._holds: set[str] = set()  # who paused it ("rehearsal", "self-check", "import")
        self._running: str | None = None
        self._done: set[str] = set()  # refined (or found nothing to refine) in this run
        self._next: str | None = None  # asked for while another was under way
        self._backlog = False  # go on with the stored sessions that hold live answers
        # Loaded on the worker thread for the settings it was loaded with; kept between the
        # sessions of one queue (a model per session cost 0.4-0.7 s each), let go after it.
        self._transcriber: tuple[Settings, Transcriber] | None = None
        # The window closed: its widgets (this object too) may be deleted before the call's
        # result arrives, and emitting from a deleted object raises on whichever thread.
        self._closed = False

    @property
    def running(self) -> bool:
        return self._running is not None

    @property
    def paused(self) -> bool:
        return bool(self._holds)

    def refine(self, session_id: str) -> None:
        """Decode the session's live answers again: now, or next when another is under way
        or the refiner is paused (a report was opened: its session goes before the rest of
        the backlog)."""
        if session_id in self._done or self._closed:
            return
        if self._running is not None or self._holds:
            if session_id != self._running:
                self._next = session_id
            return
        self._start(session_id)

    def refine_stored(self) -> None:
        """Then every stored session that still holds live answers, newest first, one after
        another: a session whose report is never opened again still feeds History and the
        trends, which should read the better transcript too."""
        self._backlog = True
        if self._running is None:
            self._start_next()

    def _start_next(self) -> None:
        if self._closed or self._holds:
            return
        following, self._next = self._next, None
        if following is None and self._backlog:
            following = next(
                (s for s in self._store.sessions_with_live_answers() if s not in self._done), None
            )
        if following is not None:
            self._start(following)
        else:
            self._transcriber = None

    def _start(self, session_id: str) -> None:
        # Imported when first needed: it brings numpy and OpenCV, which the window must not
        # wait for at startup (tests/test_gui_startup.py).
        from mockinterview.core.session.refine import refine_session

        self._stop.clear()
        self._running = session_id
        store, settings = self._store, self._settings()
        # Whether this job saw a pause: then the session is not done, even if the pause is
        # over before its result reaches the GUI thread.
        told = threading.Event()

        def stop() -> bool:
            if self._stop.is_set():
                told.set()
            return told.is_set()

        def job() -> tuple[list[RefinedAnswer], bool]:
            refined = refine_session(
                store,
                session_id,
                settings,
                lambda: self._loaded(settings, stop),
                lambda line: self._report(session_id, line),
                stop,
            )
            return refined, told.is_set()

        run_in_background(job, self._finished, self._failed, self._pool)

    def _loaded(self, settings: Settings, stop: Callable[[], bool]) -> Transcriber:
        """The refiner's Transcriber for `settings` (on the worker thread), loaded if need be,
        giving its decoding up when the job's `stop` says so."""
        if self._transcriber is None or self._transcriber[0] != settings:
            from mockinterview.core.speech.asr import Transcriber

            self._transcriber = (settings, Transcriber.from_settings(settings))
        transcriber = self._transcriber[1]
        transcriber.cancelled = stop
        return transcriber

    def pause(self, by: str) -> None:
        """Work `by` ("rehearsal", "self-check", "import") needs the cores: give up the answer being
        decoded (within a Whisper segment); it and the rest stay live until every pause is
        over (`resume`)."""
        self._holds.add(by)
        self._stop.set()

    def resume(self, by: str) -> None:
        """The work `by` is over: once no other holds it, go on with the queue: a report
        asked for meanwhile (`refine`) first, else the session `pause` gave up. A rehearsal
        ends when its report opens, after the self-check that it hid has said it ended."""
        self._holds.discard(by)
        if self._holds or self._closed:
            return
        self._stop.clear()
        if self._running is None:
            self._start_next()

    def hold(self, by: str, busy: bool) -> None:
        """`pause(by)` while `busy`, `resume(by)` once not: for a page's busy(bool) signal (the
        self-check analysing each camera frame as it comes, an import behind its progress bar)."""
        if busy:
            self.pause(by)
        else:
            self.resume(by)

    def wait(self, timeout_ms: int = 30000) -> None:
        """The window closes: the answer being decoded is given up, no result is reported."""
        self._closed = True
        self._stop.set()
        self._pool.waitForDone(timeout_ms)

    def _report(self, session_id: str, line: str) -> None:
        if not self._closed:
            self.progress.emit(session_id, line)

    def _finished(self, result: tuple[list[RefinedAnswer], bool]) -> None:
        refined, gave_up = result
        session_id, self._running = self._running, None
        if session_id is None or self._closed:
            return
        if not gave_up:
            self._done.add(session_id)
        elif self._next is None:
            self._next = session_id  # paused: taken up again after the report asked for
        if refined:
            from mockinterview.core.session.refine import refinement_summary

            log.info("session %s: %d transcript(s) refined", session_id, len(refined))
            self.progress.emit(session_id, refinement_summary(refined))
            self.refined.emit(session_id)
        else:  # stopped before the first answer: the line shown must not stay "refining"
            self.progress.emit(session_id, "")
        self._start_next()

    def _failed(self, message: str) -> None:
        session_id, self._running = self._running, None
        if self._closed:
            return
        if session_id is not None:
            self._done.add(session_id)  # not again in this run: the live transcripts stay
        self._backlog = False  # what failed here (the model, the disk) fails for the rest too
        log.warning("refining the transcripts of %s failed: %s", session_id, message)
        self.progress.emit(
            session_id or "",
            f"The transcripts could not be refined ({message}); the live ones stay.",
        )
