"""Settings: devices (each with a real test), voice, Whisper model, thresholds, privacy, theme.

Edits build a new frozen Settings with dataclasses.replace and are written with save_settings;
the window then hands the new object to every page (workers never read the file themselves).
Device lists are probed on a pool thread because opening cameras and PortAudio can take seconds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.counting import counted
from mockinterview.core.devices import DeviceList, list_audio_devices, list_cameras
from mockinterview.core.paths import data_dir
from mockinterview.core.platforms import microphone_silence_hint, speech_engine_hint
from mockinterview.core.session.store import MediaUsage, media_usage
from mockinterview.core.settings import Settings, VoiceSettings, save_settings
from mockinterview.core.vision.frames import is_webcam
from mockinterview.gui import device_checks
from mockinterview.gui.images import rgb_to_qimage
from mockinterview.gui.theme import THEMES, role_label
from mockinterview.gui.workers import run_in_background

VIDEO_FILE_FILTER = "Videos (*.mp4 *.mkv *.avi *.mov *.webm);;All files (*)"
SHOW_THRESHOLDS = "Show the thresholds the report judges by"


def camera_note(setting: str, cameras: DeviceList) -> str:
    """What the camera line says: the webcams found, and a video file that stands in for one
    (with a file set, "No camera: ... pick a video file" read as if none had been picked)."""
    found = f"{counted(len(cameras.devices), 'camera')} found" if cameras.devices else ""
    if setting.strip() and not is_webcam(setting):
        webcams = found or f"no webcam: {cameras.error}"
        return f"A video file stands in for the camera ({webcams})."
    if found:
        return f"{found}."
    return f"No camera: {cameras.error}. You can still rehearse audio-only, or pick a video file."


def _probe_devices() -> dict[str, DeviceList]:
    return {
        "camera": list_cameras(),
        "input": list_audio_devices("input"),
        "output": list_audio_devices("output"),
    }


def _probe_voices(voice: VoiceSettings) -> tuple[list, str | None]:
    """Every voice, and why the chosen neural voice cannot speak (loading it is the check)."""
    from mockinterview.core.speech.tts import list_voices, voice_note

    return list_voices(), voice_note(voice)


AUTOMATIC_VOICE = "Automatic (neural if installed)"


UNIT_SUFFIXES = {
    "s": "(s)",
    "pct": "(%)",
    "dbfs": "(dBFS)",
    "db": "(dB)",
    "hz": "(Hz)",
    "deg": "(°)",
    "st": "(semitones)",
}
WORDS = {"wpm": "words/min", "ok": "OK", "snr": "SNR"}


def _label(name: str) -> str:
    """`answer_short_s` -> "Answer short (s)": the field name with its unit spelled out."""
    words = name.split("_")
    unit = UNIT_SUFFIXES.get(words[-1]) if len(words) > 1 else None
    if unit:
        words = words[:-1]
    text = " ".join(WORDS.get(word, word) for word in words)
    text = text[:1].upper() + text[1:]
    return f"{text} {unit}" if unit else text


def _narrow_combo(editable: bool = False) -> QComboBox:
    """A device, voice or model list that does not ask to be as wide as its longest name: one
    long voice name held the page wider than a 1024-pixel window, behind a horizontal
    scrollbar. It still takes the row's spare width, and its list shows whole names."""
    combo = QComboBox()
    combo.setEditable(editable)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    return combo


