"""Real rooms: voice is judged against the room's noise floor, not a fixed dBFS level."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.settings import AudioSettings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.capture import AnswerRecorder, FileSource
from mockinterview.core.speech.delivery import analyze_delivery
from mockinterview.core.speech.room import (
    VoiceGate,
    block_levels_dbfs,
    frame_levels_dbfs,
    level_verdict,
    noise_floor_dbfs,
    pause_between,
    read_room,
    silence_level_dbfs,
    voiced_mask,
)
from mockinterview.core.thresholds import DeliveryThresholds
from tests.speech.conftest import festival_speech

DELIVERY = DeliveryThresholds()
SENTENCES = (
    "I would start by asking the team what slows them down. Then I would measure it, and fix "
    "the biggest problem first."
)


def level_dbfs(samples: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))))


def fan_noise(seconds: float, seed: int = 0) -> np.ndarray:
    """A fan-like hum: brown-ish noise (white noise through a leaky integrator) plus 100 Hz."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    white = rng.normal(0.0, 1.0, n)
    brown = np.zeros(n)
    for i in range(1, n):
        brown[i] = 0.98 * brown[i - 1] + white[i]
    hum = np.sin(2 * np.pi * 100 * np.arange(n) / SAMPLE_RATE)
    noise = brown / np.std(brown) + 0.5 * hum
    return (noise / np.sqrt(np.mean(noise**2))).astype(np.float32)


def voice_level_dbfs(voice: np.ndarray) -> float:
    """RMS of the voiced blocks only (the pauses inside a clip would lower a plain RMS)."""
    levels = block_levels_dbfs(voice)
    loud = levels[levels > levels.max() - 30]
    return float(10 * np.log10(np.mean(10 ** (loud / 10))))


def at_level(samples: np.ndarray, dbfs: float, measured: float) -> np.ndarray:
    return (samples * 10 ** ((dbfs - measured) / 20)).astype(np.float32)


def in_room(voice: np.ndarray, voice_dbfs: float, snr_db: float, tail_s: float) -> np.ndarray:
    """`voice` at `voice_dbfs` in a fan noise `snr_db` below it, with `tail_s` of room after."""
    voice = at_level(voice, voice_dbfs, voice_level_dbfs(voice))
    voice = np.concatenate(
        [np.zeros(SAMPLE_RATE, np.float32), voice, np.zeros(int(tail_s * SAMPLE_RATE), np.float32)]
    )
    noise = fan_noise(len(voice) / SAMPLE_RATE) * 10 ** ((voice_dbfs - snr_db) / 20)
    return (voice + noise).astype(np.float32)


def test_the_floor_follows_the_room_and_a_prior_counts_for_a_second() -> None:
    gate = VoiceGate(DELIVERY, floor_dbfs=-40.0)
    assert gate.floor_dbfs == pytest.approx(-40.0)
    assert not gate.is_voice(-36.0)  # under floor + 6 dB
    assert gate.is_voice(-30.0)
    for _ in range(50):  # 5 s of a quieter room than the check measured
        gate.is_voice(-60.0)
    assert gate.floor_dbfs == pytest.approx(-60.0)
    assert gate.is_voice(-50.0)
    # However quiet the room, hiss just above a digital-silence floor is not a voice.
    assert not VoiceGate(DELIVERY, floor_dbfs=-100.0).is_voice(-70.0)


def test_a_noisy_room_at_10_db_snr_ends_the_answer_on_silence(tmp_path: Path) -> None:
    voice = festival_speech(SENTENCES, tmp_path / "v.wav")
    room = in_room(voice, -20.0, snr_db=10.0, tail_s=10.0)
    floor = noise_floor_dbfs(block_levels_dbfs(room))
    assert floor > DeliveryThresholds.speech_level_dbfs + 10  # a fixed level would hear voice
    path = write_wav(tmp_path / "room.wav", room)
    answer = AnswerRecorder(
        FileSource(path), tmp_path / "a.wav", AudioSettings(silence_end_s=4.0), DELIVERY
    ).record()
    assert answer.ended_by == "silence"
    assert answer.speech_detected
    assert answer.noise_floor_dbfs == pytest.approx(-30.0, abs=3.0)  # the fan, 10 dB under -20
    spoken_until = 1.0 + len(voice) / SAMPLE_RATE
    assert spoken_until + 3.0 < answer.duration_s < spoken_until + 5.5
    assert voiced_mask(room, DELIVERY)[int(spoken_until * 10) + 5 :].mean() < 0.05


@pytest.mark.slow
def test_a_quiet_but_clean_microphone_is_not_flagged_quiet(
    tmp_path: Path, transcriber: Transcriber
) -> None:
    voice = festival_speech(SENTENCES, tmp_path / "v.wav")
    quiet_clean = in_room(voice, -42.0, snr_db=40.0, tail_s=1.0)  # low gain, silent room
    loud_noisy = in_room(voice, -18.0, snr_db=8.0, tail_s=1.0)  # loud, but over a loud fan
    for samples in (quiet_clean, loud_noisy):
        assert len(transcriber.transcribe(samples).words) > 15

    quiet = analyze_delivery(transcriber.transcribe(quiet_clean).words, quiet_clean, DELIVERY)
    assert quiet.loudness_dbfs < DELIVERY.quiet_dbfs  # the old absolute rule would flag it
    assert quiet.speech_to_noise_db > 30
    assert "quiet" not in quiet.flags

    noisy = analyze_delivery(transcriber.transcribe(loud_noisy).words, loud_noisy, DELIVERY)
    assert noisy.loudness_dbfs > DELIVERY.quiet_dbfs
    assert noisy.speech_to_noise_db == read_room(loud_noisy, DELIVERY).speech_to_noise_db
    assert noisy.speech_to_noise_db < DELIVERY.quiet_snr_db
    assert "quiet" in noisy.flags


