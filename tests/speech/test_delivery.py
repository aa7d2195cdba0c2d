"""Delivery metrics: pure functions on timed words, and loudness/pitch measured on real signals."""

from __future__ import annotations

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.speech.delivery import (
    analyze_delivery,
    find_fillers,
    find_hedges,
    find_pauses,
    find_repeats,
    pitch_variation_semitones,
    speech_loudness_dbfs,
    words_per_minute,
)
from mockinterview.core.speech.transcript import Word
from mockinterview.core.thresholds import DeliveryThresholds

THRESHOLDS = DeliveryThresholds()


def timed(
    text: str, seconds_per_word: float = 0.4, gaps: dict[int, float] | None = None
) -> list[Word]:
    """Words of `text` one after another, 10 % of each word's time silent after it (0.04 s at the
    default pace: run on, as the commas Whisper writes where the voice does not stop leave 0-40
    ms); `gaps` adds silence before the word at that index."""
    words, t = [], 0.0
    for i, token in enumerate(text.split()):
        t += (gaps or {}).get(i, 0.0)
        words.append(Word(token, round(t, 3), round(t + seconds_per_word * 0.9, 3)))
        t += seconds_per_word
    return words


def names(moments) -> list[str]:
    return [m.text for m in moments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, so I was, like, nervous.", ["um"]),
        ("I like Python and I would like to learn Rust.", []),
        ("It looks like a cache problem.", []),
        ("Uh, it was hard, you know.", ["uh", "you know"]),
        ("You know, we shipped it. Hmm. Erm, then we rested.", ["hmm", "er"]),
        ("Do you know, what I mean?", []),
        ("I'll let you know. Umm, like, tomorrow.", ["um", "like"]),
        ("We had things like tests and reviews.", []),
        ("I mean, it was fine.", []),
        ("It was hard, I mean.", ["i mean"]),
        ("I mean it, that's what I mean.", []),
        ("So, um, we shipped it.", ["so", "um"]),
        ("We tested it, so, we shipped it.", []),
        ("We waited. So, we shipped it.", []),
        ("So um we shipped it.", ["so", "um"]),
        ("So I wrote down the risks, and so, we agreed. I think so, yes.", []),
        ("It was so much work, so we hired.", []),
    ],
)
def test_worded_fillers_count_only_in_filler_position(text: str, expected: list[str]) -> None:
    """Words as Whisper writes them with no break measured after or around any of them (timed()
    leaves 0.04 s between words, under either break _break_after asks for): only filler sounds,
    a "like" or "so" beside one, and a clause-final "you know" / "I mean" count. Whisper's
    commas alone do not."""
    assert names(find_fillers(timed(text))) == expected


@pytest.mark.parametrize(
    ("text", "gaps", "expected"),
    [
        ("We waited. So, we shipped it.", {3: 0.3}, ["so"]),
        ("We waited. So I asked both managers.", {}, []),
        ("We waited. So, I wrote down the risks.", {2: 3.0}, []),
        ("We tested it, so, we shipped it.", {4: 0.2}, ["so"]),
        ("You know there was no one.", {2: 0.3}, ["you know"]),
        ("You know, we shipped it.", {2: 0.2}, ["you know"]),
        ("You know, the answer is no.", {}, []),
        ("You know the feeling when it breaks?", {}, []),
        ("Do you know why?", {3: 0.3}, []),
        ("I mean we had no tests.", {2: 0.3}, ["i mean"]),
        ("I mean, it was fine.", {2: 0.2}, ["i mean"]),
        ("I mean, it when I say it.", {}, []),
        ("It was so much work, so we hired.", {3: 0.3}, []),
        ("Um, so I was, like, nervous.", {4: 0.2}, ["um", "like"]),
        ("Um, so I was, like, nervous.", {5: 0.2}, ["um", "like"]),
        ("The alerts were like, ten minutes late.", {4: 0.2}, ["like"]),
        ("Like, I would pull the power.", {1: 0.2}, ["like"]),
        ("Like I said, I learn by building.", {1: 0.2}, []),
        ("For four years, like most startups.", {3: 0.4}, []),
        ("I, like, that we agreed.", {1: 0.2, 2: 0.2}, []),
        # A comma Whisper wrote and 0.07 s of silence: a voice that draws the word out
        ("You know, we shipped it.", {2: 0.03}, ["you know"]),
        ("So, I made a list.", {1: 0.03}, ["so"]),
        ("You know the feeling when it breaks?", {2: 0.03}, []),  # no comma: 0.1 s
        ("I mean, to write it down.", {2: 0.03}, []),  # "to": its closure is silence too
        ("I mean, to write it down.", {2: 0.07}, ["i mean"]),
    ],
)
def test_a_break_after_a_worded_filler_sets_it_apart(
    text: str, gaps: dict[int, float], expected: list[str]
) -> None:
    """tests/data/README.md, "Filler labels": "so", "you know" and "I mean" are fillers only
    with a silence of filler_break_s after them, "like" with one right before or after it
    (timed() leaves 0.04 s between words, under the 0.1 s break), whatever commas Whisper wrote;
    after a comma Whisper wrote, filler_break_after_comma_s is enough, unless the next word
    opens with a stop consonant.
    A pause before "So" is not a break after it; a comma before "like" with none after it
    ("years, like most startups") does not set it apart, nor a comma after "I" ("I, like,
    that" is "I like that")."""
    assert names(find_fillers(timed(text, gaps=gaps))) == expected


