"""Home's "Practise today" panel: the short session core/report/practice_plan.py picks from the
person's history, and one button that starts it with exactly those questions."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:  # the plan imports the report model (OpenCV, the cues): on a pool thread only
    from mockinterview.core.report.practice_plan import PracticePlan

# Sessions read for the plan: the report's comparison reads as many (core/report/export.py).
PLAN_HISTORY = 50


def load_plan(store: SessionStore, settings: Settings) -> PracticePlan | None:
    """Today's plan from the stored sessions, kept to questions the bank still has."""
    from mockinterview.core.questions import load_bank
    from mockinterview.core.report.practice_plan import practice_plan

    summaries = [s for s in store.list_sessions() if s.answer_count][:PLAN_HISTORY]
    sessions = [store.session_dict(s.session_id) for s in summaries]
    if not sessions:
        return None
    latest = max(sessions, key=lambda s: (s["started_at"], s["session_id"]))
    try:
        in_bank = {q.id for q in load_bank(latest["bank"]).questions}
    except MockInterviewError:
        in_bank = set()  # the bank is gone or broken: nothing of it can be asked again
    return practice_plan(
        sessions, datetime.now(UTC), settings.delivery, settings.report, in_bank=in_bank
    )


class PracticeToday(QGroupBox):
    start_requested = Signal(str, list)  # bank, question ids in the order to ask them
    loaded = Signal()

    def __init__(self) -> None:
        super().__init__("Practise today")
        self.plan: PracticePlan | None = None
        layout = QVBoxLayout(self)
        self.label = QLabel("Reading your history…")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.label, 1)
        self.start_button = QPushButton("Start today's practice")
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)

    def refresh(self, store: SessionStore, settings: Settings) -> None:
        run_in_background(lambda: load_plan(store, settings), self.show_plan, self._failed)

    def _failed(self, message: str) -> None:
        self.label.setText(html.escape(message))
        self.start_button.setEnabled(False)
        self.loaded.emit()

    def show_plan(self, plan: PracticePlan | None) -> None:
        self.plan = plan if plan is not None and plan.questions else None
        self.start_button.setEnabled(self.plan is not None)
        if self.plan is None:
            self.label.setText(
                "After a rehearsal, a short daily session appears here: the questions you "
                "answered weakest or have not practised for longest."
            )
            self.loaded.emit()
            return
        items = "".join(
            f"<li><b>{html.escape(q.question)}</b> <span style='color:#8b92a1'>"
            f"({html.escape(q.reason)})</span></li>"
            for q in self.plan.questions
        )
        habit = self.plan.habit
        keep = (
            f"The habit to work on: <b>{html.escape(habit.title)}</b> (tip below)."
            if habit
            else "Every metric of your last session was in its band: keep it that way."
        )
        self.label.setText(f"<ol style='margin:0'>{items}</ol>{keep}")
        self.loaded.emit()

    def _start(self) -> None:
        if self.plan is not None:
            self.start_requested.emit(self.plan.bank, list(self.plan.question_ids))
