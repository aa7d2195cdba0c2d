"""A private Xvfb screen for the tests, the GUI benchmark and the screenshot script.

`-displayfd` lets Xvfb pick a free display number and tell us, so parallel runs never collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess


def start_xvfb(screen: str = "1366x768x24") -> tuple[subprocess.Popen, str] | None:
    """Start Xvfb and return (process, ":N"), or None when Xvfb is missing or did not start."""
    if shutil.which("Xvfb") is None:
        return None
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        process.kill()
        return None
    return process, f":{number}"
