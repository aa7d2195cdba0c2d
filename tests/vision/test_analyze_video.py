"""`mockinterview analyze VIDEO --json`: speech from the audio track and the body block together,
on a real photo made into a clip with real espeak-ng speech as its sound track."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockinterview.cli import main
from tests.conftest import synthesize
from tests.vision.conftest import sway, write_clip

SENTENCE = "I led a team of four engineers and we rebuilt the data pipeline in three months."


@pytest.fixture(scope="module")
def talking_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("talking")
    wav = synthesize(SENTENCE, folder / "answer.wav")
    return write_clip(folder / "answer.mkv", sway(6.0), audio_wav=wav)


def analyze_json(path: Path, capsys: pytest.CaptureFixture) -> dict:
    assert main(["analyze", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_video_gets_speech_and_body(talking_clip: Path, capsys) -> None:
    result = analyze_json(talking_clip, capsys)
    text = result["speech"]["transcript"].lower()
    for word in ("team", "engineers", "pipeline", "months"):
        assert word in text, text
    body = result["body"]
    assert body["frames_analyzed"] == 60  # 6 s at FILE_ANALYSIS_FPS (10)
    assert body["face_visible_pct"] > 95 and body["smile_pct"] > 80
    assert body["slouch_pct"] == 0.0 and body["crossed_arms_pct"] == 0.0
    assert "warnings" not in result


def test_video_without_sound_still_gets_the_body_block(tmp_path: Path, capsys) -> None:
    silent = write_clip(tmp_path / "silent.mp4", sway(3.0))
    result = analyze_json(silent, capsys)
    assert result["speech"] is None
    assert result["body"]["face_visible_pct"] > 95
    assert any("no audio track" in w for w in result["warnings"])


def test_truncated_video_is_analysed_up_to_the_break(talking_clip: Path, tmp_path, capsys) -> None:
    cut = tmp_path / "cut.mkv"
    data = talking_clip.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    result = analyze_json(cut, capsys)
    assert 20 < result["body"]["frames_analyzed"] < 90
    assert any("breaks off" in w for w in result["warnings"])


def test_a_recording_without_a_camera_gets_its_speech_measured(tmp_path: Path, capsys) -> None:
    """A session recorded without a camera: a video track with no picture, and the sound. It
    was refused whole as "no video frame could be decoded (damaged file)"."""
    from tests.gui.conftest import write_recording

    wav = synthesize("Thank you for the question, I led the migration.", tmp_path / "said.wav")
    result = analyze_json(write_recording(tmp_path / "no-camera.mkv", 0.0, wav), capsys)
    assert "migration" in result["speech"]["transcript"].lower()
    assert result["body"] is None
    (warning,) = result["warnings"]
    assert "holds no picture" in warning and "Only the speech was analysed" in warning


def test_audio_file_has_no_body_block(tmp_path: Path, capsys) -> None:
    wav = synthesize("Thank you for the question.", tmp_path / "answer.wav")
    assert analyze_json(wav, capsys)["body"] is None


def test_unreadable_video_is_one_clear_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "answer.mkv"
    bad.write_bytes(b"\x1a\x45\xdf\xa3" + b"\x00" * 100)
    assert main(["analyze", str(bad), "--json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "answer.mkv" in err[0] and "Traceback" not in err[0]
