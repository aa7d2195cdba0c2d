"""Home: pick a question bank and how many questions, see how the last session went, start.

Banks are parsed on a pool thread: a user's own bank may be large or broken, and a broken one
must show its own message here rather than stop the window from opening.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.counting import counted
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.questions import Bank, bank_files, load_bank_file
from mockinterview.core.report.headline import HEADLINE_METRICS
from mockinterview.core.report.scoring import display_value
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.checklist_dialog import ChecklistDialog
from mockinterview.gui.import_dialog import ImportDialog, open_import_dialog
from mockinterview.gui.mic_check_panel import MicCheckPanel
from mockinterview.gui.practice_today import PracticeToday
from mockinterview.gui.recovery_banner import RecoveryBanner
from mockinterview.gui.stale_reload import ReloadsWhenShown
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:  # the report model imports the analysis stack: built on a pool thread only
    from mockinterview.core.report.model import Report


def _load_banks() -> dict[str, Bank | str]:
    """Every bank by name, or the message saying why it could not be read."""
    banks: dict[str, Bank | str] = {}
    for name, path in bank_files().items():
        try:
            banks[name] = load_bank_file(path)
        except MockInterviewError as exc:
            banks[name] = str(exc)
    return banks


@dataclass(frozen=True)
class DeviceCheck:
    """What the devices allow: `can_rehearse` is False only without a microphone."""

    can_rehearse: bool
    notes: tuple[str, ...]


def check_devices(settings: Settings) -> DeviceCheck:
    """Look for the camera, microphone and voice the settings name, and say what is missing."""
    from mockinterview.core.devices import list_audio_devices, list_cameras
    from mockinterview.core.speech.tts import silence_reason
    from mockinterview.core.vision.frames import is_webcam

    notes = []
    camera = settings.camera.camera.strip()
    if is_webcam(camera):
        cameras = list_cameras()
        if not cameras.devices:
            notes.append(
                f"No camera ({cameras.error}): rehearsals are audio-only, without "
                "body-language feedback."
            )
    elif not camera:  # Path("") is the current folder, which is no file either
        notes.append("No camera is set: rehearsals are audio-only until you pick one in Settings.")
    elif not Path(camera).is_file():
        notes.append(
            f"The video file set as the camera ({camera}) is missing: rehearsals are "
            "audio-only until you pick a camera in Settings."
        )
    microphones = list_audio_devices("input")
    if not microphones.devices:
        notes.append(
            f"No microphone ({microphones.error or 'no input device'}): you cannot rehearse "
            "until one is connected. History and reports still work."
        )
    reason = silence_reason(settings)
    if reason:
        notes.append(f"Questions will be shown but not spoken: {reason}")
    return DeviceCheck(bool(microphones.devices), tuple(notes))


def _last_session(store: SessionStore, settings: Settings) -> Report | None:
    """The newest session with an answer: its report, for its headline numbers and suggestions."""
    from mockinterview.core.report.export import report_for_session  # reportlab: off startup

    for summary in store.list_sessions():
        if summary.answer_count:
            return report_for_session(store, summary.session_id, settings)
    return None


class HomePage(ReloadsWhenShown, QWidget):
    start_requested = Signal(str, int)
    recording_imported = Signal(str)  # session id
    importing = Signal(bool)  # ImportDialog.busy
    loaded = Signal()
    last_loaded = Signal()

    def __init__(self, settings: Settings, store: SessionStore, load_now: bool = True) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.banks: dict[str, Bank | str] = {}
        self.devices = DeviceCheck(True, ())  # until the probe has answered
        self.stale = False  # set when a session ends; the page rereads when next shown
        self.imported = ""  # a bank just built from a job ad: selected once the banks reload
        # Scrolls rather than squeezes: at 1366x768 the panels no longer all fit at full height.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
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
        # The window asks it to check once it is shown; it reads the settings when recovering.
        self.recovery = RecoveryBanner(store, lambda: self.settings)
        layout.addWidget(self.recovery)

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
        self.device_note = QLabel("")
        self.device_note.setProperty("role", "warning")
        self.device_note.setWordWrap(True)
        self.device_note.setVisible(False)
        form.addRow("", self.device_note)
        self.start_button = QPushButton("Start rehearsal")
        self.start_button.setProperty("role", "primary")
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        form.addRow("", self.start_button)
        self.job_ad_button = QPushButton("Import a job ad…")
        self.job_ad_button.clicked.connect(self.open_job_ad)
        form.addRow("", self.job_ad_button)
        self.import_button = QPushButton("Import a recording…")
        self.import_button.setToolTip(
            "Get a report on a video or audio file of an interview you recorded elsewhere"
        )
        self.import_button.clicked.connect(self.open_import)
        form.addRow("", self.import_button)
        columns.addWidget(setup, 1)

        last = QGroupBox("Your last session: three things to practise")
        last_layout = QVBoxLayout(last)
        self.last_label = QLabel("No session yet.")
        self.last_label.setWordWrap(True)
        self.last_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.last_label.setTextFormat(Qt.TextFormat.RichText)
        last_layout.addWidget(self.last_label, 1)
        self.practice = PracticeToday()
        right = QVBoxLayout()
        right.addWidget(self.practice)
        right.addWidget(last, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.mic_check = MicCheckPanel(settings)
        layout.addWidget(self.mic_check)

        prep = QGroupBox("Before the real thing")
        prep_layout = QHBoxLayout(prep)
        prep_text = QLabel(
            "Research the company, match your examples to the job, prepare questions to ask, "
            "and know what to bring on the day."
        )
        prep_text.setWordWrap(True)
        prep_layout.addWidget(prep_text, 1)
        self.checklist_button = QPushButton("Open the prep checklist")
        self.checklist_button.clicked.connect(self.open_checklist)
        prep_layout.addWidget(self.checklist_button)
        layout.addWidget(prep)

        during = QGroupBox("During the rehearsal")
        during_layout = QVBoxLayout(during)
        tips = QLabel(
            "<b>Space</b> when you have finished an answer (or to answer at once) · "
            "<b>R</b> to hear the question again · <b>N</b> for the next question.<br>"
            "Sit upright and look at the camera for the first seconds: the app calibrates to "
            "your own posture (press <b>C</b> to calibrate again if you move the camera or "
            "your seat). Live nudges are gentle and rare; the full picture is in the "
            "report.<br>Everything stays on this computer: nothing is uploaded."
        )
        tips.setWordWrap(True)
        tips.setTextFormat(Qt.TextFormat.RichText)
        during_layout.addWidget(tips)
        layout.addWidget(during)
        layout.addStretch(1)
        if load_now:  # the main window calls refresh() after its first paint instead
            self.refresh()

    def reload(self) -> None:
        run_in_background(_load_banks, self._show_banks, self.bank_note.setText)
        settings = self.settings
        run_in_background(lambda: check_devices(settings), self._show_devices)
        store, settings = self.store, self.settings
        run_in_background(
            lambda: _last_session(store, settings), self._show_last, self.last_label.setText
        )
        self.practice.refresh(store, settings)

    def _show_banks(self, banks: dict[str, Bank | str]) -> None:
        self.banks = banks
        imported, self.imported = self.imported, ""
        current = imported or self.bank_combo.currentData() or self.settings.interview.bank
        self.bank_combo.blockSignals(True)
        self.bank_combo.clear()
        for name, bank in banks.items():
            label = bank.title if isinstance(bank, Bank) else f"{name} (cannot be read)"
            self.bank_combo.addItem(label, name)
        self.bank_combo.setCurrentIndex(max(0, self.bank_combo.findData(current)))
        self.bank_combo.blockSignals(False)
        self._bank_changed()
        if isinstance(made := banks.get(imported), Bank):
            self.count_spin.setValue(len(made.regular))  # a bank built for one job: all of it
        self.loaded.emit()

    def _show_devices(self, check: DeviceCheck) -> None:
        self.devices = check
        self.device_note.setText("\n".join(check.notes))
        self.device_note.setVisible(bool(check.notes))
        self._bank_changed()

    def _bank_changed(self) -> None:
        bank = self.banks.get(self.bank_combo.currentData() or "")
        if isinstance(bank, Bank):
            categories = ", ".join(bank.categories)
            self.bank_note.setText(f"{counted(len(bank.questions), 'question')} ({categories}).")
            self.count_spin.setMaximum(max(1, len(bank.questions)))
            self.start_button.setEnabled(self.devices.can_rehearse)
        else:
            self.bank_note.setText(bank or "No question bank found.")
            self.start_button.setEnabled(False)

    def _show_last(self, report: Report | None) -> None:
        if report is None:
            self.last_label.setText(
                "No session yet. After your first rehearsal, the three things most worth "
                "practising appear here."
            )
            self.last_loaded.emit()
            return
        started = datetime.fromisoformat(report.started_at).astimezone()
        checks = [report.overall_check(key) for key in HEADLINE_METRICS]
        numbers = " · ".join(
            f"{c.label}: {display_value(c)}" for c in checks if c.value is not None
        )
        when = (
            f"<b>{started:%A %d %B, %H:%M}</b> · {html.escape(report.bank_title)} · "
            f"{counted(report.answer_count, 'answer')}"
        )
        items = "".join(
            f"<li><b>{html.escape(s.title)}</b>: {html.escape(s.tip)}</li>"
            for s in report.suggestions[:3]
        )
        practise = f"<ol>{items}</ol>" if items else "<p>Every measured metric was in its band.</p>"
        self.last_label.setText(f"{when}<br>{html.escape(numbers)}{practise}")
        self.last_loaded.emit()

    def open_job_ad(self) -> None:
        from mockinterview.gui.job_ad_dialog import JobAdDialog

        dialog = JobAdDialog(self.settings.llm, self)
        dialog.bank_saved.connect(self._job_bank_saved)
        dialog.open()

    def _job_bank_saved(self, name: str) -> None:
        self.imported = name
        self.refresh()

    def open_import(self) -> ImportDialog:
        return open_import_dialog(
            self, self.store, self.settings, self.recording_imported, self.importing
        )

    def open_checklist(self) -> None:
        ChecklistDialog(self).exec()

    def _start(self) -> None:
        self.start_requested.emit(self.bank_combo.currentData(), self.count_spin.value())
