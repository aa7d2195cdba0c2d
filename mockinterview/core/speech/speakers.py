"""Who said which words in a recording of two people: the voice of each stretch of speech,
grouped into two speakers, with no downloaded model.

    voices = two_voices(samples, transcript.words)   # None when one voice is heard
    voices.speakers                                   # per word: 0 or 1, in the words' order

Why this way: the app must work offline with what its packages ship, and a diarization model
(pyannote, NeMo) is a download. Two people differ in the timbre of their voice, which MFCCs sum
up; Praat (praat-parselmouth, already used for pitch variation) computes them. The words are cut
into stretches at pauses and sentence ends (a turn change has one or the other), each stretch's
MFCC frames are modelled as one Gaussian, and stretches are merged bottom-up by the Bayesian
information criterion (the classic speaker-clustering rule) until two groups are left. When
telling those two apart does not pay, one voice was heard: None.

Which voice is the interviewer's is a question for the caller (it has the question words);
see core/session/import_recording.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.speech.transcript import Word
from mockinterview.core.thresholds import SpeakerThresholds

MFCC_COEFFICIENTS = 12  # c1..c12; c0 (loudness) says more about the microphone than the voice
SENTENCE_END = re.compile(r"[.?!]\W*$")
MIN_STRETCH_S = 0.2  # s; a shorter stretch has too few frames for a covariance
OUTLIER_ROUNDS = 4  # times an odd stretch may be set aside before giving up on two voices
COVARIANCE_FLOOR = 1e-3  # added to each variance so a near-constant coefficient cannot dominate


@dataclass(frozen=True)
class TwoVoices:
    """Two voices found: the speaker (0 or 1) of each word, and how far apart the voices are."""

    speakers: tuple[int, ...]  # per word of the words given, 0 = the voice heard first
    delta_bic: float  # how much better two voices explain the speech than one (delta_bic)
    separation: float  # delta_bic per 10 ms frame of speech: how clearly the voices differ


def stretches(words: Sequence[Word], gap_s: float) -> list[list[int]]:
    """Word indices in runs between pauses of at least `gap_s` or sentence ends: each run is
    one voice. Sentence ends count because Whisper often stretches the last word of a turn over
    the silence after it, hiding the pause where the other person starts."""
    runs: list[list[int]] = []
    for i, word in enumerate(words):
        before = words[runs[-1][-1]] if runs else None
        if before and word.start - before.end < gap_s and not SENTENCE_END.search(before.text):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


class _Frames:
    """Sufficient statistics of a group's MFCC frames (count, sum, sum of outer products), so
    two groups' merged covariance costs O(d^2), not a pass over their frames."""

    def __init__(self, count: float, total: np.ndarray, outer: np.ndarray) -> None:
        self.count, self.total, self.outer = count, total, outer

    @classmethod
    def of(cls, frames: np.ndarray) -> _Frames:
        return cls(float(len(frames)), frames.sum(axis=0), frames.T @ frames)

    def __add__(self, other: _Frames) -> _Frames:
        return _Frames(self.count + other.count, self.total + other.total, self.outer + other.outer)

    def log_det(self) -> float:
        mean = self.total / self.count
        covariance = self.outer / self.count - np.outer(mean, mean)
        return float(np.linalg.slogdet(covariance + COVARIANCE_FLOOR * np.eye(len(mean)))[1])


def delta_bic(a: _Frames, b: _Frames, penalty: float) -> float:
    """How much better two Gaussians fit the frames of a and b than one (Chen & Gopalakrishnan,
    1998): above 0 the two are different voices, below 0 one voice."""
    both = a + b
    d = len(a.total)
    gain = 0.5 * (both.count * both.log_det() - a.count * a.log_det() - b.count * b.log_det())
    return gain - penalty * 0.5 * (d + d * (d + 1) / 2) * np.log(both.count)


