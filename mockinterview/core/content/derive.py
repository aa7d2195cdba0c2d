"""Key points for a question that has a model answer but none of its own: one per idea.

A custom bank (a .txt or .csv list, or a TOML question without key points) would otherwise get no
content feedback. Each sentence of the model answer is an idea; neighbouring sentences that say
nearly the same thing (ContentThresholds.same_idea) are one idea. The point's label is its first
sentence, and its sentences are what the answer is compared with; there are no phrases, so only
meaning can cover such a point.
"""

from __future__ import annotations

import itertools

from mockinterview.core.content.embeddings import SentenceEmbedder
from mockinterview.core.content.spans import sentences
from mockinterview.core.questions import KeyPoint
from mockinterview.core.thresholds import ContentThresholds

MIN_IDEA_WORDS = 4  # "Be honest." is advice, not something an answer can cover
MAX_POINTS = 6  # a two-minute answer makes a handful of points, not a dozen


def derive_key_points(
    model_answer: str,
    embedder: SentenceEmbedder,
    thresholds: ContentThresholds | None = None,
) -> tuple[KeyPoint, ...]:
    """Key points from a model answer, in its order; () when it holds no sentence of substance."""
    thresholds = thresholds or ContentThresholds()
    ideas = [s.text for s in sentences(model_answer) if len(s.text.split()) >= MIN_IDEA_WORDS]
    if not ideas:
        return ()
    vectors = embedder.embed(ideas)
    groups: list[list[int]] = []
    for i in range(len(ideas)):
        if groups and float(vectors[i] @ vectors[groups[-1][-1]]) >= thresholds.same_idea:
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) > MAX_POINTS:  # merge the closest neighbours until a handful remain
        while len(groups) > MAX_POINTS:
            closeness = [
                float(vectors[a[-1]] @ vectors[b[0]]) for a, b in itertools.pairwise(groups)
            ]
            j = max(range(len(closeness)), key=closeness.__getitem__)
            groups[j : j + 2] = [groups[j] + groups[j + 1]]
    return tuple(
        KeyPoint(ideas[g[0]], phrases=(), says=tuple(ideas[i] for i in g[1:])) for g in groups
    )
