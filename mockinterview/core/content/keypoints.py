"""Which key points of a question an answer covers, judged by meaning and proven by phrases.

Each key point is described by sentences: its own label, the bank's `says` examples, and for
banks without key points the model answer's sentences (mockinterview.core.content.derive). Each
piece of the answer (a sentence or a clause, mockinterview.core.content.spans) is compared with
those by cosine similarity of sentence vectors. A piece covers a point when it is close enough
to it AND not clearly closer to another point of the same question (so a sentence about the
test set does not also cover the validation point) nor to the question itself (so
"regularization is very important" restates the question and covers nothing), AND not closer
to the point's near misses, the bank's sentences that only touch its topic ("I know backlinks
are a thing"). A bank phrase found in a piece that is at least on-topic, and not nearer a near
miss, is strong evidence and covers the point too. Every covered point cites the piece and
when it was said; an off-topic answer stays below the thresholds (benchmarks/bench_content.py
measures how many off-topic answers are credited).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from mockinterview.core.content.asking import real_questions
from mockinterview.core.content.embeddings import SentenceEmbedder
from mockinterview.core.content.phrases import find_phrase, tokens
from mockinterview.core.content.spans import Span, numbered_pieces, quoted, sentences
from mockinterview.core.content.structure import CHANGE, CONCRETE
from mockinterview.core.questions import KeyPoint
from mockinterview.core.thresholds import ContentThresholds

Evidence = Literal["meaning", "phrase", "both", "story", "change", "asked"]


def _point_about(heads: str) -> re.Pattern[str]:
    """A key point whose name opens with one of `heads` ("the result", "a measurable result",
    "how they progressed as a result"): the point is that thing, not one that mentions it.
    "Explained the realistic outcome to the client" or "reads the result: statistical
    significance" is made by what the candidate did, and a story's closing numbers do not make
    it."""
    return re.compile(
        rf"^(?:the |a |an )?(?:measurable |concrete )?(?:{heads})\b|\bas a result\b",
        re.IGNORECASE,
    )


# A key point about the story's result, which a concrete result sentence of the STAR analysis
# covers (see assess_key_points)
RESULT_POINT = _point_about("results?|outcomes?")
# A key point that an achievement was proved ("an achievement that proves those strengths", "a
# measurable result"): at the lower on-question bar it needs a piece that tells a measured change,
# and past the gate such a piece covers it (tests/data/README.md, session 29).
ACHIEVEMENT_POINT = _point_about("achievements?|results?|outcomes?")
# A key point that the answer asks a question ("asks at least one real question"): its form, not
# its topic, makes it, so a sentence of the answer that is a question covers it (past the gate)
ASKING_POINT = re.compile(r"\basks?\b.*\bquestions?\b", re.IGNORECASE)
# A sentence that opens "For example," gives an example of the one before it, so it is about
# what that one is about: "For instance, one night two patients got worse at the same time"
# scored 0.27 at most against the strengths question's points, after "my biggest strength is
# staying calm when things get busy" (0.79), and its "for instance" counted for nothing.
EXAMPLE_OPENING = re.compile(
    r"((and|so|but),? )?(for (example|instance)|to give (you )?an example)\b", re.IGNORECASE
)
# A key point named after a part of a story ("situation: why the customer was angry", "the
# result: how they know it worked"): the story's own sentences of that part are its quote.
PART_POINT = re.compile(r"^(?:the )?(situation|task|action|result|outcome)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class CoveredPoint:
    """A key point the answer covered: the piece that says it, when, and how it was recognised."""

    point: str
    evidence: str  # the answer's own words that cover the point
    start: float | None  # s from the answer's start; None for a written answer
    by: Evidence
    matched: str | None = None  # the bank phrase found, when one was
    similarity: float | None = None  # cosine of the closest piece and point sentence

    def as_dict(self) -> dict[str, Any]:
        return {
            "point": self.point,
            "evidence": self.evidence,
            "start": self.start,
            "by": self.by,
            "matched": self.matched,
            "similarity": self.similarity,
        }


@dataclass(frozen=True)
class Coverage:
    covered: tuple[CoveredPoint, ...]
    missed: tuple[str, ...]


def _descriptions(point: KeyPoint) -> list[str]:
    return [point.point, *point.says]


def best_cosines(
    said: np.ndarray, groups: Sequence[Sequence[str]], embedder: SentenceEmbedder
) -> np.ndarray:
    """(pieces, groups): each said vector's best cosine with any sentence of each group (a
    point's descriptions, or its near misses); -1 for an empty group. One embedding call for
    all of them."""
    best = np.full((len(said), len(groups)), -1.0)
    texts = [text for group in groups for text in group]
    if not texts:
        return best
    cosines = said @ embedder.embed(texts).T
    offset = 0
    for k, group in enumerate(groups):
        if group:
            best[:, k] = cosines[:, offset : offset + len(group)].max(axis=1)
        offset += len(group)
    return best


def _phrase_hit(point: KeyPoint, said: Sequence[str]) -> str | None:
    return next((p for p in point.phrases if find_phrase(p, said) is not None), None)


def assess_key_points(
    points: Sequence[KeyPoint],
    question: str,
    transcript: str,
    words: Sequence[dict[str, Any]] | None,
    embedder: SentenceEmbedder,
    thresholds: ContentThresholds | None = None,
    story: bool = False,
    invites_questions: bool = False,
    parts: Sequence[str | None] = (),
) -> Coverage:
    """Covered points (each with the piece quoted as its proof, _cited) and missed ones, in bank
    order.

    Once the answer has covered one point at the usual bar, and so is about the question, its
    other points may be covered at the lower ContentThresholds.on_question_meaning_min: a person
    explains in their own examples ("a month later the build failed once a month instead of four
    nights a week", "I spent four years on route optimisation, so fast search on small devices is
    what I do"), which sit further in meaning from a key point's generic sentences than a
    restatement would. Past that same gate, a point about the result (RESULT_POINT) is covered
    by the first sentence of a story that the STAR analysis found to be a concrete result (a
    number, a date, a before/after; `parts`): MiniLM scores "forty regulars by the end of the
    year" 0.3 against "the result". A question that is not a story has no `parts`.
    An achievement point (ACHIEVEMENT_POINT) at the lower bar needs a piece that tells a measured
    change, and past the gate the first such piece covers it in any answer: MiniLM put "I have
    cooked in busy kitchens for eight years" at 0.387 from "an achievement that proves those
    strengths", and "the no-shows went from about one in five down to one in twenty" at 0.27.
    But in a `story` a result point is covered by the story's result or not at all: a change
    told elsewhere in it is the situation ("our email went down for five hundred people") or an
    action ("I went down to one shift a week"), and a story that stops before its outcome has no
    result.
    Past the same gate, a point that the answer asks a question (ASKING_POINT) is covered by its
    first real question (mockinterview.core.content.asking; a tag or a rhetorical question is
    none): "how do you decide it's doing well?" asks a real question, yet it is about success
    (0.44), not about asking (0.35).
    When the question `invites_questions` ("Do you have any questions for us?"), the answer is
    what the candidate asked: only its real questions can cover a point, the asking point by the
    first of them, the others at the lower bar, since asking already puts the answer on the
    question. "I'd probably have asked about the team, but the recruiter told me" is about the
    team and asks nothing; "Is there parking on site?" asks a real question about nothing in the
    bank.
    `parts` is the STAR part of each sentence of a story (structure.sentence_parts), by sentence
    number: a point named after a part (PART_POINT) quotes a piece of that part when one covers
    it, since the sentence vectors put "The launch went out on the new date with no defects" as
    close to "situation: several urgent things due at the same time" as the situation itself.
    """
    thresholds = thresholds or ContentThresholds()
    numbered = numbered_pieces(transcript, words)
    spans = [span for _, span in numbered]
    if not spans or not points:
        return Coverage((), tuple(p.point for p in points))
    vectors = embedder.embed([s.text for s in spans])
    sims = best_cosines(vectors, [_descriptions(p) for p in points], embedder)
    # a piece closer to what merely touches a point than to what makes it does not cover it
    near = best_cosines(vectors, [p.near_misses for p in points], embedder)
    beyond_near_misses = sims - near >= -thresholds.near_miss_margin
    # how much each piece merely restates the question; it must say more than that
    restating = vectors @ embedder.embed([question])[0] - thresholds.restating_margin
    said = [tokens(span.text) for span in spans]
    # a phrase proves a point only in a piece about the question: "I would like to know what
    # success looks like" is about success (0.63), not about asking (0.25), and still asks
    best = sims.max(axis=1)
    on_topic = _with_examples(
        numbered, best >= thresholds.phrase_meaning_min, best >= thresholds.meaning_min
    )
    tells_a_change = [_tells_a_change(span.text) for span in spans]
    asking = [bool(ASKING_POINT.search(p.point)) for p in points]
    told_sentences = sentences(transcript, words)
    questions = set(real_questions(told_sentences))
    results = [
        sentence
        for sentence, part in zip(told_sentences, parts, strict=False)
        if part == "result" and CONCRETE.search(sentence.text)
    ]
    first_question = next((span for n, span in numbered if n in questions), None)
    asked_in = questions if invites_questions else None

    def pieces_for(k: int, meaning_min: float) -> list[CoveredPoint]:
        """Every piece that covers point k at `meaning_min`, the most convincing first."""
        point = points[k]
        # a point made by asking is judged by its form there, so its examples compete with none
        rivals = [
            j for j in range(len(points)) if j != k and not (asked_in is not None and asking[j])
        ]
        others = sims[:, rivals]
        best_other = np.maximum(others.max(axis=1, initial=-1.0), restating)
        named = PART_POINT.match(point.point)
        part = None if named is None else named[1].lower().replace("outcome", "result")
        found: list[tuple[bool, CoveredPoint]] = []  # each with: it is a piece of its part
        for i, span in enumerate(spans):
            if asked_in is not None and numbered[i][0] not in asked_in:
                continue
            by_meaning = (
                sims[i, k] >= meaning_min
                and sims[i, k] - best_other[i] >= -thresholds.meaning_margin
                and beyond_near_misses[i, k]
                and (
                    meaning_min >= thresholds.meaning_min
                    or not ACHIEVEMENT_POINT.search(point.point)
                    or tells_a_change[i]
                )
            )
            phrase = (
                _phrase_hit(point, said[i]) if on_topic[i] and beyond_near_misses[i, k] else None
            )
            if not (by_meaning or phrase):
                continue
            by: Evidence = (
                "both" if by_meaning and phrase else "meaning" if by_meaning else "phrase"
            )
            n = numbered[i][0]
            cited = CoveredPoint(
                point.point, span.text, span.start, by, phrase, round(float(sims[i, k]), 3)
            )
            found.append((part is not None and n < len(parts) and parts[n] == part, cited))
        return [c for _, c in sorted(found, key=lambda f: (not f[0], *_closeness(f[1])))]

    if asked_in is not None:  # the answer is what the candidate asked: no gate, the lower bar
        options = [
            [CoveredPoint(point.point, first_question.text, first_question.start, "asked")]
            if first_question and asking[k]
            else pieces_for(k, thresholds.on_question_meaning_min)  # [] when nothing was asked
            for k, point in enumerate(points)
        ]
        return _coverage(points, _cited(options))
    options = [pieces_for(k, thresholds.meaning_min) for k in range(len(points))]
    if any(options):
        options = [
            found or pieces_for(k, thresholds.on_question_meaning_min)
            for k, found in enumerate(options)
        ]
        told = next((span for span, t in zip(spans, tells_a_change, strict=True) if t), None)
        for k, point in enumerate(points):
            if not options[k] and results and RESULT_POINT.search(point.point):
                options[k] = [CoveredPoint(point.point, results[0].text, results[0].start, "story")]
            by_change = not (story and RESULT_POINT.search(point.point))
            if not options[k] and told and by_change and ACHIEVEMENT_POINT.search(point.point):
                options[k] = [CoveredPoint(point.point, told.text, told.start, "change")]
            if not options[k] and first_question and asking[k]:
                options[k] = [
                    CoveredPoint(point.point, first_question.text, first_question.start, "asked")
                ]
    return _coverage(points, _cited(options))


def _coverage(points: Sequence[KeyPoint], found: Sequence[CoveredPoint | None]) -> Coverage:
    covered = tuple(replace(f, evidence=quoted(f.evidence)) for f in found if f is not None)
    missed = tuple(p.point for p, f in zip(points, found, strict=True) if f is None)
    return Coverage(covered, missed)


def _with_examples(
    numbered: Sequence[tuple[int, Span]], on_topic: np.ndarray, on_a_point: np.ndarray
) -> np.ndarray:
    """`on_topic`, with each piece that opens an example (EXAMPLE_OPENING) on topic when a piece
    of the sentence before it is close to a point at the covering bar (`on_a_point`): merely on
    topic, "We moved house in the spring." (0.32) would make its example count."""
    topical = {n for (n, _), on in zip(numbered, on_a_point, strict=True) if on}
    return np.array(
        [
            bool(on) or (n - 1 in topical and EXAMPLE_OPENING.match(span.text) is not None)
            for (n, span), on in zip(numbered, on_topic, strict=True)
        ]
    )


def _tells_a_change(text: str) -> bool:
    """A measured change ("the no-shows went from one in five to one in twenty"): what proves an
    achievement, where a number alone may be a span of time ("cooked for eight years")."""
    return CHANGE.search(text) is not None and CONCRETE.search(text) is not None


def _closeness(candidate: CoveredPoint) -> tuple[float, float]:
    """Cite the piece that says the point most clearly: the clause, not the whole run-on
    sentence around it; on a tie, the earlier one."""
    return -(candidate.similarity or 0.0), candidate.start or 0.0


QUOTE_CHOICES = 4  # a point's most convincing pieces among which its quote is chosen
QUOTE_SETS = 4096  # at most this many sets of quotes are compared (a bank may hold many points)


def _cited(options: Sequence[Sequence[CoveredPoint]]) -> list[CoveredPoint | None]:
    """One quote for each covered point, and two points never quote the same words where another
    piece can prove one of them.

    Each point's most convincing piece alone would quote "It showed me that a guess is worth
    nothing" both for what the candidate learned and for what they changed afterwards, when a
    later sentence tells the change; read beside each other, the second quote is plainly wrong.
    So the quotes are chosen together, among each point's QUOTE_CHOICES most convincing pieces:
    the fewest quotes repeated, then each point's quote as high in its own order as can be, then
    the closest in meaning in all. A clause quoted beside the sentence that holds it is no
    repeat: one sentence often makes two points, and keeping them apart left a point quoting a
    fragment ("Once the patient has taken it,"; tuning sets, tests/data/README.md, session 47).
    Nor is the first question asked, quoted for the point that the candidate asks one (its
    form, not its words, makes that point): "What's the biggest challenge the team is facing?"
    is also the question about the team. Which points are covered does not change, only the
    words shown as the proof; a point whose only pieces are another point's keeps them.
    """
    covered = [found for found in options if found]
    per_point = QUOTE_CHOICES
    while per_point > 1 and per_point ** len(covered) > QUOTE_SETS:
        per_point -= 1
    choices = [list(enumerate(found[:per_point])) for found in covered]
    best: tuple[tuple[int, CoveredPoint], ...] = ()
    best_key: tuple[int, int, float] | None = None
    for ranked in itertools.product(*choices):
        quotes = [q for _, q in ranked]
        proofs = [q.evidence for q in quotes if q.by != "asked"]  # a question asked is its form
        repeated = len(proofs) - len(set(proofs))
        places = sum(rank for rank, _ in ranked)
        key = (-repeated, -places, sum(q.similarity or 0.0 for q in quotes))
        if best_key is None or key > best_key:
            best, best_key = ranked, key
    picked = iter(q for _, q in best)
    return [next(picked) if found else None for found in options]
