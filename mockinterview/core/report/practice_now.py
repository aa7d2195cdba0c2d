"""From a "practise next" tip to its moments and to a retry: which moment plays from where,
which question to re-ask, and what changed for that habit afterwards.

Pure functions over the report model, so the GUI, the exports and the tests agree.
"""

from __future__ import annotations

from mockinterview.core.report.compare import MetricChange
from mockinterview.core.report.model import AnswerReport, Report
from mockinterview.core.report.suggestions import SessionMoment, Suggestion

# s of lead-in before a moment: enough to hear the sentence it happened in, not the whole answer,
# and Whisper can time a filler 0.5-0.7 s after it was said (talkbank's two "um"), so playing from
# the moment itself skipped the sound the person asked to hear.
PLAY_BEFORE_S = 2.0
# s of lead-in before a word clicked in the transcript: the person asked to hear that word, not
# the sentence before it, and a second still holds a filler Whisper timed late.
WORD_LEAD_S = 1.0


def play_from_s(start: float, lead_s: float = PLAY_BEFORE_S) -> float:
    """Where in its answer a moment at `start` s plays from: a tip's moment, a coach clip, a
    timeline mark, a seek-bar marker or (with WORD_LEAD_S) a transcript word, never before the
    answer's start."""
    return max(0.0, start - lead_s)


def moment_position_s(report: Report, moment: SessionMoment) -> float | None:
    """Where the session recording plays a moment from (play_from_s); None when the answer has
    no place in the recording."""
    answer = _answer(report, moment.answer_index)
    if answer is None or answer.recording_offset_s is None:
        return None
    return answer.recording_offset_s + play_from_s(moment.start)


def worst_answer(report: Report, suggestion: Suggestion) -> AnswerReport | None:
    """The answer furthest from the band on the tip's metric: the question to re-ask.

    A follow-up's question was made up during the session and is in no bank, so the answer it
    follows up is re-asked instead. A tip that is no measure (nothing heard) re-asks its first
    answer."""
    scored = [
        (next((c.distance or 0.0 for c in a.checks if c.key == suggestion.key), 0.0), -a.index, a)
        for a in report.answers
        if a.index in suggestion.answers
    ]
    if not scored:
        return None
    worst = max(scored, key=lambda item: item[:2])[2]
    if worst.parent_index is not None:
        return _answer(report, worst.parent_index)
    return worst


def habit_change(report: Report, key: str) -> tuple[str, MetricChange] | None:
    """The habit's before/after on a retake: (question, change since its last attempt)."""
    for question in report.comparison.by_question:
        for change in question.changes:
            if change.key == key:
                return question.question, change
    return None


def _answer(report: Report, index: int) -> AnswerReport | None:
    return next((a for a in report.answers if a.index == index), None)
