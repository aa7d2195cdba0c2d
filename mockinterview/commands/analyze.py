"""`mockinterview analyze FILE [--json]`: transcribe and measure one recorded answer."""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from mockinterview.core.analysis import analyze_file
from mockinterview.core.settings import Settings

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="transcribe an answer (audio or video), measure delivery; videos: body language too",
    )
    parser.add_argument("file", help="audio or video file holding one spoken answer")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def _moments(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{m['text']!r} at {_clock(m['start'])}" for m in items)


def format_analysis(result: dict[str, Any]) -> str:
    """A readable summary of an analysis: one line per measure, times as m:ss.s."""
    lines = [f"{result['source']}: {result['duration_s']:.1f} s"]
    lines += [f"Warning: {warning}" for warning in result.get("warnings", [])]
    if result["speech"] is not None:
        lines.append(format_speech(result["speech"]))
    if result["body"] is not None:
        lines.append(format_body(result["body"]))
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    """A body share; None means the camera could not judge it (docs/contracts.md)."""
    return "not measured" if value is None else f"{value}%"


def format_body(body: dict[str, Any]) -> str:
    """The body block in a few lines: shares of the answer, then each flagged moment."""
    lines = [
        f"Body language ({body['frames_analyzed']} frames at {body['fps_analyzed']} fps): "
        f"face visible {_pct(body['face_visible_pct'])}, eye contact "
        f"{_pct(body['eye_contact_pct'])}, smiling {_pct(body['smile_pct'])}, slouching "
        f"{_pct(body['slouch_pct'])}, arms crossed {_pct(body['crossed_arms_pct'])}, fidgeting "
        f"{_pct(body['fidget_pct'])}",
        *body.get("notes", []),
    ]
    lines += [
        f"  {e['cue'].replace('_', ' ')}: {_clock(e['start'])}-{_clock(e['end'])}"
        for e in body["events"]
    ]
    return "\n".join(lines)


def format_speech(speech: dict[str, Any]) -> str:
    """The speech block, one line per measure."""
    lines = []
    if not speech["words"]:
        lines.append("No speech was found in this file: the transcript is empty.")
        return "\n".join(lines)
    lines.append(f"Transcript: {speech['transcript']}")
    pace = f"{speech['wpm']:.0f} words/min" if speech["wpm"] is not None else "too short to judge"
    lines.append(f"Pace: {pace} ({speech['word_count']} words)")
    lines.append(
        f"Fillers: {speech['filler_count']} ({speech['fillers_per_100_words']} per 100 words)"
        + (f": {_moments(speech['fillers'])}" if speech["fillers"] else "")
    )
    pauses = ", ".join(f"{_clock(p['start'])}-{_clock(p['end'])}" for p in speech["pauses"])
    lines.append(
        f"Pauses of 2 s or more: {len(speech['pauses'])}" + (f": {pauses}" if pauses else "")
    )
    lines.append(
        f"Hedges: {len(speech['hedges'])}"
        + (f": {_moments(speech['hedges'])}" if speech["hedges"] else "")
    )
    if speech["repeated_words"]:
        lines.append(f"Repeated words: {_moments(speech['repeated_words'])}")
    length = speech["answer_length"]
    low, high = length["target_s"]
    lines.append(
        f"Length: {length['seconds']:.0f} s ({length['verdict']}; "
        f"most answers {low:.0f}-{high:.0f} s)"
    )
    if speech["loudness_dbfs"] is not None:
        lines.append(f"Loudness: {speech['loudness_dbfs']:.1f} dBFS")
    if speech["pitch_variation_st"] is not None:
        tone = "monotone" if speech["monotone"] else "varied"
        lines.append(f"Pitch variation: {speech['pitch_variation_st']:.1f} semitones ({tone})")
    lines.append(f"Flags: {', '.join(speech['flags']) or 'none'}")
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    result = analyze_file(
        args.file, settings, progress=lambda stage: log.info("analyze: %s", stage)
    )
    print(json.dumps(result, indent=2) if args.json else format_analysis(result))
    return 0
