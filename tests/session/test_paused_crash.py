"""Nothing lost around a pause: a live session whose first answer is paused and then goes on,
killed (SIGKILL) at each point around that pause, then recovered with `sessions recover`.

Since a paused answer's picture is held from Pause and its sound goes on where the answer goes
on (the answer's parts lie back to back in the session recording), recovery must find each
answer where its stored offset says: its sound, and the frames its body cues come from. The
child process is tests/session/paused_rehearsal.py (real Whisper, MediaPipe, a video file as
the camera, answer files paced in real time as the microphone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mockinterview.core.session.store import SessionStore
from tests.session.conftest import kill_when

PAUSE_S = 6.0  # s the first answer stays paused before it goes on


def _placement_error_s(recording: Path, offset_s: float, samples) -> float:
    """How far the answer's sound lies in the session recording from where its stored offset
    puts it (s): the shift that best matches the answer's loudness over time to the recording's
    (20 ms steps, up to 8 s either way). Where a word is in the answer must be where it is in
    the recording, or seeking the report's player to a moment lands on the wrong words."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio

    hop = SAMPLE_RATE // 50

    def loudness(x):
        n = len(x) // hop
        return np.sqrt(np.mean(np.square(x[: n * hop].reshape(n, hop)), axis=1))

    answer, whole = loudness(samples), loudness(decode_audio(recording))
    at = round(offset_s * 50)
    scores = {}
    for shift in range(-400, 401):
        start = at + shift
        if start < 0:
            continue
        there = whole[start : start + len(answer)]
        if len(there) < 50:  # under a second of the answer is in the recording there
            continue
        here = answer[: len(there)]
        if there.std() > 0 and here.std() > 0:
            scores[shift] = float(np.corrcoef(here, there)[0, 1])
    best = max(scores, key=scores.get)
    assert scores[best] > 0.8, scores[best]  # the answer's sound is in the recording
    return best / 50


def _video_times(recording: Path) -> list[float]:
    import av

    with av.open(str(recording)) as container:
        return [float(frame.time) for frame in container.decode(video=0)]


@pytest.mark.parametrize(
    ("line", "nth", "after_s"),
    [
        ("paused 0", 1, 1.5),  # the first answer is paused
        ("listening 0", 2, 4.0),  # it goes on after the pause
        ("transcribing 0", 1, 0.0),  # the whole resumed answer is on disk, not yet stored
        ("listening 1", 1, 3.0),  # the next answer, after the resumed one was stored
    ],
)
def test_kill_around_a_paused_answer_keeps_it_where_it_was_said(
    line: str, nth: int, after_s: float, answer_wavs: list[Path], camera_clip: Path
) -> None:
    """A live session with a camera, its first answer paused 2.5 s in for 6 s and then going
    on, killed (SIGKILL) at each point around that pause, then recovered with `sessions
    recover`. Each answer said is kept, holds what was said before and after the pause, and is
    where its stored offset says in the session recording: its sound (the recording leaves
    the pause out, so the answer's audio is its parts back to back) and its picture (frames
    after the pause lie where the sound goes on), from which recovery takes its body cues."""
    from mockinterview.core.audio_file import decode_audio

    part1, part2, answer2 = answer_wavs
    command = [sys.executable, "-m", "tests.session.paused_rehearsal", str(camera_clip)]
    kill_when(
        [*command, str(part1), str(part2), str(answer2), str(PAUSE_S)], line, nth, after_s, "stdout"
    )
    store = SessionStore()
    (interrupted,) = store.interrupted_sessions()
    session_id = interrupted.session_id
    recover = [sys.executable, "-m", "mockinterview", "sessions", "recover"]
    done = subprocess.run(recover, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert f"recovered {session_id}" in done.stdout, done.stdout
    data = store.session_dict(session_id)
    assert data["status"] == "recovered"
    assert not list(store.media_dir(session_id).glob(".answer-*"))
    recording = Path(data["recording"])
    answers = data["answers"]
    assert len(answers) == (2 if line == "listening 1" else 1), json.dumps(answers)[:2000]

    first = answers[0]
    words = first["transcript"].lower()
    assert "tune" in words or "hyper" in words, words  # said before the pause
    if line != "paused 0":  # and after it
        assert "stratif" in words or "cross" in words or "fold" in words, words
    assert first["partial"] == (line in ("paused 0", "listening 0"))
    samples = decode_audio(first["audio"])
    assert abs(_placement_error_s(recording, first["recording_offset_s"], samples)) < 0.3
    assert first["body"]["frames_analyzed"] >= 3, first["body"]
    assert first["body"]["face_visible_pct"] > 50, first["body"]
    if line == "listening 0":
        # Frames of the part after the pause lie inside the answer's time in the recording
        # (written at wall-clock time they would come PAUSE_S later, past its end).
        resumed = first["recording_offset_s"] + 3.5
        frames = [t for t in _video_times(recording) if resumed <= t <= resumed + 1.5]
        assert frames, (first["recording_offset_s"], first["duration_s"])
    if len(answers) == 2:
        second = answers[1]
        assert second["partial"] and second["speech"]["word_count"] >= 2, second["transcript"]
        assert second["recording_offset_s"] > first["recording_offset_s"] + first["duration_s"]
        samples = decode_audio(second["audio"])
        assert abs(_placement_error_s(recording, second["recording_offset_s"], samples)) < 0.3
        assert second["body"]["frames_analyzed"] >= 3, second["body"]
