"""Where images come from: a webcam or a video file, behind one small `FrameSource` interface.

Everything downstream (landmarks, cues, overlay, the GUI preview) takes `Frame`s and never knows
which source made them, so tests and `mockinterview analyze` run the same pipeline on files that a
rehearsal runs on the camera.

Usage::

    with VideoFileSource("answer.mkv") as source:     # or WebcamSource(0)
        for frame in source:                         # Frame(image=BGR uint8, timestamp_s=...)
            ...
    if source.truncated_at is not None: ...           # file broke off; frames up to there were read

    grabber = LatestFrameGrabber(WebcamSource(0))    # live path: a thread keeps only the newest
    grabber.start()
    frame = grabber.latest(timeout_s=1.0)            # never queues: frames it had no time for go
    grabber.stop()

    recorder = NewestFrameWorker(write, on_error, "recorder")  # a consumer at its own rate
    recorder.offer(frame.image, frame.timestamp_s)   # replaces a frame it had no time for
    recorder.stop()

Errors are `DeviceError` (no camera, busy, unplugged mid-session) or `MediaError` (file missing,
empty, not a video, undecodable) with a message that says what to do; the rehearsal flow catches
`DeviceError` and carries on audio-only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from mockinterview.core.errors import DeviceError, MediaError
from mockinterview.core.platforms import camera_absent_reason, camera_access_hint, camera_backend

log = logging.getLogger(__name__)

NO_PICTURE_S = 3.0  # s of pure black from a camera's start that say it sends no picture


@dataclass(frozen=True, eq=False)
class Frame:
    """One picture: `image` is BGR uint8 (OpenCV's layout), `timestamp_s` counts from the start."""

    image: np.ndarray
    timestamp_s: float

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


class FrameSource(Protocol):
    """A webcam or a file: `read()` gives the next frame, or None when there are no more."""

    nominal_fps: float

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class _SourceBase:
    """Iteration and `with` support shared by both sources."""

    def __iter__(self) -> Iterator[Frame]:
        while (frame := self.read()) is not None:  # type: ignore[attr-defined]
            yield frame

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()  # type: ignore[attr-defined]


class VideoFileSource(_SourceBase):
    """Frames of a video file decoded with PyAV, stamped with the file's own presentation times.

    `realtime=True` paces `read()` to those times, so a file can stand in for a webcam in the live
    path (and in its tests). A file that breaks off mid-stream ends early: the frames before the
    break are delivered and `truncated_at` says where it broke, as the analysis contract asks.
    `max_fps` skips frames (without converting them to arrays) to analyse at most that rate.
    `start_s` (seconds after the first frame) seeks to the keyframe at or before that time and
    decodes on from there, so a late stretch of a long recording is reached without decoding
    everything before it (frames from that keyframe on are delivered); timestamps still count
    from the file's first frame.
    """

    def __init__(
        self,
        path: str | Path,
        realtime: bool = False,
        max_fps: float | None = None,
        start_s: float = 0.0,
    ) -> None:
        import av

        self.path = Path(path)
        self.realtime = realtime
        self._min_gap = 1.0 / max_fps if max_fps else 0.0
        self._next_due = 0.0
        self.truncated_at: float | None = None
        self._last_timestamp = 0.0
        if self.path.is_dir():
            raise MediaError(f"{self.path} is a folder; give the path of a video file.")
        if not self.path.is_file():
            raise MediaError(f"{self.path}: no such file. Check the path.")
        if self.path.stat().st_size == 0:
            raise MediaError(f"{self.path}: the file is empty (0 bytes); record it again.")
        try:
            self._container = av.open(str(self.path))
        except (av.error.FFmpegError, UnicodeDecodeError) as exc:
            raise MediaError(
                f"{self.path}: not a readable video file ({exc}). "
                "Use a video such as .mp4, .mkv or .webm."
            ) from exc
        if not self._container.streams.video:
            self._container.close()
            raise MediaError(f"{self.path}: the file has no video track, so no body analysis.")
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.nominal_fps = float(rate) if rate else 30.0
        duration = self._stream.duration
        if duration is not None and self._stream.time_base is not None:
            self.duration_s: float | None = float(duration * self._stream.time_base)
        elif self._container.duration is not None:
            self.duration_s = self._container.duration / 1_000_000
        else:
            self.duration_s = None
        self._frames = self._container.decode(self._stream)
        self._first_time: float | None = None
        self._wall_start = 0.0
        if start_s > 0:
            self._seek(start_s)

    def _seek(self, start_s: float) -> None:
        """Jump to the keyframe at or before `start_s`; the first frame still fixes time zero.

        Works on a recording a crash cut off (Matroska without its index): the demuxer then
        reads cluster headers forward, which costs no decoding.
        """
        import av

        first = self._decode_next()
        if first is None:
            return
        self._first_time = float(first.time or 0.0)
        self._wall_start = time.monotonic() - start_s
        target = self._first_time + start_s
        try:
            self._container.seek(
                round(target / self._stream.time_base), stream=self._stream, backward=True
            )
        except av.error.FFmpegError as exc:  # unseekable: decode on from the first frame
            log.warning("%s: cannot seek to %.2f s (%s); decoding on", self.path, target, exc)
            return
        self._frames = self._container.decode(self._stream)

    def read(self) -> Frame | None:
        while True:
            decoded = self._decode_next()
            if decoded is None:
                return None
            if decoded.time is not None:
                stamp = float(decoded.time)
            else:
                stamp = self._last_timestamp + 1.0 / self.nominal_fps
            if self._first_time is None:
                self._first_time = stamp
                self._wall_start = time.monotonic()
            timestamp = max(stamp - self._first_time, self._last_timestamp)
            self._last_timestamp = timestamp
            # Half a source frame of slack, so 30 fps capped at 15 takes every 2nd frame.
            if timestamp + 0.5 / self.nominal_fps >= self._next_due:
                self._next_due = max(self._next_due + self._min_gap, timestamp)
                break
        if self.realtime:
            delay = self._wall_start + timestamp - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return Frame(decoded.to_ndarray(format="bgr24"), timestamp)

    def _decode_next(self):
        import av

        try:
            return next(self._frames)
        except StopIteration:
            # A cut-off Matroska/WebM file ends cleanly but earlier than its header promised.
            slack = max(3.0 / self.nominal_fps, 0.5)
            if self.duration_s and self._last_timestamp < self.duration_s - slack:
                self.truncated_at = self._last_timestamp
            return None
        except av.error.FFmpegError as exc:
            self.truncated_at = self._last_timestamp
            log.warning("%s: decoding stopped at %.2f s: %s", self.path, self._last_timestamp, exc)
            return None

    def close(self) -> None:
        self._container.close()


@dataclass(frozen=True)
class MediaTracks:
    """Which kinds of track a media file holds (an MP3's cover picture is not video)."""

    video: bool
    audio: bool


def moving_picture(container):
    """The first video track of an open PyAV container that is not a still (an MP3's or an
    M4A's cover picture is a one-frame "video" track), or None."""
    import av

    still = av.stream.Disposition.attached_pic
    return next((s for s in container.streams.video if not s.disposition & still), None)


def media_tracks(path: str | Path) -> MediaTracks:
    """Look inside a file without decoding it; unreadable files have no tracks (the decoder that
    runs next names the problem)."""
    import av

    try:
        with av.open(str(path)) as container:
            video = moving_picture(container) is not None
            return MediaTracks(video=video, audio=bool(container.streams.audio))
    except (av.error.FFmpegError, OSError, UnicodeDecodeError):
        return MediaTracks(video=False, audio=False)


class WebcamSource(_SourceBase):
    """An OpenCV camera at `index`, asked for `width`x`height` (the driver picks the closest mode).

    Timestamps are wall-clock seconds since the camera opened, so they line up with the audio that
    is recorded at the same time.
    """

    def __init__(self, index: int = 0, width: int = 640, height: int = 480) -> None:
        import cv2

        self.index = index
        absent = camera_absent_reason(index)
        if absent:
            raise DeviceError(
                f"No camera {index}: {absent}. Connect a webcam, or pick "
                "another camera in Settings; the rehearsal can also run audio-only."
            )
        self._capture = cv2.VideoCapture(index, camera_backend().api())
        if not self._capture.isOpened():
            self._capture.release()
            raise DeviceError(f"Camera {index} could not be opened. {camera_access_hint()}")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        fps = self._capture.get(cv2.CAP_PROP_FPS)
        self.nominal_fps = float(fps) if fps and fps > 0 else 30.0
        self._opened_at = time.monotonic()
        self._delivered = False

    def read(self) -> Frame | None:
        # V4L2 reads block until a frame comes or the driver gives up, so a failed read is final:
        # before any frame it means another app holds the camera, after frames an unplug.
        # DirectShow can instead "read" all-zero pictures from a camera it cannot use (OpenCV
        # issue 23373): pure black from the start for NO_PICTURE_S is no picture either. A
        # covered lens is not pure black (its sensor noise is not zero).
        ok, image = self._capture.read()
        now = time.monotonic()
        if ok and image is not None:
            if not self._delivered and not image.any():
                if now - self._opened_at < NO_PICTURE_S:
                    return Frame(image, now - self._opened_at)  # first frames may be black
                raise DeviceError(
                    f"Camera {self.index} opened but sends only black pictures. "
                    f"{camera_access_hint()}"
                )
            self._delivered = True
            return Frame(image, now - self._opened_at)
        if not self._delivered:
            raise DeviceError(
                f"Camera {self.index} opened but sends no picture. {camera_access_hint()}"
            )
        raise DeviceError(
            f"Camera {self.index} stopped sending pictures (unplugged?). The session goes on "
            "audio-only; reconnect it before the next session."
        )

    def close(self) -> None:
        self._capture.release()


def is_webcam(spec: str) -> bool:
    """Whether the camera setting names a webcam (its index, digits) rather than a video file
    that stands in for one. Every place that reads the setting asks this one question."""
    return spec.strip().isdigit()


def open_camera(
    spec: str, width: int = 640, height: int = 480, realtime: bool = True
) -> WebcamSource | VideoFileSource:
    """The camera setting as a FrameSource: digits are a webcam index, anything else a video file
    that stands in for the webcam (played at its own pace unless `realtime` is False).

    A setting that names no camera at all (no such webcam, no such file) says so and points to
    Settings: it is a setting to fix, where a camera lost mid-session is one to wait for."""
    spec = spec.strip()
    if is_webcam(spec):
        return WebcamSource(int(spec), width, height)
    if not spec:  # Path("") is the current folder: "'.' is a folder" named no setting
        raise MediaError(
            "No camera is set (setting camera.camera is empty). Pick one in Settings; the "
            "rehearsal can also run audio-only."
        )
    if not Path(spec).exists():
        raise MediaError(
            f"Camera {spec!r}: no such file, and not a webcam number. Pick a camera in Settings "
            "(setting camera.camera), or give an existing video file."
        )
    return VideoFileSource(spec, realtime=realtime)


class LatestFrameGrabber:
    """Reads a source on its own thread and keeps only the newest frame.

    Analysis that is slower than the camera therefore skips frames instead of falling behind:
    `latest()` always hands out the most recent picture. A source error (camera unplugged) ends
    the thread and is re-raised by the next `latest()` call, so the caller can switch to
    audio-only.
    """

    def __init__(self, source: FrameSource) -> None:
        self._source = source
        self._condition = threading.Condition()
        self._frame: Frame | None = None
        self._fresh = False
        self._error: BaseException | None = None
        self._ended = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="frame-grabber", daemon=True)

    def start(self) -> LatestFrameGrabber:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                frame = self._source.read()
                with self._condition:
                    if frame is None:
                        self._ended = True
                        self._condition.notify_all()
                        return
                    self._frame = frame
                    self._fresh = True
                    self._condition.notify_all()
        except Exception as exc:  # handed to the consumer, which knows how to degrade
            with self._condition:
                self._error = exc
                self._ended = True
                self._condition.notify_all()

    def latest(self, timeout_s: float = 1.0) -> Frame | None:
        """The newest frame not handed out yet; None at the end of the source or on timeout."""
        with self._condition:
            self._condition.wait_for(lambda: self._fresh or self._ended, timeout=timeout_s)
            if self._fresh:
                self._fresh = False
                return self._frame
            if self._error is not None:
                raise self._error
            return None

    @property
    def ended(self) -> bool:
        with self._condition:
            return self._ended and not self._fresh

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5.0)
        self._source.close()


