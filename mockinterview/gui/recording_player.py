"""The report's player: a recording decoded by PyAV (core.session.playback), its sound played
through sounddevice, its pictures handed to the page's view.

Threads, so the window never waits on a file:
- Opening a file and finding the picture at a position (a seek while paused) run on a pool
  thread of their own, one at a time; a request overtaken by a newer one is skipped.
- Playing runs one decoding thread (`_Run`) that keeps about half a second of pictures and
  sound ahead of the clock, as QImages already scaled to the view.
- The GUI thread only takes the picture that is due (a 15 ms timer) and shows it.

The clock follows the speaker: every audio callback says which moment of the file is about to
be heard, and between callbacks, or with no speaker at all, the wall clock carries it on. Sound
that falls behind the clock is dropped rather than played late, and a picture is never shown
before its time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage

from mockinterview.core.errors import MediaError, MockInterviewError
from mockinterview.core.session.playback import Picture, PlaybackReader, Sound
from mockinterview.gui.workers import run_in_background

log = logging.getLogger(__name__)

TICK_MS = 15  # how often the GUI thread looks for a due picture: under a 30 fps frame's time
AHEAD_S = 0.5  # decoded ahead of the clock, per track, before the decoder waits
MAX_PICTURES = 60  # ahead at most, whatever the sound is doing (a badly interleaved file)
MAX_SOUND_AHEAD_S = 3.0
LATE_S = 0.1  # sound this far behind the clock is dropped, not played out of step
SPEAKER_LATENCY_S = 0.1  # PortAudio's "high" latency would be ~0.2 s on some devices
# A speaker's stream can take a while to start (PulseAudio waking a suspended sink: 1.8 s here);
# the clock waits for its first sound, but no longer than this, then runs on the wall clock.
SPEAKER_START_S = 3.0


def _image(picture: Picture) -> QImage:
    """A QImage owning its pixels (made on the decoding thread; QImage is not a QObject)."""
    height, width, _ = picture.rgb.shape
    return QImage(picture.rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class _Run:
    """Playing from one position: a decoding thread and, if a speaker opens, its stream."""

    def __init__(
        self, path: Path, start_s: float, fit: tuple[int, int], speaker: str, duration_s: float
    ) -> None:
        self.start_s = start_s
        self.duration_s = duration_s
        self.pictures: deque[tuple[float, QImage]] = deque()
        self.sounds: deque[Sound] = deque()
        self.error: str | None = None
        self.silent: str | None = None  # why no speaker plays the sound
        self.decoded_all = False
        self.has_video = True
        self.sound_end_s: float | None = None  # where the decoded sound ends; None without sound
        self._offset = 0  # samples of sounds[0] already played
        self._rate = 0  # the speaker's sample rate; 0 while none plays
        self._latency_s = 0.0
        self._anchor: tuple[float, float] | None = None  # (file time, monotonic) once running
        self._primed_at: float | None = None  # when the first AHEAD_S was decoded
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._decode, args=(path, fit, speaker), name="player", daemon=True
        )
        self._thread.start()

    def clock_s(self) -> float:
        """The moment of the file being seen and heard now. It stands still until the first
        decoded half second is ready and, with a speaker, until the speaker plays its first
        sound (so no picture and no word is skipped while the file opens or the sound starts)."""
        anchor = self._anchor
        if anchor is None:
            primed = self._primed_at
            if primed is None or time.monotonic() - primed < SPEAKER_START_S:
                return self.start_s
            anchor = self._anchor = (self.start_s, primed + SPEAKER_START_S)
        return anchor[0] + (time.monotonic() - anchor[1])

    def ended(self) -> bool:
        clock = self.clock_s()
        if clock >= self.duration_s > 0:
            return True
        sound_left = self.sound_end_s is not None and clock < self.sound_end_s
        return self.decoded_all and not self.pictures and not sound_left

    def stop(self, wait_s: float = 0.0) -> None:
        self._stop.set()
        if wait_s:
            self._thread.join(wait_s)

    def _decode(self, path: Path, fit: tuple[int, int], speaker: str) -> None:
        try:
            with PlaybackReader(path, fit) as reader:
                self.has_video = reader.has_video
                stream = self._speaker(reader, speaker)
                try:
                    for item in reader.play_from(self.start_s):
                        if self._stop.is_set():
                            break
                        if isinstance(item, Picture):
                            self.pictures.append((item.time_s, _image(item)))
                        elif self._rate:  # no speaker: the sound is not kept
                            self.sounds.append(item)
                            self.sound_end_s = item.time_s + len(item.samples) / self._rate
                        while not self._stop.is_set() and self._ahead_enough():
                            self._primed(stream is None)
                            self._stop.wait(0.01)
                    self.decoded_all = True
                    self._primed(stream is None or not self.sounds)
                    self._stop.wait()
                finally:
                    if stream is not None:
                        stream.close()
        except MediaError as exc:
            self.error = str(exc)
            self.decoded_all = True
        except Exception as exc:  # PortAudio or a decoder: the player stops, the app does not
            log.exception("the player stopped")
            self.error = f"playing stopped ({exc})"
            self.decoded_all = True

    def _primed(self, start_clock: bool) -> None:
        """Enough is decoded to start: the clock starts now when `start_clock` (no speaker, or
        no sound to wait for), else with the speaker's first sound."""
        if self._primed_at is None:
            self._primed_at = time.monotonic()
            if start_clock:
                self._anchor = (self.start_s, self._primed_at)

    def _ahead_enough(self) -> bool:
        clock = self.clock_s()
        if len(self.pictures) >= MAX_PICTURES:
            return True
        if self.sound_end_s is not None and self.sound_end_s - clock >= MAX_SOUND_AHEAD_S:
            return True
        newest = self.pictures[-1][0] if self.pictures else None
        video_ok = not self.has_video or (newest is not None and newest >= clock + AHEAD_S)
        sound_ok = self._rate == 0 or (
            self.sound_end_s is not None and self.sound_end_s >= clock + AHEAD_S
        )
        return video_ok and sound_ok

    def _speaker(self, reader: PlaybackReader, speaker: str):
        """The speaker's stream, started; None without sound or without a speaker (the
        pictures then play on the wall clock, silently)."""
        if reader.sample_rate is None:
            return None
        from mockinterview.core.speech.capture import resolve_device

        try:
            import sounddevice as sd
        except OSError as exc:  # no PortAudio library
            self.silent = f"no audio system ({exc})"
            log.warning("the recording plays without sound: %s", self.silent)
            return None

        try:
            stream = sd.OutputStream(
                device=resolve_device(speaker, "output"),
                samplerate=reader.sample_rate,
                channels=reader.channels,
                dtype="float32",
                latency=SPEAKER_LATENCY_S,
                callback=self._play,
            )
            stream.start()
        except MockInterviewError as exc:  # the speaker setting names no speaker here
            self.silent = str(exc)
        except (sd.PortAudioError, ValueError) as exc:
            self.silent = (
                f"no speaker could be opened ({exc}). Check it with `mockinterview doctor`."
            )
        if self.silent is not None:
            log.warning("the recording plays without sound: %s", self.silent)
            return None
        self._rate = reader.sample_rate
        self._latency_s = float(stream.latency)
        return stream

    def _play(self, out: np.ndarray, count: int, _time: object, _status: object) -> None:
        """PortAudio's callback: the next sound, with what is already late dropped."""
        filled = 0
        heard = None  # file time of the first sample written now
        if self._primed_at is not None:
            clock = self.clock_s()
            while filled < count and self.sounds:
                sound = self.sounds[0]
                block = sound.samples[self._offset :]
                at = sound.time_s + self._offset / self._rate
                if at + len(block) / self._rate < clock - LATE_S or not len(block):
                    self.sounds.popleft()
                    self._offset = 0
                    continue
                take = min(count - filled, len(block))
                if heard is None:
                    heard = at - filled / self._rate
                out[filled : filled + take] = block[:take]
                filled += take
                self._offset += take
                if self._offset >= len(sound.samples):
                    self.sounds.popleft()
                    self._offset = 0
        out[filled:] = 0
        if heard is not None:
            self._anchor = (heard, time.monotonic() + self._latency_s)


