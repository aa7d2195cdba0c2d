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

How answers are found (`find_answers`; thresholds: SplitThresholds, SpeakerThresholds). When two
voices are heard (core/speech/speakers.py), the interviewer is the voice that asks ("...?",
"Tell me about..."; when neither does, the voice heard first): each of the interviewer's turns is
a question, the other voice's words up to the next question are the answer, and an aside of a
word or two ("Mm-hmm.") neither cuts the answer nor joins it. With one voice (a monologue
practice, or voices too alike to tell apart), a question is recognised by its words: a short run
of words with silence on both sides that ends in "?" or whose last sentence opens like a request
(INTERVIEWER_OPENINGS: "Question two. Tell me about..."), the silence after each sentence
measured in the audio; what follows "Do you have any questions for us?" is its answer, however
many questions it asks. Answers are also cut at long silences. Stretches of a few words
("Okay, thanks.") join the answer before them. Between finding the answers and measuring them,
the person sees the split and can join an answer to the one before (`PreparedImport.joined`).

Cancelling (`cancelled()` returns True) stops at the next step and removes the half-made
session; a file that cannot be read raises MediaError before anything is stored.
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import math
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.content.asking import invites_questions
from mockinterview.core.content.number_words import NUMBER_WORDS
from mockinterview.core.errors import MediaError, MockInterviewError
from mockinterview.core.llm.prompts import STOPWORDS
from mockinterview.core.questions import (
    IMPORTED_CATEGORY,
    Question,
    bank_files,
    load_bank_file,
    unasked_question_id,
)
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.store import (
    IMPORTED_BANK,
    SessionStore,
    StoredAnswer,
    write_atomic,
)
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber, with_pauses_measured
from mockinterview.core.speech.speakers import two_voices
from mockinterview.core.speech.transcript import Gap, Transcript, Word
from mockinterview.core.thresholds import (
    BodyThresholds,
    DeliveryThresholds,
    SpeakerThresholds,
    SplitThresholds,
)
from mockinterview.core.vision.frames import media_tracks

log = logging.getLogger(__name__)

SPLIT_FILE = "imported-split.json"  # the recording's words and answers, kept to edit the split
# A bank question is the one asked when the interviewer's words hold each of its words that
# carry meaning (not STOPWORDS; "the easiest fault" asks another question than "the hardest
# fault"), and at most this share of its words are small words missed or changed, or words
# added inside it (so the answer joins that question's versions): tiny.en hears "Tell me about a
# time" as "Tell me I'm out of time" ...
SAME_QUESTION_ERRORS = 0.25
# ... where a heard word is the bank's word when their difflib ratio reaches this: tiny.en's
# "telling" for "tell" (0.73) or "roll" for "role" (0.75) is the word, "your" for "yourself"
# (0.67) or "here" for "HR" is not.
SAME_WORD_RATIO = 0.7

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
# Words that announce a question may come first: "Next question, tell me about..." (one person
# reading their practice questions aloud), "Okay, so describe...".
INTERVIEWER_OPENINGS = re.compile(
    r"^\W*(?:(?:okay|ok|so|and|now|next|right|alright|great|thanks|thank you|first|finally|"
    r"lastly|question(?: \w+)?)\W+)*"
    r"(tell me|walk me through|talk me through|describe|give me an example|"
    r"take me through|talk about|share an example)\b",
    re.IGNORECASE,
)
# Where a sentence ends inside a run of words: the request is the run's last sentence ("Okay,
# practice run. Question one. Tell me about yourself.").
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SENTENCE_FINAL = re.compile(r"[.!?]\W*$")  # a word that ends its sentence


def _is_question_end(word: Word) -> bool:
    return word.text.rstrip().endswith("?")


def _asks(said: str) -> bool:
    """Whether words said between two silences, or one voice's turn, ask: they end in "?", or
    their last sentence opens like a request."""
    said = said.strip()
    return (
        said.endswith("?") or INTERVIEWER_OPENINGS.match(SENTENCE_END.split(said)[-1]) is not None
    )


