"""The room an answer is spoken in: its noise floor, and whether a moment is voice or just room.

A fixed level (-45 dBFS) cannot tell voice from room: a laptop fan or a street sits above it, so
the answer never ends on silence, while a quiet but clean microphone puts soft syllables below it.
What separates voice from room is how far a moment stands above the room's own noise floor:

    gate = VoiceGate(settings.delivery, floor_dbfs=measured_at_session_start)   # or None
    gate.is_voice(block_level_dbfs(block))      # per 100 ms block, the floor follows the room

The floor is the 10th percentile of recent 100 ms block levels: speech has gaps between words,
so even during an answer a tenth of the blocks hold only the room (issue 11, "real rooms").
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.thresholds import DeliveryThresholds, digital_silence

BLOCK_S = 0.1  # s per level block, as the recorder delivers them
FRAME_S = 0.01  # s per frame where silence between words is looked for
FLOOR_PERCENTILE = 10.0  # % of blocks at or below the floor
FLOOR_WINDOW_S = 30.0  # s of recent blocks the floor is taken over (a fan switched on counts)
PRIOR_WEIGHT_S = 1.0  # s of blocks a floor measured before the answer stands for


def block_levels_dbfs(
    samples: np.ndarray, sample_rate: int = SAMPLE_RATE, block_s: float = BLOCK_S
) -> np.ndarray:
    """RMS level of each whole 100 ms block (or `block_s`) in dBFS (-100 for digital silence)."""
    block = int(sample_rate * block_s)
    usable = len(samples) // block * block
    if usable == 0:
        return np.zeros(0)
    frames = np.asarray(samples[:usable], dtype=np.float64).reshape(-1, block)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return np.maximum(20.0 * np.log10(np.maximum(rms, 1e-10)), -100.0)


def frame_levels_dbfs(samples: np.ndarray) -> np.ndarray:
    """Level of each 10 ms frame (16 kHz samples): fine enough to see the silence between two
    words, which a 100 ms block averages away."""
    return block_levels_dbfs(samples, block_s=FRAME_S)


def silence_level_dbfs(
    samples: np.ndarray, frames: np.ndarray, thresholds: DeliveryThresholds
) -> float:
    """The level under which a 10 ms frame is silence between words: not voice by the room's rule
    (voice_threshold_dbfs), and silence_below_voice_db under the voice's loud frames. `frames`
    is frame_levels_dbfs(samples), which the caller has already for pause_between."""
    loud = float(np.percentile(frames, 95)) if len(frames) else 0.0
    room = voice_threshold_dbfs(noise_floor_dbfs(block_levels_dbfs(samples)), thresholds)
    return min(room, loud - thresholds.silence_below_voice_db)


def pause_between(
    frames_dbfs: np.ndarray, silence_dbfs: float, start_s: float, end_s: float
) -> tuple[float, float] | None:
    """The longest run of silent frames inside [start_s, end_s] with sound on both sides of it
    (a pause between two sounds, not the silence before or after them), in seconds; or None."""
    first, last = max(int(start_s / FRAME_S), 0), min(int(end_s / FRAME_S), len(frames_dbfs))
    quiet = frames_dbfs[first:last] < silence_dbfs
    best: tuple[int, int] | None = None
    run_start = None
    for k, is_quiet in enumerate(quiet):
        if is_quiet and run_start is None:
            run_start = k
        elif not is_quiet and run_start is not None:
            if run_start > 0 and (best is None or k - run_start > best[1] - best[0]):
                best = (run_start, k)
            run_start = None
    if best is None:
        return None
    return (first + best[0]) * FRAME_S, (first + best[1]) * FRAME_S


def noise_floor_dbfs(levels: np.ndarray) -> float | None:
    """The room's level: the FLOOR_PERCENTILE-th percentile of block levels (None without any)."""
    return float(np.percentile(levels, FLOOR_PERCENTILE)) if len(levels) else None


def voice_threshold_dbfs(floor_dbfs: float | None, thresholds: DeliveryThresholds) -> float:
    """The level a block must pass to be voice: voice_above_floor_db over the floor, and never
    below speech_level_dbfs (a digitally silent line would otherwise call hiss a voice)."""
    if floor_dbfs is None:
        return thresholds.speech_level_dbfs
    return max(floor_dbfs + thresholds.voice_above_floor_db, thresholds.speech_level_dbfs)


