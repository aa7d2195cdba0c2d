"""Logging to a rotating file in the data folder (for bug reports) and to stderr (for the user)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from mockinterview.core.platforms import restrict_to_owner

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, verbose: bool = False) -> Path:
    """Configure the root logger once; returns the log file path so errors can point to it."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "mockinterview.log"
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
    # Third-party chatter stays in the file.
    for noisy in ("faster_whisper", "PIL", "matplotlib", "comtypes"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return log_file
