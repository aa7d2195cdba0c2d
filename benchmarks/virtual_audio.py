"""Take turns on the machine's PulseAudio virtual devices (vmic / micfeed / vspeaker).

Every test and benchmark that plays into micfeed or records vmic holds the same lock file as the
tests' `virtual_audio` fixture, so two runs never speak into each other's microphone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import TextIO

VIRTUAL_AUDIO_LOCK = "/tmp/mockinterview-virtual-audio.lock"


def virtual_mic_exists() -> bool:
    """True when scripts/virtual-audio.sh has made the PulseAudio virtual microphone."""
    if shutil.which("pactl") is None or shutil.which("paplay") is None:
        return False
    sources = subprocess.run(["pactl", "list", "short", "sources"], capture_output=True, text=True)
    return "vmic" in sources.stdout


class AudioTurn:
    """The lock, taken and given back as often as needed (a soak holds it per answer only, so
    other runs get their turns in between)."""

    def __init__(self) -> None:
        self._file: TextIO | None = None
        self.waited_s = 0.0

    @property
    def held(self) -> bool:
        return self._file is not None

    def take(self) -> None:
        """Wait for the lock (the seconds waited add up in `waited_s`)."""
        if self._file is None:
            started = time.monotonic()
            self._file = open(VIRTUAL_AUDIO_LOCK, "w")  # noqa: SIM115 - closed in give_back
            fcntl.flock(self._file, fcntl.LOCK_EX)
            self.waited_s += time.monotonic() - started

    def give_back(self) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the flock
            self._file = None

    def __enter__(self) -> AudioTurn:
        self.take()
        return self

    def __exit__(self, *exc_info) -> None:
        self.give_back()


@contextlib.contextmanager
def null_sink(prefix: str) -> Iterator[str]:
    """A PulseAudio null sink of this process's own, unloaded afterwards: a virtual speaker (or,
    through its monitor, a virtual microphone) that no other process plays into."""
    name = f"{prefix}_{os.getpid()}"
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", f"sink_name={name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    try:
        yield name
    finally:
        subprocess.run(["pactl", "unload-module", module], check=False)