def test_filler_times_are_where_they_were_said() -> None:
    words = timed("Well, um, I think we won.")
    assert [(f.text, f.start) for f in find_fillers(words)] == [("um", words[1].start)]


def test_wpm_leaves_fillers_out() -> None:
    # 10 words, 2 of them fillers ("um", and "like" with a break after it): 8 words per span.
    words = timed("Um, so I was, like, very happy with the result.", gaps={5: 0.2})
    assert words_per_minute(words) == pytest.approx(8 / (words[-1].end - words[0].start) * 60, 0.01)


def test_pauses_of_two_seconds_or_more_inside_the_answer() -> None:
    words = timed("We started. Then we stopped. And then we won.", gaps={0: 5.0, 2: 2.5, 5: 1.0})
    pauses = find_pauses(words, THRESHOLDS.pause_min_s)
    assert len(pauses) == 1  # the 5 s before the first word is thinking time, 1 s is not a pause
    assert pauses[0].end - pauses[0].start == pytest.approx(2.5 + 0.04, abs=0.01)


def test_hedges_but_not_questions_about_kinds() -> None:
    words = timed("I think it was kind of slow. What kind of test? Maybe, I guess.")
    assert names(find_hedges(words)) == ["i think", "kind of", "maybe", "i guess"]


def test_a_value_or_a_habit_is_no_hedge() -> None:
    words = timed("I believe in open feedback. I think about the user first. I believe it works.")
    assert names(find_hedges(words)) == ["i believe"]


def test_repeats_are_found_across_fillers_but_not_grammar() -> None:
    words = timed("I, um, I think the the plan that that we had had worked.")
    assert names(find_repeats(words)) == ["i", "the"]


def test_a_phrase_said_again_is_one_restart_each_time() -> None:
    """ "I like, I like, I like beans" restarts twice; a phrase that merely comes back later
    ("we did ... we did") or a word that opens the next sentence or clause is no restart
    ("beans, beans are fun", as talkbank's speaker said it: two utterances in the reference)."""
    text = "I like, I like, I like beans, beans are fun. Fun. We did it and then we did more."
    words = timed(text)
    restarts = find_repeats(words)
    assert names(restarts) == ["i like", "i like"]
    assert [r.start for r in restarts] == [words[2].start, words[4].start]
    # A word a stumble repeats alone still counts with Whisper's comma after it, and a word that
    # carries meaning counts when said twice without one.
    assert names(find_repeats(timed("We moved to the, the office in the the spring spring."))) == [
        "the",
        "the",
        "spring",
    ]
    words = timed("I think we, um, I think we can do it.")
    assert names(find_repeats(words)) == ["i think we"]


