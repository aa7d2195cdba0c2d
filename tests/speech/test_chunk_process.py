"""The live chunks decoded in a process of their own (chunk_process): the same words as in the
app's process, a chunk in flight at Stop given up and its words kept, chunks decoded again as one
group while the person goes on, and a process that cannot start never losing an answer. Real
tiny.en on real espeak-ng speech."""

from __future__ import annotations

import dataclasses
import multiprocessing
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
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


def said(sentences: tuple[str, ...], folder: Path) -> np.ndarray:
    """The sentences spoken one after another, each closed by a pause a worker cuts at."""
    parts = []
    for n, text in enumerate(sentences):
        parts += [speech(text, folder / f"{n}.wav"), silence(1.2)]
    return np.concatenate(parts)


@pytest.fixture
def answer(tmp_path: Path) -> np.ndarray:
    return said(SENTENCES, tmp_path)


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
    there = stepped(StreamingTranscriber(transcriber, process=process, regroup_s=None), answer)
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


GIVEN_UP_IN_AN_APP = """
import sys, threading, time
from mockinterview.core.audio_file import decode_audio
from mockinterview.core.settings import Settings
from mockinterview.core.speech.chunk_process import Abandoned, ChunkProcess

audio = decode_audio(sys.argv[1])
process = ChunkProcess(Settings())
process.transcribe(audio[:48000], 0.0)  # the model is loaded, and has decoded once
threading.Thread(target=lambda: (time.sleep(0.3), process.give_up())).start()
try:
    process.transcribe(audio, 0.0)
except Abandoned:
    print("given up")
process.close()
"""


def test_a_chunk_given_up_leaves_nothing_behind_when_the_app_closes(
    answer: np.ndarray, tmp_path: Path
) -> None:
    """A process killed at Stop in the middle of a decoding: the app that closes afterwards
    has nothing to clean up (it printed a "leaked semaphore" warning per chunk given up)."""
    clip = write_wav(tmp_path / "answer.wav", np.concatenate([answer] * 3))  # 30 s to decode
    root = Path(__file__).resolve().parents[2]
    ran = subprocess.run(
        [sys.executable, "-c", GIVEN_UP_IN_AN_APP, str(clip)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr
    assert "given up" in ran.stdout
    assert "leaked" not in ran.stderr, ran.stderr


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


LONGER = (
    *SENTENCES,
    "Uh, after that we wrote the steps down for the next team.",
    "Now every release follows the same list.",
)


@pytest.fixture
def longer_answer(tmp_path: Path) -> np.ndarray:
    """Five sentences, about 20 s: chunks enough for a group."""
    return said(LONGER, tmp_path)


def test_chunks_are_decoded_again_as_one_group_while_the_person_goes_on(
    longer_answer: np.ndarray, transcriber: Transcriber, process: ChunkProcess
) -> None:
    live = StreamingTranscriber(transcriber, process=process)
    text = stepped(live, longer_answer).lower()
    assert live.regroupings >= 1
    for words in ("measuring where the time went", "biggest problem", "two weeks early"):
        assert words in text, text
    assert "same list" in text, text
    # The group is decoded as a whole file is (openings pass included): the filler that opens
    # the fourth sentence after a pause is still found.
    assert "uh" in text.split("early", 1)[1], text


def test_a_group_still_decoding_at_stop_is_given_up_and_the_chunks_stand(
    longer_answer: np.ndarray, transcriber: Transcriber, process: ChunkProcess
) -> None:
    sent = threading.Event()
    send = process.transcribe

    def noted(audio: np.ndarray, offset_s: float, openings: bool = False):
        if openings:  # a group, decoded as a whole file is
            sent.set()
        return send(audio, offset_s, openings)

    process.transcribe = noted  # type: ignore[method-assign]
    live = StreamingTranscriber(transcriber, process=process, poll_s=0.05)
    live.start()
    block = SAMPLE_RATE // 10
    for start in range(0, len(longer_answer), block):
        live.feed(longer_answer[start : start + block])
        if sent.is_set():
            break
        time.sleep(0.1)  # as said: a worker fed faster cuts fewer, longer chunks
        # On a slow machine the voice does not wait for a chunk being decoded, and a worker more
        # than REGROUP_PENDING_S behind never regroups (CI once sent no group): here it does wait.
        caught_up = time.monotonic() + 10
        while process.decoding and not sent.is_set() and time.monotonic() < caught_up:
            time.sleep(0.02)
    deadline = time.monotonic() + 5
    while sent.is_set() and not process.decoding and time.monotonic() < deadline:
        time.sleep(0.01)  # the group is being handed over
    assert sent.is_set() and process.decoding, "no group was sent"
    text = live.finish().text.lower()
    assert live.finish_timing is not None and live.finish_timing.gave_up
    assert live.regroupings == 0
    for words in ("measuring where the time went", "biggest problem", "two weeks early"):
        assert words in text, text
