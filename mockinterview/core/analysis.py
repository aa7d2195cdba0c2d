"""Analyse one recorded answer from a file: the `mockinterview.analysis/1` JSON (contracts.md).

    result = analyze_file("answer.m4a", settings)                    # loads Whisper itself
    result = analyze_file(path, settings, transcriber=loaded_once)    # reuse a loaded model

The same function serves `mockinterview analyze` and any caller that has a finished answer on disk.
`body` stays None here; the vision side fills it for files with a video track.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import analyze_delivery

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
    )
    return {
        "schema": SCHEMA,
        "source": str(path.resolve()),
        "duration_s": round(duration, 2),
        "speech": speech.to_dict(),
        "body": None,
    }
