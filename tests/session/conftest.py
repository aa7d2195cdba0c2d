"""Session fixtures: real spoken answers (espeak-ng), a real camera clip made from a real photo;
`kill_when`, the SIGKILL of the crash tests."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import time
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from tests.conftest import DATA, synthesize

REPO = Path(__file__).resolve().parents[2]


def kill_when(
    command: list[str], marker: str, nth: int = 1, after_s: float = 0.0, stream: str = "stderr"
) -> list[str]:
    """Run `command` from the repository and SIGKILL it `after_s` after the `nth` line of its
    `stream` (stderr or stdout) that contains `marker`; returns the lines read, and fails when
    the process ended (or 300 s passed) before that line."""
    pipe = {stream: subprocess.PIPE}
    process = subprocess.Popen(command, cwd=REPO, text=True, env=os.environ.copy(), **pipe)
    out = process.stderr if stream == "stderr" else process.stdout
    assert out is not None
    lines: list[str] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = out.readline()
        lines.append(line)
        if not line or sum(marker in seen for seen in lines) == nth:
            break
    time.sleep(after_s)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    out.close()
    assert marker in lines[-1], "".join(lines)
    return lines


# Answers to the first two ml-engineer questions (bank order) and to the closing question.
ANSWERS = (
    "We tune the hyperparameters on the validation set. The test set is held out and used only "
    "once, to estimate the performance on unseen data.",
    "Stratified cross validation keeps the same class proportions in every fold. Use it when "
    "the classes are imbalanced.",
    "Yes. I would like to know what success looks like for the team in the first six months.",
)


@pytest.fixture(scope="session")
def answer_wavs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("answers")
    return [
        synthesize(text, folder / f"answer-{n + 1}.wav", words_per_minute=150)
        for n, text in enumerate(ANSWERS)
    ]


def make_camera_clip(path: Path, seconds: float, fps: int = 10) -> Path:
    """The astronaut photo (real person) with a slow sway, 640x480: a webcam stand-in."""
    base = cv2.resize(cv2.imread(str(DATA / "astronaut.png")), (480, 480))
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for n in range(int(seconds * fps)):
            t = n / fps
            matrix = cv2.getRotationMatrix2D((240, 240), 2.0 * math.sin(t * 1.5), 1.0)
            matrix[0, 2] += 3 * math.sin(t)
            frame = np.zeros((480, 640, 3), np.uint8)
            frame[:, 80:560] = cv2.warpAffine(
                base, matrix, (480, 480), borderMode=cv2.BORDER_REPLICATE
            )
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.fixture(scope="session")
def camera_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_camera_clip(tmp_path_factory.mktemp("camera") / "camera.mp4", seconds=60)


@pytest.fixture(scope="session")
def looking_aside_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """franck-aside.mp4 (a real man looking aside, 4 s played forward and back) looped to 40 s:
    a camera on which eye contact is lost the whole time."""
    path = tmp_path_factory.mktemp("camera") / "looking-aside.mp4"
    with av.open(str(DATA / "franck-aside.mp4")) as source:
        stream = source.streams.video[0]
        rate = stream.average_rate
        frames = [frame.to_ndarray(format="bgr24") for frame in source.decode(stream)]
    with av.open(str(path), "w") as container:
        out = container.add_stream("libx264", rate=rate)
        out.height, out.width = frames[0].shape[:2]
        out.pix_fmt = "yuv420p"
        out.options = {"preset": "ultrafast"}
        for n in range(int(40 * float(rate))):
            image = frames[n % len(frames)]
            for packet in out.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in out.encode(None):
            container.mux(packet)
    return path