def interviewer_words(words: Sequence[Word], speakers: Sequence[int]) -> list[bool]:
    """Which words the interviewer said, given each word's voice (0 or 1): the interviewer is
    the voice with more stretches that ask ("...?", "Tell me about..."), or, when the words do
    not tell, the voice heard first (an interviewer opens the call)."""
    asks = [0, 0]
    run_start = 0
    for i in range(len(words)):
        last_of_run = i + 1 == len(words) or speakers[i + 1] != speakers[i]
        if last_of_run:
            said = " ".join(w.text for w in words[run_start : i + 1])
            if _asks(said):
                asks[speakers[i]] += 1
            run_start = i + 1
    interviewer = speakers[0] if asks[0] == asks[1] else int(asks[1] > asks[0])
    return [s == interviewer for s in speakers]


def find_answers(
    samples: np.ndarray,
    words: Sequence[Word],
    duration_s: float,
    split: SplitThresholds | None = None,
    voices: SpeakerThresholds | None = None,
) -> list[AnswerSpan]:
    """The answers of a whole recording: at the interviewer's turns when two voices are heard,
    otherwise by the question words and long silences alone."""
    found = two_voices(samples, words, voices)
    if found is None:
        log.info("import: one voice heard; split by question words and silences")
        return split_answers(words, duration_s, split)
    log.info("import: two voices heard (separation %.2f)", found.separation)
    return split_answers(words, duration_s, split, interviewer_words(words, found.speakers))


def split_answers(
    words: Sequence[Word],
    duration_s: float,
    thresholds: SplitThresholds | None = None,
    interviewer: Sequence[bool] | None = None,
) -> list[AnswerSpan]:
    """Cut a whole recording's words into answers; see the module docstring for the rule.
    `interviewer` (per word, from the voices) makes each interviewer turn a question instead."""
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
    aside: set[int] = set()  # the interviewer's "Mm-hmm." inside an answer: no cut, not an answer
    if interviewer is not None:
        first = 0
        for last in range(len(words)):
            if last + 1 < len(words) and interviewer[last + 1] == interviewer[last]:
                continue
            if interviewer[last]:
                turn = range(first, last + 1)
                if len(turn) >= t.min_question_words or _is_question_end(words[last]):
                    questions.append((first, last))
                else:
                    aside.update(turn)
            first = last + 1
    else:
        for last in range(len(words)):
            if gap_after(last) < t.question_gap_s:
                continue
            first = last
            while first > 0 and gap_before(first) < t.question_gap_s:
                first -= 1
            said = " ".join(w.text for w in words[first : last + 1])
            if not _asks(said) or last - first + 1 > t.question_max_words:
                continue
            # what follows "Do you have any questions for us?" is the answer, questions and all
            if (
                questions
                and questions[-1][1] == first - 1
                and invites_questions(" ".join(w.text for w in words[questions[-1][0] : first]))
            ):
                continue
            questions.append((first, last))
        if sum(last - first + 1 for first, last in questions) == len(words):
            # One voice and nothing but "questions": one person's answer that asks one ("Yes:
            # what does a typical week look like for the team?"), not a recording with no answer.
            questions = []
    questions = _to_sentence_ends(words, questions, t.question_tail_words)
    in_question = {i for first, last in questions for i in range(first, last + 1)} | aside
    # With the interviewer's voice known, a long silence is someone thinking, not a new answer.
    answer_gap_s = float("inf") if interviewer is not None else t.answer_gap_s
    asked_before = {
        last + 1: " ".join(w.text for w in words[first : last + 1]).strip()
        for first, last in questions
    }

    # Answers: runs of non-question words, cut at questions and at long silences.
    runs: list[tuple[list[int], str | None]] = []
    current: list[int] = []
    question: str | None = None
    for i in range(len(words)):
        starts_new = i in asked_before or (current and gap_before(i) >= answer_gap_s)
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


