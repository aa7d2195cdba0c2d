"""Read any audio or video file as 16 kHz mono float32, and write WAVs that survive a crash.

Every module that takes audio from disk (the `analyze` command, the file `AudioSource`, the vision
side for the audio track of a video) goes through `decode_audio` / `iter_audio_blocks`, so a file
that is missing, empty, not media, or has no audio track always fails with the same kind of
`MediaError` naming the file and the problem, never with a PyAV traceback.

    samples = decode_audio("answer.m4a")             # np.float32, mono, 16 kHz, in [-1, 1]
    for block in iter_audio_blocks("talk.mkv", block_s=0.1): ...
    with WavWriter("answer-01.wav") as wav: wav.write(samples)   # valid file after every write
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import numpy as np

from mockinterview.core.errors import MediaError

SAMPLE_RATE = 16000  # Hz: what Whisper and the delivery metrics expect


def _check_path(path: Path) -> None:
    if not path.exists():
        raise MediaError(f"{path}: no such file. Check the path and try again.")
    if path.is_dir():
        raise MediaError(f"{path} is a folder; give the path of an audio or video file.")
    if path.stat().st_size == 0:
        raise MediaError(f"{path} is empty (0 bytes); record or export it again.")


def _open_audio(path: Path):
    """The opened container and its first audio track, or a MediaError naming the problem."""
    import av

    _check_path(path)
    try:
        container = av.open(str(path))
    except av.error.FFmpegError as exc:
        if _iso_media(path):
            raise MediaError(
                f"{path} is an MP4/MOV/M4A recording that cannot be read: it is incomplete or "
                f"damaged ({exc.strerror or exc}). A phone or a call app writes the part that "
                "makes it playable last, so a recording or a copy that stopped part-way lacks "
                "it. Copy or export it again from where it was recorded."
            ) from exc
        raise MediaError(
            f"{path} is not an audio or video file that can be read ({exc.strerror or exc}). "
            "Use WAV, FLAC, MP3, M4A/AAC, OGG or a video with a sound track."
        ) from exc
    if not container.streams.audio:
        has_video = bool(container.streams.video)
        container.close()
        if not has_video:  # FFmpeg opens subtitles (.vtt, .srt) and pictures too
            raise MediaError(
                f"{path} is not an audio or video file (it holds no sound and no pictures). "
                "Use WAV, FLAC, MP3, M4A/AAC, OGG or a video with a sound track."
            )
        raise MediaError(f"{path} has no audio track, so there is no answer to analyse.")
    return container, container.streams.audio[0]


def _iso_media(path: Path) -> bool:
    """Whether the file opens like an MP4, MOV or M4A (an ISO media "ftyp" box first)."""
    with open(path, "rb") as handle:
        return handle.read(8)[4:8] == b"ftyp"


def check_audio_file(path: str | Path) -> None:
    """Fail now on a file no answer can be read from, rather than when its answer is due (the
    files `rehearse --mic` stands in for a microphone with: one unreadable file stored an answer
    "(nothing was said)" after the question had been asked)."""
    container, _stream = _open_audio(Path(path))
    container.close()


def iter_audio_blocks(
    path: str | Path, sample_rate: int = SAMPLE_RATE, block_s: float = 0.1
) -> Iterator[np.ndarray]:
    """Yield the first audio track as mono float32 blocks of `block_s` (the last may be shorter).

    Decoding streams through the file, so an hour-long video never sits in memory at once.
    """
    import av

    path = Path(path)
    block = max(1, round(block_s * sample_rate))
    container, stream = _open_audio(path)
    with container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
        pending = np.zeros(0, dtype=np.float32)
        produced = 0
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    pending = np.concatenate([pending, out.to_ndarray().reshape(-1)])
                while len(pending) >= block:
                    produced += block
                    yield pending[:block]
                    pending = pending[block:]
            for out in resampler.resample(None):
                pending = np.concatenate([pending, out.to_ndarray().reshape(-1)])
        except av.error.FFmpegError as exc:
            raise MediaError(
                f"{path} is damaged: decoding stopped after {produced / sample_rate:.1f} s "
                f"({exc.strerror or exc})."
            ) from exc
        for start in range(0, len(pending), block):
            produced += len(pending[start : start + block])
            yield pending[start : start + block]
        if produced == 0:
            raise MediaError(f"{path} has an audio track but it holds no sound samples.")


def decode_audio(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The whole first audio track as one mono float32 array at `sample_rate`."""
    blocks = list(iter_audio_blocks(path, sample_rate, block_s=10.0))
    return np.concatenate(blocks).astype(np.float32, copy=False)


class WavWriter:
    """16-bit mono WAV written block by block; the header is patched after every block.

    `wave.Wave_write.writeframes` rewrites the RIFF and data sizes each call; flushing the file
    after it means a crash (or a pulled plug) leaves a playable WAV holding everything said so far.
    """

    def __init__(self, path: str | Path, sample_rate: int = SAMPLE_RATE) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.samples_written = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        self._wav = wave.open(self._file, "wb")  # noqa: SIM115 - closed in close()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)
        self._wav.writeframes(b"")  # a valid, empty WAV from the first moment

    def write(self, samples: np.ndarray) -> None:
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
        self._wav.writeframes(pcm.tobytes())
        self._file.flush()
        self.samples_written += len(pcm)

    def close(self) -> None:
        if not self._file.closed:
            self._wav.close()
            self._file.close()

    def __enter__(self) -> WavWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_wav(path: str | Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write a whole array as a 16-bit WAV (temp file + rename, so readers never see half)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with WavWriter(tmp, sample_rate) as writer:
        writer.write(samples)
    tmp.replace(path)
    return path
