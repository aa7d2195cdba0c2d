"""Analyse one recorded answer from a file: the `mockinterview.analysis/1` JSON (contracts.md).

    result = analyze_file("answer.m4a", settings)                    # loads Whisper itself
    result = analyze_file(path, settings, transcriber=loaded_once)    # reuse a loaded model

The same function serves `mockinterview analyze` and any caller that has a finished answer on disk.
Files with a video track also get the `body` block (mockinterview.core.vision.body); a video without
sound gets `speech: None`; problems worth telling the user go to an extra `warnings` list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import analyze_delivery
from mockinterview.core.vision.frames import media_tracks

SCHEMA = "mockinterview.analysis/1"

Progress = Callable[[str], None]


def analyze_file(
    path: str | Path,
    settings: Settings,
    progress: Progress | None = None,
    transcriber: Transcriber | None = None,
    target_s: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Decode, transcribe and measure one answer; MediaError for files that hold no audio."""
    path = Path(path)
    report = progress or (lambda stage: None)
    tracks = media_tracks(path)
    body, warnings = None, []
    if tracks.video:  # first, so the landmark models are closed before Whisper loads
        from mockinterview.core.vision.body import analyze_video_body

        report("analysing body language")
        video = analyze_video_body(path, settings.body)
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
    speech = analyze_delivery(
        transcript.words,
        samples,
        settings.delivery,
        duration_s=duration,
        target_s=target_s,
        transcript=transcript.text,
        inaudible=transcript.gaps,
    )
    result = {
        "schema": SCHEMA,
        "source": str(path.resolve()),
        "duration_s": round(duration, 2),
        "speech": speech.to_dict(),
        "body": body,
    }
    if warnings:
        result["warnings"] = warnings
    return result
