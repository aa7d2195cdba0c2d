"""Home's microphone check panel, driven by a recorded room instead of a microphone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.settings import Settings
from mockinterview.core.speech.capture import FileSource
from mockinterview.core.speech.mic_check import CHECK_SENTENCE
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


@pytest.mark.parametrize(
    ("snr_db", "verdict", "advice"), [(40.0, "OK", "fine"), (8.0, "Needs attention", "closer")]
)
def test_the_check_shows_its_verdict_and_advice(
    qtbot, room_clip, tmp_path: Path, snr_db: float, verdict: str, advice: str
) -> None:
    clip = room_clip(-30.0, snr_db)
    panel = MicCheckPanel(Settings(), source=lambda: FileSource(clip))
    qtbot.addWidget(panel)
    panel.resize(640, 160)
    panel.show()
    with qtbot.waitSignal(panel.finished, timeout=20000) as signal:
        panel.button.click()
    check = signal.args[0]
    assert check.ok == (snr_db > 15)
    text = panel.result.text()
    assert verdict in text and advice in text
    assert panel.button.isEnabled() and panel.button.text() == "Check again"
    panel.grab().save(str(tmp_path / f"mic-check-{snr_db:.0f}.png"))