def _frames(samples: np.ndarray, start: float, end: float) -> np.ndarray | None:
    """MFCC c1..c12 every 10 ms over the louder 70% of one stretch of speech, or None when the
    stretch is too short to say whose voice it is."""
    import parselmouth

    piece = samples[max(0, round(start * SAMPLE_RATE)) : round(end * SAMPLE_RATE)]
    if len(piece) < MIN_STRETCH_S * SAMPLE_RATE:
        return None
    sound = parselmouth.Sound(np.asarray(piece, dtype=np.float64), sampling_frequency=SAMPLE_RATE)
    frames = sound.to_mfcc(number_of_coefficients=MFCC_COEFFICIENTS, time_step=0.01).to_array()
    loud = frames[0] >= np.quantile(frames[0], 0.3)  # c0: pauses inside the stretch do not count
    return frames[1:, loud].T


def two_voices(
    samples: np.ndarray, words: Sequence[Word], thresholds: SpeakerThresholds | None = None
) -> TwoVoices | None:
    """The speaker of each word when two voices are heard; None for one voice (or too little
    speech to tell). `samples` is mono float32 at 16 kHz; word times are from its start.

    Stretches are grouped bottom-up, always merging the two groups most alike by delta_bic,
    until two are left; they are two voices when telling them apart still pays (delta_bic above
    SpeakerThresholds.min_delta_bic, in total and per frame)."""
    t = thresholds or SpeakerThresholds()
    runs = stretches(words, t.stretch_gap_s)
    groups: list[_Frames] = []
    members: list[list[int]] = []  # the run (stretch) each group was measured on
    for n, run in enumerate(runs):
        frames = _frames(samples, words[run[0]].start, words[run[-1]].end)
        if frames is not None and len(frames) > MFCC_COEFFICIENTS:
            groups.append(_Frames.of(frames))
            members.append([n])
    if len(groups) < 2:
        return None
    # A stretch unlike every other (a cough, a word Whisper stretched over a silence) would
    # end as a "voice" of its own: a group with fewer than two stretches or too little speech
    # is set aside and the rest grouped again; what was set aside joins the nearer voice.
    active = list(range(len(groups)))
    aside: list[int] = []
    for _ in range(OUTLIER_ROUNDS):
        if len(active) < 2:
            return None
        pair = _merge_to_two([groups[i] for i in active], t.bic_penalty)
        voices = [([active[k] for k in found], total) for found, total in pair]
        small = [v for v in voices if len(v[0]) < 2 or v[1].count / 100 < t.min_voice_s]
        if not small:
            break
        for found, _ in small:
            aside += found
            active = [i for i in active if i not in found]
    else:
        return None
    (first, one), (second, other) = sorted(voices, key=lambda v: min(v[0]))  # 0: heard first
    final = delta_bic(one, other, t.bic_penalty)
    frames = one.count + other.count
    if final < t.min_delta_bic or final / frames < t.min_delta_bic_per_frame:
        return None
    for i in aside:
        nearer = first if delta_bic(groups[i], one, 0) <= delta_bic(groups[i], other, 0) else second
        nearer.append(i)
    per_run = {members[i][0]: 0 for i in first} | {members[i][0]: 1 for i in second}
    speakers: list[int] = []
    last = 0
    for n, run in enumerate(runs):
        # a stretch too short to measure is the voice of the stretch before it
        last = per_run.get(n, last)
        speakers.extend([last] * len(run))
    return TwoVoices(tuple(speakers), round(float(final), 1), round(float(final / frames), 3))


def _merge_to_two(groups: list[_Frames], penalty: float) -> list[tuple[list[int], _Frames]]:
    """Bottom-up merging, always of the two groups most alike by delta_bic, until two are
    left: each as (indices into `groups`, its frames)."""
    groups = list(groups)
    members = [[i] for i in range(len(groups))]
    size = len(groups)
    cost = np.full((size, size), np.inf)
    for i in range(size):
        for j in range(i + 1, size):
            cost[i, j] = delta_bic(groups[i], groups[j], penalty)
    alive = set(range(size))
    while len(alive) > 2:
        i, j = (int(x) for x in np.unravel_index(np.argmin(cost), cost.shape))
        groups[i] = groups[i] + groups[j]
        members[i] += members[j]
        alive.discard(j)
        cost[j, :] = cost[:, j] = np.inf
        for k in alive - {i}:
            a, b = min(i, k), max(i, k)
            cost[a, b] = delta_bic(groups[a], groups[b], penalty)
    return [(members[g], groups[g]) for g in sorted(alive)]