class SettingsPage(QWidget):
    """Emits `saved(Settings)` after the file is written; `theme_changed(str)` immediately."""

    saved = Signal(object)
    theme_changed = Signal(str)

    def __init__(self, settings: Settings, config_path: Path, theme: str) -> None:
        super().__init__()
        self.settings = settings
        self.config_path = config_path
        self._threshold_boxes: dict[tuple[str, str], QDoubleSpinBox] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        title = QLabel("Settings")
        title.setProperty("role", "title")
        outer.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        columns = QHBoxLayout(body)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        left.addWidget(self._devices_box())
        left.addWidget(self._voice_box())
        left.addStretch(1)
        # The rehearsal's options beside the devices: under them they were below the fold of a
        # laptop's window, beside a column that held one button.
        right.addWidget(self._interview_box(theme))
        # The bands every measure is judged against: two dozen numbers in the units of the
        # analysis ("Quiet SNR (dB)"), which a job seeker need not read to rehearse. Shown on
        # request; the self-check sets the posture ones from the person's own poses.
        self.thresholds_toggle = QPushButton(SHOW_THRESHOLDS)
        self.thresholds_toggle.setCheckable(True)
        thresholds_note = role_label(
            "hint",
            "Each measure of the report is judged against these. The defaults suit most "
            "people; the self-check sets your own posture thresholds.",
        )
        boxes = [
            self._thresholds_box("delivery", "Delivery thresholds"),
            self._thresholds_box("body", "Body-language thresholds"),
        ]
        for box in boxes:
            box.setVisible(False)
            self.thresholds_toggle.toggled.connect(box.setVisible)
        self.thresholds_toggle.toggled.connect(
            lambda shown: self.thresholds_toggle.setText(
                "Hide the thresholds" if shown else SHOW_THRESHOLDS
            )
        )
        right.addWidget(thresholds_note)
        right.addWidget(self.thresholds_toggle)
        for box in boxes:
            right.addWidget(box)
        right.addStretch(1)

        footer = QHBoxLayout()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        footer.addWidget(self.status, 1)
        self.save_button = QPushButton("Save settings")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        footer.addWidget(self.save_button)
        outer.addLayout(footer)
        self._probed = False

    # --- building -------------------------------------------------------------------------

    def _devices_box(self) -> QGroupBox:
        box = QGroupBox("Camera, microphone and speaker")
        form = QFormLayout(box)
        self.camera_combo = _narrow_combo(editable=True)
        self.camera_combo.setToolTip("A webcam, or a video file to rehearse against")
        browse = QPushButton("Video file…")
        browse.clicked.connect(self._browse_video)
        self.camera_test = QPushButton("Test")
        self.camera_test.clicked.connect(self.test_camera)
        form.addRow("Camera", self._row(self.camera_combo, browse, self.camera_test))
        self.camera_note = QLabel("Looking for cameras…")
        self.camera_note.setProperty("role", "hint")
        self.camera_note.setWordWrap(True)
        form.addRow("", self.camera_note)
        self.camera_preview = QLabel()
        self.camera_preview.setVisible(False)
        form.addRow("", self.camera_preview)
        self.overlay_check = QCheckBox("Draw skeleton and gaze on the preview")
        self.overlay_check.setChecked(self.settings.camera.overlay)
        form.addRow("", self.overlay_check)

        self.mic_combo = _narrow_combo()
        self.mic_test = QPushButton("Test")
        self.mic_test.clicked.connect(self.test_microphone)
        form.addRow("Microphone", self._row(self.mic_combo, self.mic_test))
        self.mic_note = QLabel("Looking for microphones…")
        self.mic_note.setProperty("role", "hint")
        self.mic_note.setWordWrap(True)
        form.addRow("", self.mic_note)

        self.speaker_combo = _narrow_combo()
        self.speaker_test = QPushButton("Test")
        self.speaker_test.clicked.connect(self.test_speaker)
        form.addRow("Speaker", self._row(self.speaker_combo, self.speaker_test))
        self.speaker_note = QLabel("Looking for speakers…")
        self.speaker_note.setProperty("role", "hint")
        self.speaker_note.setWordWrap(True)
        form.addRow("", self.speaker_note)
        return box

    def _voice_box(self) -> QGroupBox:
        box = QGroupBox("Interviewer voice and transcription")
        form = QFormLayout(box)
        self.voice_combo = _narrow_combo()
        self.voice_combo.addItem(AUTOMATIC_VOICE, "")
        self.voice_test = QPushButton("Preview")
        self.voice_test.setToolTip("Speak a sample question with this voice, rate and volume")
        self.voice_test.clicked.connect(self.test_voice)
        form.addRow("Voice", self._row(self.voice_combo, self.voice_test))
        self.voice_note = QLabel("Looking for voices…")
        self.voice_note.setProperty("role", "hint")
        self.voice_note.setWordWrap(True)
        form.addRow("", self.voice_note)
        self.rate_spin = QSpinBox()
        self.rate_spin.setRange(80, 300)
        self.rate_spin.setSuffix(" words/min")
        self.rate_spin.setValue(self.settings.voice.rate)
        form.addRow("Rate", self.rate_spin)
        self.volume_spin = QSpinBox()
        self.volume_spin.setRange(0, 100)
        self.volume_spin.setSuffix(" %")
        self.volume_spin.setValue(round(self.settings.voice.volume * 100))
        form.addRow("Volume", self.volume_spin)
        self.whisper_combo = _narrow_combo(editable=True)
        self.whisper_combo.setToolTip(
            "tiny.en ships with the app; other sizes need `mockinterview models download`"
        )
        for size in ("tiny.en", "base.en", "small.en", "medium.en"):
            self.whisper_combo.addItem(size)
        self.whisper_combo.setCurrentText(self.settings.whisper.model)
        self.whisper_download = QPushButton("Download")
        self.whisper_download.setToolTip(
            "Fetch this Whisper size once (the only time the app uses the network)"
        )
        self.whisper_download.clicked.connect(self.download_whisper)
        form.addRow("Whisper model", self._row(self.whisper_combo, self.whisper_download))
        self.whisper_note = QLabel("tiny.en ships with the app; larger sizes are more accurate.")
        self.whisper_note.setProperty("role", "hint")
        self.whisper_note.setWordWrap(True)
        form.addRow("", self.whisper_note)
        return box

    def _interview_box(self, theme: str) -> QGroupBox:
        box = QGroupBox("Rehearsal, privacy and appearance")
        form = QFormLayout(box)
        interview = self.settings.interview
        # A check box's text never wraps: the part that explains it goes on a wrapped line
        # under it, so the column stays narrow enough to stand beside the devices.
        self.show_text_check = QCheckBox("Show the question text")
        self.show_text_check.setChecked(interview.show_question_text)
        form.addRow(self.show_text_check)
        form.addRow(self._check_hint("Hide it to feel like the real thing."))
        self.nudges_check = QCheckBox("Live nudges while I answer")
        self.nudges_check.setChecked(interview.live_nudges)
        form.addRow(self.nudges_check)
        form.addRow(self._check_hint("One gentle nudge at a time; off: only the report."))
        self.greeting_check = QCheckBox("Greet me before the first question")
        self.greeting_check.setChecked(interview.greeting)
        form.addRow(self.greeting_check)
        self.thinking_spin = QDoubleSpinBox()
        self.thinking_spin.setRange(0, 60)
        self.thinking_spin.setSuffix(" s")
        self.thinking_spin.setValue(interview.thinking_time_s)
        form.addRow("Thinking time", self.thinking_spin)
        # A person who stops to think mid-answer for longer than this is cut off and asked the
        # next question; Space ends an answer at any time, so a long wait costs little.
        self.silence_end_spin = QDoubleSpinBox()
        silence_end_s = self.settings.audio.silence_end_s
        # 3-30 s, widened to a value the settings file holds outside it so saving keeps it
        self.silence_end_spin.setRange(min(3.0, silence_end_s), max(30.0, silence_end_s))
        self.silence_end_spin.setSuffix(" s of silence")
        self.silence_end_spin.setValue(silence_end_s)
        self.silence_end_spin.setToolTip(
            "Raise it if you pause to think in the middle of an answer; Space always ends one."
        )
        form.addRow("An answer ends after", self.silence_end_spin)
        self.keep_video_check = QCheckBox("Keep the video")
        self.keep_video_check.setChecked(interview.keep_video)
        form.addRow(self.keep_video_check)
        form.addRow(self._check_hint("Off: only the landmarks and the metrics are kept."))
        folder = QLabel(str(data_dir()))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setToolTip(
            f"{data_dir()}\nSet MOCKINTERVIEW_HOME before starting the app to use another folder"
        )
        # a long path widened the page behind a sideways scrollbar; Open shows the folder
        folder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        open_folder = QPushButton("Open")
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))
        )
        form.addRow("Data folder", self._row(folder, open_folder))
        self.storage_label = QLabel("Measuring the recordings…")
        self.storage_label.setWordWrap(True)
        self.storage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Recordings", self.storage_label)
        self.theme_combo = QComboBox()
        for name in THEMES:
            self.theme_combo.addItem(name.capitalize(), name)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(theme)))
        self.theme_combo.currentIndexChanged.connect(
            lambda: self.theme_changed.emit(self.theme_combo.currentData())
        )
        form.addRow("Colours", self.theme_combo)
        return box

    def _check_hint(self, text: str) -> QLabel:
        """The explaining line under a check box, indented to start under its text."""
        hint = role_label("hint", text)
        style = self.style()
        hint.setIndent(
            style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
            + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing)
        )
        return hint

    def _thresholds_box(self, section: str, title: str) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        values = getattr(self.settings, section)
        for item in dataclasses.fields(values):
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            spin.setRange(-200.0, 1000.0)
            spin.setValue(float(getattr(values, item.name)))
            form.addRow(_label(item.name), spin)
            self._threshold_boxes[(section, item.name)] = spin
        return box

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if index == 0 else 0)
        return row

    # --- device probing -------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_storage()  # every time: sessions come and go while the app runs
        if not self._probed:
            self._probed = True
            self.refresh_devices()

    def refresh_storage(self) -> None:
        """Where the recordings live and how much room they take (summed on a pool thread)."""
        run_in_background(media_usage, self._show_storage, self.storage_label.setText)

    def _show_storage(self, usage: MediaUsage) -> None:
        count = counted(usage.sessions, "session")
        self.storage_label.setText(f"{count}, {usage.bytes / 1e6:.1f} MB")
        self.storage_label.setToolTip(str(usage.folder))

    def refresh_devices(self) -> None:
        run_in_background(_probe_devices, self._show_devices, self._show_status)
        voice = self.settings.voice
        run_in_background(lambda: _probe_voices(voice), self._show_voices, self._voices_failed)

    def _show_devices(self, found: dict[str, DeviceList]) -> None:
        cameras = found["camera"]
        self.camera_combo.clear()
        for camera in cameras.devices:
            self.camera_combo.addItem(camera["name"], str(camera["index"]))
        current = self.settings.camera.camera
        index = self.camera_combo.findData(current)
        if index >= 0:
            self.camera_combo.setCurrentIndex(index)
        else:
            self.camera_combo.setEditText(current)
        self.camera_note.setText(camera_note(current, cameras))
        self._fill_audio(
            self.mic_combo,
            self.mic_note,
            found["input"],
            "microphone",
            self.settings.audio.microphone,
            "Without a microphone you cannot rehearse; history and reports still work.",
        )
        self._fill_audio(
            self.speaker_combo,
            self.speaker_note,
            found["output"],
            "speaker",
            self.settings.audio.speaker,
            "Without a speaker the questions are shown as text only.",
        )

    @staticmethod
    def _fill_audio(
        combo: QComboBox,
        note: QLabel,
        devices: DeviceList,
        what: str,
        current: str,
        consequence: str,
    ) -> None:
        combo.clear()
        combo.addItem(f"System default {what}", "")
        for device in devices.devices:
            combo.addItem(f"{device.name}{' (default)' if device.default else ''}", device.name)
        index = combo.findData(current)
        if index < 0 and current:
            combo.addItem(f"{current} (not found now)", current)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        if devices.devices:
            note.setText(f"{counted(len(devices.devices), what)} found.")
        else:
            reason = devices.error or f"no {what} found"
            note.setText(f"No {what}: {reason}. {consequence}")

    def _show_voices(self, found: tuple[list, str | None]) -> None:
        """Neural voices first, then a separator and the system's (pyttsx3) voices."""
        voices, note = found
        self.voice_combo.clear()
        self.voice_combo.addItem(AUTOMATIC_VOICE, "")
        neural = [v for v in voices if v.engine == "neural"]
        system = [v for v in voices if v.engine != "neural"]
        for voice in neural:
            self.voice_combo.addItem(voice.name, voice.id)
        if system:
            self.voice_combo.insertSeparator(self.voice_combo.count())
        for voice in system:
            self.voice_combo.addItem(f"{voice.name} (system)", voice.id)
        index = self.voice_combo.findData(self.settings.voice.voice)
        self.voice_combo.setCurrentIndex(max(index, 0))
        summary = (
            f"{len(neural)} neural and {counted(len(system), 'system voice')} installed."
            if voices
            else f"No voices installed: questions are shown as text only. {speech_engine_hint()}"
        )
        self.voice_note.setText(f"{summary} {note}" if note else summary)

    def _voices_failed(self, message: str) -> None:
        self.voice_note.setText(message)

    # --- tests ----------------------------------------------------------------------------

    def _camera_value(self) -> str:
        data = self.camera_combo.currentData()
        text = self.camera_combo.currentText().strip()
        if (
            data is not None
            and self.camera_combo.itemText(self.camera_combo.currentIndex()) == text
        ):
            return str(data)
        return text

    def _browse_video(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Rehearse against a video file", "", VIDEO_FILE_FILTER
        )
        if path:
            self.camera_combo.setEditText(path)

    def test_camera(self) -> None:
        camera = self._camera_value()
        self.camera_note.setText(f"Opening {camera}…")
        run_in_background(
            lambda: device_checks.grab_camera_frame(camera), self._camera_ok, self._camera_failed
        )

    def _camera_ok(self, rgb) -> None:
        image = rgb_to_qimage(rgb)
        self.camera_preview.setPixmap(
            QPixmap.fromImage(image).scaledToWidth(240, Qt.TransformationMode.SmoothTransformation)
        )
        self.camera_preview.setVisible(True)
        self.camera_note.setText(f"Camera works: {image.width()}x{image.height()}.")

    def _camera_failed(self, message: str) -> None:
        self.camera_preview.setVisible(False)
        self.camera_note.setText(message)

    def test_microphone(self) -> None:
        microphone = self.mic_combo.currentData() or ""
        rate = self.settings.audio.sample_rate
        self.mic_note.setText("Recording 1.5 s: say something…")
        run_in_background(
            lambda: device_checks.microphone_level_dbfs(microphone, rate),
            self._mic_ok,
            self.mic_note.setText,
        )

    def _mic_ok(self, dbfs: float) -> None:
        if dbfs < device_checks.SILENT_DBFS:
            self.mic_note.setText(
                f"Microphone records only silence ({dbfs:.0f} dBFS). {microphone_silence_hint()}"
            )
        else:
            self.mic_note.setText(f"Microphone works: level {dbfs:.0f} dBFS.")

    def test_speaker(self) -> None:
        speaker = self.speaker_combo.currentData() or ""
        self.speaker_note.setText("Playing a short tone…")
        run_in_background(
            lambda: device_checks.play_test_tone(speaker),
            lambda s: self.speaker_note.setText(f"Played a {s:.1f} s tone: did you hear it?"),
            self.speaker_note.setText,
        )

    def test_voice(self) -> None:
        voice = self.collected().voice
        speaker = self.speaker_combo.currentData() or ""
        folder = data_dir()
        self.voice_note.setText("Speaking a sample question…")
        run_in_background(
            lambda: device_checks.speak_sample(voice, speaker, folder),
            lambda spoken: self.voice_note.setText(
                f"Spoke a {spoken[0]:.1f} s sample question: did you hear it?"
                + (f" {spoken[1]}" if spoken[1] else "")
            ),
            self.voice_note.setText,
        )

    def download_whisper(self) -> None:
        from mockinterview.core.models import BUNDLED_WHISPER

        size = self.whisper_combo.currentText().strip()
        if size == BUNDLED_WHISPER:
            self.whisper_note.setText(f"{size} ships with the app: nothing to download.")
            return
        self.whisper_note.setText(f"Downloading Whisper {size}… (this can take minutes)")
        self.whisper_download.setEnabled(False)

        def fetch() -> str:
            from mockinterview.core.models import download_whisper

            return str(download_whisper(size))

        run_in_background(fetch, self._downloaded, self._download_failed)

    def _downloaded(self, path: str) -> None:
        self.whisper_download.setEnabled(True)
        self.whisper_note.setText(f"Downloaded into {path}. Save settings to use it.")

    def _download_failed(self, message: str) -> None:
        self.whisper_download.setEnabled(True)
        self.whisper_note.setText(message)

    def load_thresholds(self, settings: Settings) -> None:
        """Show thresholds saved elsewhere (the self-check's personal slouch thresholds), so a
        later Save here keeps them."""
        self.settings = dataclasses.replace(
            self.settings, delivery=settings.delivery, body=settings.body
        )
        for (section, name), spin in self._threshold_boxes.items():
            spin.setValue(float(getattr(getattr(settings, section), name)))

    # --- saving ---------------------------------------------------------------------------

    def collected(self) -> Settings:
        """The settings as the form shows them (not yet saved)."""
        s = self.settings
        changed: dict[str, dict] = {section: {} for section in ("delivery", "body")}
        for (section, name), spin in self._threshold_boxes.items():
            kind = type(getattr(getattr(s, section), name))
            changed[section][name] = kind(spin.value())
        return dataclasses.replace(
            s,
            camera=dataclasses.replace(
                s.camera, camera=self._camera_value() or "0", overlay=self.overlay_check.isChecked()
            ),
            audio=dataclasses.replace(
                s.audio,
                microphone=self.mic_combo.currentData() or "",
                speaker=self.speaker_combo.currentData() or "",
                silence_end_s=self.silence_end_spin.value(),
            ),
            voice=dataclasses.replace(
                s.voice,
                voice=self.voice_combo.currentData() or "",
                rate=self.rate_spin.value(),
                volume=self.volume_spin.value() / 100.0,
            ),
            whisper=dataclasses.replace(s.whisper, model=self.whisper_combo.currentText().strip()),
            interview=dataclasses.replace(
                s.interview,
                show_question_text=self.show_text_check.isChecked(),
                live_nudges=self.nudges_check.isChecked(),
                greeting=self.greeting_check.isChecked(),
                thinking_time_s=self.thinking_spin.value(),
                keep_video=self.keep_video_check.isChecked(),
            ),
            delivery=dataclasses.replace(s.delivery, **changed["delivery"]),
            body=dataclasses.replace(s.body, **changed["body"]),
        )

    def save(self) -> None:
        from mockinterview.core.errors import MockInterviewError
        from mockinterview.core.models import whisper_model_path

        settings = self.collected()
        try:
            whisper_model_path(settings.whisper.model)
        except MockInterviewError as exc:
            self._show_status(str(exc))
            return
        try:
            save_settings(settings, self.config_path)
        except OSError as exc:
            self._show_status(f"Could not write {self.config_path}: {exc}")
            return
        self.settings = settings
        self._show_status(f"Saved to {self.config_path}.")
        self.saved.emit(settings)

    def _show_status(self, message: str) -> None:
        self.status.setText(message)
