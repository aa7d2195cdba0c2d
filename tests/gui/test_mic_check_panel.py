"""Home's microphone check panel, driven by a recorded room instead of a microphone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.settings import Settings
from mockinterview.core.speech.capture import FileSource
from mockinterview.core.speech.check_script import CHECK_SENTENCE
from mockinterview.core.speech.mic_check import MicCheck
from mockinterview.gui.mic_check_panel import MicCheckPanel
from tests.speech.conftest import festival_speech
from tests.speech.test_room import in_room


@pytest.fixture
def room_clip(tmp_path: Path) -> Callable[[float, float], Path]:
    sentence = festival_speech(CHECK_SENTENCE, tmp_path / "s.wav")

    def clip(voice_dbfs: float, snr_db: float) -> Path:
        quiet = np.zeros(SAMPLE_RATE, np.float32)
        samples = in_room(np.concatenate([quiet, sentence]), voice_dbfs, snr_db, tail_s=0.5)
        return write_wav(tmp_path / f"room{snr_db}.wav", samples)

    return clip


def run_check(qtbot, clip: Path, whisper: Any = None) -> tuple[MicCheckPanel, MicCheck]:
    """A panel reading `clip` as its microphone (and `whisper` as the window's model), run once."""
    panel = MicCheckPanel(Settings(), source=lambda: FileSource(clip), whisper=lambda: whisper)
    qtbot.addWidget(panel)
    panel.resize(640, 160)
    panel.show()
    with qtbot.waitSignal(panel.finished, timeout=30000) as signal:
        panel.button.click()
    return panel, signal.args[0]


@pytest.mark.parametrize(
    ("snr_db", "verdict", "advice"), [(40.0, "OK", "fine"), (8.0, "Needs attention", "closer")]
)
def test_the_check_shows_its_verdict_and_advice(
    qtbot, room_clip, tmp_path: Path, snr_db: float, verdict: str, advice: str
) -> None:
    panel, check = run_check(qtbot, room_clip(-30.0, snr_db))
    assert check.ok == (snr_db > 15)
    text = panel.result.text()
    assert verdict in text and advice in text
    assert panel.button.isEnabled() and panel.button.text() == "Check again"
    panel.grab().save(str(tmp_path / f"mic-check-{snr_db:.0f}.png"))


def test_a_noise_suppressed_microphone_shows_no_room_level(qtbot, tmp_path: Path) -> None:
    """Zeros between words are no room: the panel says so instead of the -100 dBFS clamp."""
    sentence = festival_speech(CHECK_SENTENCE, tmp_path / "s.wav")
    quiet = np.zeros(SAMPLE_RATE, np.float32)
    clip = write_wav(tmp_path / "gated.wav", np.concatenate([quiet, 0.3 * sentence, quiet]))
    panel, _ = run_check(qtbot, clip)
    text = panel.result.text()
    assert "room: pure silence" in text and "-100" not in text
    assert "noise suppression" in text


def test_the_meter_colours_quiet_by_the_room_not_by_dbfs(qtbot, tmp_path: Path) -> None:
    """-40 dBFS over a silent room is clear (green); -28 dBFS over a fan at -38 is hard to hear
    (amber); the fan alone is the room (grey); near full scale is clipping (red)."""
    from mockinterview.gui.level_meter import COLOURS, LevelMeter

    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.resize(200, 14)
    meter.show()
    for dbfs, floor, verdict in [
        (-40.0, -75.0, "clear"),
        (-28.0, -38.0, "quiet"),
        (-36.0, -38.0, "room"),
        (-1.0, -75.0, "clipping"),
    ]:
        meter.set_level(dbfs, floor)
        assert meter.verdict == verdict
        image = meter.grab().toImage()
        path = tmp_path / f"meter-{verdict}.png"
        image.save(str(path))
        filled = image.pixelColor(10, image.height() // 2).name()
        expected = COLOURS.get(verdict, meter.palette().mid().color().name())
        assert filled == expected


def test_the_checked_room_reaches_the_rehearsal(qtbot, window, room_clip) -> None:
    """Home's check measured the room: the next rehearsal's first answer starts from it."""
    clip = room_clip(-30.0, 20.0)
    home = window.home
    home.mic_check.source = lambda: FileSource(clip)
    with qtbot.waitSignal(home.mic_check.finished, timeout=20000) as signal:
        home.mic_check.button.click()
    floor = signal.args[0].noise_floor_dbfs
    assert floor == pytest.approx(-50.0, abs=4.0)  # the fan, 20 dB under the -30 dBFS voice
    assert window.rehearsal.room_floor_dbfs == floor
    # Home's own background reads (banks, devices, last session) report before the window goes.
    QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(50)


@pytest.mark.parametrize(
    ("said", "verdict", "shown"),
    [
        (CHECK_SENTENCE, "OK", "sentence understood"),
        ("The weather was cold and grey all week.", "Needs attention", "The transcriber heard"),
    ],
)
def test_the_check_says_whether_the_transcriber_understood_the_sentence(
    qtbot, tmp_path: Path, whisper_model, said: str, verdict: str, shown: str
) -> None:
    """With the window's Whisper model loaded, the sentence is written back, as `doctor
    --mic-check` does: a clear voice reading something else is not understood."""
    sentence = festival_speech(said, tmp_path / "s.wav")
    quiet = np.zeros(SAMPLE_RATE, np.float32)
    samples = in_room(np.concatenate([quiet, sentence]), -30.0, 40.0, tail_s=0.5)
    panel, check = run_check(qtbot, write_wav(tmp_path / "said.wav", samples), whisper_model)
    assert check.heard
    text = panel.result.text()
    assert verdict in text and shown in text, text


def test_homes_check_uses_the_windows_model_once_loaded(qtbot, window, room_clip, whisper_model):
    """Before the models are loaded the check judges the sound alone; after, it transcribes."""
    home = window.home
    home.mic_check.source = lambda: FileSource(room_clip(-30.0, 40.0))
    with qtbot.waitSignal(home.mic_check.finished, timeout=20000) as signal:
        home.mic_check.button.click()
    assert signal.args[0].heard is None
    window.models.whisper = whisper_model
    with qtbot.waitSignal(home.mic_check.finished, timeout=30000) as signal:
        home.mic_check.button.click()
    assert "interview" in signal.args[0].heard.lower()


def test_a_silent_microphone_is_never_called_understood(qtbot, tmp_path: Path, whisper_model):
    """Whisper writes something even over a silent room: no voice is no sentence understood."""
    hiss = np.random.default_rng(0).normal(0, 1e-4, 6 * SAMPLE_RATE).astype(np.float32)
    panel, check = run_check(qtbot, write_wav(tmp_path / "hiss.wav", hiss), whisper_model)
    assert check.problems == ("no_voice",)
    text = panel.result.text()
    assert "No voice was heard" in text and "understood" not in text
