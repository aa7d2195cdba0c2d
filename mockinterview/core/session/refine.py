"""After a rehearsal: each answer transcribed live is transcribed again from its whole audio.

While the person speaks, the answer is decoded chunk by chunk (asr.StreamingTranscriber) so that
its transcript is ready about a second after they stop. Each chunk is decoded without the
sentences around it, and that costs words: on the speech benchmark's held-out sets the live
transcript's WER is 0.109 on the real recordings and 0.176 on synthetic set 3, against 0.076 and
0.142 for the same audio decoded whole (tests/data/README.md, session 23). The report is read
long after Stop, so once the session is over, each live answer's WAV is decoded whole and the
answer measured again by `analyze_answer`, as recovery and imports measure theirs.

What the session did stays as it was: the body block, the recording offset, the follow-up
question this answer led to (it was asked, and its answer is stored), and whether the answer was
cut off. An answer whose question cannot be found any more (a bank since changed or removed)
keeps its live transcript. Each answer is committed on its own, so a refinement cut off by a
closed window or a new rehearsal leaves the rest live, to be refined the next time. Only a
session that is over is refined, and one deleted meanwhile ends the refinement quietly.

The report the person is reading changes under them when this is done, so what changed is said
(`refinement_summary`): a score that moves with no reason given is a score not trusted again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.content.follow_up import follow_up_question
from mockinterview.core.errors import MediaError, MockInterviewError, StorageError
from mockinterview.core.questions import Question, load_bank
from mockinterview.core.report.answer_feedback import answer_tab_label
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Cancelled, Transcriber

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefinedAnswer:
    """One answer transcribed again from its whole audio, and how its transcript changed."""

    label: str  # the answer as the report's tab names it ("Q2", "Q1 follow-up")
    live_words: int
    whole_words: int
    same_text: bool

    @property
    def change(self) -> str:
        if self.same_text:
            return "unchanged"
        if self.live_words == self.whole_words:
            return f"reworded ({self.whole_words} words)"
        return f"{self.live_words} → {self.whole_words} words"


def refinement_summary(refined: list[RefinedAnswer]) -> str:
    """One line for the person whose report was just rebuilt: which answers changed, and how
    (`refined` holds at least one)."""
    changes = ", ".join(f"{answer.label} {answer.change}" for answer in refined)
    return f"Transcripts refined from the whole recordings: {changes}."


def refining_line(label: str, done: int, total: int) -> str:
    """What is being done while the person waits: the answer, how many are left, and that the
    figures they read may still move (not "a little": words the live transcript lost, found
    again, moved one session's pace from 161 to 176 wpm)."""
    return (
        f"Refining the transcripts from the whole recordings: {label} ({done + 1} of {total})… "
        "The figures may change when it is done."
    )


def live_answers(session: dict[str, Any]) -> list[int]:
    """The indices of the stored session's answers transcribed live whose audio is on disk."""
    return [
        answer["index"]
        for answer in session["answers"]
        if answer["speech"].get("transcription") == "live"
        and answer.get("audio")
        and Path(answer["audio"]).is_file()
    ]


def refine_session(
    store: SessionStore,
    session_id: str,
    settings: Settings,
    transcriber: Callable[[], Transcriber] | None = None,
    progress: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[RefinedAnswer]:
    """Transcribe each live answer of the session again from its whole audio and store it
    measured anew; returns those that were, in order. `transcriber()` gives the Transcriber
    (one caller at a time), asked only when there is an answer to transcribe: a report opened
    on a session with nothing live loads no model. Without it the settings' model is loaded.
    `progress(line)` is told of each answer before it is decoded (`refining_line`); `stop()`
    is asked between answers, and the answer being decoded is given up (it stays live) when the
    Transcriber's `cancelled` says so."""
    session = store.session_dict(session_id)
    todo = live_answers(session) if session["status"] != "running" else []
    if not todo:
        return []
    answers = session["answers"]  # refining one answer changes no other
    bank = _bank_by_id(session["bank"])
    refined: list[RefinedAnswer] = []
    loaded: Transcriber | None = None
    for done, index in enumerate(todo):
        if stop is not None and stop():
            break
        label = answer_tab_label(index, answers[index]["parent_index"])
        if progress is not None:
            progress(refining_line(label, done, len(todo)))
        try:
            answer = store.answer_dict(session_id, index)
        except StorageError:
            log.info("session %s was deleted while its transcripts were refined", session_id)
            break
        question = _question(bank, answer, answers)
        if question is None:
            log.info("answer %d keeps its live transcript: its question is not in the bank", index)
            continue
        try:
            samples = decode_audio(Path(answer["audio"]))
        except MediaError as exc:  # deleted meanwhile, or damaged: the live transcript stays
            log.warning("answer %d keeps its live transcript: %s", index, exc)
            continue
        if loaded is None:
            loaded = transcriber() if transcriber else Transcriber.from_settings(settings)
        try:
            measured = analyze_answer(
                question,
                samples,
                settings,
                loaded,
                body=answer["body"],
                recording_offset_s=answer["recording_offset_s"],
                audio=Path(answer["audio"]),
                partial=answer["partial"],
                parent_index=answer["parent_index"],
            )
        except Cancelled:
            log.info("refining session %s gave way during answer %d", session_id, index)
            break
        kept = replace(measured, follow_up=answer["follow_up"])  # it was asked as it was
        try:
            store.replace_answer(session_id, kept, index)
        except StorageError as exc:  # deleted meanwhile, or a full disk: the rest stays live
            log.warning("refining session %s stopped at answer %d: %s", session_id, index, exc)
            break
        refined.append(
            RefinedAnswer(
                label,
                answer["speech"]["word_count"],
                measured.speech["word_count"],
                measured.transcript == answer["transcript"],
            )
        )
    return refined


def _bank_by_id(name: str) -> dict[str, Question]:
    """The session's bank by question id; empty when it cannot be read any more."""
    try:
        return {question.id: question for question in load_bank(name).questions}
    except MockInterviewError as exc:
        log.info(
            "bank %s cannot be read, so its answers keep their live transcripts: %s", name, exc
        )
        return {}


def _question(
    bank: dict[str, Question], answer: dict[str, Any], answers: list[dict[str, Any]]
) -> Question | None:
    """The question `answer` was judged against: the bank's (with the wording it was asked in),
    or for a follow-up answer the follow-up built from its parent's."""
    parent = answer["parent_index"]
    asked = answers[parent] if parent is not None else answer
    found = bank.get(asked["question_id"])
    if found is None:
        return None
    found = replace(found, text=asked["question"])
    if parent is None:
        return found
    if not asked.get("follow_up"):
        return None
    return replace(follow_up_question(found, asked["follow_up"]), text=answer["question"])
