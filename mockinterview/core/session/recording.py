"""One audio/video file per session (PyAV: H.264 + AAC in Matroska) that survives a crash.

Why it is built this way:
- Matroska, not plain MP4: an MP4 is unreadable until its index (moov) is written at the end, so a
  crash loses the whole session; Matroska is a stream of self-contained clusters. Clusters are cut
  every second (`cluster_time_limit`), every packet is flushed to the OS (`flush_packets`) and
  a track is never held back long waiting for the other (`max_interleave_delta`), so a SIGKILL
  loses at most the last second, and the file still decodes to its end.
- Video timestamps are the frames' own times in milliseconds, so the file has the frame rate the
  camera actually achieved (variable frame rate), not a nominal one that would drift from the
  audio.
- The audio track is continuous: gaps between answers are filled with silence so that a player
  keeps sound and picture in step; the interviewer's question audio is written into it too
  (live, as much of it as was heard: a question cut short ends where it was cut).
- An answer paused and resumed goes on in the audio right after its first part (the answer's
  own time leaves the pause out, and `recording_offset_s` + a word's time must find that word):
  the picture does the same, `hold_video` to `continue_video`, and is back on the session clock
  at `release_video` when the answer ends. Written at wall-clock time, the picture after a pause
  ran ahead of its sound by the length of the pause.
- A full disk or an I/O error stops the recording, never the interview: `failure` then says what
  happened, the file keeps what was written, and answers go on being stored.
- Answer boundaries are kept in the database (`recording_offset_s` of each answer) and as
  Matroska chapters when the file is closed normally.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.errors import MediaError

log = logging.getLogger(__name__)

RECORDING_NAME = "recording.mkv"
VIDEO_SIZE = (640, 480)  # issue 5: 640x480 at the achieved frame rate
VIDEO_CRF = "28"  # x264 quality: ~0.5 Mbit/s for a mostly still person at 640x480
AUDIO_BITRATE = 64_000  # bit/s AAC mono: plenty for 16 kHz speech
MS = Fraction(1, 1000)
# How long the muxer holds packets of one track while waiting for the other's to interleave them.
# FFmpeg's default (10 s) kept a session without camera frames yet (audio only so far) entirely in
# memory: a kill then left a file with no playable second. 0.1 s: measured, a kill 4 s into an
# audio-only recording now leaves 2.8 s playable (the last cluster, <= 1 s, is the only loss).
MAX_INTERLEAVE_DELTA_US = "100000"


@dataclass(frozen=True)
class Chapter:
    title: str
    start_s: float


class SessionRecording:
    """Write frames and audio of one session, in session time (seconds since the session began).

    Thread-safe: the camera worker calls `add_frame` while the audio path calls `add_audio`.
    """

    def __init__(self, path: Path, keep_video: bool = True, nominal_fps: int = 30) -> None:
        self.path = Path(path)
        self.failure: str | None = None
        self.chapters: list[Chapter] = []
        self._lock = threading.Lock()
        self._last_video_ms = -1
        self._audio_samples = 0  # samples written so far: the audio clock
        self.video_frames = 0
        self._video_held = False  # an answer is paused: its picture is left out, as its sound
        self._video_shift_s = 0.0  # after a pause: frames go where the answer's audio goes on
        try:
            self._container = av.open(
                str(self.path),
                mode="w",
                format="matroska",
                options={
                    "cluster_time_limit": "1000",
                    "flush_packets": "1",
                    "max_interleave_delta": MAX_INTERLEAVE_DELTA_US,
                },
            )
        except (av.error.FFmpegError, OSError) as exc:
            raise MediaError(f"cannot create the recording {self.path}: {exc}") from exc
        self._video = None
        if keep_video:
            video = self._container.add_stream("libx264", rate=nominal_fps)
            video.width, video.height = VIDEO_SIZE
            video.pix_fmt = "yuv420p"
            video.time_base = MS
            video.codec_context.time_base = MS
            # veryfast + zerolatency: keeps up on 2 shared cores and emits packets at once
            # instead of buffering ~40 frames, so a crash loses almost nothing.
            video.options = {"preset": "veryfast", "tune": "zerolatency", "crf": VIDEO_CRF}
            self._video = video
        audio = self._container.add_stream("aac", rate=SAMPLE_RATE)
        audio.layout = "mono"
        audio.bit_rate = AUDIO_BITRATE
        self._audio = audio

    @property
    def recording(self) -> bool:
        return self._container is not None and self.failure is None

    @property
    def audio_s(self) -> float:
        return self._audio_samples / SAMPLE_RATE

    def _fail(self, exc: Exception) -> None:
        """Stop recording after an I/O error; what reached the disk stays playable."""
        reason = getattr(exc, "strerror", None) or str(exc)
        self.failure = (
            f"Recording stopped: cannot write {self.path} ({reason}). Free disk space; the "
            "answers go on being saved and the recording keeps what was written so far."
        )
        log.error(self.failure)

    @staticmethod
    def _mux(container, packets) -> None:
        for packet in packets:
            container.mux(packet)

    def add_frame(self, image_bgr: np.ndarray, at_s: float) -> None:
        """One camera frame (BGR uint8 of any size; scaled to 640x480) shown at `at_s`."""
        if self._video is None or not self.recording:
            return
        frame = _yuv_frame(image_bgr)  # before the lock: add_audio need not wait for it
        with self._lock:
            # Checked again under the lock: close() may have flushed the encoder meanwhile.
            if self._video_held or not self.recording:
                return
            stamp = round((at_s - self._video_shift_s) * 1000)
            if stamp <= self._last_video_ms:
                return  # a frame at the same millisecond adds nothing and breaks monotony
            frame.pts = stamp
            frame.time_base = MS
            try:
                self._mux(self._container, self._video.encode(frame))
            except (av.error.FFmpegError, OSError) as exc:
                self._fail(exc)
                return
            self._last_video_ms = stamp
            self.video_frames += 1

    def add_audio(self, samples: np.ndarray, at_s: float | None = None) -> None:
        """Mono float32 samples at 16 kHz starting at `at_s` (default: right after the last ones).

        A gap before `at_s` becomes silence; samples that would overlap what is already written
        are trimmed (the file's audio clock only moves forward).
        """
        if not self.recording:
            return
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        with self._lock:
            if not self.recording:  # closed meanwhile (see add_frame)
                return
            if at_s is not None:
                start = round(at_s * SAMPLE_RATE)
                if start > self._audio_samples:
                    gap = np.zeros(start - self._audio_samples, dtype=np.float32)
                    samples = np.concatenate([gap, samples])
                elif start < self._audio_samples:
                    samples = samples[self._audio_samples - start :]
            if samples.size == 0:
                return
            frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="fltp", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            frame.pts = self._audio_samples
            frame.time_base = Fraction(1, SAMPLE_RATE)
            try:
                self._mux(self._container, self._audio.encode(frame))
            except (av.error.FFmpegError, OSError) as exc:
                self._fail(exc)
                return
            self._audio_samples += samples.size

    def hold_video(self) -> None:
        """An answer is paused (or its microphone lost): frames are left out until
        `continue_video`, as the answer's audio leaves the pause out."""
        with self._lock:
            self._video_held = True

    def continue_video(self, at_s: float) -> None:
        """The held answer goes on at `at_s` on the session clock: from here frames are written
        where its audio goes on (the audio clock), so picture and sound stay in step."""
        with self._lock:
            if self._video_held:
                self._video_held = False
                self._video_shift_s = max(0.0, at_s - self.audio_s)

    def release_video(self) -> None:
        """The answer ended: frames are written at their session time again (the audio catches
        up with silence when the next sound is added at its time)."""
        with self._lock:
            self._video_held = False
            self._video_shift_s = 0.0

    def add_chapter(self, title: str, at_s: float) -> None:
        self.chapters.append(Chapter(title, at_s))

    def close(self) -> None:
        """Flush the encoders and write the index and chapters; safe to call twice."""
        with self._lock:
            container, self._container = self._container, None
            if container is None:
                return
            if self.failure is None:
                try:
                    for stream in (self._video, self._audio):
                        if stream is not None:
                            self._mux(container, stream.encode(None))
                    self._set_chapters(container)
                except (av.error.FFmpegError, OSError) as exc:
                    self._fail(exc)
            try:
                container.close()
            except (av.error.FFmpegError, OSError) as exc:
                if self.failure is None:
                    self._fail(exc)

    def _set_chapters(self, container) -> None:
        if not self.chapters or not hasattr(container, "set_chapters"):
            return
        end = max(self.audio_s, self._last_video_ms / 1000)
        chapters = []
        for n, chapter in enumerate(self.chapters):
            stop = self.chapters[n + 1].start_s if n + 1 < len(self.chapters) else end
            chapters.append(
                {
                    "id": n + 1,
                    "start": round(chapter.start_s * 1000),
                    "end": max(round(stop * 1000), round(chapter.start_s * 1000) + 1),
                    "time_base": MS,
                    "metadata": {"title": chapter.title},
                }
            )
        container.set_chapters(chapters)

    def __enter__(self) -> SessionRecording:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def probe_recording(path: Path) -> dict[str, float | int]:
    """Decode a recording to its end: what a player would get (used by tests and `sessions`)."""
    try:
        with av.open(str(path)) as container:
            video_frames = 0
            audio_s = 0.0
            last_video = 0.0
            for frame in container.decode(*container.streams):
                if isinstance(frame, av.VideoFrame):
                    video_frames += 1
                    last_video = float(frame.time or 0.0)
                else:
                    audio_s += frame.samples / frame.sample_rate
            chapters = len(container.chapters()) if hasattr(container, "chapters") else 0
    except (av.error.FFmpegError, OSError) as exc:
        raise MediaError(f"recording {path} cannot be decoded: {exc}") from exc
    return {
        "video_frames": video_frames,
        "video_end_s": last_video,
        "audio_s": audio_s,
        "chapters": chapters,
    }


def first_video_time_s(path: Path) -> float | None:
    """The session time of a recording's first video frame; None when it has no video.

    A file reader counts frame times from the first frame, so this is what maps them back onto
    the session clock (the camera may start a moment after the session).
    """
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                return None
            for frame in container.decode(video=0):
                return float(frame.time or 0.0)
    except (av.error.FFmpegError, OSError) as exc:
        raise MediaError(f"recording {path} cannot be decoded: {exc}") from exc
    return None


def _yuv_frame(image_bgr: np.ndarray) -> av.VideoFrame:
    """A camera frame as the encoder's 640x480 YUV 4:2:0, converted by OpenCV.

    PyAV's from_ndarray and reformat hold the GIL while they copy and convert: py-spy (`--gil`)
    over a 4-minute soak found them 15 % of the process's GIL-held samples, time the window and
    the other threads waited. OpenCV releases it, is three times faster here (0.96 against 2.8 ms
    a frame) and uses the same BT.601 limited-range colours as FFmpeg's swscale (luma within one
    level; chroma averaged over each 2x2 block)."""
    image = np.ascontiguousarray(image_bgr)
    if (image.shape[1], image.shape[0]) != VIDEO_SIZE:
        image = cv2.resize(image, VIDEO_SIZE, interpolation=cv2.INTER_AREA)
    return av.VideoFrame.from_ndarray(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420), format="yuv420p")
