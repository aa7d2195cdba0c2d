"""The Settings page's "Test" buttons: short real checks of a camera, microphone and speaker.

Each runs on a pool thread (they block for a second or two) and returns something the page can
show: a frame, a level in dBFS, or the seconds played. Failures are DeviceErrors that say what to
do, because a missing device is the common case on a new laptop, not an exception.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mockinterview.core.errors import DeviceError, MediaError
from mockinterview.core.platforms import camera_access_hint
from mockinterview.core.settings import VoiceSettings

TEST_RECORD_S = 1.5  # s of microphone audio for the level check
TEST_TONE_S = 0.6  # s of the speaker test tone
TEST_TONE_HZ = 440.0  # Hz, concert A: audible on any speaker, not unpleasant
SILENT_DBFS = -60.0  # dBFS, a microphone quieter than this records only noise floor


def grab_camera_frame(camera: str) -> np.ndarray:
    """One RGB frame from a webcam index or a video file, to prove the camera works."""
    import cv2

    from mockinterview.core.vision.frames import open_camera

    try:
        with open_camera(camera) as source:
            frame = source.read()
    except MediaError as exc:  # a video file that cannot stand in for the camera
        raise DeviceError(str(exc)) from exc
    if frame is None:
        raise DeviceError(
            f"Camera {camera!r} gave no picture. Check that it is connected, or pick a video "
            f"file. {camera_access_hint()}"
        )
    return cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)


def microphone_level_dbfs(microphone: str, sample_rate: int) -> float:
    """Record TEST_RECORD_S seconds and return the RMS level in dBFS.

    Through the rehearsal's own MicrophoneSource, so the test proves what a rehearsal uses: a
    device that refuses `sample_rate` (many sound cards refuse 16 kHz) is opened at its own rate
    and resampled there too, where sd.rec at 16 kHz failed with "Invalid sample rate"."""
    from mockinterview.core.speech.capture import MicrophoneSource, block_level_dbfs

    source = MicrophoneSource(microphone, sample_rate)
    source.start()  # an unknown name lists what exists; one that cannot open says why
    blocks: list[np.ndarray] = []
    try:
        while sum(len(b) for b in blocks) < TEST_RECORD_S * sample_rate:
            block = source.read(timeout=0.5)  # a device that stops sending is a DeviceError
            if block is not None:
                blocks.append(block)
    finally:
        source.stop()
    return block_level_dbfs(np.concatenate(blocks))


def play_test_tone(speaker: str, sample_rate: int = 44100) -> float:
    """Play a short tone with soft edges (no click) and return how many seconds were played."""
    from mockinterview.core.speech.tts import Speaker

    t = np.arange(int(TEST_TONE_S * sample_rate)) / sample_rate
    tone = 0.3 * np.sin(2 * np.pi * TEST_TONE_HZ * t)
    fade = min(len(t) // 10, int(0.05 * sample_rate))
    envelope = np.ones_like(tone)
    envelope[:fade] = np.linspace(0, 1, fade)
    envelope[-fade:] = np.linspace(1, 0, fade)
    Speaker(speaker).play((tone * envelope).astype(np.float32), sample_rate)
    return TEST_TONE_S


SAMPLE_QUESTION = "Tell me about a time you solved a hard problem."


def speak_sample(voice: VoiceSettings, speaker: str, folder: Path) -> tuple[float, str | None]:
    """Render a sample question with `voice` and play it; returns its length in seconds and the
    note saying why the neural voice fell back to the system's (None when it did not)."""
    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
    from mockinterview.core.speech.tts import QuestionVoice, Speaker

    engine = QuestionVoice(voice)
    try:
        wav = engine.synthesize(SAMPLE_QUESTION, folder / "voice-sample.wav")
    finally:
        engine.close()
    Speaker(speaker).play_file(wav)
    return len(decode_audio(wav)) / SAMPLE_RATE, engine.note
