"""The Settings page's "Test" buttons: short real checks of a camera, microphone and speaker.

Each runs on a pool thread (they block for a second or two) and returns something the page can
show: a frame, a level in dBFS, or the seconds played. Failures are DeviceErrors that say what to
do, because a missing device is the common case on a new laptop, not an exception.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mockinterview.core.errors import DeviceError
from mockinterview.core.settings import VoiceSettings

TEST_RECORD_S = 1.5  # s of microphone audio for the level check
TEST_TONE_S = 0.6  # s of the speaker test tone
TEST_TONE_HZ = 440.0  # Hz, concert A: audible on any speaker, not unpleasant
SILENT_DBFS = -60.0  # dBFS, a microphone quieter than this records only noise floor


def _device(name: str) -> int | str | None:
    """Settings keep a device as its index or name; empty means the system default."""
    if not name:
        return None
    return int(name) if name.isdigit() else name


def grab_camera_frame(camera: str) -> np.ndarray:
    """One RGB frame from a webcam index or a video file, to prove the camera works."""
    import cv2

    source: int | str = int(camera) if camera.isdigit() else camera
    capture = cv2.VideoCapture(source)
    try:
        ok, frame = capture.read() if capture.isOpened() else (False, None)
    finally:
        capture.release()
    if not ok or frame is None:
        raise DeviceError(
            f"Camera {camera!r} gave no picture. Check that it is connected and not used by "
            "another app, or pick a video file."
        )
    return cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)


def microphone_level_dbfs(microphone: str, sample_rate: int) -> float:
    """Record TEST_RECORD_S seconds and return the RMS level in dBFS."""
    import sounddevice as sd

    try:
        audio = sd.rec(
            int(TEST_RECORD_S * sample_rate),
            samplerate=sample_rate,
            channels=1,
            dtype="float32",
            device=_device(microphone),
        )
        sd.wait()
    except Exception as exc:  # PortAudioError, ValueError for an unknown device name
        raise DeviceError(
            f"Could not record from microphone {microphone or 'default'!r}: {exc}. "
            "Pick another microphone or check that it is plugged in."
        ) from exc
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0
    return 20.0 * np.log10(max(rms, 1e-6))


def play_test_tone(speaker: str, sample_rate: int = 44100) -> float:
    """Play a short tone with soft edges (no click) and return how many seconds were played."""
    import sounddevice as sd

    t = np.arange(int(TEST_TONE_S * sample_rate)) / sample_rate
    tone = 0.3 * np.sin(2 * np.pi * TEST_TONE_HZ * t)
    fade = min(len(t) // 10, int(0.05 * sample_rate))
    envelope = np.ones_like(tone)
    envelope[:fade] = np.linspace(0, 1, fade)
    envelope[-fade:] = np.linspace(1, 0, fade)
    try:
        sd.play(
            (tone * envelope).astype(np.float32), samplerate=sample_rate, device=_device(speaker)
        )
        sd.wait()
    except Exception as exc:  # PortAudioError, ValueError for an unknown device name
        raise DeviceError(
            f"Could not play on speaker {speaker or 'default'!r}: {exc}. "
            "Pick another speaker or check the volume and cable."
        ) from exc
    return TEST_TONE_S


SAMPLE_QUESTION = "Tell me about a time you solved a hard problem."


def speak_sample(voice: VoiceSettings, speaker: str, folder: Path) -> float:
    """Render a sample question with `voice` and play it; returns its length in seconds."""
    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
    from mockinterview.core.speech.tts import QuestionVoice, Speaker

    engine = QuestionVoice(voice)
    try:
        wav = engine.synthesize(SAMPLE_QUESTION, folder / "voice-sample.wav")
    finally:
        engine.close()
    Speaker(speaker).play_file(wav)
    return len(decode_audio(wav)) / SAMPLE_RATE
