"""`mockinterview selfcheck VIDEO [--json] [--save]`, `--steps`, `--reset`: the body-language
self-check on a recording of yourself following its prompts (the app's Self-check page runs the
same routine live), and the personal slouch thresholds it sets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.paths import config_file, data_dir
from mockinterview.core.settings import Settings
from mockinterview.core.vision.selfcheck import (
    STEPS,
    load_personal,
    reset_personal,
    save_personal,
    self_check_file,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "selfcheck",
        help="body-language self-check on a video of you following its prompts (see --steps)",
    )
    parser.add_argument("video", nargs="?", help="a recording that follows the steps from 0 s")
    parser.add_argument("--steps", action="store_true", help="print the prompts and their times")
    parser.add_argument("--save", action="store_true", help="use the personal thresholds found")
    parser.add_argument("--reset", action="store_true", help="back to the default thresholds")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def format_steps() -> str:
    lines, at = [], 0.0
    for step in STEPS:
        lines.append(f"{at:5.0f} s  {step.prompt} (hold from {at + step.prepare_s:.0f} s "
                     f"to {at + step.length_s:.0f} s)")  # fmt: skip
        at += step.length_s
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    settings_path = Path(args.config) if args.config else config_file()
    if args.reset:
        reset_personal(settings_path, data_dir())
        print("Slouch thresholds are back to the defaults.")
        return 0
    if args.steps or args.video is None:
        print(format_steps())
        record = load_personal(data_dir())
        if record:
            print(f"Personal thresholds in use since {record['saved_at']}: {record['personal']}")
        if args.video is None and not args.steps:
            raise MockInterviewError("give a VIDEO of you following these steps, or --steps")
        return 0
    result = self_check_file(args.video, settings.body)
    saved = save_personal(settings_path, data_dir(), result) if args.save else {}
    if args.json:
        print(json.dumps({**result.as_dict(), "saved": saved}, indent=2))
        return 0
    width = max(len(row.label) for row in result.rows)
    for row in result.rows:
        print(f"{row.label:<{width}}  {row.status:<11}  {row.detail}")
    print(result.personal_note)
    if saved:
        print(f"Saved: {saved} (mockinterview selfcheck --reset to undo).")
    elif result.personal:
        print(f"Personal thresholds found: {result.personal}; --save to use them.")
    return 0
