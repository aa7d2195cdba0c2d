"""The Home banner that offers to recover a session a crash interrupted.

The CLI recovers such sessions before a new rehearsal; the window must not lose them either, but
must not stop anyone at startup with a dialog: the check runs on a pool thread after the window
is shown, and the offer is a banner the person can answer whenever they like. One session is
offered at a time (a second crash is rare); answering it offers the next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from mockinterview.core.counting import counted
from mockinterview.core.session.store import SessionStore, SessionSummary, answers_stored
from mockinterview.core.settings import Settings
from mockinterview.gui.workers import run_in_background


def offer_text(summary: SessionSummary, in_progress: int = 0) -> str:
    """What the banner says about one interrupted session, in the person's local time."""
    started = datetime.fromisoformat(summary.started_at).astimezone()
    answers = answers_stored(summary.answer_count)
    if in_progress:
        answers += f" and {in_progress} in progress"
    return (
        f"A session from {started:%A %d %B, %H:%M} ({summary.bank}) was interrupted with "
        f"{answers}. Recover it to see its report, or discard it."
    )


def _interrupted(store: SessionStore) -> list[tuple[SessionSummary, int]]:
    """Each interrupted session with the number of answers a crash cut off (still to analyse)."""
    from mockinterview.core.session.answer_journal import pending

    return [(s, len(pending(store.media_dir(s.session_id)))) for s in store.interrupted_sessions()]


class RecoveryBanner(QFrame):
    """Hidden until `check()` finds interrupted sessions; emits `recovered(session_id)` after
    Recover, `discarded(session_id)` after Discard, and `error(message)` when the store fails."""

    recovered = Signal(str)
    discarded = Signal(str)
    error = Signal(str)
    checked = Signal()

    def __init__(self, store: SessionStore, settings: Callable[[], Settings]) -> None:
        super().__init__()
        self.store = store
        self.settings = settings  # read when recovering: the person may change them meanwhile
        self.pending: list[SessionSummary] = []
        self.in_progress: dict[str, int] = {}
        self.setObjectName("recoveryBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel("")
        self.label.setProperty("role", "warning")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.recover_button = QPushButton("Recover")
        self.recover_button.setProperty("role", "primary")
        self.recover_button.clicked.connect(self.recover)
        layout.addWidget(self.recover_button)
        self.discard_button = QPushButton("Discard")
        self.discard_button.clicked.connect(self.discard)
        layout.addWidget(self.discard_button)
        self.setVisible(False)

    def check(self) -> None:
        """Look for interrupted sessions on a pool thread (it takes each session's lock)."""
        run_in_background(lambda: _interrupted(self.store), self._show, self._failed)

    def _show(self, sessions: list[tuple[SessionSummary, int]]) -> None:
        self.pending = [summary for summary, _count in sessions]
        self.in_progress = {summary.session_id: count for summary, count in sessions}
        self._offer_next()
        self.checked.emit()

    def _offer_next(self) -> None:
        self._set_busy(False)
        if not self.pending:
            self.setVisible(False)
            return
        summary = self.pending[0]
        self.label.setText(offer_text(summary, self.in_progress.get(summary.session_id, 0)))
        self.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.recover_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.error.emit(message)

    def recover(self) -> None:
        """Keep the session's answers and recording, and analyse the answer the crash cut off
        (transcription takes a few seconds); the window then shows its report."""
        if not self.pending:
            return
        from mockinterview.core.session.recovery import recover_session

        session_id = self.pending[0].session_id
        settings = self.settings()
        self._set_busy(True)
        self.label.setText("Recovering: transcribing and analysing what was said…")
        run_in_background(
            lambda: recover_session(self.store, session_id, settings),
            lambda _data: self._answered(session_id, self.recovered),
            self._failed,
        )

    def discard(self) -> None:
        """Delete the session and its media, after a confirmation (it cannot be undone)."""
        if not self.pending:
            return
        summary = self.pending[0]
        answer = QMessageBox.question(
            self,
            "Discard the interrupted session",
            f"Delete the interrupted session {summary.session_id} with its "
            f"{counted(summary.answer_count, 'stored answer')} and its recording? "
            "This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._set_busy(True)
        session_id = summary.session_id
        run_in_background(
            lambda: self.store.delete_session(session_id),
            lambda _none: self._answered(session_id, self.discarded),
            self._failed,
        )

    def _answered(self, session_id: str, signal: SignalInstance) -> None:
        self.pending = [s for s in self.pending if s.session_id != session_id]
        self._offer_next()
        signal.emit(session_id)
