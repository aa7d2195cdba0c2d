"""Home: pick a question bank and how many questions, see how the last session went, start.

Banks are parsed on a pool thread: a user's own bank may be large or broken, and a broken one
must show its own message here rather than stop the window from opening.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.questions import Bank, bank_files, load_bank_file
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.headlines import SessionHeadline, session_headline
from mockinterview.gui.workers import run_in_background


def _load_banks() -> dict[str, Bank | str]:
    """Every bank by name, or the message saying why it could not be read."""
    banks: dict[str, Bank | str] = {}
    for name, path in bank_files().items():
        try:
            banks[name] = load_bank_file(path)
        except MockInterviewError as exc:
            banks[name] = str(exc)
    return banks


def _last_headline(store: SessionStore) -> SessionHeadline | None:
    for summary in store.list_sessions():
        if summary.answer_count:
            return session_headline(store.session_dict(summary.session_id))
    return None


class HomePage(QWidget):
    start_requested = Signal(str, int)
    loaded = Signal()

    def __init__(self, settings: Settings, store: SessionStore) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.banks: dict[str, Bank | str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        title = QLabel("Rehearse an interview")
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel(
            "The interviewer asks each question aloud; you answer as you would in the room. "
            "You get a report afterwards: what you said, how you said it, how you came across."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        layout.addWidget(intro)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        setup = QGroupBox("This rehearsal")
        form = QFormLayout(setup)
        self.bank_combo = QComboBox()
        self.bank_combo.setMinimumWidth(280)
        self.bank_combo.currentIndexChanged.connect(self._bank_changed)
        form.addRow("Question bank", self.bank_combo)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 30)
        self.count_spin.setValue(settings.interview.count)
        self.count_spin.setSuffix(" questions")
        form.addRow("How many", self.count_spin)
        self.bank_note = QLabel("Reading question banks…")
        self.bank_note.setWordWrap(True)
        self.bank_note.setProperty("role", "hint")
        form.addRow("", self.bank_note)
        self.start_button = QPushButton("Start rehearsal")
        self.start_button.setProperty("role", "primary")
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        form.addRow("", self.start_button)
        columns.addWidget(setup, 1)

        last = QGroupBox("Last session")
        last_layout = QVBoxLayout(last)
        self.last_label = QLabel("No session yet.")
        self.last_label.setWordWrap(True)
        self.last_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.last_label.setTextFormat(Qt.TextFormat.RichText)
        last_layout.addWidget(self.last_label, 1)
        columns.addWidget(last, 1)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        run_in_background(_load_banks, self._show_banks, self.bank_note.setText)
        store = self.store
        run_in_background(lambda: _last_headline(store), self._show_last, self.last_label.setText)

    def _show_banks(self, banks: dict[str, Bank | str]) -> None:
        self.banks = banks
        current = self.bank_combo.currentData() or self.settings.interview.bank
        self.bank_combo.blockSignals(True)
        self.bank_combo.clear()
        for name, bank in banks.items():
            label = bank.title if isinstance(bank, Bank) else f"{name} (cannot be read)"
            self.bank_combo.addItem(label, name)
        self.bank_combo.setCurrentIndex(max(0, self.bank_combo.findData(current)))
        self.bank_combo.blockSignals(False)
        self._bank_changed()
        self.loaded.emit()

    def _bank_changed(self) -> None:
        bank = self.banks.get(self.bank_combo.currentData() or "")
        if isinstance(bank, Bank):
            categories = ", ".join(bank.categories)
            self.bank_note.setText(f"{len(bank.questions)} questions ({categories}).")
            self.count_spin.setMaximum(max(1, len(bank.questions)))
            self.start_button.setEnabled(True)
        else:
            self.bank_note.setText(bank or "No question bank found.")
            self.start_button.setEnabled(False)

    def _show_last(self, headline: SessionHeadline | None) -> None:
        if headline is None:
            self.last_label.setText(
                "No session yet. After your first rehearsal, its headline numbers appear here."
            )
            return
        parts: list[Any] = [
            f"<b>{headline.started_at.astimezone():%A %d %B, %H:%M}</b> · {headline.bank} · "
            f"{headline.answer_count} answer(s)"
        ]
        if headline.wpm is not None:
            parts.append(f"Pace: {headline.wpm:.0f} words/min")
        if headline.fillers_per_100_words is not None:
            parts.append(f"Fillers: {headline.fillers_per_100_words:.1f} per 100 words")
        if headline.eye_contact_pct is not None:
            parts.append(f"Eye contact: {headline.eye_contact_pct:.0f} %")
        if headline.slouch_pct is not None:
            parts.append(f"Slouching: {headline.slouch_pct:.0f} %")
        self.last_label.setText("<br>".join(parts))

    def _start(self) -> None:
        self.start_requested.emit(self.bank_combo.currentData(), self.count_spin.value())
