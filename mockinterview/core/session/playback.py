"""A session recording (or an imported file) decoded for the report's player: pictures as RGB
arrays and sound as float32 blocks, in the order the file holds them, from any position.

    reader = PlaybackReader(path, fit=(560, 420))  # MediaError when the file cannot be read
    reader.duration_s, reader.sample_rate, reader.channels
    reader.picture_at(12.5)                        # the picture showing 12.5 s in
    for item in reader.play_from(12.5): ...        # Picture and Sound, as decoded

Why PyAV: it already reads every file the app touches (the analysis, an import, the recording it
writes). The player used Qt Multimedia, which brought a second FFmpeg of another major version,
the Qt Quick libraries its plugin links, PulseAudio and Qt Network: 27.6 MB of the desktop bundle
for one player, and its own threads, whose teardown could wait on the GIL (issue 19).

Times count from the file's start (its first packet, usually the audio's 0), which is the clock
the answers' `recording_offset_s` and the seek bar's markers use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from mockinterview.core.errors import MediaError
from mockinterview.core.vision.frames import moving_picture

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.stream import Stream

MAX_CHANNELS = 2  # a surround track is mixed down: the player speaks through a laptop


@dataclass(frozen=True, eq=False)
class Picture:
    """One video frame, scaled to fit the view, `time_s` from the file's start."""

    time_s: float
    rgb: np.ndarray  # height x width x 3, uint8


@dataclass(frozen=True, eq=False)
class Sound:
    """A block of audio starting `time_s` from the file's start."""

    time_s: float
    samples: np.ndarray  # frames x channels, float32 in [-1, 1]


def seek(container: InputContainer, at_s: float, sound: Stream | None) -> None:
    """Seek `container` to the keyframe at or before `at_s` (seconds on its own clock).

    A session recorded without a camera has a video stream that holds no picture, through
    which FFmpeg refuses every seek, even to 0 (EPERM): such a report's player showed
    "Unexpected error" and played nothing, and its coach packet could not be written. Where the
    file's own seek is refused, the sound's stream (`sound`, when there is one) seeks, half a
    second early since it lands on the packet after the time asked for; failing that, decoding
    goes on from the start. Raises av's FFmpegError when even that is refused."""
    import av

    try:
        container.seek(round(max(at_s, 0.0) * 1_000_000), backward=True)
        return
    except av.error.FFmpegError:
        if sound is None:
            container.seek(0)
            return
    try:
        where = int(max(at_s - 0.5, 0.0) / float(sound.time_base))
        container.seek(where, backward=True, stream=sound)
    except av.error.FFmpegError:
        container.seek(0)


class PlaybackReader:
    """One open file; not shared between threads (each playing run opens its own)."""

    def __init__(self, path: str | Path, fit: tuple[int, int] | None = None) -> None:
        import av

        self.path = Path(path)
        self.fit = fit
        try:
            self._container = av.open(str(self.path))
        except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
            raise MediaError(f"{self.path.name} cannot be played: {exc}") from exc
        self._video = moving_picture(self._container)
        self._audio = self._container.streams.audio[0] if self._container.streams.audio else None
        if self._video is None and self._audio is None:
            self._container.close()
            raise MediaError(f"{self.path.name} holds neither pictures nor sound to play.")
        if self._video is not None:
            self._video.thread_type = "AUTO"
        start = self._container.start_time
        self._start_s = start / 1_000_000 if start is not None else 0.0
        duration = self._container.duration
        self.duration_s = duration / 1_000_000 if duration is not None else 0.0
        self.has_video = self._video is not None
        self.sample_rate = self._audio.rate if self._audio is not None else None
        self.channels = min(self._audio.channels, MAX_CHANNELS) if self._audio else 0
        self._resampler = None

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> PlaybackReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def picture_at(self, position_s: float) -> Picture | None:
        """The picture on screen `position_s` into the file: the last frame starting at or
        before it (the first frame when it is earlier), None for a file without video."""
        if self._video is None:
            return None
        shown = None
        for frame in self._decoded(position_s, video_only=True):
            time_s = self._time_s(frame)
            if shown is not None and time_s > position_s + 1e-3:
                break
            shown = frame
        return self._picture(shown) if shown is not None else None

    def play_from(self, position_s: float) -> Iterator[Picture | Sound]:
        """Pictures and sound from `position_s` on, in the order the file holds them: the
        picture showing at `position_s` first, sound cut to start there. A file that breaks off
        ends the iteration where it broke (what was decoded before stays playable)."""
        import av

        pending = None  # the newest frame before position_s: shown until the next one is due
        for frame in self._decoded(position_s, video_only=False):
            time_s = self._time_s(frame)
            if isinstance(frame, av.VideoFrame):
                if time_s < position_s - 1e-3:
                    pending = frame
                    continue
                if pending is not None:
                    if time_s > position_s + 1e-3:
                        yield self._picture(pending)
                    pending = None
                yield self._picture(frame)
            else:
                sound = self._sound(frame, time_s)
                skip = round((position_s - time_s) * (self.sample_rate or 0))
                if skip >= len(sound.samples):
                    continue
                if skip > 0:
                    sound = Sound(position_s, sound.samples[skip:])
                yield sound
        if pending is not None:
            yield self._picture(pending)

    def _decoded(self, position_s: float, video_only: bool):
        import av

        streams = [self._video] if video_only else [s for s in (self._video, self._audio) if s]
        self._resampler = None
        try:
            seek(self._container, self._start_s + position_s, self._audio)
        except av.error.FFmpegError as exc:
            raise MediaError(
                f"{self.path.name} cannot be played from {position_s:.1f} s: {exc}"
            ) from exc
        try:
            for packet in self._container.demux(*streams):
                yield from packet.decode()
        except av.error.FFmpegError:
            return  # broke off: what came before was delivered

    def _time_s(self, frame) -> float:
        return float(frame.time) - self._start_s if frame.time is not None else 0.0

    def _picture(self, frame) -> Picture:
        """RGB scaled to `fit` (keeping its shape) off the GUI thread; OpenCV does both
        without the GIL, where PyAV's own conversion holds it."""
        if frame.format.name == "yuv420p" and frame.width % 2 == 0 and frame.height % 2 == 0:
            rgb = cv2.cvtColor(frame.to_ndarray(format="yuv420p"), cv2.COLOR_YUV2RGB_I420)
        else:
            rgb = frame.to_ndarray(format="rgb24")
        if self.fit is not None:
            scale = min(self.fit[0] / frame.width, self.fit[1] / frame.height)
            if scale < 1.0:
                size = (max(round(frame.width * scale), 1), max(round(frame.height * scale), 1))
                rgb = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
        return Picture(self._time_s(frame), np.ascontiguousarray(rgb))

    def _sound(self, frame, time_s: float) -> Sound:
        import av

        if self._resampler is None:
            layout = "mono" if self.channels == 1 else "stereo"
            self._resampler = av.AudioResampler(format="flt", layout=layout, rate=self.sample_rate)
        blocks = [
            f.to_ndarray().reshape(-1, self.channels) for f in self._resampler.resample(frame)
        ]
        samples = np.concatenate(blocks) if blocks else np.zeros((0, self.channels), np.float32)
        return Sound(time_s, samples.astype(np.float32, copy=False))
