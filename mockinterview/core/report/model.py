"""The report a person reads after a rehearsal, built from a stored session (docs/contracts.md).

`build_report` is pure: the stored session, the earlier sessions to compare with, the thresholds
and the checklist ticks all come in as arguments, so the GUI, the CLI and the tests build exactly
the same report, and the renderers (HTML, PDF, JSON) only lay it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mockinterview.core.checklist import ChecklistEntry
from mockinterview.core.content.follow_up import FollowUp
from mockinterview.core.content.keypoints import CoveredPoint
from mockinterview.core.content.structure import STAR, Part, Structure
from mockinterview.core.counting import counted, listed, noun_for
from mockinterview.core.questions import asked_nothing
from mockinterview.core.report.answer_feedback import (
    AnswerFeedback,
    answer_feedback,
    structure_lines,
)
from mockinterview.core.report.charts import clock
from mockinterview.core.report.compare import Comparison, compare
from mockinterview.core.report.headline import session_headline
from mockinterview.core.report.scoring import (
    MetricCheck,
    answer_checks,
    heard_nothing,
    measured_body,
)
from mockinterview.core.report.suggestions import Suggestion, suggest
from mockinterview.core.report.timeline import Mark, Timeline, build_timeline
from mockinterview.core.speech.delivery import moment_name
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

REPORT_SCHEMA = "mockinterview.report/1"
# Above the whole session's table in both exports (Report.overall_intro).
SESSION_SCORES_NOTE = (
    "Score = 100 inside the comfortable band (green), falling evenly to 0 at the flag value "
    "(amber to red). Each metric stands alone: there is no total."
)
# A filler or hedge is matched to the transcript word that starts within this many seconds of it
# (both come from the same Whisper word timestamps, so they agree to the centisecond).
WORD_MATCH_S = 0.05
PARTIAL_NOTE = (
    "Partial answer: the session was interrupted while you were speaking; this is what was "
    "recorded up to then."
)

WordKind = Literal["word", "filler", "hedge", "restart"]


@dataclass(frozen=True)
class TranscriptWord:
    """A transcript word, marked when it is (part of) a filler or a hedge, for highlighting."""

    text: str
    start: float
    end: float
    kind: WordKind


@dataclass(frozen=True)
class Content:
    covered: tuple[CoveredPoint, ...]
    missed: tuple[str, ...]
    coverage_pct: float | None  # None when the question has no key points to check
    model_answer: str
    note: str = ""  # said instead of a score when nothing could be checked
    heard: bool = True  # False: no word was heard in the answer (scoring.heard_nothing)

    @property
    def title(self) -> str:
        if self.coverage_pct is None:
            return "Content: this question has no key points to check"
        if not self.heard:  # "0 % of the key points" of an answer the microphone missed
            return "Content: not judged, no word was heard (the key points to cover)"
        return f"Content: {self.coverage_pct:.0f} % of the key points"


@dataclass(frozen=True)
class AnswerReport:
    index: int
    question_id: str
    question: str
    category: str
    duration_s: float
    recording_offset_s: float | None
    audio: str | None
    transcript: str
    words: tuple[TranscriptWord, ...]
    word_count: int
    fillers: tuple[Mark, ...]
    filler_counts: tuple[tuple[str, int], ...]  # which fillers, most frequent first
    hedges: tuple[Mark, ...]
    checks: tuple[MetricCheck, ...]  # every metric, in scoring.METRICS order
    has_body: bool
    body_notes: tuple[str, ...]  # what the vision analysis said about the camera, if anything
    content: Content | None
    timeline: Timeline
    partial: bool = False  # a crash cut the answer off mid-speech; recovery kept what was said
    structure: Structure | None = None  # STAR parts, behavioural questions only
    follow_up: FollowUp | None = None  # the follow-up question this answer led to
    parent_index: int | None = None  # this answers the follow-up of that answer
    feedback: AnswerFeedback | None = None  # strengths and improvements, in words
    heard_nothing: bool = False  # recorded, but no word recognised (scoring.heard_nothing)

    def check(self, key: str) -> MetricCheck:
        return next(c for c in self.checks if c.key == key)

    @property
    def story_lines(self) -> tuple[str, ...]:
        """Its story structure in plain sentences, as every format shows it (none when it was not
        judged). A follow-up answer says one part of a story its parent told: what it did not
        tell is not listed ("Situation: not found" under "By how much did it drop?")."""
        if self.structure is None:
            return ()
        return structure_lines(self.structure, follow_up=self.parent_index is not None)

    @property
    def body_lines(self) -> tuple[str, ...]:
        """What the body-language section says in words, as every format shows it: the vision
        analysis's notes, or with no frames and no note, that nothing was measured. The PDF and
        HTML said both ("No camera frames in this answer: body language was not measured. No
        camera frames were analysed for this answer.")."""
        if self.has_body or self.body_notes:
            return self.body_notes
        return ("No camera frames in this answer: body language was not measured.",)

    @property
    def number_label(self) -> str:
        """ "Answer 2." before its question in a heading; nothing when the question already says
        which answer it is (an imported answer with no question heard: "Answer 2 (no question
        heard before it)" read "Answer 2. Answer 2 (...)")."""
        label = f"Answer {self.index + 1}"
        return "" if self.question.startswith(f"{label} (") else f"{label}."


@dataclass(frozen=True)
class Report:
    schema: str
    session_id: str
    bank: str
    bank_title: str  # as people read it (headline.session_bank_title)
    started_at: str
    ended_at: str | None
    status: str
    recording: str | None
    answer_count: int
    answered_s: float  # total length of all answers
    overall: tuple[MetricCheck, ...]  # the whole session (scoring.session_checks)
    answers: tuple[AnswerReport, ...]
    suggestions: tuple[Suggestion, ...]
    comparison: Comparison
    checklist: tuple[ChecklistEntry, ...]

    def overall_check(self, key: str) -> MetricCheck:
        return next(c for c in self.overall if c.key == key)

    @property
    def answers_label(self) -> str:
        """ "3 answers (0:30)": how many, and how long in all, as every header shows it (the
        app's said "0:30 of speaking" and the exports "0.5 min of answers")."""
        return f"{counted(self.answer_count, 'answer')} ({clock(self.answered_s)})"

    @property
    def overall_note(self) -> str:
        """Which answers the whole session's rows leave out, and why: unsaid, a muted
        microphone's 12 s (scoring.heard), or the small talk before an imported recording's
        first question (scoring.session_checks), would seem to have vanished from the table."""
        notes = []
        silent = [a for a in self.answers if a.heard_nothing]
        if silent:
            notes.append(
                f"{_which(silent)} left out of the speech and key-point rows: no word was heard "
                f"in {'it' if len(silent) == 1 else 'them'}."
            )
            if any(a.has_body for a in self.answers):
                notes.append("The body-language rows include every answer.")
        spoken = [a for a in self.answers if not a.heard_nothing]
        unasked = [a for a in spoken if asked_nothing(a.question_id)]
        if unasked and len(unasked) < len(spoken):  # else the row itself says why
            notes.append(
                f"{_which(unasked)} left out of the answer length row: no question was heard "
                f"before {'it' if len(unasked) == 1 else 'them'}."
            )
        return " ".join(notes)

    @property
    def overall_intro(self) -> str:
        """The exports' words above the whole session's table: how to read a score, and what
        the table is of."""
        return f"{SESSION_SCORES_NOTE} {self.overall_note}".strip()


def _which(answers: Sequence[AnswerReport]) -> str:
    """ "Answer 1 is", "Answers 1 and 3 are": the subject of a note on the session's table."""
    numbers = listed([str(a.index + 1) for a in answers])
    one = len(answers) == 1
    return f"{noun_for(len(answers), 'Answer')} {numbers} {'is' if one else 'are'}"


def build_report(
    session: dict[str, Any],
    history: Sequence[dict[str, Any]] = (),
    delivery: DeliveryThresholds | None = None,
    thresholds: ReportThresholds | None = None,
    checklist: Sequence[ChecklistEntry] = (),
) -> Report:
    """The whole report; `history` holds other stored sessions (any bank, any time)."""
    delivery = delivery or DeliveryThresholds()
    thresholds = thresholds or ReportThresholds()
    answers = tuple(answer_report(a, delivery, thresholds) for a in session["answers"])
    headline = session_headline(session, delivery, thresholds)  # what Home and History show
    return Report(
        schema=REPORT_SCHEMA,
        session_id=session["session_id"],
        bank=session["bank"],
        bank_title=headline.bank_title,
        started_at=session["started_at"],
        ended_at=session.get("ended_at"),
        status=session["status"],
        recording=session.get("recording"),
        answer_count=headline.answer_count,
        answered_s=headline.answered_s,
        overall=headline.overall,
        answers=answers,
        suggestions=suggest(answers, overall=headline.overall),
        comparison=compare(session, history, delivery, thresholds),
        checklist=tuple(checklist),
    )


def answer_report(
    answer: dict[str, Any], delivery: DeliveryThresholds, thresholds: ReportThresholds
) -> AnswerReport:
    """One answer: its checks against its own target length, its timeline and its transcript."""
    speech = answer.get("speech") or {}
    timeline = build_timeline(answer)
    fillers = timeline.lane("fillers")
    hedges = timeline.lane("hedges")
    filler_marks = fillers.marks if fillers else ()
    hedge_marks = hedges.marks if hedges else ()
    restarts = timeline.lane("restarts")
    counts = Counter(_spoken(m.text) for m in filler_marks)
    silent = heard_nothing(answer)
    content = _content(answer["content"], not silent) if answer.get("content") else None
    if (
        content is not None
        and content.coverage_pct is None
        and answer.get("parent_index") is not None
    ):
        # A follow-up about the story has no key point: its story part is what it is judged on,
        # and "Add key points or a model answer to the bank" is no advice for a question the app
        # asked itself.
        content = None
    structure = _structure(answer["structure"]) if answer.get("structure") else None
    follow_up = _follow_up(answer["follow_up"]) if answer.get("follow_up") else None
    checks = answer_checks(answer, delivery, thresholds)
    return AnswerReport(
        index=int(answer["index"]),
        question_id=answer["question_id"],
        question=answer["question"],
        category=answer.get("category", ""),
        duration_s=float(answer.get("duration_s") or 0.0),
        recording_offset_s=answer.get("recording_offset_s"),
        audio=answer.get("audio"),
        transcript=answer.get("transcript") or speech.get("transcript", ""),
        words=transcript_words(
            speech.get("words", []), filler_marks, hedge_marks, restarts.marks if restarts else ()
        ),
        word_count=int(speech.get("word_count") or 0),
        fillers=filler_marks,
        filler_counts=tuple(counts.most_common()),
        hedges=hedge_marks,
        checks=checks,
        has_body=measured_body(answer) is not None,
        body_notes=tuple(str(n) for n in (answer.get("body") or {}).get("notes", [])),
        content=content,
        timeline=timeline,
        partial=bool(answer.get("partial")),
        structure=structure,
        follow_up=follow_up,
        parent_index=answer.get("parent_index"),
        feedback=answer_feedback(
            content.covered if content else (),
            content.missed if content else (),
            structure,
            follow_up,
            hedge_marks,
            checks,
            silent,
        ),
        heard_nothing=silent,
    )


def transcript_words(
    words: Sequence[dict[str, Any]],
    fillers: Sequence[Mark],
    hedges: Sequence[Mark],
    restarts: Sequence[Mark] = (),
) -> tuple[TranscriptWord, ...]:
    """Mark the words the speech analyzer counted as fillers, hedges or restarts, by their start
    time.

    Matching by time (not by spelling) highlights exactly what was counted: "like" in "I like
    Python" stays plain unless the analyzer called that very word a filler. A hedge or a restart
    of several words ("I think", "I like" said again) marks as many words from its start.
    """
    kinds: list[WordKind] = ["word"] * len(words)
    starts = [float(w["start"]) for w in words]
    names = [moment_name(str(w["text"])) for w in words]
    for marks, kind in ((restarts, "restart"), (hedges, "hedge"), (fillers, "filler")):
        for mark in marks:
            first = _word_at(starts, names, mark)
            if first is None:
                continue
            length = 1 if kind == "filler" else max(1, len(mark.text.split()))
            for i in range(first, min(first + length, len(words))):
                kinds[i] = kind  # type: ignore[assignment]
    return tuple(
        TranscriptWord(str(w["text"]), float(w["start"]), float(w["end"]), kind)
        for w, kind in zip(words, kinds, strict=True)
    )


def legend_kinds(words: Sequence[TranscriptWord]) -> tuple[WordKind, ...]:
    """The highlight kinds a transcript's legend names: fillers and hedges always (their absence
    is news too), restarts only where the answer has one, since most have none."""
    restart = any(word.kind == "restart" for word in words)
    return ("filler", "hedge", "restart") if restart else ("filler", "hedge")


def transcript_runs(words: Sequence[TranscriptWord]) -> list[tuple[WordKind, str, float]]:
    """Consecutive words of one kind joined, so "I think" is one highlight: (kind, text, start)."""
    runs: list[tuple[WordKind, str, float]] = []
    for word in words:
        text = word.text.strip()
        if runs and runs[-1][0] == word.kind:
            kind, joined, start = runs[-1]
            runs[-1] = (kind, f"{joined} {text}", start)
        else:
            runs.append((word.kind, text, word.start))
    return runs


def _word_at(starts: Sequence[float], names: Sequence[str], mark: Mark) -> int | None:
    """The word `mark` was counted on: of the words starting within WORD_MATCH_S of it, the one
    it names, else the nearest. Whisper can give a word squeezed before a filler the filler's own
    start ("but," 18.15-18.15, "um," 18.15-18.53 in a real recording), and the report then
    highlighted "but," as the filler and left the "um" plain."""
    near = [i for i, start in enumerate(starts) if abs(start - mark.start) <= WORD_MATCH_S]
    if not near:
        return None
    named = mark.text.split()[0].lower() if mark.text.split() else ""
    return min(near, key=lambda i: (names[i] != named, abs(starts[i] - mark.start)))


def _spoken(text: str) -> str:
    return text.lower().strip(" ,.!?;:")


def _content(content: dict[str, Any], heard: bool) -> Content:
    coverage = content.get("coverage_pct")
    return Content(
        covered=tuple(_covered(c) for c in content.get("covered", [])),
        missed=tuple(str(m) for m in content.get("missed", [])),
        coverage_pct=None if coverage is None else float(coverage),
        model_answer=str(content.get("model_answer") or ""),
        note=str(content.get("note") or ""),
        heard=heard,
    )


def _structure(block: dict[str, Any]) -> Structure:
    parts = tuple(
        Part(name, str(p["text"]), p.get("start"), p.get("end"))
        for name in STAR
        if (p := block["parts"].get(name)) is not None
    )
    owner = block.get("ownership") or {}
    return Structure(
        parts=parts,
        missing=tuple(block.get("missing", ())),
        result_concrete=block.get("result_concrete"),
        i_count=int(owner.get("i", 0)),
        we_count=int(owner.get("we", 0)),
    )


def _follow_up(block: dict[str, Any]) -> FollowUp:
    return FollowUp(
        text=str(block["text"]),
        reason=block["reason"],
        quote=block.get("quote"),
        start=block.get("start"),
        point=block.get("point"),
    )


def _covered(point: dict[str, Any]) -> CoveredPoint:
    """A covered point of the content block; sessions stored before meaning was judged carry
    only the phrase they matched, which is then the evidence."""
    matched = point.get("matched")
    return CoveredPoint(
        point=str(point["point"]),
        evidence=str(point.get("evidence") or matched or ""),
        start=point.get("start"),
        by=point.get("by", "phrase"),
        matched=matched,
        similarity=point.get("similarity"),
    )
