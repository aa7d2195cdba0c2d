"""Shared fixtures: a private data folder per test, real speech clips, a real X server on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so none reads or writes the developer's real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(home))
    return home


def synthesize(text: str, path: Path, words_per_minute: int = 160, voice: str = "en-us") -> Path:
    """Speak `text` into a WAV with espeak-ng: real speech audio that Whisper must transcribe."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh --test installs it)")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture(scope="session")
def whisper_model():
    """The bundled tiny.en model, loaded once for the whole run."""
    from mockinterview.core.models import load_whisper
    from mockinterview.core.settings import WhisperSettings

    return load_whisper(WhisperSettings())


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) at 1366x768, for window tests and screenshots."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (scripts/setup.sh --test installs it)")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        process.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)
