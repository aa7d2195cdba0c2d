"""`mockinterview banks list|validate|show`: the question banks and whether they load."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mockinterview.core.errors import BankError
from mockinterview.core.questions import bank_files, load_bank, load_bank_file, user_banks_dir
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("banks", help="list, check or show question banks")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="built-in and your own banks, with question counts")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    validate = actions.add_parser("validate", help="check bank files: file, line, what is wrong")
    validate.add_argument("files", nargs="+", metavar="FILE")
    show = actions.add_parser("show", help="the questions of one bank")
    show.add_argument("bank", help="a bank name or a bank file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "validate":
        failures = []
        for file in args.files:
            try:
                bank = load_bank_file(Path(file))
            except BankError as exc:
                failures.append(str(exc))
            else:
                print(f"{file}: ok ({len(bank.questions)} questions)")
        if failures:
            raise BankError("\n".join(failures))
        return 0
    if args.action == "show":
        bank = load_bank(args.bank)
        print(f"{bank.name}: {bank.title} ({bank.source})")
        for question in bank.questions:
            extra = f", {len(question.key_points)} key points" if question.key_points else ""
            closing = ", closing" if question.closing else ""
            print(f"  {question.id} [{question.category}{extra}{closing}]\n    {question.text}")
        return 0
    rows = []
    for name, path in sorted(bank_files().items()):
        try:
            bank = load_bank_file(path)
        except BankError as exc:
            rows.append({"name": name, "path": str(path), "error": str(exc)})
        else:
            rows.append(
                {
                    "name": name,
                    "title": bank.title,
                    "path": str(path),
                    "questions": len(bank.questions),
                    "categories": list(bank.categories),
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        if "error" in row:
            print(f"{row['name']:<20} BROKEN: {' '.join(row['error'].splitlines()[:2])}")
        else:
            print(f"{row['name']:<20} {row['questions']:>3} questions  {row['title']}")
    print(f"Your own banks (.toml, .txt or .csv) go in {user_banks_dir()}")
    return 0
