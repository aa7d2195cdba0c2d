"""`mockinterview doctor [--json]`."""

from __future__ import annotations

import argparse
import json

from mockinterview.core.doctor import format_doctor, run_doctor
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor", help="check cameras, microphones, speakers, voices and models"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    report = run_doctor(settings)
    print(json.dumps(report, indent=2) if args.json else format_doctor(report))
    return 0
