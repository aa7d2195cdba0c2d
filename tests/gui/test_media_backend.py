"""Qt's media plugins are mapped ahead of the first player, by the system loader."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication(sys.argv[:1])
from mockinterview.gui.media_backend import map_media_backend
before = "ffmpegmediaplugin" in open("/proc/self/maps").read()
map_media_backend()
print(before, "ffmpegmediaplugin" in open("/proc/self/maps").read())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_the_ffmpeg_media_plugin_is_mapped_by_a_fresh_process() -> None:
    """In a fresh process (this one may have mapped it already): not there before the call,
    there after it, loaded through dlopen called as a foreign function (no GIL held)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["False", "True"]
