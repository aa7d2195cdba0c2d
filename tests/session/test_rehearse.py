"""`rehearse --headless`: JSON output, and a SIGKILL mid-session loses nothing stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    assert "validation" in data["answers"][0]["transcript"].lower(), data["answers"][0]
    probe = probe_recording(Path(data["recording"]))  # decodes to the end without an error
    first = data["answers"][0]
    assert probe["audio_s"] > first["recording_offset_s"] + first["duration_s"], (probe, first)
    # Live, frames are analysed as they come, so a loaded machine records fewer of them.
    assert probe["video_frames"] > 10, probe

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
    assert f"Recovered interrupted session {interrupted.session_id}: 2 answers kept" in again.stderr
    recovered = store.session_dict(interrupted.session_id)
    assert recovered["status"] == "recovered"
    # What was said of the second answer before the kill is kept, analysed as in a normal
    # session, and marked partial: body cues from the recording's frames over its time range.
    first, second = recovered["answers"]
    assert not first["partial"] and second["partial"]
    assert second["question_id"] == "stratified-cross-validation"
    assert 0.5 < second["duration_s"] < 6.0, second["duration_s"]
    assert second["speech"]["word_count"] >= 2, second["transcript"]
    # ~2 s of the recording's frames (live, a loaded machine records few per second).
    assert second["body"]["frames_analyzed"] >= 3, second["body"]
    assert second["body"]["face_visible_pct"] > 50, second["body"]
    assert second["recording_offset_s"] > first["recording_offset_s"] + first["duration_s"]
    assert Path(second["audio"]).is_file()
    assert not list(store.media_dir(interrupted.session_id).glob(".answer-*"))
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


def test_an_unreadable_mic_file_is_one_clear_line_before_anything_starts(
    answer_wavs: list[Path], tmp_path: Path
) -> None:
    """Checked before the first question is asked, as --camera is, not when its answer is due."""
    damaged = tmp_path / "answer.m4a"
    damaged.write_bytes(bytes(2000))
    done = subprocess.run(
        [*REHEARSE, "--count", "1", "--no-closing", "--mic", str(damaged)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert f"{damaged} is not an audio or video file that can be read" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert SessionStore().list_sessions() == []


@pytest.mark.usefixtures("virtual_audio")
def test_a_microphone_that_names_no_device_is_one_clear_line_before_anything_starts() -> None:
    """Headless there is no one to press Resume: a typo would otherwise wait for ever."""
    done = subprocess.run(
        [*REHEARSE, "--count", "1", "--mic", "no-such-microphone-xyz"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "No microphone matches 'no-such-microphone-xyz'" in done.stderr
    assert "did not start" in done.stderr and "Traceback" not in done.stderr
    assert SessionStore().list_sessions() == []


@pytest.mark.audio
@pytest.mark.usefixtures("virtual_audio")
def test_live_session_on_the_virtual_microphone_and_speaker(answer_wavs: list[Path]) -> None:
    """Live path: the question plays on the speaker, the answer comes through a real-time mic,
    the transcript streams while it is spoken, and silence after it ends the answer."""
    process = subprocess.Popen(
        # one answer is fed to the microphone, so no follow-up question to answer
        [
            *REHEARSE,
            "--count",
            "1",
            "--no-closing",
            "--no-greeting",
            "--mic",
            "pulse",
            "--json",
            "--follow-up",
            "off",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stderr is not None
    lines = [process.stderr.readline()]
    while lines[-1] and "Q1 listening" not in lines[-1]:
        lines.append(process.stderr.readline())
    assert "Q1 listening" in lines[-1], "".join(lines)
    time.sleep(2.5)  # PulseAudio's first capture callback comes ~2 s after the stream opens
    subprocess.run(["paplay", "--device=micfeed", str(answer_wavs[0])], check=True, timeout=60)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    (answer,) = json.loads(out)["answers"]
    assert "validation" in answer["transcript"].lower(), (answer["transcript"], err)
    assert answer["speech"]["word_count"] > 10
    # Transcribed live, then once more from the whole answer when the session was over.
    assert answer["speech"]["transcription"] == "whole"
    assert "Refining the transcripts from the whole recordings: Q1 (1 of 1)" in err
    assert "Transcripts refined from the whole recordings: Q1 " in err
    # The answer ends on the silence rule: the speech, plus the silence_end_s setting, plus the
    # microphone's start-up; not at some fixed maximum.
    assert 8 < answer["duration_s"] < 25, (answer["duration_s"], err)
    probe = probe_recording(Path(json.loads(out)["recording"]))
    assert probe["audio_s"] >= answer["recording_offset_s"] + answer["duration_s"] - 0.5
