"""`mockinterview analyze FILE [--bank NAME --question ID] [--json]`: judge one answer.

FILE is a recording (audio or video) or, with a question, a `.txt` written answer.
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from mockinterview.core.analysis import analyze_file
from mockinterview.core.counting import counted
from mockinterview.core.errors import BankError
from mockinterview.core.questions import Question, load_bank
from mockinterview.core.settings import Settings
from mockinterview.core.speech.delivery import as_written

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="transcribe an answer (audio or video), measure delivery; videos: body language too; "
        "with --bank and --question: content, STAR structure and a follow-up question",
    )
    parser.add_argument(
        "file", help="audio or video file holding one spoken answer, or a .txt written answer"
    )
    parser.add_argument("--bank", help="question bank (name or file) of the question answered")
    parser.add_argument("--question", help="id of the question answered (see `banks show`)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def _moments(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{as_written(m['text'])!r} at {_clock(m['start'])}" for m in items)


def format_analysis(result: dict[str, Any], settings: Settings) -> str:
    """A readable summary of an analysis: one line per measure, times as m:ss.s, then each
    metric judged as the report judges it."""
    length = "written answer" if result["duration_s"] is None else f"{result['duration_s']:.1f} s"
    lines = [f"{result['source']}: {length}"]
    lines += [f"Warning: {warning}" for warning in result.get("warnings", [])]
    if result["speech"] is not None:
        lines.append(format_speech(result["speech"]))
    if result["body"] is not None:
        lines.append(format_body(result["body"]))
    if result.get("content") is not None:
        lines.append(format_content(result["content"]))
    if result.get("structure") is not None:
        lines.append(format_structure(result["structure"]))
    if result.get("follow_up") is not None:
        lines.append(f"Follow-up question: {result['follow_up']['text']}")
    judged = format_judgement(result, settings)
    if judged:
        lines.append(judged)
    return "\n".join(lines)


def format_judgement(result: dict[str, Any], settings: Settings) -> str:
    """Each measured metric against its band, in the report's words (report.scoring.answer_checks
    on the analysis as an answer): the speech block's length verdict is "ok" anywhere between
    the flags, so this command printed "Length: 28 s (ok; most answers 60-120 s)" where the
    report says the answer is 32 s below its band."""
    from mockinterview.core.report.scoring import METRIC_BY_KEY, answer_checks, heard_nothing

    speech = result["speech"]
    if speech is None and result.get("content") is None:
        return ""
    answer = {
        "speech": speech,
        "body": result["body"],
        "content": result.get("content"),
        "duration_s": result["duration_s"] or 0.0,
        "target_s": speech["answer_length"]["target_s"] if speech else None,
    }
    checks = answer_checks(answer, settings.delivery, settings.report)
    if speech is None:  # a written answer: nothing was said, only what it says is judged
        checks = tuple(c for c in checks if METRIC_BY_KEY[c.key].group == "content")
    elif heard_nothing(answer):  # "No speech was found", then "12 s is 48 s below the band"
        checks = tuple(c for c in checks if METRIC_BY_KEY[c.key].group == "body")
    lines = ["Judged as in the report:"]
    for check in checks:
        if check.value is None:
            continue
        said = check.explanation
        line = said if said.startswith(check.label) else f"{check.label}: {said}"
        if check.key == "length" and "question_id" not in result:  # whose band, then?
            line += (
                " No question was given, so that is the usual band; with --bank and --question"
                " it is judged on its question's own."
            )
        lines.append(f"  {line}")
    return "\n".join(lines) if len(lines) > 1 else ""


def _at(start: float | None) -> str:
    return "" if start is None else f" at {_clock(start)}"


def format_content(content: dict[str, Any]) -> str:
    """Covered key points with the words that cover them, then the missed ones."""
    if content["coverage_pct"] is None:
        return f"Content: {content['note']}"
    lines = [f"Key points covered: {content['coverage_pct']:.0f}%"]
    lines += [
        f'  covered: {c["point"]}: "{c["evidence"]}"{_at(c["start"])}' for c in content["covered"]
    ]
    lines += [f"  missed: {point}" for point in content["missed"]]
    return "\n".join(lines)


def format_structure(structure: dict[str, Any]) -> str:
    """The STAR parts found, the missing ones, whether the result is concrete, I versus we."""
    lines = ["Structure (situation, task, action, result):"]
    for name, part in structure["parts"].items():
        said = "not found" if part is None else f'"{part["text"]}"{_at(part["start"])}'
        lines.append(f"  {name}: {said}")
    if structure["result_concrete"] is False:
        lines.append("  the result has no number, date or before/after")
    owner = structure["ownership"]
    lines.append(
        f'  ownership: "I" {counted(owner["i"], "time")}, "we" {counted(owner["we"], "time")}'
    )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    """A body share; None means the camera could not judge it (docs/contracts.md)."""
    return "not measured" if value is None else f"{value}%"


def format_body(body: dict[str, Any]) -> str:
    """The body block in a few lines: shares of the answer, then each flagged moment."""
    lines = [
        f"Body language ({counted(body['frames_analyzed'], 'frame')} at "
        f"{body['fps_analyzed']} fps): "
        f"face visible {_pct(body['face_visible_pct'])}, eye contact "
        f"{_pct(body['eye_contact_pct'])}, smiling {_pct(body['smile_pct'])}, slouching "
        f"{_pct(body['slouch_pct'])}, arms crossed {_pct(body['crossed_arms_pct'])}, fidgeting "
        f"{_pct(body['fidget_pct'])}, face touching {_pct(body.get('face_touch_pct'))}",
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
    lines.append(f"Pace: {pace} ({counted(speech['word_count'], 'word')})")
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
        lines.append(f"Restarts (said again at once): {_moments(speech['repeated_words'])}")
    lines.append(f"Length: {speech['answer_length']['seconds']:.0f} s")
    if speech["loudness_dbfs"] is not None:
        lines.append(f"Loudness: {speech['loudness_dbfs']:.1f} dBFS")
    if speech["pitch_variation_st"] is not None:
        tone = {True: " (monotone)", False: " (varied)"}.get(speech["monotone"], "")
        lines.append(f"Pitch variation: {speech['pitch_variation_st']:.1f} semitones{tone}")
    lines.append(f"Flags: {', '.join(speech['flags']) or 'none'}")
    return "\n".join(lines)


def _question(args: argparse.Namespace) -> Question | None:
    if args.bank is None and args.question is None:
        return None
    if args.bank is None or args.question is None:
        raise BankError("give both --bank NAME and --question ID to judge an answer's content")
    bank = load_bank(args.bank)
    found = next((q for q in bank.questions if q.id == args.question), None)
    if found is None:
        ids = ", ".join(q.id for q in bank.questions)
        raise BankError(f"bank {bank.name!r} has no question {args.question!r}; its ids: {ids}")
    return found


def run(args: argparse.Namespace, settings: Settings) -> int:
    result = analyze_file(
        args.file,
        settings,
        progress=lambda stage: log.info("analyze: %s", stage),
        question=_question(args),
    )
    print(json.dumps(result, indent=2) if args.json else format_analysis(result, settings))
    return 0
