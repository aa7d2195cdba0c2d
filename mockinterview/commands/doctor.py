"""`mockinterview doctor [--json]`."""

from __future__ import annotations

import argparse
import json
import sys

from mockinterview.core.doctor import format_doctor, format_mic_check, run_doctor, run_mic_check
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor", help="check cameras, microphones, speakers, voices and models"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--mic-check",
        action="store_true",
        help="record 8 s from the microphone (stay quiet, then read a sentence aloud) and judge "
        "its level, room noise, clipping and what the transcriber heard",
    )
    parser.set_defaults(func=run)


def _tell(phase: str) -> None:
    from mockinterview.core.speech.check_script import CHECK_SENTENCE, QUIET_S

    message = {
        "quiet": f"Microphone check: stay quiet for {QUIET_S:.0f} seconds...",
        "speak": f'Now read aloud: "{CHECK_SENTENCE}"',
        "transcribe": "Listening to what you said...",
    }[phase]
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.mic_check:
        result = run_mic_check(settings, on_phase=_tell)
        print(json.dumps(result, indent=2) if args.json else format_mic_check(result))
        return 0 if result["ok"] else 1
    report = run_doctor(settings)
    print(json.dumps(report, indent=2) if args.json else format_doctor(report))
    return 0
