"""The speech benchmark labels a worded filler as the voice says it (bench_speech.render).

Real renders: festival slt says a sentence-opening "So, I made a list" byte-identical to the
connective "So I made a list" (no filler in the audio, so the label becomes a plain word), but
pauses in "So, the small team won, because"; espeak-ng pauses at every such comma.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from benchmarks.bench_speech import MARKED, festival_voice_installed, render, unbroken
from benchmarks.speech_sets import Answer

SO_TWICE = Answer(
    "so-twice",
    150,
    "[1] {So,} I made a list of what mattered to me. [1.5] {So,} the small team won, because "
    "they answered with real examples. {Um,} so we agreed.",
)


def test_slt_saying_so_as_the_connective_makes_its_label_a_plain_word(tmp_path: Path) -> None:
    if not festival_voice_installed("slt"):
        pytest.skip("festival slt is not installed (scripts/setup.sh --test installs it)")
    clip = render(SO_TWICE, "festival:slt", tmp_path)
    assert clip.as_written == SO_TWICE.text
    assert clip.made_plain == ("So,",)
    assert clip.reference == (
        "[1] So, I made a list of what mattered to me. [1.5] {So,} the small team won, because "
        "they answered with real examples. {Um,} so we agreed."
    )
    assert clip.samples.size > 2.5 * 16000  # the silences and both stretches are there


def test_espeak_pausing_at_the_comma_keeps_every_label(tmp_path: Path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh installs it)")
    clip = render(SO_TWICE, "espeak:en-us", tmp_path)
    assert clip.made_plain == ()
    assert clip.reference == SO_TWICE.text


@pytest.mark.parametrize(
    ("text", "unmarked"),
    [
        ("{So,} I made a list.", "{So} I made a list."),
        ("I was on, {like,} four projects.", "I was on {like} four projects."),
        ("I was, {like,} really worried.", "I was {like} really worried."),
        ("It was hard, {you know,} and we agreed.", "It was hard, {you know} and we agreed."),
        ("{Um,} so I'm a backend engineer.", None),  # a filler sound is one by its sound
        ("every day. {Like,} I would pull the power", None),  # the sentence end stays a break
        ("{Like,} I would pull the power", None),
        ("and, {uh,} the alerts", None),
    ],
)
def test_unbroken_takes_away_only_the_break_that_marks_a_worded_filler(
    text: str, unmarked: str | None
) -> None:
    filler = MARKED.search(text)
    assert isinstance(filler, re.Match)
    assert unbroken(text, filler) == unmarked
