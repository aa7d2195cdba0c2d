"""Load Whisper and check the MediaPipe bundles in the background, once, after the window shows.

Loading takes seconds (CTranslate2 weights, the MediaPipe graph); done on the GUI thread it would
keep the window from appearing. Pages ask `whisper_model()`-style questions only after `ready`.
The one piece that holds the GIL for long, Whisper's tokenizer (~0.1 s), is read before the
window is shown (`read_tokenizer`): on the loading thread it stopped the shown window for that
long, whatever the window was doing.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from mockinterview.core.settings import WhisperSettings
from mockinterview.gui.workers import run_in_background

log = logging.getLogger(__name__)


def _load_all(whisper: WhisperSettings, tokenizer: Any = None) -> dict[str, Any]:
    from mockinterview.core.models import (
        create_face_landmarker,
        create_pose_landmarker,
        load_whisper,
    )
    from mockinterview.core.speech.pitch import start_worker

    started = time.monotonic()
    model = load_whisper(whisper, tokenizer)
    # Creating the landmarkers once proves the bundles load and warms MediaPipe's imports; the
    # rehearsal makes its own (VIDEO mode needs one per stream of timestamps).
    create_pose_landmarker(video=False).close()
    create_face_landmarker(video=False).close()
    start_worker()  # Praat's process, so the first answer's pitch does not wait for it
    return {"whisper": model, "seconds": time.monotonic() - started}


class ModelLoader(QObject):
    """Emits `status(text)` for the status bar, then `ready()` or `failed(message)`."""

    status = Signal(str)
    ready = Signal()
    failed = Signal(str)

    def __init__(self, whisper: WhisperSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = whisper
        self.whisper: Any = None
        self.error: str | None = None
        self.loading = False
        self._loading_for = whisper
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tokenizer: tuple[WhisperSettings, Any] | None = None  # read for these settings

    def read_tokenizer(self) -> None:
        """On the GUI thread before the window is shown: Whisper's tokenizer, the part of the
        load that would hold the GIL against the shown window. A failure is left to the load,
        which reports it in the window."""
        from mockinterview.core.errors import ModelError
        from mockinterview.core.models import read_whisper_tokenizer

        try:
            self._tokenizer = (self._settings, read_whisper_tokenizer(self._settings))
        except ModelError:
            self._tokenizer = None

    @property
    def is_ready(self) -> bool:
        return self.whisper is not None

    def start(self) -> None:
        if self.loading or self.is_ready:
            return
        self.loading = True
        self.error = None
        self.status.emit(f"Loading speech and vision models ({self._settings.model})…")
        settings = self._loading_for = self._settings
        read, self._tokenizer = self._tokenizer, None
        tokenizer = read[1] if read is not None and read[0] == settings else None
        run_in_background(
            lambda: _load_all(settings, tokenizer), self._loaded, self._failed, self._pool
        )

    def set_whisper(self, whisper: WhisperSettings) -> None:
        """A new Whisper setting reloads the model (only when it changed)."""
        if whisper == self._settings:
            return
        self._settings = whisper
        self.whisper = None
        if not self.loading:
            self.start()

    def wait(self, timeout_ms: int = 30000) -> None:
        self._pool.waitForDone(timeout_ms)

    def _loaded(self, result: dict[str, Any]) -> None:
        self.loading = False
        if self._loading_for != self._settings:  # the setting changed while this one loaded
            self.start()
            return
        self.whisper = result["whisper"]
        log.info("models loaded in %.1f s", result["seconds"])
        self.status.emit(f"Models ready ({result['seconds']:.1f} s).")
        self.ready.emit()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.error = message
        self.status.emit("Models could not be loaded: rehearsal is unavailable.")
        self.failed.emit(message)
