"""`mockinterview`: the GUI by default, sub-commands for headless work.

Every sub-command lives in `mockinterview/commands/<name>.py` with `register(subparsers)`; this
module only builds the parser, the settings and the logging, and turns errors into one readable
line (the full traceback goes to the log file, never to the user's terminal).

The commands import the whole analysis stack (flow, PyAV, reportlab, NumPy: most of a second on a
busy 2-core laptop), which the window does not need before it shows. So a command line without a
command is read by the global options alone and goes straight to the GUI; the commands are
imported only when one is named or `--help` is asked for.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mockinterview import __version__
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.logs import setup_logging
from mockinterview.core.paths import config_file, data_dir
from mockinterview.core.settings import Settings, load_settings, with_overrides

log = logging.getLogger("mockinterview")

EXIT_ERROR = 2


def _global_parser(**kwargs: bool) -> argparse.ArgumentParser:
    """The options valid without a command (those that open the app)."""
    parser = argparse.ArgumentParser(
        prog="mockinterview",
        description="Rehearse job interviews alone, offline. Without a command, opens the app.",
        **kwargs,
    )
    parser.add_argument("--version", action="version", version=f"mockinterview {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument("--config", help="settings file (default: the user config folder)")
    parser.add_argument("--whisper-model", help="tiny.en (bundled), another size, or a folder")
    parser.add_argument(
        "--llm-model", help="optional language model: a .gguf file or a downloaded model's name"
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    from mockinterview.commands import COMMANDS

    parser = _global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    path = Path(args.config) if args.config else config_file()
    return with_overrides(
        load_settings(path), {"whisper.model": args.whisper_model, "llm.model": args.llm_model}
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The app's own options without importing any command; the full parser for everything else
    (a command, `--help`, or a mistake, whose message then lists the commands)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = _global_parser(add_help=False, exit_on_error=False).parse_known_args(argv)
        except argparse.ArgumentError:
            rest = argv
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    name = "mockinterview" if args.command is None else "mockinterview-commands"
    log_file = setup_logging(data_dir(), verbose=args.verbose, name=name)
    try:
        settings = settings_from_args(args)
        if args.command is None:
            from mockinterview.gui.app import run_gui

            return run_gui(settings)
        return int(args.func(args, settings) or 0)
    except MockInterviewError as exc:
        log.debug("command failed", exc_info=True)
        print(f"mockinterview: error: {exc}", file=sys.stderr)
        if args.command is None:
            _show_start_error(str(exc), log_file)
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
        if args.command is None:
            _show_start_error(f"Unexpected error: {exc.__class__.__name__}: {exc}", log_file)
        return 1


def _show_start_error(text: str, log_file: Path) -> None:
    """The desktop app did not open: say why in a window too (gui.app.show_start_error)."""
    try:
        from mockinterview.gui.app import show_start_error

        show_start_error(f"{text}\n\nDetails are in {log_file}.")
    except Exception:  # Qt itself cannot start: what was printed and logged is all there is
        log.debug("could not show the start error in a window", exc_info=True)
