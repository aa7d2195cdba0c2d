"""Make a session from a recording made elsewhere: a video call, a phone video of a practice, a
real interview the person was allowed to record.

    session_id = import_recording("call.mp4", store, settings, transcriber, progress, cancelled)
    prepared = prepare_import("call.mp4", settings)     # or in two steps, so the person can
    session_id = store_import(prepared, store, settings, prepared.joined(starts))  # join answers

The file is transcribed once, cut into answers (`split_answers`), and every answer goes through
`analyze_answer`, the call the live flow and crash recovery use, so an imported session has the
same report, player and History entry as a rehearsed one. A video also gets body language, from
one pass over its frames (`body_per_answer`). A copy of the file becomes the session recording,
so the player keeps working when the original moves, and deleting the session deletes it.

How answers are found (thresholds: SplitThresholds). An interviewer's question is recognised by
its words, not by its voice: a short run of words with silence on both sides that ends in "?" or
opens like a request ("Tell me about...", "Walk me through...", INTERVIEWER_OPENINGS). The
answer to it runs up to the next question or to a long silence. A recording without such
questions (a monologue practice) is cut at long silences only. Stretches of a few words
("Okay, thanks.") join the answer before them. Between finding the answers and measuring them,
the person sees the split and can join an answer to the one before (`PreparedImport.joined`).

Cancelling (`cancelled()` returns True) stops at the next step and removes the half-made
session; a file that cannot be read raises MediaError before anything is stored.
"""

from __future__ import annotations

import difflib
import logging
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.errors import MediaError, MockInterviewError
from mockinterview.core.questions import Question, bank_files, load_bank_file
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.store import IMPORTED_BANK, SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.transcript import Transcript, Word
from mockinterview.core.thresholds import BodyThresholds, SplitThresholds
from mockinterview.core.vision.frames import media_tracks

log = logging.getLogger(__name__)

IMPORTED_CATEGORY = "imported"
# difflib ratio between a heard question and a bank question's text for them to be the same
# question (so the answer joins that question's versions); word errors of tiny.en stay above it.
SAME_QUESTION_RATIO = 0.85

Progress = Callable[[str, float], None]  # (what is happening, fraction of the whole import 0-1)


class ImportCancelled(MockInterviewError):
    """The person cancelled the import; nothing of it is kept."""


@dataclass(frozen=True)
class AnswerSpan:
    """One answer found in the recording: seconds from the file's start, and the words said."""

    start: float
    end: float
    words: tuple[Word, ...]
    question: str | None  # the interviewer's question heard just before it, if one was


# How interviewers ask without a question mark: Whisper writes "Tell me about a time you led a
# team." with a full stop. Taken as a question only between two silences, like one with "?".
INTERVIEWER_OPENINGS = re.compile(
    r"^\W*(tell me|walk me through|talk me through|describe|give me an example|"
    r"take me through|talk about|share an example)\b",
    re.IGNORECASE,
)


def _is_question_end(word: Word) -> bool:
    return word.text.rstrip().endswith("?")


