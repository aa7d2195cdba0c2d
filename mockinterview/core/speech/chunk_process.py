"""The live chunks decoded in a process of their own, so that Stop never waits for one.

While the person speaks, StreamingTranscriber's worker decodes each finished stretch of speech
with five beams in Whisper's 30 s window: about 1.5 CPU-s for a 6 s chunk on a 2-core laptop,
three times that in wall time at a load of 4. CTranslate2 cannot stop a call it has begun, so
Stop pressed a second after the last word (the worker had just started on the last sentence)
waited for that chunk before it could decode what was left: 2.9 s at load 4 on session 30's
machine, where issue 11 wants the transcript within 1.5 s. A process can be ended at once: at
Stop the chunk in flight is given up (`give_up` kills the process) and its audio is decoded with
the rest in the greedy decoding after Stop, the one made for someone waiting
(asr.StreamingTranscriber.finish).

A spawned interpreter, not a fork (the app's threads hold locks: Qt's, the camera's). It loads
its own copy of the Whisper model when an answer starts (`start`), while the person begins to
speak, and again after a chunk was given up. Should it fail to start or die, `ChunkProcessFailed`
tells the caller to decode in its own process, as it did before this module.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from multiprocessing.connection import Connection

import numpy as np

from mockinterview.core.settings import Settings
from mockinterview.core.speech.transcript import Transcript

log = logging.getLogger(__name__)

CLOSE_WAIT_S = 2.0  # for the process to leave when asked, before it is killed


class Abandoned(Exception):
    """The chunk was given up at Stop; its audio is decoded with the rest of the answer."""


class ChunkProcessFailed(Exception):
    """The process could not decode (it did not start, lost its model, or died)."""


def _serve(conn: Connection, settings: Settings) -> None:
    """In the child: load the model, then decode each (audio, offset) sent until the app closes
    its end of the pipe. A load error is the answer to every request, so the app hears it."""
    from tqdm import tqdm

    from mockinterview.core.speech.asr import Transcriber

    # faster-whisper opens a (hidden) tqdm bar for each decoding, and tqdm's first bar makes a
    # multiprocessing lock: in a spawned process, a named semaphore, released as the process
    # leaves. One killed at Stop (`give_up`) never released it, and the app printed a "leaked
    # semaphore" warning when it closed. This process has one thread: a thread lock will do.
    tqdm.set_lock(threading.RLock())

    transcriber: Transcriber | None = None
    try:
        transcriber = Transcriber.from_settings(settings)
        error = ""
    except Exception as exc:  # ModelError, SettingsError: reported on the first chunk
        error = str(exc)
    try:
        while True:
            request = conn.recv()
            if transcriber is None:
                conn.send(("error", error))
                continue
            audio, offset_s, openings = request
            try:
                part = transcriber.transcribe(audio, offset_s=offset_s, openings=openings)
            except Exception as exc:
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
            else:
                conn.send(("ok", part))
    except (EOFError, OSError):  # the app closed its end, or ended
        return


class ChunkProcess:
    """The worker's decoding of live chunks, in a process that `give_up` can end at once.

    `transcribe` is called by one thread at a time (StreamingTranscriber's worker) and blocks;
    `give_up` may be called from any other thread while it does."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings  # the child's Transcriber.from_settings: the app's own model
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._busy = False
        self._killed = False
        self._failed = False  # once failed, not started again: the caller decodes itself

    def start(self) -> None:
        """Start the process unless it runs already; returns at once (the model loads there)."""
        with self._lock:
            if not self._failed:
                self._start_locked()

    def _start_locked(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._forget_locked()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(theirs, self.settings),
            name="asr-chunks",
            daemon=True,
        )
        process.start()
        theirs.close()  # only the child holds that end now: its death is our end's EOF
        self._process, self._conn = process, ours

    def transcribe(self, audio: np.ndarray, offset_s: float, openings: bool = False) -> Transcript:
        """The chunk's transcript, decoded as asr.Transcriber.transcribe(openings=...) would.
        Raises Abandoned when `give_up` ended it, ChunkProcessFailed when the process could not."""
        with self._lock:
            if self._failed:
                raise ChunkProcessFailed("the decoding process failed earlier")
            self._start_locked()
            conn = self._conn
            self._busy = True
        assert conn is not None
        try:
            conn.send((np.asarray(audio, dtype=np.float32), offset_s, openings))
            status, value = conn.recv()
        except (EOFError, OSError) as exc:
            with self._lock:
                killed = self._end_chunk_locked()
                self._forget_locked()
                self._failed = not killed
            if killed:
                raise Abandoned from exc
            raise ChunkProcessFailed("the decoding process ended unexpectedly") from exc
        with self._lock:
            killed = self._end_chunk_locked()  # just after it answered: the answer stands
            self._failed = status != "ok"
            if killed or self._failed:
                self._forget_locked()
        if status != "ok":
            raise ChunkProcessFailed(value)
        return value

    @property
    def decoding(self) -> bool:
        """A chunk has been sent and its transcript not yet received."""
        with self._lock:
            return self._busy

    def give_up(self) -> bool:
        """End the process if a chunk is being decoded, and say whether one was."""
        with self._lock:
            if not self._busy or self._process is None:
                return False
            self._killed = True
            self._process.kill()
            return True

    def close(self) -> None:
        """Let the process leave (or end it): the session is over."""
        with self._lock:
            process, conn = self._process, self._conn
            self._process, self._conn = None, None
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(CLOSE_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join()

    def _end_chunk_locked(self) -> bool:
        killed, self._killed, self._busy = self._killed, False, False
        return killed

    def _forget_locked(self) -> None:
        """Drop a process that has ended (or was killed), so the next chunk starts a new one."""
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
        self._process, self._conn = None, None
