"""The breaks a worded filler's reading depends on, measured in the audio
(asr._with_breaks_measured, delivery.breaks_to_measure): hand-built audio and word times, no
model."""

from __future__ import annotations

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.speech.asr import _Piece, _with_breaks_measured, _words
from mockinterview.core.speech.delivery import breaks_to_measure, find_fillers, find_pauses
from mockinterview.core.speech.transcript import Word
from mockinterview.core.thresholds import DeliveryThresholds


def sounds(*spans: tuple[float, float], seconds: float = 2.0) -> np.ndarray:
    """A 200 Hz tone during each (start, end) span, digital silence elsewhere."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    on = np.zeros_like(t, dtype=bool)
    for start, end in spans:
        on |= (t >= start) & (t < end)
    return (0.2 * np.sin(2 * np.pi * 200.0 * t) * on).astype(np.float32)


def measured(samples: np.ndarray, words: list[Word]) -> list[Word]:
    text = " ".join(w.text for w in words)
    return _words(
        _with_breaks_measured(samples, [_Piece(text, tuple(words))], DeliveryThresholds())
    )


def test_the_words_around_like_and_after_so_know_mean_are_measured() -> None:
    said = ["I", "was,", "like,", "tired", "so", "you", "know", "it"]
    words = [Word(text, i, i + 0.5) for i, text in enumerate(said)]
    assert breaks_to_measure(words) == [1, 2, 4, 6]  # was, like, so, know
    assert breaks_to_measure(words[:7]) == [1, 2, 4]  # nothing after the last word


def test_a_pause_after_the_next_word_is_not_a_break_before_it() -> None:
    """ "I mean that. When" said run on, with the sentence's pause after "that": Whisper stretches
    "that" over the pause, and the pause must not be measured after "mean" (held-out set 2)."""
    samples = sounds((0.1, 0.3), (0.3, 0.6), (0.6, 0.9), (1.3, 1.6))  # I mean that [0.4 s] when
    whisper = [Word("I", 0.1, 0.3), Word("mean", 0.3, 0.6), Word("that.", 0.6, 1.35)]
    words = measured(samples, [*whisper, Word("When", 1.35, 1.6)])
    assert words[2].start - words[1].end < DeliveryThresholds.filler_break_s
    assert find_fillers(words) == []


@pytest.mark.parametrize(
    ("spans", "whisper", "filler"),
    [
        # "I mean, that was hard": the pause after "mean" is inside Whisper's "mean"
        (
            ((0.1, 0.3), (0.3, 0.6), (0.9, 1.2), (1.2, 1.5)),
            ("I", 0.1, 0.3, "mean,", 0.3, 0.88, "that", 0.88, 1.2, "was", 1.2, 1.5),
            "i mean",
        ),
        # "It was, like, ten": the pause before "like" is inside Whisper's "was"
        (
            ((0.1, 0.3), (0.3, 0.5), (0.8, 1.0), (1.0, 1.3)),
            ("It", 0.1, 0.3, "was,", 0.3, 0.78, "like,", 0.78, 1.0, "ten", 1.0, 1.3),
            "like",
        ),
    ],
)
def test_a_pause_whisper_put_inside_a_word_is_a_break(
    spans: tuple[tuple[float, float], ...], whisper: tuple, filler: str
) -> None:
    words = [Word(*whisper[k : k + 3]) for k in range(0, len(whisper), 3)]
    measured_words = measured(sounds(*spans), words)
    assert measured_words[2].start - measured_words[1].end >= 0.25
    assert [f.text for f in find_fillers(measured_words)] == [filler]


def test_a_long_pause_whisper_smeared_is_measured_in_the_audio() -> None:
    """The report's long pauses are gaps between words, and Whisper stretches the word before a
    pause over part of it (a real recording's 2.2 s silence read as a 1.4 s gap): where a long
    pause could hide, the gap is set to the silence heard."""
    samples = sounds((0.1, 0.6), (0.6, 1.0), (3.2, 3.8), seconds=4.0)  # will taste [2.2 s] now
    whisper = [Word("will", 0.1, 0.6), Word("taste", 0.6, 1.8), Word("now", 3.1, 3.8)]
    assert find_pauses(whisper, DeliveryThresholds.pause_min_s) == []
    (pause,) = find_pauses(measured(samples, whisper), DeliveryThresholds.pause_min_s)
    assert pause.start == pytest.approx(1.0, abs=0.02)
    assert pause.end == pytest.approx(3.2, abs=0.02)


def test_a_silence_too_short_for_a_long_pause_leaves_whisper_times() -> None:
    samples = sounds((0.1, 1.0), (2.5, 3.5), seconds=4.0)  # 1.5 s of silence
    whisper = [Word("taste", 0.1, 1.9), Word("now", 2.4, 3.5)]
    assert measured(samples, whisper) == whisper


def test_in_a_room_as_loud_as_the_voice_long_pauses_keep_whisper_times() -> None:
    """10 dB of noise under the voice (hard to hear, `quiet_snr_db`): its own ups and downs
    break a silence into pieces, so the audio cannot say where a pause begins."""
    clean = sounds((0.1, 1.0), (3.2, 3.8), seconds=4.0)
    noise = np.random.default_rng(0).normal(0.0, 0.2 / np.sqrt(2) / 10**0.5, len(clean))
    whisper = [Word("taste", 0.1, 1.8), Word("now", 3.1, 3.8)]
    assert measured((clean + noise).astype(np.float32), whisper) == whisper