class NewestFrameWorker:
    """A thread that runs `work` on the newest frame offered, skipping those it had no time for.

    One per consumer of a camera (landmarks, the session recording): each keeps its own rate,
    so a slow analysis no longer sets the recording's frame rate, and neither ever queues up
    behind the camera. An exception from `work` stops the worker and goes to `on_error` (the
    camera goes on without that consumer).
    """

    def __init__(
        self,
        work: Callable[[np.ndarray, float], object],
        on_error: Callable[[Exception], None],
        name: str,
    ) -> None:
        self._work = work
        self._on_error = on_error
        self._ready = threading.Condition()
        self._frame: tuple[np.ndarray, float] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def offer(self, image: np.ndarray, at_s: float) -> None:
        with self._ready:
            self._frame = (image, at_s)
            self._ready.notify()

    def stop(self) -> None:
        """Returns once the frame in work is done: nothing runs after the camera stopped."""
        with self._ready:
            self._stopped = True
            self._ready.notify()
        self._thread.join()

    def _loop(self) -> None:
        while True:
            with self._ready:
                while self._frame is None and not self._stopped:
                    self._ready.wait()
                if self._stopped:
                    return
                (image, at_s), self._frame = self._frame, None
            try:
                self._work(image, at_s)
            except Exception as exc:
                self._on_error(exc)
                return
