"""`mockinterview models list|download`: which Whisper models are available offline."""

from __future__ import annotations

import argparse

from mockinterview.core.errors import ModelError
from mockinterview.core.models import download_whisper, whisper_model_path, whisper_sizes
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list or download Whisper models")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="Whisper sizes and whether each is available offline")
    download = actions.add_parser("download", help="download a Whisper size (needs internet)")
    download.add_argument("size", choices=whisper_sizes(), metavar="SIZE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "download":
        path = download_whisper(args.size)
        print(f"Whisper {args.size} ready in {path}")
        print(f"Use it with --whisper-model {args.size} or whisper.model in settings.toml")
        return 0
    for size in whisper_sizes():
        try:
            where = str(whisper_model_path(size))
        except ModelError:
            where = "not downloaded"
        current = " (current)" if size == settings.whisper.model else ""
        print(f"{size:<20} {where}{current}")
    return 0
