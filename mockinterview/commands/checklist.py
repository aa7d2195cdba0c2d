"""`mockinterview checklist [--tick ID ...] [--untick ID ...] [--json]`: the prep checklist."""

from __future__ import annotations

import argparse
import dataclasses
import json

from mockinterview.core.checklist import PHASE_TITLES, checklist, load_ticks, set_ticked
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checklist", help="the interview prep checklist; tick items as you do them"
    )
    parser.add_argument("--tick", action="append", default=[], metavar="ID", help="mark done")
    parser.add_argument("--untick", action="append", default=[], metavar="ID", help="mark undone")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    ticks = load_ticks()
    for item_id in args.tick:
        ticks = set_ticked(item_id, True)
    for item_id in args.untick:
        ticks = set_ticked(item_id, False)
    entries = checklist(ticks)
    if args.json:
        print(json.dumps([dataclasses.asdict(e) for e in entries], indent=2, ensure_ascii=False))
        return 0
    for phase, title in PHASE_TITLES.items():
        print(title)
        for entry in entries:
            if entry.phase == phase:
                print(f"  [{'x' if entry.ticked else ' '}] {entry.text}  ({entry.id})")
    return 0