class RecordingPlayer(QObject):
    """Play, pause and seek one recording; positions in milliseconds from its start."""

    duration_changed = Signal(int)
    position_changed = Signal(int)
    playing_changed = Signal(bool)
    picture_ready = Signal(QImage)
    no_picture = Signal()  # the file holds no picture to show (recorded without a camera)
    failed = Signal(str)
    silent = Signal(str)  # the sound cannot play (no speaker): said once per recording

    def __init__(
        self, fit: Callable[[], tuple[int, int]], speaker: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.fit = fit
        self.speaker = speaker
        self._source: Path | None = None
        self._duration_ms = 0
        self._position_ms = 0
        self._request = 0  # numbers each open and paused seek; older answers are dropped
        self._silence_told = False
        self._run: _Run | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -- what the page asks ---------------------------------------------------------------

    def source(self) -> Path | None:
        return self._source

    def duration(self) -> int:
        return self._duration_ms

    def position(self) -> int:
        return self._position_ms

    def is_playing(self) -> bool:
        return self._run is not None

    def set_source(self, path: Path | None) -> None:
        """Load `path` (None: nothing), paused on its first picture."""
        self._stop_run()
        self._source = path
        self._silence_told = False
        self._duration_ms = 0
        self._set_position(0)
        self.duration_changed.emit(0)
        if path is None:
            return
        self._show_picture_at(0)

    def play(self) -> None:
        if self._source is None or self._run is not None:
            return
        if self._duration_ms and self._position_ms >= self._duration_ms - 50:
            self._set_position(0)  # at the end: Play starts it again
        self._start_run(self._position_ms)
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self._run is None:
            return
        self._set_position(round(min(self._run.clock_s(), self._run.duration_s) * 1000))
        self._stop_run()
        self.playing_changed.emit(False)

    def set_position(self, position_ms: int) -> None:
        """Seek: playing goes on from there; paused shows the picture at that moment."""
        if self._duration_ms:
            position_ms = min(position_ms, self._duration_ms)
        self._set_position(max(position_ms, 0))
        if self._source is None:
            return
        if self._run is not None:
            self._stop_run()
            self._start_run(self._position_ms)
            return
        self._show_picture_at(self._position_ms)

    def close(self) -> None:
        """Stop and let go of the file (the window is closing)."""
        self._request += 1
        if self._run is not None:
            self._run.stop(wait_s=1.0)
            self._run = None
            self._timer.stop()
            self.playing_changed.emit(False)
        self._source = None

    # -- inside -------------------------------------------------------------------------------

    def _show_picture_at(self, position_ms: int) -> None:
        """On the player's pool thread: the file's duration and its picture at `position_ms`
        (a new file opened, or a seek while paused), handed to `_shown`."""
        assert self._source is not None
        self._request += 1
        request, fit, path, at = self._request, self.fit(), self._source, position_ms / 1000

        def look() -> tuple[int, float, QImage | None]:
            if request != self._request:
                return request, 0.0, None
            with PlaybackReader(path, fit) as reader:
                picture = reader.picture_at(at)
                return request, reader.duration_s, _image(picture) if picture else None

        run_in_background(look, self._shown, self.failed.emit, self._pool)

    def _start_run(self, position_ms: int) -> None:
        assert self._source is not None
        duration_s = self._duration_ms / 1000
        self._run = _Run(self._source, position_ms / 1000, self.fit(), self.speaker, duration_s)
        self._timer.start()

    def _stop_run(self) -> None:
        if self._run is not None:
            self._run.stop()
            self._run = None
        self._timer.stop()

    def _set_position(self, position_ms: int) -> None:
        if position_ms != self._position_ms:
            self._position_ms = position_ms
            self.position_changed.emit(position_ms)

    def _tick(self) -> None:
        run = self._run
        if run is None:
            return
        clock = run.clock_s()
        due = None
        while run.pictures and run.pictures[0][0] <= clock:
            due = run.pictures.popleft()[1]
        if due is not None:
            self.picture_ready.emit(due)
        if run.silent and not self._silence_told:
            self._silence_told = True
            self.silent.emit(run.silent)
        if run.error:
            self.pause()
            self.failed.emit(run.error)
            return
        if run.ended():
            self._stop_run()
            self._set_position(self._duration_ms or round(clock * 1000))
            self.playing_changed.emit(False)
            return
        self._set_position(round(min(clock, run.duration_s or clock) * 1000))

    def _shown(self, answer: tuple[int, float, QImage | None]) -> None:
        request, duration_s, picture = answer
        if request != self._request:
            return
        duration_ms = round(duration_s * 1000)
        if duration_ms != self._duration_ms:  # a new file's, once
            self._duration_ms = duration_ms
            self.duration_changed.emit(duration_ms)
        if picture is not None:
            self.picture_ready.emit(picture)
        else:
            self.no_picture.emit()
