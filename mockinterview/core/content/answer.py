"""Everything said about one answer's content: key points, STAR structure, and a follow-up.

    judged = judge_answer(question, transcript, words, follow_up="weak")
    judged.blocks()   # {"content": ..., "structure": ..., "follow_up": ...} (docs/contracts.md)

Used by `mockinterview analyze` (recorded or written answers) and by the interview flow, so
both say the same thing about the same words. While a person is still answering, the flow hands
each new stretch of the live transcript to `embed_finished_sentences`: the sentences already
finished are embedded then, and the embedder remembers them, so when the answer ends
`judge_answer` (the same call as for a whole file) finds them ready and embeds only the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mockinterview.core.content.assess import ContentFeedback, assess_content
from mockinterview.core.content.embeddings import SentenceEmbedder, load_embedder
from mockinterview.core.content.follow_up import FollowUp, build_follow_up
from mockinterview.core.content.spans import SENTENCE_END, pieces, sentences
from mockinterview.core.content.structure import Structure, analyze_structure, is_behavioural
from mockinterview.core.questions import Question


@dataclass(frozen=True)
class AnswerContent:
    content: ContentFeedback
    structure: Structure | None  # None for a question that is not behavioural
    follow_up: FollowUp | None

    def blocks(self) -> dict[str, Any]:
        return {
            "content": self.content.as_dict(),
            "structure": None if self.structure is None else self.structure.as_dict(),
            "follow_up": None if self.follow_up is None else self.follow_up.as_dict(),
        }


def judge_answer(
    question: Question,
    transcript: str,
    words: Sequence[dict[str, Any]] | None = None,
    follow_up: str = "weak",
    embedder: SentenceEmbedder | None = None,
) -> AnswerContent:
    """Key points, structure (behavioural questions) and the follow-up `follow_up` mode asks."""
    embedder = embedder or load_embedder()
    content = assess_content(question, transcript, words, embedder)
    structure = analyze_structure(transcript, words, embedder) if is_behavioural(question) else None
    spans = sentences(transcript, words)
    checked = content if content.coverage_pct is not None else None
    asks = {point.point: point.ask for point in question.key_points if point.ask}
    return AnswerContent(
        content, structure, build_follow_up(checked, structure, spans, follow_up, asks=asks)
    )


def embed_finished_sentences(
    transcript: str,
    words: Sequence[dict[str, Any]] | None = None,
    embedder: SentenceEmbedder | None = None,
) -> int:
    """Embed the pieces of every finished sentence of an answer still being given; how many.

    `transcript`/`words` are the live transcript so far. Its stretches are final once
    transcribed, so a sentence that ends in . ! ? is said and will be judged with exactly these
    words; the words after the last such end are a sentence still in progress and wait. The
    vectors stay in the embedder's memory, where judge_answer finds them (key points and STAR
    structure both judge these pieces).
    """
    done = [s.text for s in sentences(transcript, words) if SENTENCE_END.search(s.text)]
    said = pieces(" ".join(done))
    if said:
        (embedder or load_embedder()).embed([p.text for p in said])
    return len(said)
