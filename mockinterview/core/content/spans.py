"""An answer cut into the pieces that are compared by meaning: sentences and their clauses.

A spoken answer runs ideas together ("we split the data, and the test part we open only once"),
so each sentence is also cut at commas and at words that join ideas; a key point is credited on
the piece that says it, and the piece is what the report quotes. Every piece keeps the time its
first word was said (None for a written answer). A piece opens on what was said, not on the
"Um," before it: the quote reads as the point, and the filler is counted under delivery. The
quote also leaves out the "So, um," or "And, uh," a spoken sentence runs up with (`quoted`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import dropwhile
from typing import Any

from mockinterview.core.speech.delivery import is_filler_sound, plain

SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*$")
CLAUSE_END = re.compile(r"[,;:]$")
JOINERS = {"and", "so", "but", "because", "which", "while", "then", "whereas"}
MIN_CLAUSE_WORDS = 4  # "and so on", "while you train" alone mean nothing
# Words a spoken sentence runs up with before a filler sound ("So, um, last spring", "And, uh,
# well, the team"): followed by the filler they are part of the hesitation. Without one ("So we
# moved") they are what was said.
RUN_UP_WORDS = {"so", "and", "well", "okay", "ok", "like", "yeah", "now", "right", "alright"}


@dataclass(frozen=True)
class Span:
    """A stretch of the answer: its words as said, and when it starts and ends (None: unknown)."""

    text: str
    start: float | None
    end: float | None


def _timed_words(
    transcript: str, words: Sequence[dict[str, Any]] | None
) -> list[tuple[str, float | None, float | None]]:
    if words:
        timed = []
        for w in words:
            text = str(w["text"]).strip()
            if text:
                start = float(w["start"])
                timed.append((text, start, float(w.get("end", start))))
        return timed
    return [(t, None, None) for t in transcript.split()]


def _span(words: Sequence[tuple[str, float | None, float | None]]) -> Span:
    said = list(dropwhile(lambda w: is_filler_sound(w[0]), words)) or words
    return Span(" ".join(w for w, _, _ in said), said[0][1], said[-1][2])


def quoted(text: str) -> str:
    """A piece's words as the report quotes them: from the first said after the hesitation it
    opens with, up to its last filler sound among run-up words ("So, um, last spring we moved."
    is quoted "last spring we moved.").

    Only the quote: the piece is still judged on its words as said. Judged without the
    hesitation, credits moved both ways on the tuning sets (one of 721 labels of the partial
    set lost, one false credit gained and one lost), and a few quotes moved to other pieces."""
    words = text.split()
    hesitation = 0
    for n, word in enumerate(words, start=1):
        if is_filler_sound(word):
            hesitation = n
        elif plain(word) not in RUN_UP_WORDS:
            break
    return " ".join(words[hesitation:]) or text


def _sentence_words(timed: list) -> list[list]:
    found, current = [], []
    for word in timed:
        current.append(word)
        if SENTENCE_END.search(word[0]):
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def sentences(transcript: str, words: Sequence[dict[str, Any]] | None = None) -> list[Span]:
    """The answer's sentences, cut at . ! ? (Whisper punctuates what it hears)."""
    return [_span(s) for s in _sentence_words(_timed_words(transcript, words))]


def _clauses(sentence: list[tuple[str, float | None, float | None]]) -> list[list]:
    parts, current = [], []
    for word in sentence:
        if current and word[0].lower().strip(",.;:!?") in JOINERS:
            parts.append(current)
            current = []
        current.append(word)
        if CLAUSE_END.search(word[0]):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return [p for p in parts if len(p) >= MIN_CLAUSE_WORDS]


def sentence_pieces(
    transcript: str, words: Sequence[dict[str, Any]] | None = None
) -> list[tuple[Span, list[Span]]]:
    """Each sentence with the pieces it is judged on: its clauses, or itself when it has one."""
    found = []
    for sentence in _sentence_words(_timed_words(transcript, words)):
        clauses = _clauses(sentence)
        whole = _span(sentence)
        found.append((whole, [_span(c) for c in clauses] if len(clauses) > 1 else [whole]))
    return found


def pieces(transcript: str, words: Sequence[dict[str, Any]] | None = None) -> list[Span]:
    """Every sentence, and its clauses when it has several.

    Pairs of neighbouring clauses were pieces too until session 3: on the tuning split they
    credited no point that the sentence or a clause did not, and cost a fifth of the model's work.
    Clauses alone (no whole sentences) tied on the tuning split and nearly halved the work, but
    lost a point of the issue's own paraphrased answer (validation and test sets, 3 of 4 to 2).
    """
    return [span for _, span in numbered_pieces(transcript, words)]


def numbered_pieces(
    transcript: str, words: Sequence[dict[str, Any]] | None = None
) -> list[tuple[int, Span]]:
    """`pieces`, each with the number of the sentence it belongs to (from 0)."""
    found: list[tuple[int, Span]] = []
    for n, (sentence, clauses) in enumerate(sentence_pieces(transcript, words)):
        found.append((n, sentence))
        if clauses != [sentence]:
            found += [(n, clause) for clause in clauses]
    return found
