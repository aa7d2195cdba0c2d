"""Content feedback: which key points of a question an answer's transcript covers.

Matching is on word stems (Snowball), so "regularizing" counts for "regularization" and
"oversampled" for "oversampling", and a phrase token ending in `*` matches any word that starts
with it. It runs on the verbatim transcript's words, so each covered point carries the time it
was first said and the report can link to that moment. No embedding model: a phrase list written
by a person is predictable and explainable ("you said 'dropout'"), and it runs anywhere offline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import snowballstemmer

from mockinterview.core.questions import Question

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?\*?")


@dataclass(frozen=True)
class CoveredPoint:
    point: str
    matched: str  # the accepted phrasing that was found
    start: float | None  # s from the answer's start; None when no word timings were given


@dataclass(frozen=True)
class ContentFeedback:
    covered: tuple[CoveredPoint, ...]
    missed: tuple[str, ...]
    coverage_pct: float | None  # None when the question has no key points to check
    model_answer: str | None

    def as_dict(self) -> dict[str, Any]:
        """The contract's `content` block."""
        return {
            "covered": [
                {"point": c.point, "matched": c.matched, "start": c.start} for c in self.covered
            ],
            "missed": list(self.missed),
            "coverage_pct": self.coverage_pct,
            "model_answer": self.model_answer,
        }


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def _stem(token: str) -> str:
    return _stemmer().stemWord(token.replace("'", ""))


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and punctuation split words ("k-fold" -> k, fold)."""
    return TOKEN.findall(text.lower())


def _timed_tokens(
    transcript: str, words: Sequence[dict[str, Any]] | None
) -> list[tuple[str, float | None]]:
    if words:
        return [(t, float(w["start"])) for w in words for t in tokens(str(w["text"]))]
    return [(t, None) for t in tokens(transcript)]


def _token_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return _stem(pattern) == _stem(token)


def find_phrase(phrase: str, said: Sequence[tuple[str, float | None]]) -> int | None:
    """Index in `said` of the first token of the first occurrence of `phrase`, or None."""
    wanted = tokens(phrase)
    for i in range(len(said) - len(wanted) + 1 if wanted else 0):
        if all(_token_matches(w, said[i + k][0]) for k, w in enumerate(wanted)):
            return i
    return None


def assess_content(
    question: Question, transcript: str, words: Sequence[dict[str, Any]] | None = None
) -> ContentFeedback:
    """Which key points `transcript` covers (earliest matching phrase for each) and which it misses.

    `words` is the speech block's word list ({"text", "start", ...}); with it, each covered point
    gets the time it was first said.
    """
    said = _timed_tokens(transcript, words)
    covered: list[CoveredPoint] = []
    missed: list[str] = []
    for key_point in question.key_points:
        hits = [(i, p) for p in key_point.phrases if (i := find_phrase(p, said)) is not None]
        if not hits:
            missed.append(key_point.point)
            continue
        index, phrase = min(hits)
        covered.append(CoveredPoint(key_point.point, phrase, said[index][1]))
    total = len(question.key_points)
    pct = round(100.0 * len(covered) / total, 1) if total else None
    return ContentFeedback(tuple(covered), tuple(missed), pct, question.model_answer)
