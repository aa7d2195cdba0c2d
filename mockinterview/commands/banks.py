"""`mockinterview banks list|validate|show`: the question banks and whether they load."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mockinterview.core.counting import counted
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
    job = actions.add_parser(
        "from-job",
        help="build a bank for one job from its ad (and your CV): .txt or .pdf",
        description="Role-specific questions with key points and model answers, saved as a "
        "TOML bank you can edit. With a language model (--llm-model or llm.model) the model "
        "writes them, each checked; without one they are picked from the built-in banks.",
    )
    job.add_argument("job_ad", metavar="JOB", help="the job ad: a .txt or .pdf file")
    job.add_argument("--cv", help="your CV (.txt or .pdf): questions on skills you both name")
    job.add_argument("--out", required=True, help="the bank file to write (.toml)")
    job.add_argument("--count", type=int, default=8, help="how many questions (default 8)")
    job.add_argument("--no-model", action="store_true", help="pick from the built-in banks")
    parser.set_defaults(func=run)


def _from_job(args: argparse.Namespace, settings: Settings) -> int:
    from mockinterview.core.job_bank import (
        Slot,
        build_job_bank,
        read_document,
        slot_verdict,
        write_job_bank,
    )
    from mockinterview.core.llm.catalog import resolve_llm_model
    from mockinterview.core.llm.runtime import LocalModel

    job_ad = read_document(Path(args.job_ad))
    cv = read_document(Path(args.cv)) if args.cv else ""
    path = None if args.no_model else resolve_llm_model(settings.llm.model)
    model = None
    if path is not None:
        model = LocalModel.load(
            path, settings.llm.threads, settings.llm.context, lambda m: print(m, file=sys.stderr)
        )

    def on_slot(n: int, total: int, what: str) -> None:
        print(f"\n[{n}/{total}] {what}:", file=sys.stderr)

    def on_token(piece: str) -> None:
        print(piece, end="", file=sys.stderr, flush=True)

    def on_result(slot: Slot) -> None:
        print(f"\n    -> {slot_verdict(slot)}", file=sys.stderr)

    try:
        job_bank = build_job_bank(job_ad, cv, args.count, model, on_token, on_slot, None, on_result)
    finally:
        if model is not None:
            model.close()
            print(file=sys.stderr)
    bank = write_job_bank(job_bank, Path(args.out), Path(args.job_ad).name)
    print(f"{args.out}: {counted(len(bank.questions), 'question')} for {job_bank.title}")
    skills, *questions = job_bank.described()
    print(skills)
    for line in questions:
        print(f"  {line}")
    print(f"Rehearse it: mockinterview rehearse --bank {args.out}")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "from-job":
        return _from_job(args, settings)
    if args.action == "validate":
        failures = []
        for file in args.files:
            try:
                bank = load_bank_file(Path(file))
            except BankError as exc:
                failures.append(str(exc))
            else:
                print(f"{file}: ok ({counted(len(bank.questions), 'question')})")
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
