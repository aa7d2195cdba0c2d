"""The live chunks decoded in a process of their own (chunk_process): the same words as in the
app's process, a chunk in flight at Stop given up and its words kept, and a process that cannot
start never losing an answer. Real tiny.en on real espeak-ng speech."""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.settings import Settings, WhisperSettings
from mockinterview.core.speech.asr import StreamingTranscriber, Transcriber
from mockinterview.core.speech.chunk_process import ChunkProcess
from tests.speech.conftest import silence, speech

pytestmark = pytest.mark.slow

SENTENCES = (
    "I started by measuring where the time went.",
    "Then we fixed the biggest problem first.",
    "The release after that shipped two weeks early.",
)


@pytest.fixture
def answer(tmp_path: Path) -> np.ndarray:
    """Three sentences, each closed by a pause a worker cuts at."""
    parts = []
    for n, text in enumerate(SENTENCES):
        parts += [speech(text, tmp_path / f"{n}.wav"), silence(1.2)]
    return np.concatenate(parts)


def stepped(live: StreamingTranscriber, samples: np.ndarray) -> str:
    """The transcript of `samples` with the worker's looks taken on the speaker's clock (each
    look sees the audio said by then), then Stop."""
    block = SAMPLE_RATE // 10
    for start in range(0, len(samples), block):
        live.feed(samples[start : start + block])
        if (start // block) % round(live.poll_s * 10) == 0:
            live.step()
    return live.finish().text


@pytest.fixture
def process() -> Iterator[ChunkProcess]:
    chunks = ChunkProcess(Settings())
    yield chunks
    chunks.close()


def test_chunks_decoded_in_the_process_read_as_in_this_one(
    answer: np.ndarray, transcriber: Transcriber, process: ChunkProcess
) -> None:
    here = stepped(StreamingTranscriber(transcriber), answer)
    there = stepped(StreamingTranscriber(transcriber, process=process), answer)
    assert "biggest problem" in there.lower() and "two weeks early" in there.lower()
    assert there == here
    process.close()  # the session is over: no decoding process is left behind
    assert not [p for p in multiprocessing.active_children() if p.name == "asr-chunks"]


def test_stop_gives_up_the_chunk_in_flight_and_keeps_its_words(
    answer: np.ndarray, transcriber: Transcriber, process: ChunkProcess
) -> None:
    live = StreamingTranscriber(transcriber, process=process, poll_s=0.05)
    live.start()
    live.feed(answer)  # the whole answer at once: the worker takes a chunk and sends it
    deadline = time.monotonic() + 60
    while not process.decoding and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.decoding, "the worker never sent a chunk"
    text = live.finish().text.lower()  # the process is still loading its model, or decoding
    assert live.finish_timing is not None and live.finish_timing.gave_up
    assert live.finish_timing.left_s > 5.0  # the chunk given up was decoded after Stop
    for words in ("measuring where the time went", "biggest problem", "two weeks early"):
        assert words in text
    # The next answer starts a new process, which decodes its chunks.
    assert (
        "biggest problem"
        in stepped(StreamingTranscriber(transcriber, process=process), answer).lower()
    )
    assert not process.decoding


def test_a_process_that_cannot_start_loses_no_words(
    answer: np.ndarray, transcriber: Transcriber, tmp_path: Path
) -> None:
    no_model = WhisperSettings(model=str(tmp_path / "no-model"))
    broken = ChunkProcess(dataclasses.replace(Settings(), whisper=no_model))
    try:
        live = StreamingTranscriber(transcriber, process=broken)
        text = stepped(live, answer).lower()
    finally:
        broken.close()
    assert live.process is None  # decoded in this process after the first chunk failed
    for words in ("measuring where the time went", "biggest problem", "two weeks early"):
        assert words in text
