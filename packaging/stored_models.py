"""The Whisper model and the interviewer voice enter the bundle as the numbers the app computes
with, on every OS.

mockinterview.spec passes its data list through `rewritten` before PyInstaller copies it. Each
of the two models is copied under the build folder and rewritten there, and the copy is what
the bundle gets; the installed packages stay as pip left them:
- Whisper's model.bin with int8 weights (whisper_int8.py, 75.5 -> 39.5 MB);
- each voice package's .onnx with float16-stored weights (voice_fp16.py, 63.2 -> 32.0 MB).

Until session 19 scripts/package.sh rewrote both inside the built Linux folder, so the Windows
installer and the macOS .app, which .github/workflows/desktop.yml builds with PyInstaller alone,
carried the larger files (about 67 MB more).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path, PurePath

import voice_fp16
import whisper_int8
from bundle_contents import VOICE_PACKAGES

Rewrite = Callable[[Path], dict[str, object]]


def _rewrite_for(destination: PurePath) -> tuple[str, Rewrite] | None:
    """Which model `destination` (its path inside the bundle) is, and its rewrite; None for any
    other file. Bundle paths use the OS's separator, so they are compared in POSIX form."""
    if destination.as_posix() == whisper_int8.MODEL:
        return "whisper", whisper_int8.quantize_whisper
    voice_folders = {f"{package}/data" for package in VOICE_PACKAGES}
    if destination.suffix == ".onnx" and destination.parent.as_posix() in voice_folders:
        return "voice", voice_fp16.store_fp16
    return None


def rewritten(
    datas: list[tuple[str, str]], build: Path
) -> tuple[list[tuple[str, str]], list[dict[str, object]]]:
    """`datas` ((source file, folder in the bundle) pairs) with each model replaced by its
    rewritten copy under `build`, and what each rewrite did. A build without either model
    would ship without a voice or a transcriber, so that stops it."""
    entries: list[tuple[str, str]] = []
    done: list[dict[str, object]] = []
    for source, folder in datas:
        destination = PurePath(folder) / PurePath(source).name
        found = _rewrite_for(destination)
        if found is None:
            entries.append((source, folder))
            continue
        kind, rewrite = found
        copy = build / destination
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        done.append({"kind": kind, "file": destination.as_posix(), **rewrite(copy)})
        entries.append((str(copy), folder))
    missing = {"whisper", "voice"} - {str(result["kind"]) for result in done}
    if missing:
        raise SystemExit(f"stored_models: no {' or '.join(sorted(missing))} model in the data list")
    return entries, done
