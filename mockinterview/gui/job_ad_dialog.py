"""Import a job ad: paste or open it (and a CV), build a bank for that job, save it as yours.

The work runs on a pool thread: loading a language model takes seconds and writing questions
takes minutes on a laptop CPU, so the model's text streams into the dialog as it comes and
Cancel stops it between two tokens. Without a model the bank is picked from the built-in banks
at once. The bank is saved in the user's banks folder, where Home finds it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.counting import counted
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.settings import LlmSettings
from mockinterview.gui.workers import run_in_background

DOCUMENTS = "Job ads and CVs (*.txt *.pdf *.md);;All files (*)"


@dataclass(frozen=True)
class Imported:
    name: str  # the bank's name (file stem), as Home lists it
    path: Path
    count: int
    from_model: int  # questions the model wrote (the rest are built-in picks)
    described: tuple[str, ...]  # the skills understood and each question's source


class _Relay(QObject):
    """Signals emitted on the worker thread and delivered on the GUI thread."""

    token = Signal(str)
    status = Signal(str)


def _build(
    job_ad: str, cv: str, count: int, llm: LlmSettings, relay: _Relay, cancel: threading.Event
) -> Imported | None:
    from mockinterview.core.job_bank import build_job_bank, slot_verdict, write_job_bank
    from mockinterview.core.llm.catalog import resolve_llm_model
    from mockinterview.core.llm.runtime import Cancelled, LocalModel
    from mockinterview.core.questions import slug, user_banks_dir

    model = None
    try:
        path = resolve_llm_model(llm.model)
        if path is not None:
            model = LocalModel.load(path, llm.threads, llm.context, relay.status.emit, cancel)

        def on_slot(n: int, total: int, what: str) -> None:
            relay.status.emit(f"The model is writing question {n} of {total}: {what}…")
            relay.token.emit(f"[{n}/{total}] ")

        def on_result(slot: Slot) -> None:
            relay.token.emit(f"\n    → {slot_verdict(slot)}\n\n")

        job_bank = build_job_bank(
            job_ad, cv, count, model, relay.token.emit, on_slot, cancel, on_result
        )
    except Cancelled:
        return None
    finally:
        if model is not None:
            model.close()
    folder = user_banks_dir()
    out = folder / f"{slug(job_bank.title)}.toml"
    for n in range(2, 100):
        if not out.exists():
            break
        out = folder / f"{slug(job_bank.title)}-{n}.toml"
    bank = write_job_bank(job_bank, out, "a job ad")
    written = sum(1 for slot in job_bank.slots if slot.source == "model")
    return Imported(bank.name, out, len(bank.questions), written, job_bank.described())


class JobAdDialog(QDialog):
    """`bank_saved(name)` once a bank is written."""

    bank_saved = Signal(str)
    finished_build = Signal()

    def __init__(self, llm: LlmSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.llm = llm
        self.cv_text = ""
        self.cancel = threading.Event()
        self.result: Imported | None = None
        self.setWindowTitle("Import a job ad")
        self.setMinimumSize(640, 560)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Paste the job ad (or open it as a text or PDF file). The app builds a question "
            "bank for this job: questions on the role's skills the ad names, behavioural "
            "ones, each with key points and a model answer. You can edit it afterwards."
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        self.ad_edit = QPlainTextEdit()
        self.ad_edit.setPlaceholderText("Paste the job ad here…")
        self.ad_edit.textChanged.connect(self._update_buttons)
        layout.addWidget(self.ad_edit, 2)
        files = QHBoxLayout()
        self.open_button = QPushButton("Open a job ad…")
        self.open_button.clicked.connect(self._open_ad)
        files.addWidget(self.open_button)
        self.cv_button = QPushButton("Add your CV…")
        self.cv_button.clicked.connect(self._open_cv)
        files.addWidget(self.cv_button)
        self.cv_label = QLabel("No CV: questions follow the ad alone.")
        self.cv_label.setProperty("role", "hint")
        files.addWidget(self.cv_label, 1)
        files.addWidget(QLabel("Questions"))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(3, 20)
        self.count_spin.setValue(8)
        files.addWidget(self.count_spin)
        layout.addLayout(files)
        model = Path(llm.model).name if llm.model.strip() else ""
        self.model_label = QLabel(
            f"Language model: {model}. It writes the questions; each is checked, and one "
            "that fails its check is replaced by a built-in question."
            if model
            else "No language model set: questions are picked from the built-in banks by the "
            "skills the ad names (a model can be set in settings.toml or with --llm-model)."
        )
        self.model_label.setWordWrap(True)
        self.model_label.setProperty("role", "hint")
        layout.addWidget(self.model_label)
        self.stream = QPlainTextEdit()
        self.stream.setReadOnly(True)
        self.stream.setPlaceholderText("The model's text appears here as it writes.")
        self.stream.setVisible(bool(model))
        layout.addWidget(self.stream, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.build_button = QPushButton("Build the bank")
        self.build_button.setProperty("role", "primary")
        self.build_button.setEnabled(False)
        self.build_button.clicked.connect(self.build)
        buttons.addWidget(self.build_button)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel.set)
        buttons.addWidget(self.cancel_button)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.relay = _Relay(self)
        self.relay.token.connect(self._append)
        self.relay.status.connect(self.status.setText)

    def _read(self, title: str) -> tuple[str, str] | None:
        from mockinterview.core.job_bank import read_document

        name, _filter = QFileDialog.getOpenFileName(self, title, str(Path.home()), DOCUMENTS)
        if not name:
            return None
        try:
            return Path(name).name, read_document(Path(name))
        except MockInterviewError as exc:
            self.status.setText(str(exc))
            return None

    def _open_ad(self) -> None:
        found = self._read("Open a job ad")
        if found:
            self.ad_edit.setPlainText(found[1])

    def _open_cv(self) -> None:
        found = self._read("Add your CV")
        if found:
            self.set_cv(*found)

    def set_cv(self, name: str, text: str) -> None:
        self.cv_text = text
        self.cv_label.setText(f"CV: {name} ({len(text.split())} words)")

    def _update_buttons(self, running: bool = False) -> None:
        self.build_button.setEnabled(not running and bool(self.ad_edit.toPlainText().strip()))
        self.cancel_button.setEnabled(running)
        for widget in (self.ad_edit, self.open_button, self.cv_button, self.count_spin):
            widget.setEnabled(not running)

    @Slot(str)
    def _append(self, piece: str) -> None:
        self.stream.moveCursor(QTextCursor.MoveOperation.End)
        self.stream.insertPlainText(piece)
        self.stream.ensureCursorVisible()

    def build(self) -> None:
        self.cancel.clear()
        self.stream.clear()
        self._update_buttons(running=True)
        self.status.setText("Building the bank…")
        args = (self.ad_edit.toPlainText(), self.cv_text, self.count_spin.value(), self.llm)
        relay, cancel = self.relay, self.cancel
        run_in_background(lambda: _build(*args, relay, cancel), self._built, self._failed)

    def _built(self, imported: Imported | None) -> None:
        self._update_buttons()
        self.result = imported
        if imported is None:
            self.status.setText("Cancelled: no bank was saved.")
        else:
            written = (
                f" ({imported.from_model} written by the model)" if self.llm.model.strip() else ""
            )
            self.status.setText(
                f"Saved {counted(imported.count, 'question')}{written} as “{imported.name}” in "
                f"{imported.path}. It is selected on Home; edit the file to change it."
            )
            self.stream.setVisible(True)
            before = self.stream.toPlainText()
            self._append(("\n\n" if before else "") + "\n".join(imported.described))
            summary = self.stream.textCursor()  # scrolled back to the summary's first line
            summary.setPosition(len(before))
            self.stream.setTextCursor(summary)
            self.stream.ensureCursorVisible()
            self.bank_saved.emit(imported.name)
        self.finished_build.emit()

    def _failed(self, message: str) -> None:
        self._update_buttons()
        self.status.setText(message)
        self.finished_build.emit()

    def reject(self) -> None:
        self.cancel.set()  # a build still running stops at its next token
        super().reject()
