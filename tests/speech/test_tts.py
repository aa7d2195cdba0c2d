"""Speaking questions: pyttsx3 renders complete WAVs; playback reaches the virtual speaker."""

from __future__ import annotations

import subprocess
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.errors import MediaError, SettingsError
from mockinterview.core.settings import AudioSettings, Settings, VoiceSettings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.delivery import plain
from mockinterview.core.speech.tts import QuestionVoice, Speaker, silence_reason

QUESTION = "Tell me about a time you disagreed with your manager."


@pytest.fixture(scope="module")
def voice():
    voice = QuestionVoice(VoiceSettings(rate=150))
    yield voice
    voice.close()


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.mark.slow
def test_question_is_rendered_to_a_complete_wav(
    voice: QuestionVoice, tmp_path: Path, transcriber: Transcriber
) -> None:
    path = voice.synthesize(QUESTION, tmp_path / "q1.wav")
    assert 2.0 < duration(path) < 8.0
    text = transcriber.transcribe(decode_audio(path)).text.lower()
    assert "disagreed with your manager" in text


def test_an_empty_rendering_is_rendered_again(
    voice: QuestionVoice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The espeak driver occasionally leaves a WAV with no frames; the question is rendered again
    rather than being shown as text only. The first rendering's file is emptied to stand in."""
    from mockinterview.core.speech import tts

    real_wait = tts.wait_for_complete_wav
    calls = []

    def first_one_empty(path: Path, timeout_s: float = 0.3) -> float:
        calls.append(path)
        if len(calls) == 1:
            with wave.open(str(path), "wb") as empty:
                empty.setnchannels(1)
                empty.setsampwidth(2)
                empty.setframerate(22050)
            return real_wait(path, 0.3)
        return real_wait(path)

    monkeypatch.setattr(tts, "wait_for_complete_wav", first_one_empty)
    path = voice.synthesize("Why do you want this job?", tmp_path / "q.wav")
    assert len(calls) == 2
    assert duration(path) > 1.0


def test_a_later_question_never_overwrites_an_earlier_file(
    voice: QuestionVoice, tmp_path: Path
) -> None:
    first = voice.synthesize("Why do you want this job?", tmp_path / "q1.wav")
    before = first.read_bytes()
    second = voice.synthesize(QUESTION + " " + QUESTION, tmp_path / "q2.wav")
    assert first.read_bytes() == before
    assert duration(second) > duration(first) * 2
    assert not list(tmp_path.glob("*.part.wav"))


def test_calls_from_many_threads_share_the_one_engine(voice: QuestionVoice, tmp_path) -> None:
    paths = [tmp_path / f"q{i}.wav" for i in range(3)]
    threads = [
        threading.Thread(target=voice.synthesize, args=(f"Question number {i}.", p))
        for i, p in enumerate(paths)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(duration(p) > 0.5 for p in paths)


def test_unknown_voice_and_empty_text_are_clear_errors(voice: QuestionVoice) -> None:
    with pytest.raises(SettingsError, match=r"not installed.*mockinterview voices"):
        QuestionVoice(VoiceSettings(voice="klingon-opera-xyz"))
    with pytest.raises(MediaError, match="no question text"):
        voice.synthesize("   ", Path("unused.wav"))


@pytest.mark.audio
@pytest.mark.slow
def test_playback_reaches_the_virtual_speaker(
    private_sink: str,
    monkeypatch: pytest.MonkeyPatch,
    voice: QuestionVoice,
    tmp_path: Path,
    transcriber: Transcriber,
) -> None:
    """Record the virtual speaker's monitor while the app plays the question: the words must be
    in it. The sink is this test's own, so nobody else's playback mixes in."""
    monkeypatch.setenv("PULSE_SINK", private_sink)
    question = voice.synthesize(QUESTION, tmp_path / "q.wav")
    captured = tmp_path / "heard.wav"
    monitor = subprocess.Popen(
        ["parec", "-d", f"{private_sink}.monitor", "--file-format=wav", "--channels=1", captured]
    )
    try:
        # An idle null sink is suspended and parec connects late: a second of silence first
        # wakes both, so the recording holds the whole question.
        assert Speaker("").play(np.zeros(22050, np.float32), 22050) is True
        started = time.monotonic()
        assert Speaker("").play_file(question) is True
        played_s = time.monotonic() - started
        time.sleep(0.3)
    finally:
        monitor.terminate()
        monitor.wait(timeout=5)
    # play() returns when the question has finished, give or take the device's own buffer.
    assert played_s >= duration(question) - 0.5
    heard = transcriber.transcribe(decode_audio(captured)).words
    assert "disagreed with your manager" in " ".join(plain(w.text) for w in heard)


@pytest.mark.audio
def test_cancel_stops_a_question_early(virtual_audio: None, voice, tmp_path: Path) -> None:
    question = voice.synthesize(QUESTION * 3, tmp_path / "long.wav")
    speaker = Speaker("")
    threading.Timer(0.7, speaker.cancel).start()
    started = time.monotonic()
    assert speaker.play_file(question) is False
    assert time.monotonic() - started < duration(question) / 2


@pytest.mark.audio
def test_silence_reason(virtual_audio: None) -> None:
    assert silence_reason(Settings()) is None
    broken = Settings(audio=AudioSettings(speaker="no-such-speaker-xyz"))
    assert "No speaker matches 'no-such-speaker-xyz'" in silence_reason(broken)


def test_voices_are_listed_through_the_running_engine(voice: QuestionVoice) -> None:
    from mockinterview.core.speech.tts import list_voices

    names = [v.name for v in list_voices()]
    assert names == [v.name for v in voice.voices()]
    assert any("English" in name for name in names)


def test_rendering_prints_nothing_and_swallows_nobody_elses_output(
    voice: QuestionVoice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The espeak driver's "Audio saved" line would corrupt `--json` output; and hiding it by
    swapping sys.stdout would also hide what other threads print meanwhile."""
    done = threading.Event()
    printed = 0

    def chatter() -> None:
        nonlocal printed
        while not done.is_set():
            print("still here")
            printed += 1
            time.sleep(0.001)

    printer = threading.Thread(target=chatter)
    printer.start()
    voice.synthesize(QUESTION + " " + QUESTION, tmp_path / "q.wav")
    done.set()
    printer.join()
    out = capsys.readouterr().out
    assert "Audio saved" not in out
    assert printed > 0 and out.count("still here") == printed
