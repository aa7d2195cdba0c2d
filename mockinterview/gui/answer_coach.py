"""Under an answer in the report: the language model's follow-up and a stronger version.

Shown only when a language model is set. On request (a click: it takes tens of seconds on a
laptop CPU) the model is loaded on a pool thread, asked for a follow-up phrased from what was
actually said and for "a stronger version of your answer" that keeps the person's own facts.
Its text streams in as it comes and Cancel stops it; what is finally shown has passed its check
(core/llm/prompts.py), otherwise the deterministic follow-up is shown and the rewrite is
withheld, with the reasons.
"""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from mockinterview.core.llm.interviewer import Outcome
from mockinterview.core.report.model import AnswerReport
from mockinterview.core.settings import LlmSettings
from mockinterview.gui.workers import run_in_background

GENERIC_FOLLOW_UP = "Can you give me a concrete example of that from your own work?"


class _Relay(QObject):
    token = Signal(str)
    status = Signal(str)


def _coach(
    answer: AnswerReport, fallback: str, llm: LlmSettings, relay: _Relay, cancel: threading.Event
) -> tuple[Outcome, Outcome] | None:
    from mockinterview.core.llm.catalog import resolve_llm_model
    from mockinterview.core.llm.interviewer import follow_up, rewrite
    from mockinterview.core.llm.prompts import follow_up_focus
    from mockinterview.core.llm.runtime import Cancelled, LocalModel

    path = resolve_llm_model(llm.model)
    if path is None:
        return None
    try:
        model = LocalModel.load(path, llm.threads, llm.context, relay.status.emit, cancel)
    except Cancelled:
        return None
    try:
        relay.status.emit("The model is writing a follow-up question…")
        relay.token.emit("Follow-up: ")
        chosen = answer.follow_up  # the analysis's follow-up: the model words the same gap
        focus = follow_up_focus(chosen.reason, chosen.point) if chosen else ""
        asked = follow_up(
            model,
            answer.question,
            answer.transcript,
            fallback,
            relay.token.emit,
            cancel,
            focus,
            lambda: relay.token.emit(" (refused; another try:) "),
        )
        relay.status.emit("The model is writing a stronger version of your answer…")
        relay.token.emit("\n\nStronger version: ")
        better = rewrite(model, answer.question, answer.transcript, relay.token.emit, cancel)
    except Cancelled:
        return None
    finally:
        model.close()
    return asked, better


def outcome_html(asked: Outcome, better: Outcome) -> str:
    """What the panel finally shows: checked text only, and why anything was withheld."""
    parts = [f"<p><b>Follow-up question</b>: {html.escape(asked.text)}"]
    if asked.from_model:
        parts.append(" <i>(phrased by the model from your answer; checked)</i></p>")
    else:
        reasons = "; ".join(asked.problems)
        parts.append(f" <i>(the built-in follow-up: the model's was refused: {reasons})</i></p>")
    if better.from_model:
        parts.append(
            "<p><b>A stronger version of your answer</b> (your facts, better told; no new "
            f"numbers or names):</p><blockquote>{html.escape(better.text)}</blockquote>"
        )
    else:
        parts.append(
            "<p><b>A stronger version of your answer</b>: not shown, the model's version failed "
            f"its check ({html.escape('; '.join(better.problems))}).</p>"
        )
    return "".join(parts)


class AnswerCoach(QGroupBox):
    """`finished()` after each run (done, refused, cancelled or failed)."""

    finished = Signal()

    def __init__(self, answer: AnswerReport, llm: LlmSettings) -> None:
        super().__init__("The language model's follow-up and a stronger version")
        self.answer = answer
        self.llm = llm
        self.fallback = answer.follow_up.text if answer.follow_up else GENERIC_FOLLOW_UP
        self.cancel = threading.Event()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.ask_button = QPushButton("Ask the model")
        self.ask_button.clicked.connect(self.ask)
        row.addWidget(self.ask_button)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel.set)
        row.addWidget(self.cancel_button)
        self.status = QLabel(f"Model: {llm.model}. It runs on this computer; nothing is sent.")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        # One box: the model's text streams into it, then the checked result replaces it.
        self.stream = QTextBrowser()
        self.stream.setMinimumHeight(140)
        self.stream.setPlaceholderText(
            "Ask the model for a follow-up phrased from this answer and a stronger version of it."
        )
        layout.addWidget(self.stream)
        self.result_html = ""
        self.relay = _Relay(self)
        self.relay.token.connect(self._append)
        self.relay.status.connect(self.status.setText)
        self.outcomes: tuple[Outcome, Outcome] | None = None
        cancel = self.cancel  # not self: the widget is gone when this runs
        self.destroyed.connect(lambda *_args: cancel.set())  # a new report stops the model

    @Slot(str)
    def _append(self, piece: str) -> None:
        self.stream.moveCursor(QTextCursor.MoveOperation.End)
        self.stream.insertPlainText(piece)
        self.stream.ensureCursorVisible()

    def _running(self, running: bool) -> None:
        self.ask_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def ask(self) -> None:
        self.cancel.clear()
        self.stream.clear()
        self.result_html = ""
        self._running(True)
        args = (self.answer, self.fallback, self.llm, self.relay, self.cancel)
        run_in_background(lambda: _coach(*args), self._done, self._failed)

    def _done(self, outcomes: tuple[Outcome, Outcome] | None) -> None:
        self._running(False)
        self.outcomes = outcomes
        if outcomes is None:
            self.status.setText("Cancelled.")
        else:
            self.status.setText("Done: only text that passed its check is shown below.")
            self.result_html = outcome_html(*outcomes)
            self.stream.setHtml(self.result_html)
        self.finished.emit()

    def _failed(self, message: str) -> None:
        self._running(False)
        self.status.setText(message)
        self.finished.emit()
