"""Home's microphone check: stay quiet, read a sentence, see whether the room and level are fine,
and whether the transcriber understood the sentence.

The recording and the judgement are core's (core/speech/mic_check.py, as `doctor --mic-check`
does them); this panel only starts the recording on a pool thread, moves the level meter, shows
the sentence when it is time to speak, has the window's Whisper model write back what it heard
(once the model is loaded; before that the check judges the sound alone), and prints the advice.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton

from mockinterview.core.settings import Settings
from mockinterview.core.speech.check_script import CHECK_SENTENCE, QUIET_S
from mockinterview.gui.level_meter import LevelMeter
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:  # numpy comes with these: imported when a check starts, not before first paint
    import numpy as np

    from mockinterview.core.speech.capture import AudioSource
    from mockinterview.core.speech.mic_check import MicCheck


def _microphone(settings: Settings) -> AudioSource:
    from mockinterview.core.speech.capture import MicrophoneSource

    return MicrophoneSource(settings.audio.microphone)


class MicCheckPanel(QGroupBox):
    """A button, a level meter and the check's verdict; `finished(MicCheck)` when it is done."""

    finished = Signal(object)
    _level = Signal(float, object)  # block level in dBFS, the room's floor so far (or None)
    _phase = Signal(str)

    def __init__(
        self,
        settings: Settings,
        source: Callable[[], AudioSource] | None = None,
        whisper: Callable[[], Any] = lambda: None,
    ) -> None:
        super().__init__("Microphone check")
        self.settings = settings
        self.source = source or (lambda: _microphone(settings))
        self.whisper = whisper  # the window's loaded Whisper model, or None while it loads
        layout = QGridLayout(self)
        self.prompt = QLabel(
            f"Stay quiet for {QUIET_S:.0f} seconds, then read a sentence aloud: the check "
            "measures your voice against the room's noise."
        )
        self.prompt.setWordWrap(True)
        self.prompt.setProperty("role", "hint")
        layout.addWidget(self.prompt, 0, 0, 1, 2)
        self.meter = LevelMeter(settings.delivery)
        layout.addWidget(self.meter, 1, 0)
        self.button = QPushButton("Check microphone")
        self.button.clicked.connect(self.start)
        layout.addWidget(self.button, 1, 1)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setVisible(False)
        layout.addWidget(self.result, 2, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        self._level.connect(self.meter.set_level)
        self._phase.connect(self._show_phase)

    def start(self) -> None:
        from mockinterview.core.speech.mic_check import check_microphone
        from mockinterview.core.speech.room import VoiceGate

        self.button.setEnabled(False)
        self.result.setVisible(False)
        source, delivery, settings = self.source(), self.settings.delivery, self.settings
        model = self.whisper()

        gate = VoiceGate(delivery)

        def on_level(dbfs: float) -> None:
            gate.is_voice(dbfs)
            self._level.emit(dbfs, gate.floor_dbfs)

        def written(samples: np.ndarray) -> str:
            from mockinterview.core.speech.asr import Transcriber

            return Transcriber.from_settings(settings, model).transcribe(samples).text

        def check() -> MicCheck:
            return check_microphone(
                source,
                delivery,
                transcribe=None if model is None else written,
                on_level=on_level,
                on_phase=self._phase.emit,
            )[0]

        run_in_background(check, self._show, self._failed)

    @Slot(str)
    def _show_phase(self, phase: str) -> None:
        if phase == "quiet":
            self.prompt.setText(f"Stay quiet for {QUIET_S:.0f} seconds…")
        elif phase == "transcribe":
            self.prompt.setText("Checking what the transcriber heard…")
        else:
            self.prompt.setText(f"Now read aloud: <b>“{html.escape(CHECK_SENTENCE)}”</b>")

    def _show(self, check: MicCheck) -> None:
        numbers = []
        if check.speech_to_noise_db is not None:
            numbers.append(f"voice {check.speech_to_noise_db:.0f} dB above the room")
        if check.room_silent:
            numbers.append("room: pure silence")
        elif check.noise_floor_dbfs is not None:
            numbers.append(f"room {check.noise_floor_dbfs:.0f} dBFS")
        if check.voice_dbfs is not None:
            numbers.append(f"level {check.voice_dbfs:.0f} dBFS")
        if check.understood:
            numbers.append("sentence understood")
        colour = "#3aa364" if check.ok else "#b8621b"
        advice = " ".join(html.escape(a) for a in check.advice)
        self.result.setText(
            f"<span style='color:{colour}'><b>{'OK' if check.ok else 'Needs attention'}</b></span>"
            f" · {' · '.join(numbers)}<br>{advice}"
        )
        self._done()
        self.finished.emit(check)

    def _failed(self, message: str) -> None:
        self.result.setText(html.escape(message))
        self._done()

    def _done(self) -> None:
        self.result.setVisible(True)
        self.prompt.setText("Check again whenever you change microphone or room.")
        self.button.setEnabled(True)
        self.button.setText("Check again")
