"""`mockinterview analyze` and `mockinterview voices` end to end, through cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockinterview.cli import main
from tests.speech.conftest import silence

pytestmark = pytest.mark.slow


def test_analyze_json_follows_the_contract(
    answer_clip: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(answer_clip), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["schema"] == "mockinterview.analysis/1"
    assert result["source"] == str(answer_clip.resolve())
    assert result["body"] is None
    speech = result["speech"]
    assert "two months early" in speech["transcript"].lower()
    assert speech["word_count"] == len(speech["words"]) > 20
    assert set(speech["words"][0]) == {"text", "start", "end"}
    assert speech["filler_count"] == len(speech["fillers"]) >= 3
    assert {"like", "you know"} <= {f["text"] for f in speech["fillers"]}
    assert [h["text"] for h in speech["hedges"]] == ["i think"]
    assert 100 < speech["wpm"] < 200
    assert speech["answer_length"]["verdict"] == "short"  # a 12 s answer
    assert "short" in speech["flags"]
    assert -40 < speech["loudness_dbfs"] < -5
    assert speech["pitch_variation_st"] > 0


def test_the_length_flag_follows_the_questions_own_target(
    answer_clip: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same 12 s answer to the closing question (5-90 s: one clear question is enough) is
    no "short" answer: the flag was the default 20 s whatever the question, beside a report
    that judged the length inside the band."""
    command = ["analyze", str(answer_clip), "--json", "--bank", "general"]
    assert main([*command, "--question", "questions-for-us"]) == 0
    speech = json.loads(capsys.readouterr().out)["speech"]
    assert speech["answer_length"]["target_s"] == [5, 90]
    assert speech["answer_length"]["verdict"] == "ok" and "short" not in speech["flags"]


def test_analyze_summary_is_readable(answer_clip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(answer_clip)]) == 0
    out = capsys.readouterr().out
    assert "Transcript: " in out
    assert "words/min" in out
    assert "Fillers: " in out
    # Judged in the report's words: the 12 s answer is below its band, not "ok".
    judged = out.split("Judged as in the report:\n")[1].splitlines()
    # No question was given: the band is said to be the usual one, and how to get its own.
    (length,) = (line for line in judged if line.startswith("  Answer length: "))
    assert "below the band (60-120 s)" in length and "--question" in length, length
    assert any(line.startswith("  Pace: ") for line in judged)
    assert "(ok;" not in out


def test_a_file_without_speech_says_so(tmp_path: Path, capsys) -> None:
    from mockinterview.core.audio_file import write_wav

    quiet = write_wav(tmp_path / "quiet.wav", silence(3.0))
    assert main(["analyze", str(quiet)]) == 0
    out = capsys.readouterr().out
    assert "No speech was found" in out
    assert "Judged as in the report" not in out  # not "3 s is 57 s below the band"
    assert main(["analyze", str(quiet), "--json"]) == 0
    speech = json.loads(capsys.readouterr().out)["speech"]
    assert speech["transcript"] == "" and speech["words"] == []
    assert speech["flags"] == ["no_speech"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.wav", None, "no such file"),
        ("empty.wav", b"", "is empty"),
        ("notes.wav", b"not audio at all\n" * 50, "not an audio or video file"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(
    tmp_path: Path, capsys, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["analyze", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0]
    assert "Traceback" not in captured.err


def test_voices_lists_espeak_voices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["voices", "--json", "--language", "en"]) == 0
    voices = json.loads(capsys.readouterr().out)
    assert voices, "espeak-ng ships English voices"
    assert all(any(lang.startswith("en") for lang in v["languages"]) for v in voices)
    assert main(["voices"]) == 0
    assert "voice.voice" in capsys.readouterr().out
