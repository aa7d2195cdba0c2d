"""`mockinterview models list|download`: Whisper sizes and language models, and where they are.

`models download` is the only network access the app makes, and only on this explicit request;
for a language model it shows the name, size and licence first and asks before fetching.
"""

from __future__ import annotations

import argparse
import sys
import threading

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.catalog import (
    RECOMMENDED,
    download_path,
    llm_model_files,
    recommended,
)
from mockinterview.core.llm.download import download
from mockinterview.core.llm.runtime import install_runtime, runtime_version
from mockinterview.core.models import download_whisper, whisper_model_path, whisper_sizes
from mockinterview.core.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list or download Whisper and language models")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="Whisper sizes and language models, and which are here")
    fetch = actions.add_parser(
        "download", help="download a Whisper size or a recommended language model (internet)"
    )
    names = [*whisper_sizes(), *(m.name for m in RECOMMENDED)]
    fetch.add_argument("name", choices=names, metavar="NAME", help=", ".join(names))
    fetch.add_argument("--yes", action="store_true", help="do not ask before downloading")
    parser.set_defaults(func=run)


def _gb(size: int | None) -> str:
    return f"{size / 1e9:.2f} GB" if size else "?"


def _download_llm(name: str, assume_yes: bool) -> int:
    model = recommended(name)
    print(f"{model.title}")
    print(f"  size:    {_gb(model.size_bytes)} ({model.size_bytes} bytes)")
    print(f"  licence: {model.licence} ({model.licence_url})")
    print(f"  from:    {model.url}")
    print(f"  to:      {download_path(model)}")
    if not assume_yes:
        if not sys.stdin.isatty():
            raise ModelError("Nothing downloaded: add --yes to download without being asked.")
        if input("Download it now? [y/N] ").strip().lower() not in {"y", "yes"}:
            print("Nothing downloaded.")
            return 0
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = int(100 * done / total)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r  {done / 1e6:,.0f} of {total / 1e6:,.0f} MB ({percent} %)", end="")

    path = download(
        model.url, download_path(model), model.size_bytes, model.sha256, progress, threading.Event()
    )
    print(f"\n{model.title} ready in {path} (sha256 checked)")
    print(f"Use it with --llm-model {model.name}, or llm.model = {model.name!r} in settings.toml")
    if runtime_version() is None:
        print(f"To run it, {install_runtime()}")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "download":
        if args.name in {m.name for m in RECOMMENDED}:
            return _download_llm(args.name, args.yes)
        path = download_whisper(args.name)
        print(f"Whisper {args.name} ready in {path}")
        print(f"Use it with --whisper-model {args.name} or whisper.model in settings.toml")
        return 0
    for size in whisper_sizes():
        try:
            where = str(whisper_model_path(size))
        except ModelError:
            where = "not downloaded"
        current = " (current)" if size == settings.whisper.model else ""
        print(f"{size:<22} {where}{current}")
    version = runtime_version()
    runtime = f"runtime xllamacpp {version}" if version else f"runtime missing: {install_runtime()}"
    print(f"\nLanguage models (optional; {runtime}):")
    setting = settings.llm.model.strip()
    for row in llm_model_files(setting):
        where = row.path or f"not downloaded: mockinterview models download {row.name}"
        current = " (current)" if setting and setting in {row.name, row.path} else ""
        print(f"  {row.name:<22} {_gb(row.size_bytes):>8}  {row.licence or '':<11} {row.note}")
        print(f"  {'':<22} {where}{current}")
    if not setting:
        print("  No language model in use: the interviewer uses its built-in text.")
    return 0
