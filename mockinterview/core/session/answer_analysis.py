"""One recorded answer -> the StoredAnswer the store commits: transcript, delivery, body, content.

The live flow, crash recovery and any re-analysis all call `analyze_answer`, so an answer saved
after a crash is measured by exactly the rules of one saved during the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.content.answer import judge_answer
from mockinterview.core.questions import Question
from mockinterview.core.session.store import StoredAnswer
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import analyze_transcript
from mockinterview.core.speech.transcript import Transcript


def analyze_answer(
    question: Question,
    samples: np.ndarray,
    settings: Settings,
    transcriber: Transcriber | None,
    *,
    transcript: Transcript | None = None,
    body: dict[str, Any] | None = None,
    recording_offset_s: float | None = None,
    audio: Path | None = None,
    partial: bool = False,
    parent_index: int | None = None,
    live: bool = False,
) -> StoredAnswer:
    """Measure one answer: `samples` are mono float32 at 16 kHz.

    `transcript` is the live transcript when one was made while the person spoke (`live`; the
    answer is then transcribed again from its whole audio once the session is over, refine.py),
    or one cut from a whole recording's (imports); otherwise the samples are transcribed here,
    by `transcriber`, which may be None when a transcript is given. `body` is the answer's body
    block, or None without a camera; `partial`: a crash cut the answer off mid-speech;
    `parent_index`: this answers the follow-up question of that answer, and is never followed up
    itself (one follow-up per question).
    """
    if transcript is None:
        if transcriber is None:
            raise ValueError("analyze_answer needs a transcriber or a transcript")
        transcript = transcriber.transcribe(samples) if len(samples) else Transcript("", ())
    duration = len(samples) / SAMPLE_RATE
    speech = analyze_transcript(transcript, samples, settings.delivery, question.target_s).to_dict()
    speech["transcription"] = "live" if live else "whole"  # live: decoded whole later, refine.py
    mode = "off" if parent_index is not None else settings.interview.follow_up
    judged = judge_answer(question, transcript.text, speech["words"], mode)
    blocks = judged.blocks()
    return StoredAnswer(
        question_id=question.id,
        question=question.text,
        category=question.category,
        duration_s=round(duration, 3),
        transcript=transcript.text,
        speech=speech,
        body=body,
        content=blocks["content"],
        structure=blocks["structure"],
        follow_up=blocks["follow_up"],
        target_s=question.target_s,
        recording_offset_s=None if recording_offset_s is None else round(recording_offset_s, 3),
        audio=None if audio is None else str(audio),
        partial=partial,
        parent_index=parent_index,
    )
