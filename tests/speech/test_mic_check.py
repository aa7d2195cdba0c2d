"""The microphone check: judged against the room, with advice a user can act on."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.doctor import format_mic_check
from mockinterview.core.speech.capture import FileSource
from mockinterview.core.speech.mic_check import (
    CHECK_SENTENCE,
    assess_microphone,
    record_check,
)
from mockinterview.core.thresholds import DeliveryThresholds
from tests.speech.conftest import festival_speech
from tests.speech.test_room import in_room

DELIVERY = DeliveryThresholds()


@pytest.fixture(scope="module")
def sentence(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    return festival_speech(CHECK_SENTENCE, tmp_path_factory.mktemp("check") / "s.wav")


def test_a_quiet_but_clean_microphone_passes(sentence: np.ndarray) -> None:
    check = assess_microphone(in_room(sentence, -42.0, snr_db=40.0, tail_s=0.5), DELIVERY)
    assert check.ok, check.advice
    assert check.voice_dbfs == pytest.approx(-42.0, abs=2.0)
    assert check.speech_to_noise_db > 30
    assert "fine" in check.advice[0]


def test_a_noisy_room_is_named_with_what_to_do(sentence: np.ndarray) -> None:
    check = assess_microphone(in_room(sentence, -20.0, snr_db=8.0, tail_s=0.5), DELIVERY)
    assert check.problems == ("noisy",)
    assert check.speech_to_noise_db < DELIVERY.quiet_snr_db
    assert "closer to the microphone" in check.advice[0]


def test_clipping_and_silence_are_caught(sentence: np.ndarray) -> None:
    loud = np.clip(in_room(sentence, -20.0, snr_db=40.0, tail_s=0.5) * 30, -1.0, 1.0)
    assert assess_microphone(loud, DELIVERY).problems == ("clipping",)
    silent = np.random.default_rng(0).normal(0, 1e-4, 8 * SAMPLE_RATE).astype(np.float32)
    assert assess_microphone(silent, DELIVERY).problems == ("no_voice",)
    assert assess_microphone(silent, DELIVERY, heard="Thank you.").understood is None


@pytest.mark.parametrize("sys_platform", ["linux", "win32", "darwin"])
def test_a_microphone_that_sends_only_zeros_is_told_apart_from_a_silent_person(
    monkeypatch: pytest.MonkeyPatch, sys_platform: str
) -> None:
    """macOS gives an app that may not use the microphone exact zeros; "No voice was heard"
    sent the person to check the mute switch, never to the permission."""
    from mockinterview.core.platforms import microphone_silence_hint

    monkeypatch.setattr(sys, "platform", sys_platform)
    check = assess_microphone(np.zeros(8 * SAMPLE_RATE, dtype=np.float32), DELIVERY)
    assert check.problems == ("no_voice",)
    assert "pure digital silence" in check.advice[0]
    assert microphone_silence_hint() in check.advice[0]
    assert ("Privacy & Security > Microphone" in check.advice[0]) is (sys_platform == "darwin")


def test_a_noise_suppressed_microphone_passes_and_says_why_the_room_is_not_measured(
    sentence: np.ndarray,
) -> None:
    """Noise suppression (or a noise gate) sends zeros between words: no room to measure a voice
    against, which the check says instead of printing "75 dB above the room"."""
    quiet = np.zeros(SAMPLE_RATE, np.float32)
    check = assess_microphone(np.concatenate([quiet, sentence * 0.3, quiet]), DELIVERY)
    assert check.ok, check.advice
    assert check.speech_to_noise_db is None
    assert check.advice[0] == "Your microphone is fine."
    assert "noise suppression" in check.advice[1]
    assert check.room_silent and check.noise_floor_dbfs == -100.0
    shown = format_mic_check({"seconds": 8.0, **check.to_dict()})
    assert "pure silence" in shown and "-100" not in shown
    heard_room = assess_microphone(in_room(sentence, -30.0, snr_db=40.0, tail_s=0.5), DELIVERY)
    assert not heard_room.room_silent
    assert "dBFS" in format_mic_check({"seconds": 8.0, **heard_room.to_dict()})


def test_a_sentence_the_transcriber_did_not_hear_is_reported(sentence: np.ndarray) -> None:
    samples = in_room(sentence, -25.0, snr_db=40.0, tail_s=0.5)
    assert assess_microphone(samples, DELIVERY, heard=CHECK_SENTENCE).understood
    assert assess_microphone(samples, DELIVERY).understood is None
    check = assess_microphone(samples, DELIVERY, heard="I am")
    assert check.problems == ("not_understood",) and check.understood is False
    assert '"I am"' in check.advice[0]
    check = assess_microphone(samples, DELIVERY, heard=" The weather was grey. ")
    assert check.advice[0].startswith('The transcriber heard "The weather was grey". Speak')


def test_record_check_takes_the_room_then_the_sentence(
    sentence: np.ndarray, tmp_path: Path
) -> None:
    clip = write_wav(tmp_path / "c.wav", np.concatenate([np.zeros(3 * SAMPLE_RATE), sentence]))
    phases: list[str] = []
    levels: list[float] = []
    samples = record_check(
        FileSource(clip), seconds=4.0, on_level=levels.append, on_phase=phases.append
    )
    assert phases == ["quiet", "speak"]
    assert len(samples) == 4 * SAMPLE_RATE
    assert len(levels) == 40


@pytest.mark.audio
@pytest.mark.slow
def test_doctor_mic_check_on_the_virtual_microphone(
    virtual_audio: None, sentence: np.ndarray, tmp_path: Path
) -> None:
    """`mockinterview doctor --mic-check` records vmic while paplay reads the sentence into it."""
    clip = write_wav(tmp_path / "sentence.wav", in_room(sentence, -22.0, snr_db=40.0, tail_s=0.5))
    process = subprocess.Popen(
        [sys.executable, "-m", "mockinterview", "doctor", "--mic-check", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    speaker = None
    for line in process.stderr:
        if line.startswith("Now read aloud"):
            speaker = threading.Thread(
                target=subprocess.run, args=(["paplay", "--device=micfeed", str(clip)],)
            )
            speaker.start()
    out, _ = process.communicate(timeout=120)
    if speaker is not None:
        speaker.join()
    result = json.loads(out)
    assert speaker is not None
    assert result["ok"], result["advice"]
    assert result["voiced_s"] > 1.0
    assert "interview" in result["heard"].lower()
    assert process.returncode == 0
