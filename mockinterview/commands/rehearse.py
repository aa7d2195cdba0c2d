"""`mockinterview rehearse --headless`: a whole mock interview without a window.

Files stand in for the devices: one `--mic` file per answer (in order), and a video `--camera`
file that plays alongside. From files it runs faster than real time unless `--realtime`; with a
microphone device or a webcam index it runs live. It is the same state machine the GUI drives.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mockinterview.core.content.follow_up import FOLLOW_UP_MODES
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.questions import load_bank
from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
from mockinterview.core.session.plan import ORDERS, plan_interview
from mockinterview.core.session.store import SessionStore, answers_stored
from mockinterview.core.settings import Settings, with_overrides
from mockinterview.core.vision.frames import is_webcam

MEDIA_SUFFIXES = {".wav", ".mp3", ".m4a", ".ogg", ".flac", ".opus", ".webm", ".mkv", ".mp4"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rehearse", help="run a mock interview headless, from devices or files"
    )
    parser.add_argument(
        "--headless", action="store_true", help="no window (the only mode of this command)"
    )
    parser.add_argument("--bank", help="bank name or file (default: interview.bank setting)")
    parser.add_argument("--count", type=int, help="questions before the closing one")
    parser.add_argument(
        "--order",
        choices=ORDERS,
        help="least recently asked first (fresh), bank order, shuffled, or by category",
    )
    parser.add_argument("--seed", type=int, help="shuffle seed, to repeat an order")
    parser.add_argument("--no-closing", action="store_true", help="leave out the closing question")
    parser.add_argument("--no-greeting", action="store_true", help="start with the first question")
    parser.add_argument("--thinking-time", type=float, help="seconds to think before answering")
    parser.add_argument(
        "--follow-up",
        choices=FOLLOW_UP_MODES,
        help="one follow-up question after weak answers (weak), after every answer (always), "
        "or none (off); asked only with a microphone, not with --mic files",
    )
    parser.add_argument("--camera", help="video file or webcam index (default: no camera)")
    parser.add_argument(
        "--mic",
        action="append",
        default=[],
        metavar="FILE_OR_DEVICE",
        help="an answer's audio file (repeat: one per answer, in order) or a microphone device",
    )
    parser.add_argument("--no-video", action="store_true", help="privacy: keep no video")
    parser.add_argument("--realtime", action="store_true", help="pace files in real time")
    parser.add_argument("--json", action="store_true", help="print the stored session as JSON")
    parser.set_defaults(func=run)


def _is_file_spec(spec: str) -> bool:
    return Path(spec).suffix.lower() in MEDIA_SUFFIXES or Path(spec).is_file()


def _answer_sources(mics: list[str], questions: int, settings: Settings, realtime: bool):
    from mockinterview.core.audio_file import check_audio_file
    from mockinterview.core.speech.capture import FileSource, microphone_sources

    files = [m for m in mics if _is_file_spec(m)]
    if files and len(files) != len(mics):
        raise MockInterviewError("give either --mic files (one per answer) or one --mic device")
    if files:
        for file in files:
            check_audio_file(file)  # a missing, empty or unreadable file, named in one line
        if len(files) < questions:
            raise MockInterviewError(
                f"{questions} questions (with the closing one) need {questions} --mic files, got "
                f"{len(files)}: add files, lower --count, or use --no-closing"
            )
        return lambda n: FileSource(files[n], realtime=realtime)
    if len(mics) > 1:
        raise MockInterviewError("only one --mic device can be used at a time")
    device = mics[0] if mics else settings.audio.microphone
    return microphone_sources(device, settings.audio.sample_rate)


def _recover(store: SessionStore, settings: Settings, transcriber) -> None:
    """A session a crash interrupted is kept, with every answer spoken, before a new one starts."""
    from mockinterview.core.counting import counted
    from mockinterview.core.session.recovery import recover_session

    for summary in store.interrupted_sessions():
        data = recover_session(store, summary.session_id, settings, lambda: transcriber)
        print(
            f"Recovered interrupted session {summary.session_id}: "
            f"{counted(len(data['answers']), 'answer')} kept "
            f"(`mockinterview sessions show {summary.session_id}`).",
            file=sys.stderr,
        )


def _print_event(event: FlowEvent) -> None:
    where = "" if event.index is None else f"Q{event.index + 1} "
    if event.phase in (Phase.ERROR, Phase.ADVICE):
        print(f"[{event.at_s:7.1f}s] warning: {event.message}", file=sys.stderr)
    elif event.phase in (Phase.SPEAKING, Phase.GREETING):
        print(f"[{event.at_s:7.1f}s] {where}{event.message}", file=sys.stderr)
    elif event.phase is Phase.COMPOSING:
        if not event.message:  # then one event per token, with the text so far: not printed
            print(
                f"[{event.at_s:7.1f}s] {where}the language model words a follow-up", file=sys.stderr
            )
    elif event.phase is Phase.ANSWER_STORED and event.answer is not None:
        content = event.answer["content"] or {}
        coverage = content.get("coverage_pct")
        extra = "" if coverage is None else f", key points {coverage:.0f}%"
        print(
            f"[{event.at_s:7.1f}s] {where}stored: {event.answer['duration_s']:.1f} s{extra}: "
            f"{event.answer['transcript'][:80]}",
            file=sys.stderr,
        )
        if event.message:  # nothing was heard in it
            print(f"[{event.at_s:7.1f}s] warning: {event.message}", file=sys.stderr)
    else:
        print(f"[{event.at_s:7.1f}s] {where}{event.phase.value}", file=sys.stderr)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not args.headless:
        raise MockInterviewError(
            "rehearse runs without a window only: add --headless, or start the app with "
            "`mockinterview` for the windowed rehearsal"
        )
    settings = with_overrides(
        settings,
        {
            "interview.bank": args.bank,
            "interview.count": args.count,
            "interview.order": args.order,
            "interview.thinking_time_s": args.thinking_time,
            "interview.follow_up": args.follow_up,
            "interview.greeting": False if args.no_greeting else None,
            "interview.keep_video": False if args.no_video else None,
        },
    )
    interview = settings.interview
    store = SessionStore()
    bank = load_bank(interview.bank)
    plan = plan_interview(
        bank,
        interview.count,
        interview.order,
        not args.no_closing,
        args.seed,
        last_asked=store.last_asked(bank.name),
    )
    live_mic = not all(_is_file_spec(m) for m in args.mic) or not args.mic
    live_camera = args.camera is not None and is_webcam(args.camera)
    realtime = args.realtime or live_mic or live_camera
    answer_source = _answer_sources(args.mic, len(plan.questions), settings, realtime)
    from mockinterview.commands.sessions import refine_live_answers
    from mockinterview.core.session.rehearsal_devices import build_devices
    from mockinterview.core.speech.asr import Transcriber

    transcriber = Transcriber.from_settings(settings)
    _recover(store, settings, transcriber)
    devices = build_devices(
        settings,
        answer_source,
        transcriber,
        speak=realtime,
        warn=lambda message: print(f"warning: {message}", file=sys.stderr),
        camera=args.camera,
        realtime=realtime,
        follow_ups=live_mic,
    )
    flow = InterviewFlow(plan, store, settings, devices, on_event=_print_event, realtime=realtime)
    session_id = flow.run()
    # Answers transcribed live are decoded again from their whole audio (fewer lost words).
    refine_live_answers(store, session_id, settings, lambda: transcriber)
    data = store.session_dict(session_id)
    if args.json:
        # The real stdout: speech.tts silences the espeak driver with contextlib.redirect_stdout,
        # which is process-wide, so a speech engine thread stuck inside it would swallow this.
        print(json.dumps(data, indent=2), file=sys.__stdout__ or sys.stdout)
    else:
        print(f"Session {session_id}: {answers_stored(len(data['answers']))}.")
        print(f"See it with `mockinterview sessions show {session_id}`.")
    return 0
