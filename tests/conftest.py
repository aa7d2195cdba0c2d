"""Shared fixtures: a private data folder per test, real speech clips, a real X server on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from benchmarks.virtual_audio import AudioTurn, null_sink, virtual_mic_exists

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so none reads or writes the developer's real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(home))
    return home


def synthesize(text: str, path: Path, words_per_minute: int = 160, voice: str = "en-us") -> Path:
    """Speak `text` into a WAV with espeak-ng: real speech audio that Whisper must transcribe."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh --test installs it)")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return path


# An interviewer (a second espeak-ng voice) asks two questions; the candidate answers each.
# The first is the general bank's question word for word, the second is in no bank and is a
# request rather than a question (Whisper ends it with a full stop).
INTERVIEW = (
    ("question", "Why do you want to work for this company?"),
    (
        "answer",
        "I like the product and I have used it for years. I want to help the team make it "
        "faster, because I worked on performance at my last job.",
    ),
    ("question", "Tell me about your greatest strength."),  # asked without a question mark
    (
        "answer",
        "My greatest strength is that I finish what I start. Last year I took over a late "
        "project and shipped it in six weeks.",
    ),
)
INTERVIEW_VOICES = {"question": "en-us+f3", "answer": "en-us"}
INTERVIEW_SILENCE_S = {"question": 1.2, "answer": 4.0}  # after a question, after an answer


def make_interview_wav(folder: Path) -> Path:
    """A 28 s two-question interview recorded elsewhere, as a file to import."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio, write_wav

    pieces = []
    for n, (who, text) in enumerate(INTERVIEW):
        voice = INTERVIEW_VOICES[who]
        wav = synthesize(text, folder / f"{n}.wav", words_per_minute=150, voice=voice)
        pieces.append(decode_audio(wav))
        pieces.append(np.zeros(round(INTERVIEW_SILENCE_S[who] * SAMPLE_RATE), np.float32))
    return write_wav(folder / "interview.wav", np.concatenate(pieces))


@pytest.fixture(scope="session")
def whisper_model():
    """The bundled tiny.en model, loaded once for the whole run, as the app loads it: with the
    tokenizer read beforehand (every test transcribing through it checks that tokenizer)."""
    from mockinterview.core.models import load_whisper, read_whisper_tokenizer
    from mockinterview.core.settings import WhisperSettings

    settings = WhisperSettings()
    return load_whisper(settings, read_whisper_tokenizer(settings))


@pytest.fixture(scope="session")
def transcriber(whisper_model):
    """A Transcriber on the shared model (one caller at a time, as tests run)."""
    from mockinterview.core.speech.asr import Transcriber

    return Transcriber(whisper_model)


class HeldTranscription:
    """Every Whisper decode waits until `release` is set, as a loaded machine holds it back (at
    load 30 a part's transcript took 24 s): what must not wait for a transcript shows by
    happening while one is held. `asked` is set once a decode waits; `decoded` lists
    (seconds of audio, live) of each decode once it runs: live is a StreamingTranscriber chunk
    (greedy after Stop, or without the openings pass while the person speaks) or a group of its
    chunks decoded again, not a pass over the whole answer."""

    def __init__(self, limit_s: float) -> None:
        import threading

        self.asked = threading.Event()
        self.release = threading.Event()
        self.decoded: list[tuple[float, bool]] = []
        self._limit_s = limit_s

    def wrap(self, transcribe):
        from mockinterview.core.audio_file import SAMPLE_RATE

        def held(transcriber, samples, offset_s=0.0, greedy=False, openings=True):
            self._hold(len(samples) / SAMPLE_RATE, greedy or not openings)
            return transcribe(transcriber, samples, offset_s, greedy, openings)

        return held

    def wrap_process(self, transcribe):
        """The same for a live chunk sent to the decoding process (speech.chunk_process), which
        a loaded machine holds back as much."""
        from mockinterview.core.audio_file import SAMPLE_RATE

        def held(process, audio, offset_s, openings=False):
            self._hold(len(audio) / SAMPLE_RATE, True)
            return transcribe(process, audio, offset_s, openings)

        return held

    def _hold(self, seconds: float, live: bool) -> None:
        self.asked.set()
        self.release.wait(self._limit_s)  # bounded: a test that fails still ends
        self.decoded.append((seconds, live))


@pytest.fixture
def held_transcription(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldTranscription]:
    """Whisper decodes held back until the test sets `.release` (HeldTranscription), in this
    process and in the live chunks' decoding process alike."""
    from mockinterview.core.speech.asr import Transcriber
    from mockinterview.core.speech.chunk_process import ChunkProcess

    held = HeldTranscription(limit_s=180.0)
    monkeypatch.setattr(Transcriber, "transcribe", held.wrap(Transcriber.transcribe))
    monkeypatch.setattr(ChunkProcess, "transcribe", held.wrap_process(ChunkProcess.transcribe))
    try:
        yield held
    finally:
        held.release.set()


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) at 1366x768, for window tests and screenshots."""
    from benchmarks.xvfb import start_xvfb

    started = start_xvfb()
    if started is None:
        pytest.skip("Xvfb is not installed or did not start (scripts/setup.sh --test installs it)")
    process, display = started
    try:
        yield display
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def virtual_audio(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Route this process's default mic/speaker to the PulseAudio virtual devices, or skip.

    The devices belong to one PulseAudio daemon for the whole machine, so two test runs at once
    (a developer's and a benchmark, or two checkouts) would speak into each other's microphone:
    a lock file makes them take turns.
    """
    if shutil.which("pactl") is None or shutil.which("paplay") is None:
        pytest.skip("PulseAudio tools missing (scripts/setup.sh --test installs them)")
    if not virtual_mic_exists():
        if not os.environ.get("MOCKINTERVIEW_VIRTUAL_AUDIO"):
            pytest.skip("no virtual audio devices (scripts/test.sh starts them)")
        pytest.fail("MOCKINTERVIEW_VIRTUAL_AUDIO is set but the vmic source does not exist")
    monkeypatch.setenv("PULSE_SOURCE", "vmic")
    monkeypatch.setenv("PULSE_SINK", "vspeaker")
    with AudioTurn():
        yield


@pytest.fixture
def private_sink(virtual_audio: None) -> Iterator[str]:
    """A PulseAudio null sink of this test's own: a virtual speaker (or, through its monitor, a
    virtual microphone) that no other process plays into, and that the test may break at will."""
    with null_sink("mi_test") as name:
        yield name


def played_alike(heard: np.ndarray, sound: np.ndarray) -> float:
    """How alike `sound` is to the stretch of `heard` (a virtual speaker's monitor, recorded)
    where it was played: the correlation of the two, 0.0 if `heard` holds less than all of it.
    Whisper can hear near-identical samples as other words from one run to the next, so a test
    that the speaker got the sound compares samples, and asks Whisper for little."""
    lag = int(np.argmax(np.abs(np.correlate(heard, sound[:16000], "valid"))))
    played = heard[lag : lag + len(sound)]
    return float(np.corrcoef(played, sound)[0, 1]) if len(played) == len(sound) else 0.0
