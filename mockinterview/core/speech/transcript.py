"""What a transcription produces: timed words, as Whisper wrote them (punctuation kept), and the
stretches of speech that no decoding pass could turn into words.

Punctuation stays on the word (`"Um,"`, `"know."`) because the delivery metrics read it: a comma
around "like" or after "you know" is what tells a filler from the verb.

A stretch that voice activity detection calls speech but that stays wordless after every retry
(asr.Transcriber) is a `Gap`: it shows in the text as "[inaudible 4.2 s]" and is counted in the
speech block, so a lost sentence is never mistaken for a short answer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One spoken word; times are seconds from the start of the answer."""

    text: str
    start: float
    end: float
    probability: float = 1.0

    def to_dict(self) -> dict[str, float | str]:
        """The contract's `{"text", "start", "end"}` with plain floats (numpy floats break JSON)."""
        return {
            "text": self.text,
            "start": round(float(self.start), 2),
            "end": round(float(self.end), 2),
        }


@dataclass(frozen=True)
class Gap:
    """Voiced seconds that no transcription pass could put into words."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return round(self.end - self.start, 1)

    @property
    def label(self) -> str:
        return f"[inaudible {self.seconds:.1f} s]"

    def to_dict(self) -> dict[str, float]:
        return {"start": round(float(self.start), 2), "end": round(float(self.end), 2)}


@dataclass(frozen=True)
class Transcript:
    """The verbatim text of an answer, its words in time order, and the gaps it could not fill."""

    text: str
    words: tuple[Word, ...]
    gaps: tuple[Gap, ...] = ()

    @classmethod
    def join(cls, parts: list[Transcript]) -> Transcript:
        """Chunks transcribed one after another (streaming) as one transcript."""
        return cls(
            " ".join(p.text for p in parts if p.text),
            tuple(w for p in parts for w in p.words),
            tuple(g for p in parts for g in p.gaps),
        )

    @property
    def is_empty(self) -> bool:
        return not self.words
