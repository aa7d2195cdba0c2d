"""Qt's media backend libraries, mapped into the process ahead of the first player.

Its own module, holding no Qt class, so a pool thread may import and run it (main_window)."""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

MEDIA_PLUGIN_SUFFIXES = (".so", ".dll", ".dylib")


def _library_loader() -> Callable[[str], bool]:
    """The system's own loader, called as a foreign function: ctypes releases the GIL for the
    call, where `ctypes.CDLL(path)` keeps it through the whole load (the window and every other
    thread stopped 37 ms warm, 298 ms from a cold disk, on 2 cores)."""
    if sys.platform == "win32":
        load_library = ctypes.WinDLL("kernel32").LoadLibraryW
        load_library.argtypes = [ctypes.c_wchar_p]
        load_library.restype = ctypes.c_void_p
        return lambda path: bool(load_library(path))
    dlopen = ctypes.CDLL(None).dlopen
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    dlopen.restype = ctypes.c_void_p
    return lambda path: bool(dlopen(os.fsencode(path), ctypes.RTLD_LOCAL | os.RTLD_NOW))


def map_media_backend() -> None:
    """Map Qt's media backend plugins (FFmpeg, and the Qt Quick libraries they link) into the
    process, on the pool thread that calls this. The first QMediaPlayer loads them on the GUI
    thread otherwise: ~120 ms of dynamic loading that froze the window while the Report page
    was built. Qt's own load later finds them mapped. A failure only costs that time."""
    load = _library_loader()
    for folder in QCoreApplication.libraryPaths():
        multimedia = Path(folder) / "multimedia"
        if not multimedia.is_dir():
            continue
        for plugin in sorted(multimedia.iterdir()):
            if plugin.suffix in MEDIA_PLUGIN_SUFFIXES and not load(str(plugin)):
                log.debug("media plugin %s not mapped ahead", plugin.name)