def level_verdict(
    level_dbfs: float, floor_dbfs: float | None, thresholds: DeliveryThresholds
) -> str:
    """One moment's level against the room: "room" (not voice), "quiet" (voice less than
    quiet_snr_db above the floor: hard to hear over the room, the rule of the answer's "quiet"
    flag) or "clear". Without a measured floor nothing is called quiet: dBFS alone depends on
    the microphone's gain."""
    if level_dbfs <= voice_threshold_dbfs(floor_dbfs, thresholds):
        return "room"
    above_room = None if floor_dbfs is None else level_dbfs - floor_dbfs
    return "quiet" if hard_to_hear(above_room, thresholds) else "clear"


def hard_to_hear(voice_over_room_db: float | None, thresholds: DeliveryThresholds) -> bool:
    """Voice less than quiet_snr_db above the room's floor (False when either is unknown)."""
    return voice_over_room_db is not None and voice_over_room_db < thresholds.quiet_snr_db


def voiced_mask(samples: np.ndarray, thresholds: DeliveryThresholds) -> np.ndarray:
    """Per 100 ms block of a finished recording: True where it stands above its own room."""
    levels = block_levels_dbfs(samples)
    return levels > voice_threshold_dbfs(noise_floor_dbfs(levels), thresholds)


@dataclass(frozen=True)
class RoomReading:
    """A recording's room and voice levels, judged with the answers' rule (voice over the floor)."""

    floor_dbfs: float | None
    voice_dbfs: float | None  # power mean of the voiced 100 ms blocks
    voiced_s: float

    @property
    def room_silent(self) -> bool:
        """The quiet moments are digital silence: no microphone heard a room."""
        return digital_silence(self.floor_dbfs)

    @property
    def speech_to_noise_db(self) -> float | None:
        """How far the voice stands above the room (None when nothing stands out as voice, or
        when there is no room to stand above: a floor of digital silence)."""
        if self.floor_dbfs is None or self.voice_dbfs is None or self.room_silent:
            return None
        return round(self.voice_dbfs - self.floor_dbfs, 1)


def read_room(
    samples: np.ndarray, thresholds: DeliveryThresholds, sample_rate: int = SAMPLE_RATE
) -> RoomReading:
    """The room's floor and the voice above it, for an answer's loudness and the mic check alike.

    The floor of a finished recording is taken over 10 ms frames, not 100 ms blocks: a file cut
    close around its words (an imported answer, a read sentence) holds too few blocks of room
    alone, and its 10th-percentile block was soft speech, so a clean LibriVox reading 22 dB over
    its room read 14 dB and was told to speak up. The gaps between words, a few frames each,
    are still room."""
    levels = block_levels_dbfs(samples, sample_rate)
    floor = noise_floor_dbfs(block_levels_dbfs(samples, sample_rate, FRAME_S))
    voiced = levels[levels > voice_threshold_dbfs(floor, thresholds)]
    voice = float(10.0 * np.log10(np.mean(10.0 ** (voiced / 10.0)))) if len(voiced) else None
    return RoomReading(floor_dbfs=floor, voice_dbfs=voice, voiced_s=round(len(voiced) * BLOCK_S, 1))


class VoiceGate:
    """Per-block voice decisions for a live recording, against a floor that follows the room.

    `floor_dbfs` is a floor measured before the answer (the microphone check, or the start of
    the session); it counts as PRIOR_WEIGHT_S of blocks, so the answer's own quiet moments
    take over as they come.
    """

    def __init__(self, thresholds: DeliveryThresholds, floor_dbfs: float | None = None) -> None:
        self.thresholds = thresholds
        self._levels: deque[float] = deque(maxlen=int(FLOOR_WINDOW_S / BLOCK_S))
        if floor_dbfs is not None:
            self._levels.extend([floor_dbfs] * int(PRIOR_WEIGHT_S / BLOCK_S))

    @property
    def floor_dbfs(self) -> float | None:
        return noise_floor_dbfs(np.fromiter(self._levels, dtype=float))

    def is_voice(self, level_dbfs: float) -> bool:
        """Record one block's level and say whether it is voice."""
        self._levels.append(level_dbfs)
        return level_dbfs > voice_threshold_dbfs(self.floor_dbfs, self.thresholds)