def sine(hz: np.ndarray | float, seconds: float, amplitude: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    frequency = np.broadcast_to(hz, t.shape)
    phase = 2 * np.pi * np.cumsum(frequency) / SAMPLE_RATE
    return (amplitude * np.sin(phase)).astype(np.float32)


def test_loudness_is_rms_while_words_are_said() -> None:
    samples = np.concatenate([np.zeros(SAMPLE_RATE, np.float32), sine(200.0, 2.0, 0.1)])
    words = [Word("hello", 1.0, 3.0)]  # the silent first second must not count
    assert speech_loudness_dbfs(samples, words) == pytest.approx(-23.0, abs=0.2)


def test_steady_pitch_is_monotone_and_a_gliding_one_is_not() -> None:
    steady = sine(150.0, 3.0, 0.3) + 0.05 * sine(300.0, 3.0, 1.0)
    t = np.arange(3 * SAMPLE_RATE) / SAMPLE_RATE
    glide = sine(150.0 * 2 ** (6 * np.sin(2 * np.pi * 0.5 * t) / 12), 3.0, 0.3)  # +-6 semitones
    assert pitch_variation_semitones(steady, THRESHOLDS) < 0.2
    assert pitch_variation_semitones(glide, THRESHOLDS) > 3.0


def test_one_short_sentence_is_not_called_monotone() -> None:
    """A single read sentence of 3.3 s read 1.5 semitones and was flagged monotone, where the
    same reader's others read 2.4-5.2: its pitch is measured, the verdict waits for more speech."""
    steady = sine(150.0, 3.5, 0.3)
    short = analyze_delivery(timed("we moved the whole team over"), steady, THRESHOLDS)
    assert short.pitch_variation_st is not None and short.pitch_variation_st < 0.2
    assert short.monotone is None and "monotone" not in short.flags
    sustained = analyze_delivery(
        timed("we moved the whole team over " * 5), sine(150.0, 12.5, 0.3), THRESHOLDS
    )
    assert sustained.monotone is True and "monotone" in sustained.flags


def test_a_fast_rambling_answer_gets_flagged() -> None:
    text = "Um, so I was like, basically doing everything. " * 12  # 96 words in 23 s
    # a break of 0.103 s after each "like," (0.023 s between the other words)
    words = timed(text, seconds_per_word=0.23, gaps={8 * k + 5: 0.08 for k in range(12)})
    # A steady 150 Hz voice, on for half of every second, only ~10 dB over a hissing room.
    on = (np.arange(30 * SAMPLE_RATE) // (SAMPLE_RATE // 2)) % 2 == 0
    hiss = np.random.default_rng(0).normal(0, 0.003, 30 * SAMPLE_RATE)
    samples = (sine(150.0, 30.0, 0.014) * on + hiss).astype(np.float32)
    metrics = analyze_delivery(words, samples, THRESHOLDS, duration_s=30.0)
    block = metrics.to_dict()
    assert block["word_count"] == 96
    assert block["filler_count"] == 24  # "um" and "like," each time
    assert block["fillers_per_100_words"] == 25.0
    assert block["answer_length"] == {"seconds": 30.0, "verdict": "ok", "target_s": [60.0, 120.0]}
    assert "many_fillers" in block["flags"]
    assert "quiet" in block["flags"]  # speech-to-noise under 15 dB
    assert block["speech_to_noise_db"] < THRESHOLDS.quiet_snr_db
    assert "fast" in block["flags"]  # 72 non-filler words in 23 s: 188 words/min
    assert "monotone" in block["flags"]  # a steady 150 Hz tone


def test_pace_is_not_judged_on_a_few_seconds() -> None:
    words = timed("Um, so I was like, basically doing everything. " * 4, seconds_per_word=0.25)
    metrics = analyze_delivery(words, np.zeros(SAMPLE_RATE * 10, np.float32), THRESHOLDS)
    assert metrics.wpm is not None and metrics.wpm > 180
    assert "fast" not in metrics.flags


def test_no_words_means_no_speech_and_no_pace() -> None:
    metrics = analyze_delivery([], np.zeros(SAMPLE_RATE * 5, np.float32), THRESHOLDS)
    assert metrics.wpm is None
    assert metrics.flags == ("no_speech",)
    assert metrics.to_dict()["transcript"] == ""
