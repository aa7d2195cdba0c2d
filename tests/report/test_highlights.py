"""Which transcript words the report highlights as fillers and hedges (core/report/model)."""

from __future__ import annotations

from mockinterview.core.report.model import transcript_words
from mockinterview.core.report.timeline import Mark

# Whisper's words of a real recording (the evaluation set's talkbank clip, tiny.en): "but," is
# given no length and the start of the "um" after it.
WORDS = [
    {"text": "say,", "start": 17.41, "end": 17.61},
    {"text": "but,", "start": 18.15, "end": 18.15},
    {"text": "um,", "start": 18.15, "end": 18.53},
    {"text": "here's", "start": 18.53, "end": 18.67},
    {"text": "fun.", "start": 20.05, "end": 20.53},
    {"text": "Umm,", "start": 21.43, "end": 21.43},
    {"text": "I", "start": 21.47, "end": 21.69},
    {"text": "think", "start": 21.69, "end": 21.9},
]


def kinds(fillers: list[Mark], hedges: list[Mark] = ()) -> dict[str, str]:
    return {w.text: w.kind for w in transcript_words(WORDS, fillers, hedges) if w.kind != "word"}


def test_the_filler_is_the_word_it_names_not_one_that_starts_with_it() -> None:
    fillers = [Mark(18.15, 18.15, "um"), Mark(21.43, 21.43, "um")]
    assert kinds(fillers) == {"um,": "filler", "Umm,": "filler"}


def test_a_hedge_marks_its_words_from_the_one_it_starts_on() -> None:
    assert kinds([], [Mark(21.47, 21.47, "i think")]) == {"I": "hedge", "think": "hedge"}


def test_a_moment_with_no_word_at_its_time_marks_nothing() -> None:
    assert kinds([Mark(19.0, 19.0, "uh")]) == {}
