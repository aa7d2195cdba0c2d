"""`mockinterview sessions list|show|delete|export|recover|import|question`: the rehearsal
history on disk, and recordings made elsewhere made into sessions (core/session/
import_recording.py), with the question an imported answer was asked set by hand."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mockinterview.core.counting import counted, noun_for
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.session.store import IMPORTED_BANK, LATEST, SessionStore
from mockinterview.core.settings import Settings

if TYPE_CHECKING:
    from mockinterview.core.speech.asr import Transcriber

SESSION_ID_HELP = (
    f"a session id (`mockinterview sessions list`), its first characters, or {LATEST!r} for "
    "the newest"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sessions",
        help="list, show, delete, export, recover or import sessions; set an imported answer's "
        "question",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="past sessions, newest first")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    show = actions.add_parser("show", help="one session's answers, transcripts and feedback")
    show.add_argument("session_id", metavar="SESSION_ID", help=SESSION_ID_HELP)
    show.add_argument("--json", action="store_true", help="print the stored session as JSON")
    delete = actions.add_parser("delete", help="delete a session and all of its media files")
    delete.add_argument("session_ids", nargs="+", metavar="SESSION_ID", help=SESSION_ID_HELP)
    export = actions.add_parser("export", help="zip a session (session.json + media)")
    export.add_argument("session_id", metavar="SESSION_ID", help=SESSION_ID_HELP)
    export.add_argument("destination", help="a .zip path or an existing folder")
    recover = actions.add_parser("recover", help="keep what crashed sessions had recorded")
    recover.add_argument(
        "session_ids", nargs="*", metavar="SESSION_ID", help="default: every interrupted one"
    )
    imported = actions.add_parser(
        "import",
        help="make a session of a video or audio file recorded elsewhere (an interview, a call)",
    )
    imported.add_argument("recording", help="the video or audio file")
    imported.add_argument("--json", action="store_true", help="print the stored session as JSON")
    question = actions.add_parser(
        "question",
        help="set the question an imported answer was asked (a bank question's text is judged "
        "on its key points), measuring that answer again",
    )
    question.add_argument("session_id", metavar="SESSION_ID", help=SESSION_ID_HELP)
    question.add_argument("answer", type=int, metavar="ANSWER", help="the answer's number")
    question.add_argument("text", metavar="QUESTION", help="the question asked; '' for none")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    store = SessionStore()
    if args.action == "list":
        store.interrupted_sessions()  # marks crashed sessions so the list tells the truth
        sessions = store.list_sessions()
        if args.json:
            print(json.dumps([s.as_dict() for s in sessions], indent=2))
            return 0
        if not sessions:
            print("No sessions yet: start one with `mockinterview` or `mockinterview rehearse`.")
        for s in sessions:
            answers = f"{s.answer_count:>2} {noun_for(s.answer_count, 'answer'):<7}"
            print(f"{s.session_id}  {s.started_at}  {s.status:<11} {answers}  {s.bank}")
        return 0
    if args.action == "show":
        data = store.session_dict(store.resolve_id(args.session_id))
        if args.json:
            print(json.dumps(data, indent=2))
            return 0
        print(
            f"{data['session_id']} ({data['bank']}, {data['status']}), started {data['started_at']}"
        )
        print(f"recording: {data['recording'] or 'none'}")
        for answer in data["answers"]:
            content = answer["content"] or {}
            coverage = content.get("coverage_pct")
            covered = "" if coverage is None else f", key points {coverage:.0f}%"
            length = f"{answer['duration_s']:.0f} s{covered}"
            print(f"\n{answer['index'] + 1}. {answer['question']} ({length})")
            if answer["partial"]:
                print("   (partial: the session was interrupted while you were speaking)")
            print(f"   {answer['transcript'] or '(nothing was said)'}")
            if content.get("missed"):
                print(f"   missed: {'; '.join(content['missed'])}")
        return 0
    if args.action == "delete":
        for session_id in [store.resolve_id(spec) for spec in args.session_ids]:
            store.delete_session(session_id)
            print(f"deleted {session_id} and its files")
        return 0
    if args.action == "export":
        print(store.export_session(store.resolve_id(args.session_id), Path(args.destination)))
        return 0
    if args.action == "import":
        from mockinterview.core.session.import_recording import import_recording

        def progress(what: str, fraction: float) -> None:
            print(f"{fraction:4.0%} {what}", file=sys.stderr, flush=True)

        session_id = import_recording(Path(args.recording), store, settings, progress=progress)
        data = store.session_dict(session_id)
        if args.json:
            print(json.dumps(data, indent=2))
            return 0
        print(f"imported {args.recording} as session {session_id}:")
        _print_questions(store, session_id)
        return 0
    if args.action == "question":
        from mockinterview.core.session.import_edit import edit_split, stored_split, with_question

        session_id = store.resolve_id(args.session_id)
        if store.session_dict(session_id)["bank"] != IMPORTED_BANK:
            raise MockInterviewError(
                f"Session {session_id} is a rehearsal: its questions came from a bank. Only an "
                "imported recording's questions can be set."
            )
        spans = stored_split(store, session_id)
        if not 1 <= args.answer <= len(spans):
            raise MockInterviewError(
                f"Session {session_id} has {counted(len(spans), 'answer')}: "
                f"there is no answer {args.answer}."
            )
        asked = " ".join(args.text.split()) or None
        edit_split(store, session_id, with_question(spans, args.answer - 1, asked), settings)
        _print_questions(store, session_id)
        return 0
    interrupted = [s.session_id for s in store.interrupted_sessions()]
    wanted = [store.resolve_id(spec) for spec in args.session_ids] or interrupted
    if not wanted:
        print("No interrupted sessions to recover.")
    from mockinterview.core.session.recovery import recover_session
    from mockinterview.core.speech.asr import Transcriber

    # One Whisper model for the answers cut off and the refinement after, loaded when first needed
    transcriber = functools.cache(lambda: Transcriber.from_settings(settings))
    for session_id in wanted:
        data = recover_session(store, session_id, settings, transcriber)
        partial = sum(answer["partial"] for answer in data["answers"])
        cut = f" ({partial} cut off mid-answer, kept as partial)" if partial else ""
        print(f"recovered {session_id}: {counted(len(data['answers']), 'answer')} kept{cut}")
        refine_live_answers(store, session_id, settings, transcriber)
    return 0


def _print_questions(store: SessionStore, session_id: str) -> None:
    """Each imported answer with its question; for a question heard that is no bank question,
    the bank question closest in meaning and how to choose it."""
    from mockinterview.core.questions import IMPORTED_CATEGORY
    from mockinterview.core.session.import_edit import closest_questions, stored_split
    from mockinterview.core.session.import_recording import bank_questions

    known = bank_questions()
    spans = stored_split(store, session_id)
    for answer, span in zip(store.session_dict(session_id)["answers"], spans, strict=True):
        number = answer["index"] + 1
        print(f"{number}. {answer['question']} ({answer['duration_s']:.0f} s)")
        if answer["category"] != IMPORTED_CATEGORY:
            continue
        if span.question is None:
            print("   not judged on its length or key points: no question was heard before it")
            continue
        closest = closest_questions(span.question, known)[0].text
        print(f"   not a bank question, so not judged on key points; the closest: “{closest}”")
        command = f'mockinterview sessions question {session_id} {number} "{closest}"'
        print(f"   if that was asked: {command}")


def refine_live_answers(
    store: SessionStore,
    session_id: str,
    settings: Settings,
    transcriber: Callable[[], Transcriber] | None = None,
) -> None:
    """Decode each answer the session transcribed live again from its whole audio, as the app
    does for every such session, and say what changed (core/session/refine.py). Without it a
    session cut off by a crash, or before its refinement ended, keeps live transcripts, which
    lose words: "I've always liked being around people" was stored live as "I'm always, like,
    beating around people", with a filler that was never said."""
    from mockinterview.core.session.refine import refine_session, refinement_summary

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    refined = refine_session(store, session_id, settings, transcriber, progress)
    if refined:
        print(refinement_summary(refined), file=sys.stderr)
