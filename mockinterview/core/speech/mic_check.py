"""A microphone check before the first question: level, room noise, clipping, a spoken sentence.

    check, seconds = check_microphone(MicrophoneSource(name), settings.delivery, transcribe=...)
    check.ok, check.advice      # plain sentences a user can act on

The user stays quiet for QUIET_S (the room), then reads CHECK_SENTENCE aloud. Everything is judged
as the answers are (core/speech/room.py): voice against the room's own noise floor, so a low-gain
but clean microphone passes and a loud one in a noisy room does not. The measured floor can seed
the first answer's VoiceGate (AnswerRecorder's `noise_floor_dbfs`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mockinterview.core.speech.capture import AudioSource, block_level_dbfs, no_signal_message
from mockinterview.core.speech.check_script import CHECK_SENTENCE, QUIET_S, SPEAK_S
from mockinterview.core.speech.room import BLOCK_S, hard_to_hear, read_room
from mockinterview.core.thresholds import DeliveryThresholds

CLIP_LEVEL = 0.99  # |sample| at or above this is clipped (full scale is 1.0)
MIN_VOICE_S = 1.0  # s of voiced blocks that show the sentence was heard at all
MIN_HEARD_SHARE = 0.6  # of the sentence's words Whisper must write back


@dataclass(frozen=True)
class MicCheck:
    """What the check measured and what to do about it; `ok` when nothing needs fixing."""

    noise_floor_dbfs: float | None
    room_silent: bool  # pure silence between words (noise suppression): no room to measure
    voice_dbfs: float | None  # power mean of the voiced 100 ms blocks
    speech_to_noise_db: float | None
    clipped_pct: float  # % of samples at full scale
    voiced_s: float
    heard: str | None  # what Whisper wrote for the sentence (None: not transcribed)
    problems: tuple[str, ...]  # no_voice | noisy | clipping | not_understood
    advice: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def understood(self) -> bool | None:
        """Whether the transcriber wrote the sentence back; None when nothing was transcribed or
        no voice was heard (Whisper writes something even over a silent room)."""
        if self.heard is None or "no_voice" in self.problems:
            return None
        return "not_understood" not in self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "noise_floor_dbfs": self.noise_floor_dbfs,
            "room_silent": self.room_silent,
            "voice_dbfs": self.voice_dbfs,
            "speech_to_noise_db": self.speech_to_noise_db,
            "clipped_pct": self.clipped_pct,
            "voiced_s": self.voiced_s,
            "heard": self.heard,
            "problems": list(self.problems),
            "advice": list(self.advice),
        }


def _words(text: str) -> list[str]:
    return ["".join(c for c in w.lower() if c.isalnum()) for w in text.split()]


def assess_microphone(
    samples: np.ndarray, thresholds: DeliveryThresholds, heard: str | None = None
) -> MicCheck:
    """Judge a check recording (room first, then the sentence); pure, so tests and GUI agree."""
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    room = read_room(samples, thresholds)
    floor, voice, voiced_s = room.floor_dbfs, room.voice_dbfs, room.voiced_s
    snr = room.speech_to_noise_db
    clipped = (
        round(100.0 * float(np.mean(np.abs(samples) >= CLIP_LEVEL)), 3) if len(samples) else 0.0
    )

    problems, advice = [], []
    if len(samples) and not np.any(samples):
        problems.append("no_voice")
        advice.append(no_signal_message())
    elif voiced_s < MIN_VOICE_S:
        problems.append("no_voice")
        advice.append(
            "No voice was heard. Check that the right microphone is chosen in Settings and "
            "that it is not muted, then try again and read the sentence aloud."
        )
    else:
        if hard_to_hear(snr, thresholds):
            problems.append("noisy")
            advice.append(
                f"Your voice is only {snr:.0f} dB above the room's noise; "
                f"{thresholds.quiet_snr_db:.0f} dB or more is easy to follow. Move closer to "
                "the microphone, or turn off the fan, close the window or find a quieter room."
            )
        if clipped > thresholds.mic_clipped_pct:
            problems.append("clipping")
            advice.append(
                "Your voice is clipping (too loud for the microphone, so it distorts). Lower the "
                "input volume in your system's sound settings or sit a little further back."
            )
        if heard is not None:
            said = set(_words(CHECK_SENTENCE))
            share = len(said & set(_words(heard))) / len(said)
            if share < MIN_HEARD_SHARE:
                problems.append("not_understood")
                advice.append(
                    f'The transcriber heard "{heard.strip().rstrip(".") or "nothing"}". Speak '
                    "a little slower and closer to the microphone, then try again."
                )
    if not problems:
        advice.append(
            f"Your microphone is fine: your voice is {snr:.0f} dB above the room."
            if snr is not None
            else "Your microphone is fine."
        )
        if room.room_silent:
            advice.append(
                "Between your words the microphone sends pure silence: your system's noise "
                "suppression is probably on. That is fine, but how far your voice stands above "
                "the room cannot be measured, so the report shows it as not measured."
            )
    return MicCheck(
        noise_floor_dbfs=None if floor is None else round(floor, 1),
        room_silent=room.room_silent,
        voice_dbfs=None if voice is None else round(voice, 1),
        speech_to_noise_db=snr,
        clipped_pct=clipped,
        voiced_s=voiced_s,
        heard=heard,
        problems=tuple(problems),
        advice=tuple(advice),
    )


def record_check(
    source: AudioSource,
    seconds: float = QUIET_S + SPEAK_S,
    on_level: Callable[[float], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> np.ndarray:
    """`seconds` of audio from `source` (room first, then the sentence). `on_phase("quiet")` at
    the start and `on_phase("speak")` after QUIET_S tell the user what to do; DeviceError when
    the microphone cannot be opened or stops."""
    blocks: list[np.ndarray] = []
    total = 0
    wanted = int(seconds * source.sample_rate)
    phase = ""
    source.start()
    deadline = time.monotonic() + seconds + 10.0  # PulseAudio's first block can take ~2 s
    try:
        while total < wanted and time.monotonic() < deadline:
            now = "quiet" if total < QUIET_S * source.sample_rate else "speak"
            if now != phase and on_phase is not None:
                on_phase(now)
            phase = now
            block = source.read(timeout=BLOCK_S)
            if block is None or len(block) == 0:
                if source.exhausted:
                    break
                continue
            blocks.append(block)
            total += len(block)
            if on_level is not None:
                on_level(block_level_dbfs(block))
    finally:
        source.stop()
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def check_microphone(
    source: AudioSource,
    thresholds: DeliveryThresholds,
    transcribe: Callable[[np.ndarray], str] | None = None,
    on_level: Callable[[float], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> tuple[MicCheck, float]:
    """The whole check, as `doctor --mic-check` and Home's panel run it: record, let
    `transcribe` write the sentence back (when a model is at hand; `on_phase("transcribe")`
    first, since it takes a moment), judge. Returns the check and the seconds recorded."""
    samples = record_check(source, on_level=on_level, on_phase=on_phase)
    heard = None
    if transcribe is not None and len(samples):
        if on_phase is not None:
            on_phase("transcribe")
        heard = transcribe(samples)
    return assess_microphone(samples, thresholds, heard), len(samples) / source.sample_rate
