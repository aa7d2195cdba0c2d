"""`mockinterview report SESSION_ID --format html|pdf|json [--format ...] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mockinterview.commands.sessions import refine_live_answers
from mockinterview.core.counting import counted
from mockinterview.core.report.export import (
    FORMATS,
    check_output_dir,
    export_report,
    report_for_session,
)
from mockinterview.core.session.store import LATEST, SessionStore
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="write a session's report as HTML, PDF and/or JSON"
    )
    parser.add_argument(
        "session_id",
        metavar="SESSION_ID",
        help=(
            f"a session id (`mockinterview sessions list`), its first characters, or {LATEST!r} "
            "for the newest"
        ),
    )
    parser.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="html (default), pdf or json; repeat for several",
    )
    parser.add_argument(
        "--out", metavar="DIR", help="folder to write into (default: the session's own folder)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    store = SessionStore()
    session_id = store.resolve_id(args.session_id)
    out_dir = Path(args.out) if args.out else store.media_dir(session_id)
    check_output_dir(out_dir)  # before the work, not after it
    refine_live_answers(store, session_id, settings)  # the report shows the fuller transcripts
    report = report_for_session(store, session_id, settings)
    print(
        f"report of session {session_id}: {counted(report.answer_count, 'answer')}, "
        f"compared with {counted(report.comparison.earlier_sessions, 'earlier session')}",
        file=sys.stderr,
    )

    def progress(what: str, step: int, steps: int) -> None:
        print(f"[{step}/{steps}] {what}", file=sys.stderr, flush=True)

    for path in export_report(report, args.formats or ["html"], out_dir, progress):
        print(path)
    return 0