def split_answers(
    words: Sequence[Word], duration_s: float, thresholds: SplitThresholds | None = None
) -> list[AnswerSpan]:
    """Cut a whole recording's words into answers; see the module docstring for the rule."""
    t = thresholds or SplitThresholds()
    words = list(words)
    if not words:
        return []

    def gap_before(i: int) -> float:
        return words[i].start - words[i - 1].end if i > 0 else float("inf")

    def gap_after(i: int) -> float:
        return words[i + 1].start - words[i].end if i + 1 < len(words) else float("inf")

    # Questions: [first, last] word index runs between two silences that end in "?" or open
    # like an interviewer's request ("Tell me about...", "Walk me through...").
    questions: list[tuple[int, int]] = []
    for last, word in enumerate(words):
        if gap_after(last) < t.question_gap_s:
            continue
        first = last
        while first > 0 and gap_before(first) < t.question_gap_s:
            first -= 1
        said = " ".join(w.text for w in words[first : last + 1])
        asks = _is_question_end(word) or bool(INTERVIEWER_OPENINGS.match(said))
        if asks and last - first + 1 <= t.question_max_words:
            questions.append((first, last))
    in_question = {i for first, last in questions for i in range(first, last + 1)}
    asked_before = {
        last + 1: " ".join(w.text for w in words[first : last + 1]).strip()
        for first, last in questions
    }

    # Answers: runs of non-question words, cut at questions and at long silences.
    runs: list[tuple[list[int], str | None]] = []
    current: list[int] = []
    question: str | None = None
    for i in range(len(words)):
        starts_new = i in asked_before or (current and gap_before(i) >= t.answer_gap_s)
        if i in in_question or starts_new:
            if current:
                runs.append((current, question))
            current, question = [], None
        if i in asked_before:
            question = asked_before[i]
        if i not in in_question:
            current.append(i)
    if current:
        runs.append((current, question))

    # A few words with no question of their own join the answer before (or the next one).
    merged: list[tuple[list[int], str | None]] = []
    for indices, asked in runs:
        if asked is None and len(indices) < t.min_answer_words and merged:
            merged[-1] = (merged[-1][0] + indices, merged[-1][1])
        else:
            merged.append((indices, asked))
    if len(merged) > 1 and merged[0][1] is None and len(merged[0][0]) < t.min_answer_words:
        first_indices, _ = merged.pop(0)
        merged[0] = (first_indices + merged[0][0], merged[0][1])

    spans = []
    for indices, asked in merged:
        chosen = tuple(words[i] for i in indices)
        floor = 0.0 if indices[0] == 0 else words[indices[0] - 1].end
        ceiling = duration_s if indices[-1] + 1 >= len(words) else words[indices[-1] + 1].start
        start = max(floor, chosen[0].start - t.edge_pad_s)
        end = min(ceiling, chosen[-1].end + t.edge_pad_s)
        spans.append(AnswerSpan(round(start, 3), round(max(end, start), 3), chosen, asked))
    return spans


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _bank_questions() -> list[Question]:
    """Every question of every readable bank (a broken user bank is skipped, not fatal here)."""
    found = []
    for path in bank_files().values():
        try:
            found.extend(load_bank_file(path).questions)
        except MockInterviewError as exc:
            log.info("import: bank %s skipped: %s", path, exc)
    return found


def question_for(
    asked: str | None, number: int, session_id: str, known: Sequence[Question]
) -> Question:
    """The bank question the interviewer asked when its words match one, so the answer joins that
    question's versions and is judged on its key points; otherwise a question of its own."""
    if asked:
        heard = _normalised(asked)
        best = max(
            known,
            key=lambda q: difflib.SequenceMatcher(None, heard, _normalised(q.text)).ratio(),
            default=None,
        )
        if best is not None:
            ratio = difflib.SequenceMatcher(None, heard, _normalised(best.text)).ratio()
            if ratio >= SAME_QUESTION_RATIO:
                return best
        slug = "-".join(heard.split()[:12])
        return Question(id=f"imported:{slug}", text=asked, category=IMPORTED_CATEGORY)
    return Question(
        id=f"imported:{session_id}:{number}",
        text=f"Answer {number} (no question heard before it)",
        category=IMPORTED_CATEGORY,
    )


def _shifted(words: Sequence[Word], by: float) -> tuple[Word, ...]:
    return tuple(replace(w, start=max(0.0, w.start - by), end=max(0.0, w.end - by)) for w in words)