def _to_sentence_ends(
    words: Sequence[Word], questions: Sequence[tuple[int, int]], most: int
) -> list[tuple[int, int]]:
    """Each question run carried on to the end of its sentence when that is at most `most`
    words on and no other question starts before it."""
    starts = {first for first, _ in questions}
    ends = []
    for first, last in questions:
        for k in range(last, min(last + most, len(words) - 1) + 1):
            if k > last and k in starts:
                break
            if SENTENCE_FINAL.search(words[k].text):
                last = k
                break
        ends.append((first, last))
    return ends


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def bank_questions() -> list[Question]:
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
    """The bank question the interviewer asked when their words hold one (`asked_within`), so the
    answer joins that question's versions and is judged on its key points; otherwise a question
    of its own."""
    if asked:
        slug = "-".join(_normalised(asked).split()[:12])
        own = Question(id=f"imported:{slug}", text=asked, category=IMPORTED_CATEGORY)
        return bank_question(asked, known) or own
    return Question(
        id=unasked_question_id(session_id, number),
        text=f"Answer {number} (no question heard before it)",
        category=IMPORTED_CATEGORY,
    )


def bank_question(asked: str, known: Sequence[Question]) -> Question | None:
    """The bank question said in `asked` (`asked_within`), None when none is. On a tie the
    longer question wins: it matched more of what was said."""
    heard = _question_words(asked)
    matches = [(asked_within(heard, _question_words(q.text)), q) for q in known]
    best = min(((errors, -len(q.text), i) for i, (errors, q) in enumerate(matches)), default=None)
    if best is not None and best[0] <= SAME_QUESTION_ERRORS:
        return matches[best[2]][1]
    return None


@functools.lru_cache(maxsize=4096)
def _question_words(text: str) -> tuple[str, ...]:
    """The words compared, a number in digits ("5 years", "20%", as Whisper writes them) or in
    words ("five years", "twenty percent", as a bank does). Kept per text: every heard question
    is compared with every bank question, and the banks' words are the same each time."""
    said = _normalised(text.replace("%", " percent"))
    return tuple(str(NUMBER_WORDS.get(word, word)) for word in said.split())


def asked_within(heard: Sequence[str], question: Sequence[str]) -> float:
    """The edits needed for `question` to be said somewhere in `heard`, as a share of its words:
    the fewest word edits to any run of heard words (an edit distance whose start and end in
    `heard` are free; infinite when a word that carries meaning is changed or missing). An
    interviewer puts words around a question ("Thanks for joining us today. To start, tell me
    about yourself."): a similarity of their whole turn to the question fell to 0.52 for that
    question said word for word, and reached 0.85 for "And why do you want to work here?"
    against "Why do you want to work in HR?"."""
    if not question:
        return 1.0
    # row[j]: the fewest edits for the question's words so far to end at heard word j
    row = [0] * (len(heard) + 1)
    for word in question:
        edit = 1 if word in STOPWORDS else math.inf
        before, row = row, [row[0] + edit] + [0] * len(heard)
        for j, said in enumerate(heard, start=1):
            same = said == word or _same_word(said, word)
            row[j] = min(before[j - 1] + (0 if same else edit), before[j] + edit, row[j - 1] + 1)
        if min(row) == math.inf:  # a word that carries meaning is nowhere: not this question
            return math.inf
    return min(row) / len(question)


@functools.cache
def _same_word(said: str, word: str) -> bool:
    return difflib.SequenceMatcher(None, said, word).ratio() >= SAME_WORD_RATIO


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
                blocks[state["answer"]] = recorder.finish_answer(spans[state["answer"]].end)
            state["answer"] += 1
            state["started"] = False
        index = state["answer"]
        if index < len(spans) and t >= spans[index].start and not state["started"]:
            recorder.start_answer()
            state["started"] = True
        recorder.feed(marks)

    run_video(path, feed, progress=progress)
    if state["started"]:
        blocks[state["answer"]] = recorder.finish_answer(spans[state["answer"]].end)
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
        """The person's edit of the split: `starts[i]` False joins answer i to the one before."""
        return join_spans(self.spans, starts, self.transcript.words)


