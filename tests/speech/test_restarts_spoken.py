"""Restarts (a word or phrase said again at once) on real Whisper output.

Whisper's verbatim prompt mostly keeps a stumble as said, so a restart can be counted from the
transcript, and a real reader who reads fluently gets none. The count is the transcript's: Whisper
sometimes tidies a triple into a double (slt's "I like, I like, I like beans" came back with two),
and it can mishear one ("in a week. Week one" came back "and we, we, one" from one voice).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import find_repeats
from tests.conftest import DATA
from tests.speech.conftest import festival_speech

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("voice", ["slt", "kal"])
def test_a_phrase_said_again_is_counted_once_per_restart(
    voice: str, tmp_path: Path, transcriber: Transcriber
) -> None:
    text = "We, we moved the data in a month. I think we, I think we can do it again."
    transcript = transcriber.transcribe(festival_speech(text, tmp_path / "r.wav", voice))
    restarts = find_repeats(transcript.words)
    assert [r.text for r in restarts] == ["we", "i think we"], transcript.text
    assert restarts[0].start < 1.5 < restarts[1].start


def test_real_read_speech_has_no_restart(transcriber: Transcriber) -> None:
    """A LibriVox reader's five sentences, read fluently but for one correction ("a more, a
    amiable"), which says something new rather than the same words again."""
    names = ("0870", "0880", "0890", "0920", "0930")
    pieces = [decode_audio(DATA / "speech" / f"austen-{n}.flac") for n in names]
    transcript = transcriber.transcribe(np.concatenate(pieces))
    assert len(transcript.words) >= 60, transcript.text
    assert find_repeats(transcript.words) == [], transcript.text


def test_analyze_prints_restarts_and_hedges_as_written(tmp_path: Path, capsys) -> None:
    """`analyze` printed "Restarts (said again at once): 'i think we' at 0:03.1": the analysis
    keeps its words lower-case, and every view now shows them as a person writes them."""
    from mockinterview.cli import main
    from mockinterview.core.audio_file import write_wav

    text = "We, we moved the data in a month. I think we, I think we can do it again."
    wav = write_wav(tmp_path / "said.wav", festival_speech(text, tmp_path / "r.wav", "slt"))
    assert main(["analyze", str(wav)]) == 0
    printed = capsys.readouterr().out
    restarts = next(line for line in printed.splitlines() if line.startswith("Restarts"))
    assert "'I think we' at" in restarts and "'i think" not in printed, printed
