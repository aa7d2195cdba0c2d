"""`rehearse --headless` on the virtual microphone with `--llm-model`: the answer is followed up
with the question the model wrote (or, when it fails its check, the analysis's own), the person
answers it, and both answers are stored and linked (real Whisper, real runtime, SmolLM2 135M)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from mockinterview.core.llm.catalog import TEST_MODEL_NAME
from mockinterview.core.llm.prompts import check_follow_up
from tests.conftest import synthesize
from tests.llm.conftest import requires_runtime
from tests.llm.test_live_follow_up import RESULT, STORY

pytestmark = [requires_runtime, pytest.mark.audio]


def _read_until(stream: IO[str], needle: str, lines: list[str]) -> None:
    lines.append(stream.readline())
    while lines[-1] and needle not in lines[-1]:
        lines.append(stream.readline())
    assert needle in lines[-1], "".join(lines)


def _answer(wav: Path) -> None:
    time.sleep(2.5)  # PulseAudio's first capture callback comes ~2 s after the stream opens
    subprocess.run(["paplay", "--device=micfeed", str(wav)], check=True, timeout=60)


@pytest.mark.usefixtures("virtual_audio")
def test_a_live_answer_is_followed_up_with_the_models_question(tmp_path: Path) -> None:
    story = synthesize(STORY, tmp_path / "story.wav", words_per_minute=150)
    result = synthesize(RESULT, tmp_path / "result.wav", words_per_minute=150)
    command = [
        *(sys.executable, "-m", "mockinterview", "--llm-model", TEST_MODEL_NAME, "rehearse"),
        *("--headless", "--bank", "general", "--order", "bank", "--count", "1"),
        *("--no-closing", "--no-greeting", "--mic", "pulse", "--json", "--follow-up", "always"),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stderr is not None
    lines: list[str] = []
    try:
        _read_until(process.stderr, "Q1 listening", lines)
        _answer(story)
        _read_until(process.stderr, "Q1 the language model words a follow-up", lines)
        _read_until(process.stderr, "Q1 listening", lines)
        _answer(result)
        out, err = process.communicate(timeout=180)
    finally:
        if process.poll() is None:
            process.kill()
    log = "".join(lines) + err
    assert process.returncode == 0, log
    first, follow = json.loads(out)["answers"]
    assert "pipeline" in first["transcript"].lower(), log
    assert follow["parent_index"] == first["index"] and follow["follow_up"] is None
    asked = follow["question"]
    assert f"Q1 {asked}" in log  # the question printed (and spoken) is the one stored
    if asked != first["follow_up"]["text"]:  # the model's: it passed its check
        check = check_follow_up(asked, first["transcript"], first["question"])
        assert check.ok and check.text == asked, check.problems
    # The follow-up's answer is the one stored under it, however Whisper spells its figures
    # (under load it once heard "four weeks to one month").
    assert "month" in follow["transcript"].lower() and "pipeline" not in follow["transcript"], log
