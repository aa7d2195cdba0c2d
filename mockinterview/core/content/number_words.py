"""Numbers as speech gives them: Whisper writes many as words ("eighteen per cent"), so a result
judged for a number, a rewrite checked for the figures it kept, and a spoken question matched to
the bank all read these as numbers."""

from __future__ import annotations

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {
    word: 10 * tens
    for tens, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Multiples said as words: "half the time", "twice as fast", "double the sign-ups".
MULTIPLES = {"half": 0.5, "twice": 2, "double": 2}
