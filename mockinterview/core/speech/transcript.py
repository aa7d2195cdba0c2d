"""What a transcription produces: timed words, as Whisper wrote them (punctuation kept).

Punctuation stays on the word (`"Um,"`, `"know."`) because the delivery metrics read it: a comma
around "like" or after "you know" is what tells a filler from the verb.
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
class Transcript:
    """The verbatim text of an answer and its words in time order."""

    text: str
    words: tuple[Word, ...]

    @classmethod
    def join(cls, parts: list[Transcript]) -> Transcript:
        """Chunks transcribed one after another (streaming) as one transcript."""
        return cls(
            " ".join(p.text for p in parts if p.text),
            tuple(w for p in parts for w in p.words),
        )

    @property
    def is_empty(self) -> bool:
        return not self.words
