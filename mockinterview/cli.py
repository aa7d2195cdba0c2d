"""`mockinterview`: the GUI by default, sub-commands for headless work.

Every sub-command lives in `mockinterview/commands/<name>.py` with `register(subparsers)`; this
module only builds the parser, the settings and the logging, and turns errors into one readable
line (the full traceback goes to the log file, never to the user's terminal).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from mockinterview import __version__
from mockinterview.commands import COMMANDS
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.logs import setup_logging
from mockinterview.core.paths import config_file, data_dir
from mockinterview.core.settings import Settings, load_settings, with_overrides

log = logging.getLogger("mockinterview")

EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mockinterview",
        description="Rehearse job interviews alone, offline. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"mockinterview {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument("--config", help="settings file (default: the user config folder)")
    parser.add_argument("--whisper-model", help="tiny.en (bundled), another size, or a folder")
    parser.add_argument(
        "--llm-model", help="optional language model: a .gguf file or a downloaded model's name"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    from pathlib import Path

    path = Path(args.config) if args.config else config_file()
    return with_overrides(
        load_settings(path), {"whisper.model": args.whisper_model, "llm.model": args.llm_model}
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = setup_logging(data_dir(), verbose=args.verbose)
    try:
        settings = settings_from_args(args)
        if args.command is None:
            from mockinterview.gui.app import run_gui

            return run_gui(settings)
        return int(args.func(args, settings) or 0)
    except MockInterviewError as exc:
        log.debug("command failed", exc_info=True)
        print(f"mockinterview: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mockinterview: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `mockinterview ... | head` closed our stdout early: not an error worth a message.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        log.debug("unexpected error", exc_info=True)
        print(
            f"mockinterview: unexpected error: {exc.__class__.__name__}: {exc} "
            f"(details in {log_file})",
            file=sys.stderr,
        )
        return 1