def test_a_recording_with_no_room_has_no_voice_over_room_figure(tmp_path: Path) -> None:
    """A generated answer's pauses are digital zeros: its floor is the -100 dBFS clamp, and a
    "79 dB over the room" figure would measure the clamp. The faintest real hiss gives a figure."""
    voice = festival_speech(SENTENCES, tmp_path / "v.wav")
    loud = at_level(voice, -25.0, voice_level_dbfs(voice))
    silent = np.concatenate([np.zeros(SAMPLE_RATE, np.float32), loud, np.zeros(SAMPLE_RATE)])
    assert read_room(silent, DELIVERY).speech_to_noise_db is None
    hiss = in_room(voice, -25.0, snr_db=55.0, tail_s=1.0)  # a floor about -80 dBFS
    assert read_room(hiss, DELIVERY).speech_to_noise_db == pytest.approx(55.0, abs=6.0)


def test_a_moment_is_judged_against_the_room_as_the_answer_is() -> None:
    """The live meter's rule (level_verdict) is the report's: quiet = voice under quiet_snr_db
    above the room, whatever the dBFS; room noise is not voice; an unknown floor judges no one
    quiet."""
    assert level_verdict(-42.0, floor_dbfs=-80.0, thresholds=DELIVERY) == "clear"  # low gain
    assert level_verdict(-25.0, floor_dbfs=-33.0, thresholds=DELIVERY) == "quiet"  # loud fan
    assert level_verdict(-31.0, floor_dbfs=-33.0, thresholds=DELIVERY) == "room"  # the fan
    assert level_verdict(-42.0, floor_dbfs=None, thresholds=DELIVERY) == "clear"
    assert level_verdict(-70.0, floor_dbfs=None, thresholds=DELIVERY) == "room"


def test_the_pause_between_two_sounds_is_found_over_a_fan() -> None:
    """A 150 ms pause between two sounds (-23 dBFS) over a fan at -45 dBFS: found where it is,
    and the room before the first sound is not a pause between sounds (asr measures the break
    after a "So" this way)."""
    t = np.arange(int(1.4 * SAMPLE_RATE)) / SAMPLE_RATE
    sound = 0.1 * np.sin(2 * np.pi * 220 * t) * (((t > 0.2) & (t < 0.6)) | ((t > 0.75) & (t < 1.2)))
    samples = (sound + fan_noise(1.4) * 10 ** (-45 / 20)).astype(np.float32)
    frames = frame_levels_dbfs(samples)
    silence = silence_level_dbfs(samples, frames, DELIVERY)
    start, end = pause_between(frames, silence, 0.3, 1.0)
    assert start == pytest.approx(0.6, abs=0.02) and end == pytest.approx(0.75, abs=0.02)
    assert pause_between(frames, silence, 0.0, 0.5) is None


def test_a_clean_reading_cut_close_around_its_words_is_not_called_quiet() -> None:
    """A LibriVox sentence with 0.2 s of room at each end: its 10th-percentile 100 ms block was
    soft speech, so a voice about 20 dB over its room read 14.2 dB and was told to speak up."""
    from mockinterview.core.audio_file import decode_audio

    samples = decode_audio(Path(__file__).parents[1] / "data" / "speech" / "austen-0870.flac")
    room_only = np.concatenate([samples[:3200], samples[-3200:]])  # the 0.2 s at each end
    reading = read_room(samples, DELIVERY)
    assert reading.floor_dbfs == pytest.approx(level_dbfs(room_only), abs=2.0)
    assert reading.speech_to_noise_db > DELIVERY.quiet_snr_db


def test_a_microphone_hearing_only_the_room_is_asked_about_while_the_answer_goes_on(
    tmp_path: Path,
) -> None:
    """A wrong input (a webcam's microphone across the room) sends the room, never a voice:
    after NO_VOICE_S the person is asked, once, and the answer goes on. A real reader who
    starts after a 4 s think in the same room is not asked; an input of zeros is named by
    on_no_signal instead."""
    from mockinterview.core.audio_file import decode_audio
    from mockinterview.core.speech.capture import NO_VOICE_S

    asked: list[str] = []

    def record(name: str, samples: np.ndarray) -> float:
        path = write_wav(tmp_path / f"{name}.wav", samples)
        recorder = AnswerRecorder(
            FileSource(path),
            tmp_path / f"{name}-answer.wav",
            AudioSettings(),
            DELIVERY,
            on_no_signal=lambda: asked.append(f"{name}: no signal"),
            on_no_voice=lambda: asked.append(name),
        )
        return recorder.record().duration_s

    seconds = NO_VOICE_S + 3.0
    assert record("fan", fan_noise(seconds) * 10 ** (-45 / 20)) == pytest.approx(seconds, abs=0.1)
    assert asked == ["fan"]

    reader = decode_audio(Path(__file__).parents[1] / "data/speech/austen-0870.flac")
    reader = np.concatenate([np.zeros(4 * SAMPLE_RATE, np.float32), reader])
    room = in_room(reader, -20.0, snr_db=25.0, tail_s=seconds)
    assert record("reader", room) < len(room) / SAMPLE_RATE  # ended on silence, unasked
    assert asked == ["fan"]

    record("zeros", np.zeros(int(seconds * SAMPLE_RATE), np.float32))
    assert asked == ["fan", "zeros: no signal"]
