"""Phrase evidence: does an answer contain one of a key point's wordings, and when was it said.

Matching is on word stems (Snowball), so "regularizing" counts for "regularization" and
"oversampled" for "oversampling", and a phrase token ending in `*` matches any word that starts
with it. A bank's phrase is strong evidence (a person wrote it to prove the point); meaning is
judged separately (mockinterview.core.content.keypoints).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import snowballstemmer

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?\*?")


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@functools.cache
def _stem(token: str) -> str:
    return _stemmer().stemWord(token.replace("'", ""))


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and punctuation split words ("k-fold" -> k, fold)."""
    return TOKEN.findall(text.lower())


def _token_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return _stem(pattern) == _stem(token)


def find_phrase(phrase: str, said: Sequence[str]) -> int | None:
    """Index in `said` (word tokens) of the first token of the first `phrase`, or None."""
    wanted = tokens(phrase)
    for i in range(len(said) - len(wanted) + 1 if wanted else 0):
        if all(_token_matches(w, said[i + k]) for k, w in enumerate(wanted)):
            return i
    return None
