"""Keep a long rehearsal's memory flat: camera-sized buffers go straight back to the OS (glibc).

A camera frame is a ~1 MB array, made on the camera thread and freed on another (analysis, the
recording's encoder). glibc serves blocks of at least M_MMAP_THRESHOLD bytes with their own
mmap, returned to the OS on free, but that threshold is dynamic: every freed mmap block raises it
to the block's size, so after the first frames ~1 MB buffers come from per-thread heap arenas.
Freed across threads, those arenas fragment and the resident size climbs for the first half hour
of a session before it levels off (the 60-minute soak: 1054 -> 1430 MB, then flat). Fixing the
threshold keeps every buffer of 128 KiB or more on mmap; a frame costs one mmap/munmap pair,
which is nothing beside decoding it.

Measured per component, glibc's default against the fixed threshold:
- the soak's camera path alone (looping camera -> newest frame -> MediaPipe + body cues + H.264
  recording), 6 minutes, both runs side by side: +25.6 MB, rising for 4 minutes, against +6 MB,
  all in the first minute;
- Whisper transcribing 40 answers one after another: +36 MB (254 -> 291 MB over the first eight)
  against +1.5 MB.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # mallopt parameter number (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value, kept instead of let drift up


def keep_large_buffers_off_the_heap() -> bool:
    """Fix glibc's mmap threshold for this process; False where there is no glibc (macOS,
    Windows, musl), whose allocators do not have this drift."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    if not done:
        log.warning("mallopt(M_MMAP_THRESHOLD) refused; memory may grow over a long session")
    return done
