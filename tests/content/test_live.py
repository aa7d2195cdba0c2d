"""Live answers: finished sentences are embedded while the person speaks, on the real model, so
the content analysis after Stop embeds only the sentence still being said when the answer ended.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mockinterview.core.content.answer import embed_finished_sentences, judge_answer
from mockinterview.core.content.embeddings import SentenceEmbedder, model_paths
from mockinterview.core.content.spans import pieces, sentences
from mockinterview.core.questions import load_bank

STORY = (
    "Two years ago I promised a client a data migration in three weeks and it took nine. "
    "The estimate was mine, and I made it without looking at their old records. "
    "I learned that a guess made before seeing the data is worth nothing. "
    "Since then I ask for a sample of the real data first, and on the next two migrations "
    "I landed within a week of my range."
)


class CountingEmbedder(SentenceEmbedder):
    """The real model; remembers which sentences it actually had to run."""

    def __init__(self) -> None:
        super().__init__(*model_paths())
        self.computed: list[str] = []

    def _embed_batch(self, sentences: Sequence[str]) -> np.ndarray:
        self.computed += sentences
        return super()._embed_batch(sentences)


def test_only_the_last_sentence_is_left_after_a_streamed_answer() -> None:
    question = next(q for q in load_bank("general").questions if q.id == "failure-story")
    embedder = CountingEmbedder()
    judge_answer(question, "I once failed to ship a feature on time.", embedder=embedder)

    said = STORY.split()
    assert embed_finished_sentences(" ".join(said[:5]), embedder=embedder) == 0  # mid-sentence
    for end in range(10, len(said), 10):  # the live transcript arrives in stretches
        embed_finished_sentences(" ".join(said[:end]), embedder=embedder)
    streamed = set(embedder.computed)
    embedder.computed.clear()
    live = judge_answer(question, STORY, embedder=embedder)

    last = sentences(STORY)[-1].text
    assert embedder.computed, "the last sentence was still being said: it is embedded at the end"
    assert all(text in last for text in embedder.computed), embedder.computed
    assert all(p.text in streamed for p in pieces(STORY) if p.text not in last)
    # one code path: the same words judged at once give the same judgement
    whole = judge_answer(question, STORY, embedder=CountingEmbedder())
    assert live.blocks() == whole.blocks()
    assert live.content.covered, "the story is credited"