def join_spans(
    spans: Sequence[AnswerSpan], starts: Sequence[bool], words: Sequence[Word]
) -> list[AnswerSpan]:
    """`starts[i]` False joins answer i to the one before (the first always starts one). A
    joined answer keeps the first one's question and has every word said between its start and
    end (`words`: the whole recording's), including a "question" that was the person's own."""
    joined: list[AnswerSpan] = []
    for span, new in zip(spans, starts, strict=True):
        if joined and not new:
            first = joined[-1]
            inside = tuple(w for w in words if first.start <= w.start < span.end)
            joined[-1] = AnswerSpan(first.start, span.end, inside, first.question)
        else:
            joined.append(span)
    return joined


def save_split(folder: Path, transcript: Transcript, spans: Sequence[AnswerSpan]) -> Path:
    """Keep the whole recording's words and the answers cut from them beside the session's copy
    of the recording, so the person can change the split after measuring (core/session/
    import_edit.py) without transcribing the recording again."""
    index = {w: i for i, w in enumerate(transcript.words)}  # Word is frozen: by value
    data = {
        "words": [w.to_dict() for w in transcript.words],
        "gaps": [g.to_dict() for g in transcript.gaps],
        "answers": [
            {
                "start": s.start,
                "end": s.end,
                "question": s.question,
                "words": [index[w] for w in s.words],
            }
            for s in spans
        ],
    }
    return write_atomic(folder / SPLIT_FILE, json.dumps(data).encode())


def load_split(folder: Path) -> tuple[Transcript, list[AnswerSpan]]:
    """The words and answers `save_split` kept; MediaError when the session has none (made
    before splits were kept, or not imported)."""
    path = folder / SPLIT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        words = tuple(Word(w["text"], w["start"], w["end"]) for w in data["words"])
        gaps = tuple(Gap(g["start"], g["end"]) for g in data["gaps"])
        spans = [
            AnswerSpan(a["start"], a["end"], tuple(words[i] for i in a["words"]), a["question"])
            for a in data["answers"]
        ]
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise MediaError(
            f"{path}: how this recording was cut is not kept (an import from an older version, "
            "or the file is damaged), so its answers cannot be cut again; import it once more."
        ) from exc
    text = " ".join(w.text.strip() for w in words)
    return Transcript(text, words, gaps), spans


