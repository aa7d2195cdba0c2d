"""Logging to a rotating file in the data folder (for bug reports) and to stderr (for the user),
and every thread's Python stack to crash.log beside it if the process dies in native code."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path

from mockinterview.core.platforms import restrict_to_owner

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_crash_file = None  # kept open for faulthandler, which writes to it from a signal handler


def setup_logging(data_dir: Path, verbose: bool = False, name: str = "mockinterview") -> Path:
    """Configure the root logger once; returns the log file path so errors can point to it.

    Each kind of process writes its own file (`name`): the window and a command run beside it
    (`mockinterview doctor`) sharing one, Windows refuses the rotation's rename while the other
    holds the file open, and every record after that is lost."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"{name}.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.DEBUG)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    restrict_to_owner(log_dir)  # logs name sessions and questions: personal, like the data
    restrict_to_owner(log_file)
    file_handler.setLevel(logging.DEBUG)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    stderr_handler = logging.StreamHandler()
    stderr_handler.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr_handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(file_handler)
    root.addHandler(stderr_handler)
    _record_native_crashes(log_dir / "crash.log")
    # Third-party chatter stays in the file.
    for noisy in ("faster_whisper", "PIL", "matplotlib", "comtypes"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return log_file


def _record_native_crashes(path: Path) -> None:
    """A crash in native code (Qt, MediaPipe, CTranslate2) ends the process without a Python
    traceback or a log line; faulthandler then writes every thread's Python stack to `path`, the
    one clue to what the app was doing (session 12's soak hour died once in libshiboken 40 s in,
    with nothing in its log). Left alone when something already enabled it (pytest, or
    PYTHONFAULTHANDLER), so their output keeps going where they chose."""
    global _crash_file
    if faulthandler.is_enabled():
        return
    _crash_file = path.open("a", encoding="utf-8")
    restrict_to_owner(path)
    faulthandler.enable(file=_crash_file, all_threads=True)