def body_per_answer(
    path: Path,
    spans: Sequence[AnswerSpan],
    thresholds: BodyThresholds,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[dict[str, Any]]:
    """Each answer's body block from one pass over the video's frames: the tracker calibrates on
    the first seconds of the file and keeps running between answers, as it does live."""
    from mockinterview.core.vision.body import BodyRecorder, empty_body_block, run_video

    recorder = BodyRecorder(thresholds)
    blocks: dict[int, dict[str, Any]] = {}
    state = {"answer": 0, "started": False}

    def feed(marks) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled("Import cancelled.")
        t = marks.timestamp_s
        while state["answer"] < len(spans) and t > spans[state["answer"]].end:
            if state["started"]:
                blocks[state["answer"]] = recorder.finish_answer()
            state["answer"] += 1
            state["started"] = False
        index = state["answer"]
        if index < len(spans) and t >= spans[index].start and not state["started"]:
            recorder.start_answer()
            state["started"] = True
        recorder.feed(marks)

    run_video(path, feed, progress=progress)
    if state["started"]:
        blocks[state["answer"]] = recorder.finish_answer()
    missing = "The video ends before this answer, so there is no body-language feedback."
    return [blocks.get(i) or empty_body_block(missing) for i in range(len(spans))]


@dataclass(frozen=True, eq=False)
class PreparedImport:
    """A recording read and transcribed, with the answers found in it: what the person checks
    (and may join) before the answers are measured and stored."""

    path: Path
    samples: np.ndarray  # mono float32 at 16 kHz, the whole recording
    transcript: Transcript  # of the whole recording, word times from its start
    spans: tuple[AnswerSpan, ...]
    has_video: bool
    transcriber: Transcriber  # loaded once, reused to store

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def joined(self, starts: Sequence[bool]) -> list[AnswerSpan]:
        """The person's edit of the split: `starts[i]` False joins answer i to the one before
        (the first always starts one). A joined answer keeps the first one's question and has
        every word said between its start and end, including a "question" that was the
        person's own."""
        joined: list[AnswerSpan] = []
        for span, new in zip(self.spans, starts, strict=True):
            if joined and not new:
                first = joined[-1]
                words = tuple(w for w in self.transcript.words if first.start <= w.start < span.end)
                joined[-1] = AnswerSpan(first.start, span.end, words, first.question)
            else:
                joined.append(span)
        return joined


def _checker(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    def check() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled("Import cancelled.")

    return check


def prepare_import(
    path: str | Path,
    settings: Settings,
    transcriber: Transcriber | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PreparedImport:
    """Read and transcribe a recording and find its answers; nothing is stored yet."""
    path = Path(path)
    report = progress or (lambda what, fraction: None)
    check = _checker(cancelled)
    report("reading the audio", 0.0)
    tracks = media_tracks(path)
    samples = decode_audio(path)  # MediaError names a missing, empty, damaged or silent file
    if not tracks.audio:  # decode_audio raised already; kept for files probing oddly
        raise MediaError(f"{path} has no audio track, so there is no answer to analyse.")
    duration = len(samples) / SAMPLE_RATE
    check()
    if transcriber is None:
        report("loading the speech model", 0.05)
        transcriber = Transcriber.from_settings(settings)
    length = f"{duration:.0f} s" if duration < 90 else f"{duration / 60:.0f} min"
    report(f"transcribing {length} of recording", 0.1)
    transcript = transcriber.transcribe(samples)
    check()
    spans = split_answers(transcript.words, duration)
    if not spans:
        raise MediaError(
            f"{path}: no speech was heard in it, so there is no answer to analyse. "
            "Check that it is the right file and that its sound is not muted."
        )
    log.info("import %s: %d answer(s) in %.0f s", path, len(spans), duration)
    report("answers found", 0.45)
    return PreparedImport(path, samples, transcript, tuple(spans), tracks.video, transcriber)


def store_import(
    prepared: PreparedImport,
    store: SessionStore,
    settings: Settings,
    spans: Sequence[AnswerSpan] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> str:
    """Measure each answer (`spans`, or the ones found) and store them as a new session."""
    spans = list(prepared.spans if spans is None else spans)
    report = progress or (lambda what, fraction: None)
    check = _checker(cancelled)
    path, samples, transcript = prepared.path, prepared.samples, prepared.transcript
    bodies: list[dict[str, Any] | None] = [None] * len(spans)
    if prepared.has_video:
        report("analysing body language", 0.45)
        bodies = list(
            body_per_answer(
                path,
                spans,
                settings.body,
                lambda f: report("analysing body language", 0.45 + 0.35 * f),
                cancelled,
            )
        )
    check()
    known = _bank_questions()
    session_id = store.create_session(IMPORTED_BANK)
    try:
        folder = store.media_dir(session_id)
        report("keeping a copy of the recording", 0.8)
        copy = folder / f"imported{path.suffix.lower()}"
        shutil.copyfile(path, copy)
        store.set_recording(session_id, copy)
        quiet = replace(settings, interview=replace(settings.interview, follow_up="off"))
        for n, span in enumerate(spans):
            check()
            report(f"measuring answer {n + 1} of {len(spans)}", 0.82 + 0.18 * n / len(spans))
            piece = samples[round(span.start * SAMPLE_RATE) : round(span.end * SAMPLE_RATE)]
            words = _shifted(span.words, span.start)
            gaps = tuple(
                replace(g, start=g.start - span.start, end=g.end - span.start)
                for g in transcript.gaps
                if span.start <= g.start < span.end
            )
            heard = Transcript(" ".join(w.text.strip() for w in words), words, gaps)
            stored = analyze_answer(
                question_for(span.question, n + 1, session_id, known),
                np.asarray(piece, dtype=np.float32),
                quiet,
                prepared.transcriber,
                transcript=heard,
                body=bodies[n],
                recording_offset_s=span.start,
            )
            store.add_answer(session_id, stored)
        store.finish_session(session_id)
    except BaseException:
        store.finish_session(session_id, "interrupted")
        store.delete_session(session_id)
        raise
    report("done", 1.0)
    return session_id


def import_recording(
    path: str | Path,
    store: SessionStore,
    settings: Settings,
    transcriber: Transcriber | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> str:
    """Analyse a recording into a new stored session, split as found; return its id."""
    prepared = prepare_import(path, settings, transcriber, progress, cancelled)
    return store_import(prepared, store, settings, None, progress, cancelled)
