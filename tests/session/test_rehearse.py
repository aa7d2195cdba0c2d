"""`rehearse --headless`: JSON output, and a SIGKILL mid-session loses nothing stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from mockinterview.core.session.recording import probe_recording
from mockinterview.core.session.store import SessionStore

REHEARSE = [
    sys.executable,
    "-m",
    "mockinterview",
    "rehearse",
    "--headless",
    "--bank",
    "ml-engineer",
]


def test_kill_during_second_answer_keeps_first_and_recording_then_recovers(
    answer_wavs: list[Path], camera_clip: Path
) -> None:
    command = [
        *REHEARSE,
        "--count",
        "2",
        "--no-greeting",
        "--realtime",
        "--camera",
        str(camera_clip),
    ]
    for wav in answer_wavs:
        command += ["--mic", str(wav)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    lines = []
    deadline = time.monotonic() + 240
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        if "Q2 listening" in line or not line:
            break
    assert "Q2 listening" in lines[-1], "".join(lines)
    time.sleep(2.0)  # well inside the second answer (about 7 s of speech, paced in real time)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()

    store = SessionStore()
    (interrupted,) = store.interrupted_sessions()
    data = store.session_dict(interrupted.session_id)
    assert [a["question_id"] for a in data["answers"]] == ["validation-vs-test-set"]
    assert "validation" in data["answers"][0]["transcript"].lower()
    probe = probe_recording(Path(data["recording"]))  # decodes to the end without an error
    first = data["answers"][0]
    assert probe["audio_s"] > first["recording_offset_s"] + first["duration_s"]
    assert probe["video_frames"] > 50

    # The next start recovers it, then runs its own session and prints the contract's JSON.
    again = subprocess.run(
        [
            *REHEARSE,
            "--count",
            "1",
            "--no-closing",
            "--no-greeting",
            "--mic",
            str(answer_wavs[0]),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert again.returncode == 0, again.stderr
    assert f"Recovered interrupted session {interrupted.session_id}: 1 answers kept" in again.stderr
    assert store.session_dict(interrupted.session_id)["status"] == "recovered"
    out = json.loads(again.stdout)
    assert {"session_id", "answers", "recording"} <= set(out)
    (answer,) = out["answers"]
    assert {"question_id", "question", "transcript", "speech", "body", "content"} <= set(answer)
    assert answer["body"] is None and answer["speech"]["word_count"] > 5
    assert Path(out["recording"]).is_file()


def test_too_few_mic_files_is_one_clear_line(answer_wavs: list[Path]) -> None:
    done = subprocess.run(
        [*REHEARSE, "--count", "2", "--mic", str(answer_wavs[0])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "3 questions (with the closing one) need 3 --mic files, got 1" in done.stderr
    assert "Traceback" not in done.stderr
