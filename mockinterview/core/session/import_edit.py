"""Change how an imported recording is cut into answers: split an answer in two at a sentence,
join an answer to the one before; before measuring, or afterwards on the stored session.

    spans = split_span(spans, 2, at_word=14)                  # answer 3 becomes two answers
    spans = join_spans(spans, [True, False, True], words)     # (import_recording) 2 joins 1
    spans = with_question(spans, 1, "Tell me about yourself.")  # the question asked, as it was
    edit_split(store, session_id, spans, settings)            # re-measures only what changed

Why afterwards too: a person often sees a wrong cut only in the report (an answer that is two,
or a thought cut in half). Re-measuring only the answers whose bounds changed keeps the others
exactly as they were, and it is quick: the words of the whole recording were kept at import
(`save_split`), so nothing is transcribed again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.content.embeddings import SentenceEmbedder, load_embedder
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.questions import Question
from mockinterview.core.session.import_recording import (
    AnswerSpan,
    Progress,
    bank_question,
    cancel_check,
    load_split,
    measure_spans,
    save_split,
)
from mockinterview.core.session.store import IMPORTED_BANK, SessionStore, StoredAnswer
from mockinterview.core.settings import Settings
from mockinterview.core.speech.speakers import stretches
from mockinterview.core.thresholds import SpeakerThresholds, SplitThresholds
from mockinterview.core.vision.frames import media_tracks


def cut_points(span: AnswerSpan) -> list[int]:
    """Where an answer may be split: the first word of each of its sentences or stretches of
    speech after a pause (the first stretch is where it starts already)."""
    runs = stretches(span.words, SpeakerThresholds().stretch_gap_s)
    return [run[0] for run in runs[1:]]


def split_span(
    spans: Sequence[AnswerSpan], index: int, at_word: int, thresholds: SplitThresholds | None = None
) -> list[AnswerSpan]:
    """Answer `index` cut in two before its word `at_word`; the second part has no question."""
    t = thresholds or SplitThresholds()
    span = spans[index]
    if not 0 < at_word < len(span.words):
        raise ValueError(f"answer {index + 1} cannot be split before its word {at_word}")
    before, after = span.words[:at_word], span.words[at_word:]
    middle = round(max(before[-1].end, min(before[-1].end + t.edge_pad_s, after[0].start)), 3)
    first = AnswerSpan(span.start, middle, before, span.question)
    second = AnswerSpan(round(max(middle, after[0].start - t.edge_pad_s), 3), span.end, after, None)
    return [*spans[:index], first, second, *spans[index + 1 :]]


def with_question(
    spans: Sequence[AnswerSpan], index: int, question: str | None
) -> list[AnswerSpan]:
    """Answer `index` asked `question` (None: no question before it), as the person says it was:
    a question Whisper misheard ("disagreed with a calling") or asked in other words ("your
    greatest weakness") is not taken for a bank question, and its answer goes unjudged."""
    return [*spans[:index], replace(spans[index], question=question), *spans[index + 1 :]]


def closest_questions(
    asked: str | None, known: Sequence[Question], embedder: SentenceEmbedder | None = None
) -> list[Question]:
    """Every bank question once, the one `asked` says first (`bank_question`), then the closest
    in meaning (MiniLM cosine), for the person to choose the question that was asked. Nothing
    heard: in the banks' order."""
    unique = list({q.text: q for q in known}.values())
    if not asked:
        return unique
    vectors = (embedder or load_embedder()).embed([asked, *(q.text for q in unique)])
    closeness = vectors[1:] @ vectors[0]
    ranked = [unique[i] for i in np.argsort(-closeness, kind="stable")]
    said = bank_question(asked, unique)
    return ranked if said is None else [said, *(q for q in ranked if q is not said)]


def stored_split(store: SessionStore, session_id: str) -> list[AnswerSpan]:
    """The answers an imported session is cut into now (MediaError when none was kept)."""
    return load_split(store.media_dir(session_id))[1]


def edit_split(
    store: SessionStore,
    session_id: str,
    spans: Sequence[AnswerSpan],
    settings: Settings,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Make the imported session's answers `spans`: an answer whose bounds and question did not
    change is kept as stored, the others are measured again. Returns how many were measured.

    Answers may be renumbered freely: an import asks no follow-up questions (`measure_spans`
    turns them off, as nobody is there to answer one), so no answer is linked to another."""
    session = store.session_dict(session_id)
    if session["bank"] != IMPORTED_BANK:
        raise MockInterviewError("Only an imported recording can be cut into answers again.")
    folder = store.media_dir(session_id)
    transcript, old = load_split(folder)
    kept = {(s.start, s.end, s.question): n for n, s in enumerate(old)}
    changed = [(n, s) for n, s in enumerate(spans) if (s.start, s.end, s.question) not in kept]
    report = progress or (lambda what, fraction: None)
    measured: list[StoredAnswer] = []
    if changed:
        recording = Path(session["recording"] or "")
        report("reading the recording", 0.0)
        samples = decode_audio(recording)  # MediaError names a moved or damaged copy
        check = cancel_check(cancelled)
        measured = measure_spans(
            recording,
            samples,
            transcript,
            [(n + 1, s) for n, s in changed],
            media_tracks(recording).video,
            None,  # the words were kept: nothing is transcribed again
            settings,
            session_id,
            report,
            check,
            cancelled,
        )
    new = dict(zip((n for n, _ in changed), measured, strict=True))
    answers: list[int | StoredAnswer] = [
        new[n] if n in new else kept[(s.start, s.end, s.question)] for n, s in enumerate(spans)
    ]
    store.replace_answers(session_id, answers)
    save_split(folder, transcript, spans)
    report("done", 1.0)
    return len(measured)
