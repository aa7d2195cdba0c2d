"""Analyse one recorded answer from a file: the `mockinterview.analysis/1` JSON (contracts.md).

    result = analyze_file("answer.m4a", settings)                    # loads Whisper itself
    result = analyze_file(path, settings, transcriber=loaded_once)    # reuse a loaded model

The same function serves `mockinterview analyze` and any caller that has a finished answer on disk.
Files with a video track also get the `body` block (mockinterview.core.vision.body); a video without
sound gets `speech: None`; problems worth telling the user go to an extra `warnings` list.
Given the question it answers, the analysis adds the `content`, `structure` and `follow_up` blocks
(mockinterview.core.content.answer); a `.txt` file holds a written answer and gets only those.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.errors import MediaError
from mockinterview.core.questions import Question
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import analyze_transcript
from mockinterview.core.text_file import read_text_file
from mockinterview.core.vision.frames import media_tracks

SCHEMA = "mockinterview.analysis/1"

Progress = Callable[[str], None]
WRITTEN_SUFFIXES = (".txt",)


def _judged(
    question: Question, transcript: str, words: list | None, settings: Settings
) -> dict[str, Any]:
    from mockinterview.core.content.answer import judge_answer

    return judge_answer(question, transcript, words, settings.interview.follow_up).blocks()


def analyze_written(path: str | Path, question: Question, settings: Settings) -> dict[str, Any]:
    """A written answer (UTF-8 text): content, structure and follow-up; no speech or body."""
    path = Path(path)
    text = read_text_file(path, MediaError).strip()
    if not text:
        raise MediaError(f"{path} is empty: write the answer in it first")
    return {
        "schema": SCHEMA,
        "source": str(path.resolve()),
        "duration_s": None,
        "question_id": question.id,
        "speech": None,
        "body": None,
        **_judged(question, text, None, settings),
    }


def analyze_file(
    path: str | Path,
    settings: Settings,
    progress: Progress | None = None,
    transcriber: Transcriber | None = None,
    target_s: tuple[float, float] | None = None,
    question: Question | None = None,
) -> dict[str, Any]:
    """Decode, transcribe and measure one answer; MediaError for files that hold no audio.

    With `question`, the answer's content is judged too, and its target length is the question's.
    """
    path = Path(path)
    if path.suffix.lower() in WRITTEN_SUFFIXES:
        if question is None:
            raise MediaError(
                f"{path} is a written answer: say which question it answers with "
                "--bank NAME --question ID"
            )
        return analyze_written(path, question, settings)
    if question is not None and target_s is None:
        target_s = question.target_s
    report = progress or (lambda stage: None)
    tracks = media_tracks(path)
    body, warnings = None, []
    if tracks.video:  # first, so the landmark models are closed before Whisper loads
        from mockinterview.core.vision.body import analyze_video_body

        report("analysing body language")
        try:
            video = analyze_video_body(path, settings.body)
        except MediaError as exc:
            if not tracks.audio:
                raise
            # A session recorded without a camera has an empty video track: its speech is
            # still an answer to measure.
            warnings.append(f"{exc} Only the speech was analysed.")
        else:
            body, warnings = video.block, list(video.warnings)
        if not tracks.audio:
            warnings.append(f"{path} has no audio track, so there is no speech analysis.")
            return {
                "schema": SCHEMA,
                "source": str(path.resolve()),
                "duration_s": video.duration_s,
                "speech": None,
                "body": body,
                "warnings": warnings,
            }
    report("reading audio")
    samples = decode_audio(path)
    if transcriber is None:
        report("loading the speech model")
        transcriber = Transcriber.from_settings(settings)
    report("transcribing")
    transcript = transcriber.transcribe(samples)
    report("measuring delivery")
    duration = len(samples) / SAMPLE_RATE
    speech = analyze_transcript(transcript, samples, settings.delivery, target_s)
    result = {
        "schema": SCHEMA,
        "source": str(path.resolve()),
        "duration_s": round(duration, 2),
        "speech": speech.to_dict(),
        "body": body,
    }
    if question is not None:
        report("judging the content")
        result["question_id"] = question.id
        result.update(_judged(question, transcript.text, result["speech"]["words"], settings))
    if warnings:
        result["warnings"] = warnings
    return result