def cancel_check(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
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
    check = cancel_check(cancelled)
    report("reading the audio", 0.0)
    tracks = media_tracks(path)
    if tracks.video and not tracks.audio:
        raise MediaError(
            f"{path} is a video with no sound track, so it holds no answer to import. Its body "
            f"language can still be read: run `mockinterview analyze {path}` in a terminal."
        )
    samples = decode_audio(path)  # MediaError names a missing, empty, damaged or silent file
    duration = len(samples) / SAMPLE_RATE
    check()
    if transcriber is None:
        report("loading the speech model", 0.05)
        transcriber = Transcriber.from_settings(settings)
    length = f"{duration:.0f} s" if duration < 90 else f"{duration / 60:.0f} min"
    report(f"transcribing {length} of recording", 0.1)
    transcript = transcribe_recording(samples, transcriber)
    check()
    report("telling the voices apart", 0.4)
    spans = find_answers(samples, transcript.words, duration)
    if not spans:
        raise MediaError(
            f"{path}: only the interviewer's questions were heard in it, so there is no answer "
            "to analyse."
            if transcript.words
            else f"{path}: no speech was heard in it, so there is no answer to analyse. "
            "Check that it is the right file and that its sound is not muted."
        )
    log.info("import %s: %d answer(s) in %.0f s", path, len(spans), duration)
    report("answers found", 0.45)
    return PreparedImport(path, samples, transcript, tuple(spans), tracks.video, transcriber)


def transcribe_recording(samples: np.ndarray, transcriber: Transcriber) -> Transcript:
    """A whole recording's words, with the silence after each sentence as long as the audio
    holds it (what find_answers needs to tell a question from its answer).

    Whisper stretches a sentence's last word over the silence after it (a 1.6 s pause after
    "Tell me about yourself." came back as 0.54 s), and that silence is what tells a question
    read aloud from its answer. A break is only ever lengthened: in a room about as loud as the
    voice the audio holds no silence, and Whisper's gap stands."""
    transcript = transcriber.transcribe(samples)
    words = transcript.words
    ends = [i for i, w in enumerate(words[:-1]) if w.text.rstrip()[-1:] in ".?!"]
    measured = with_pauses_measured(transcript, samples, DeliveryThresholds(), ends).words
    kept = list(words)
    for i in ends:
        if measured[i + 1].start - measured[i].end > words[i + 1].start - words[i].end:
            kept[i], kept[i + 1] = measured[i], measured[i + 1]
    return replace(transcript, words=tuple(kept))


def measure_spans(
    path: Path,
    samples: np.ndarray,
    transcript: Transcript,
    numbered: Sequence[tuple[int, AnswerSpan]],
    has_video: bool,
    transcriber: Transcriber | None,
    settings: Settings,
    session_id: str,
    report: Progress,
    check: Callable[[], None],
    cancelled: Callable[[], bool] | None = None,
) -> list[StoredAnswer]:
    """Measure answers of a recording (`numbered`: each with its number in the session, which
    names an answer no question was heard before), as a rehearsal's are: progress 0.45-0.98."""
    spans = [span for _, span in numbered]
    bodies: list[dict[str, Any] | None] = [None] * len(spans)
    if has_video and spans:
        report("analysing body language", 0.45)
        try:
            bodies = list(
                body_per_answer(
                    path,
                    spans,
                    settings.body,
                    lambda f: report("analysing body language", 0.45 + 0.35 * f),
                    cancelled,
                )
            )
        except MediaError as exc:  # a video track with no picture (recorded without a camera)
            log.warning("import %s: no body language: %s", path, exc)
    check()
    known = bank_questions()
    # No follow-up question: nobody is there to answer it, and so no answer is ever linked to
    # another (which lets import_edit renumber answers freely).
    quiet = replace(settings, interview=replace(settings.interview, follow_up="off"))
    measured = []
    for n, (number, span) in enumerate(numbered):
        check()
        report(f"measuring answer {n + 1} of {len(spans)}", 0.82 + 0.16 * n / len(spans))
        piece = samples[round(span.start * SAMPLE_RATE) : round(span.end * SAMPLE_RATE)]
        words = _shifted(span.words, span.start)
        gaps = tuple(
            replace(g, start=g.start - span.start, end=g.end - span.start)
            for g in transcript.gaps
            if span.start <= g.start < span.end
        )
        heard = Transcript(" ".join(w.text.strip() for w in words), words, gaps)
        measured.append(
            analyze_answer(
                question_for(span.question, number, session_id, known),
                np.asarray(piece, dtype=np.float32),
                quiet,
                transcriber,
                transcript=heard,
                body=bodies[n],
                recording_offset_s=span.start,
            )
        )
    return measured


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
    check = cancel_check(cancelled)
    session_id = store.create_session(IMPORTED_BANK)
    try:
        folder = store.media_dir(session_id)
        answers = measure_spans(
            prepared.path,
            prepared.samples,
            prepared.transcript,
            list(enumerate(spans, start=1)),
            prepared.has_video,
            prepared.transcriber,
            settings,
            session_id,
            report,
            check,
            cancelled,
        )
        report("keeping a copy of the recording", 0.98)
        copy = folder / f"imported{prepared.path.suffix.lower()}"
        shutil.copyfile(prepared.path, copy)
        store.set_recording(session_id, copy)
        save_split(folder, prepared.transcript, spans)
        for answer in answers:
            store.add_answer(session_id, answer)
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
