"""Qt's media backend libraries, mapped into the process ahead of the first player.

Its own module, holding no Qt class, so a pool thread may import and run it (main_window)."""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

MEDIA_PLUGIN_SUFFIXES = (".so", ".dll", ".dylib")


def map_media_backend() -> None:
    """Map Qt's media backend plugins (FFmpeg, and the Qt Quick libraries they link) into the
    process, on the pool thread that calls this. The first QMediaPlayer loads them on the GUI
    thread otherwise: ~120 ms of dynamic loading that froze the window while the Report page
    was built. Qt's own load later finds them mapped. A failure only costs that time."""
    for folder in QCoreApplication.libraryPaths():
        multimedia = Path(folder) / "multimedia"
        if not multimedia.is_dir():
            continue
        for plugin in sorted(multimedia.iterdir()):
            if plugin.suffix in MEDIA_PLUGIN_SUFFIXES:
                try:
                    ctypes.CDLL(str(plugin))
                except OSError as exc:
                    log.debug("media plugin %s not mapped ahead: %s", plugin.name, exc)
