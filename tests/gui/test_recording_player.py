"""The report's player on a real recording (H.264 + AAC): pictures on time, to the end, with its
sound reaching a (virtual) speaker, and silently on the wall clock where no speaker opens."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.tts import Speaker
from mockinterview.gui.recording_player import RecordingPlayer
from tests.conftest import played_alike, synthesize
from tests.gui.conftest import write_recording

SENTENCE = "I think I led the team to a good result."


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("player")
    return write_recording(folder / "recording.mkv", 4.0, synthesize(SENTENCE, folder / "s.wav"))


class Watched:
    """What a player told the page: its pictures' sizes and its positions."""

    def __init__(self, player: RecordingPlayer) -> None:
        self.sizes: list[tuple[int, int]] = []
        self.positions: list[int] = []
        self.failures: list[str] = []
        self.silences: list[str] = []
        player.picture_ready.connect(
            lambda image: self.sizes.append((image.width(), image.height()))
        )
        player.position_changed.connect(self.positions.append)
        player.failed.connect(self.failures.append)
        player.silent.connect(self.silences.append)


def _loaded(qtbot, recording: Path, speaker: str) -> tuple[RecordingPlayer, Watched]:
    player = RecordingPlayer(lambda: (320, 240), speaker)
    watched = Watched(player)
    player.set_source(recording)
    qtbot.waitUntil(lambda: player.duration() > 3900 and bool(watched.sizes), timeout=10000)
    return player, watched


def test_without_a_speaker_it_plays_every_picture_to_the_end(
    qtbot, recording: Path, caplog: pytest.LogCaptureFixture
) -> None:
    player, watched = _loaded(qtbot, recording, "no-such-speaker-xyz")
    assert watched.sizes == [(240, 240)]  # the first picture, scaled once to the view
    player.set_position(1000)
    qtbot.waitUntil(lambda: len(watched.sizes) == 2, timeout=5000)  # paused: that moment shown
    started = time.monotonic()
    player.play()
    assert player.is_playing()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=20000)
    played_s = time.monotonic() - started
    assert "plays without sound" in caplog.text
    assert watched.failures == []
    assert len(watched.silences) == 1, watched.silences  # said once, in the setting's words
    assert watched.silences[0].startswith("No speaker matches 'no-such-speaker-xyz'")
    assert player.position() == player.duration()
    # 3 s at 10 fps: every picture from 1.0 s on was shown (a busy machine may merge a few).
    assert len(watched.sizes) - 2 >= 25 and set(watched.sizes) == {(240, 240)}
    assert watched.positions == sorted(watched.positions)
    assert played_s >= 2.8  # on the clock, not as fast as it decodes
    # At the end, Play starts again from the beginning.
    player.play()
    qtbot.waitUntil(lambda: player.position() > 200, timeout=5000)
    assert player.position() < 3000
    player.close()
    assert not player.is_playing() and player.source() is None


def test_seeking_while_playing_goes_on_from_there(qtbot, recording: Path) -> None:
    player, _watched = _loaded(qtbot, recording, "no-such-speaker-xyz")
    player.play()
    qtbot.waitUntil(lambda: player.position() > 100, timeout=5000)
    player.set_position(3000)
    assert player.is_playing()
    qtbot.waitUntil(lambda: player.position() >= 3100, timeout=5000)
    player.close()


def test_a_file_that_cannot_be_played_says_so(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "recording.mkv"
    bad.write_bytes(b"\x1a\x45\xdf\xa3 broken")
    player = RecordingPlayer(lambda: (320, 240))
    watched = Watched(player)
    player.set_source(bad)
    qtbot.waitUntil(lambda: bool(watched.failures), timeout=5000)
    assert "recording.mkv cannot be played" in watched.failures[0]


@pytest.mark.audio
def test_its_sound_reaches_the_speaker(
    private_sink: str,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
    recording: Path,
    tmp_path: Path,
    whisper_model,
) -> None:
    """Played to a virtual speaker of the test's own and recorded from its monitor: the
    recording's sound arrives whole and in order, Whisper hears it as speech, and the playing
    took the recording's time (the clock follows the speaker)."""
    monkeypatch.setenv("PULSE_SINK", private_sink)
    captured = tmp_path / "heard.wav"
    monitor = subprocess.Popen(
        ["parec", "-d", f"{private_sink}.monitor", "--file-format=wav", "--channels=1", captured]
    )
    try:
        # An idle null sink is suspended and parec connects late: a second of silence first
        # wakes both (as in test_tts.py), so the recording holds the whole sentence.
        assert Speaker("").play(np.zeros(16000, np.float32), 16000) is True
        player, watched = _loaded(qtbot, recording, "")
        started = time.monotonic()
        player.play()
        qtbot.waitUntil(lambda: not player.is_playing(), timeout=20000)
        played_s = time.monotonic() - started
        time.sleep(0.3)
    finally:
        monitor.terminate()
        monitor.wait(timeout=5)
    assert watched.failures == [] and player.position() == player.duration()
    assert 3.5 <= played_s <= 6.0
    heard = decode_audio(captured)
    assert played_alike(heard, decode_audio(recording)) > 0.95
    # tiny.en hears those same samples (0.9996 alike) as "...a good result" or "...a good
    # remote" from one run to the next, so only a word it always heard is asked of it.
    words = Transcriber(whisper_model).transcribe(heard).text.lower()
    assert "team" in words, words
