"""Recording answers: file sources headless, and the real PulseAudio virtual microphone."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio, write_wav
from mockinterview.core.errors import DeviceError
from mockinterview.core.settings import AudioSettings
from mockinterview.core.speech.asr import StreamingTranscriber, Transcriber
from mockinterview.core.speech.capture import (
    AnswerRecorder,
    FileSource,
    MicrophoneSource,
    resolve_device,
)
from mockinterview.core.thresholds import DeliveryThresholds
from tests.conftest import DATA
from tests.speech.conftest import silence, speech

DELIVERY = DeliveryThresholds()


class SpeakWhenListening:
    """Plays a clip into a PulseAudio sink once the recorder got its first block (its `on_level`).

    PulseAudio delivers nothing for the first second or two of a stream, and what is played into
    the sink before that is lost, so starting the "person" on a timer made the tests flaky.
    """

    def __init__(self, sink: str, clip: Path) -> None:
        self.command = ["paplay", f"--device={sink}", str(clip)]
        self.levels: list[float] = []
        self.player: threading.Thread | None = None

    def on_level(self, level: float) -> None:
        self.levels.append(level)
        if self.player is None:
            self.player = threading.Thread(target=subprocess.run, args=(self.command,))
            self.player.start()

    def join(self) -> None:
        if self.player is not None:
            self.player.join()


def recorder(source, path: Path, **audio) -> AnswerRecorder:
    return AnswerRecorder(source, path, AudioSettings(**audio), DELIVERY)


def wav_frames(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def test_a_file_is_recorded_whole_until_it_ends(answer_clip: Path, tmp_path: Path) -> None:
    levels: list[float] = []
    rec = AnswerRecorder(
        FileSource(answer_clip),
        tmp_path / "a.wav",
        AudioSettings(silence_end_s=4.0),
        DELIVERY,
        on_level=levels.append,
    )
    answer = rec.record()
    original = decode_audio(answer_clip)
    assert answer.ended_by == "end_of_file"
    assert answer.speech_detected
    assert len(answer.samples) == len(original)
    assert wav_frames(answer.wav_path) == len(original)
    assert np.allclose(decode_audio(answer.wav_path), original, atol=1e-3)
    assert len(levels) == -(-len(original) // 1600)  # one level per 100 ms block
    assert max(levels) > -30 and min(levels) < -60  # speech and the silence between words


def test_silence_after_speech_ends_the_answer(tmp_path: Path) -> None:
    said = speech("I would start with the data.", tmp_path / "s.wav")
    later = speech("This part comes too late.", tmp_path / "l.wav")
    path = write_wav(tmp_path / "in.wav", np.concatenate([silence(3), said, silence(2.5), later]))
    answer = recorder(FileSource(path), tmp_path / "a.wav", silence_end_s=2.0).record()
    assert answer.ended_by == "silence"
    # Leading silence does not count (no speech yet); it ends 2 s after the first sentence (whose
    # clip carries espeak-ng's own ~0.4 s of trailing quiet), before the second one starts.
    said_s = len(said) / SAMPLE_RATE
    assert 3 + said_s + 1.4 < answer.duration_s < 3 + said_s + 2.5


def test_a_microphone_sending_only_zeros_is_named_once_while_the_answer_goes_on(
    tmp_path: Path,
) -> None:
    """A muted input or a denied permission sends zeros: said after NO_SIGNAL_S, while the
    answer goes on (a noise-suppressed microphone also sends zeros while the person thinks)."""
    from mockinterview.core.speech.capture import NO_SIGNAL_S

    told: list[float] = []
    zeros = tmp_path / "zeros.wav"
    write_wav(zeros, np.zeros(int((NO_SIGNAL_S + 4) * SAMPLE_RATE), dtype=np.float32))
    recorder_ = recorder(FileSource(zeros), tmp_path / "a.wav")
    recorder_.on_no_signal = lambda: told.append(len(told))
    answer = recorder_.record()
    assert told == [0] and answer.ended_by == "end_of_file"
    assert answer.duration_s == pytest.approx(NO_SIGNAL_S + 4, abs=0.1)

    room = tmp_path / "room.wav"  # the faintest real room is not zeros
    hiss = np.random.default_rng(0).normal(0, 3e-4, int((NO_SIGNAL_S + 4) * SAMPLE_RATE))
    write_wav(room, hiss.astype(np.float32))
    recorder_ = recorder(FileSource(room), tmp_path / "b.wav")
    recorder_.on_no_signal = lambda: told.append(len(told))
    recorder_.record()
    assert told == [0]


def test_maximum_length_ends_the_answer(answer_clip: Path, tmp_path: Path) -> None:
    answer = recorder(FileSource(answer_clip), tmp_path / "a.wav", max_answer_s=3.0).record()
    assert answer.ended_by == "max_length"
    assert answer.duration_s == pytest.approx(3.0, abs=0.05)


def test_stop_from_another_thread_in_real_time(answer_clip: Path, tmp_path: Path) -> None:
    rec = recorder(FileSource(answer_clip, realtime=True), tmp_path / "a.wav")
    threading.Timer(1.5, rec.stop).start()
    started = time.monotonic()
    answer = rec.record()
    assert answer.ended_by == "stop"
    assert 1.3 < time.monotonic() - started < 2.5  # real time, not as fast as possible
    assert answer.duration_s == pytest.approx(1.5, abs=0.3)
    assert wav_frames(answer.wav_path) == len(answer.samples)


def test_a_damaged_file_keeps_the_audio_before_the_damage(tmp_path: Path) -> None:
    import av

    good = speech("We measured first and then we fixed it.", tmp_path / "g.wav")
    path = tmp_path / "answer.mp3"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libmp3lame", rate=SAMPLE_RATE, layout="mono")
        for start in range(0, len(good), 1152):
            frame = av.AudioFrame.from_ndarray(
                (good[start : start + 1152] * 32767).astype(np.int16).reshape(1, -1),
                format="s16",
                layout="mono",
            )
            frame.sample_rate, frame.pts = SAMPLE_RATE, start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    data = bytearray(path.read_bytes())
    data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)  # the second half is zeroed
    path.write_bytes(bytes(data))
    answer = recorder(FileSource(path), tmp_path / "a.wav").record()
    assert answer.ended_by in ("end_of_file", "device_error")
    assert 0.5 < answer.duration_s < len(good) / SAMPLE_RATE
    assert wav_frames(answer.wav_path) == len(answer.samples)


def test_unknown_microphone_lists_what_exists() -> None:
    with pytest.raises(DeviceError, match="No microphone matches 'no-such-mic-xyz'"):
        resolve_device("no-such-mic-xyz", "input")


def _windows_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """PortAudio as Windows shows it: one microphone under MME, DirectSound and WASAPI, by the
    same name (python-sounddevice issue 339), with MME the default audio system. sounddevice's
    own name matching runs on this list."""
    import sounddevice as sd

    apis = [{"name": "MME"}, {"name": "Windows DirectSound"}, {"name": "Windows WASAPI"}]
    devices = [
        {"index": i, "name": name, "hostapi": api, "max_input_channels": 2}
        | {"max_output_channels": 0}
        for i, (name, api) in enumerate(
            [
                ("Microsoft Sound Mapper - Input", 0),
                ("Microphone (Realtek(R) Audio)", 0),
                ("Primary Sound Capture Driver", 1),
                ("Microphone (Realtek(R) Audio)", 1),
                ("Microphone (Realtek(R) Audio)", 2),
            ]
        )
    ]

    def query_devices(device=None, kind=None):
        if device is None:
            return devices
        return devices[sd._get_device_id(device, kind, raise_on_error=True)]

    monkeypatch.setattr(sd, "query_devices", query_devices)
    monkeypatch.setattr(sd, "query_hostapis", lambda index=None: apis[index])
    monkeypatch.setattr(type(sd.default), "hostapi", property(lambda _self: 0))


def test_a_microphone_windows_lists_under_each_audio_system_is_listed_and_found_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Settings stores the name it lists; that name matched three devices and the rehearsal
    refused to start ("No microphone matches")."""
    from mockinterview.core.devices import list_audio_devices

    _windows_audio(monkeypatch)
    listed = [d.name for d in list_audio_devices("input").devices]
    assert listed == ["Microsoft Sound Mapper - Input", "Microphone (Realtek(R) Audio)"]
    import sounddevice as sd

    device = resolve_device("Microphone (Realtek(R) Audio)", "input")
    assert sd._get_device_id(device, "input", raise_on_error=True) == 1
    assert resolve_device("Realtek", "input") == "Realtek MME"
    with pytest.raises(DeviceError, match=r"Available: 0: Microsoft Sound Mapper - Input, 1: Mic"):
        resolve_device("USB headset", "input")


@pytest.mark.audio
@pytest.mark.slow
def test_virtual_microphone_answer_is_recorded_and_transcribed_live(
    virtual_audio: None, answer_clip: Path, tmp_path: Path, transcriber: Transcriber
) -> None:
    """paplay speaks into `micfeed`; the app records `vmic` in real time, like a person talking."""
    live = StreamingTranscriber(transcriber)
    live.start()
    person = SpeakWhenListening("micfeed", answer_clip)
    rec = AnswerRecorder(
        MicrophoneSource(""),
        tmp_path / "answer.wav",
        AudioSettings(silence_end_s=2.5, max_answer_s=40.0),
        DELIVERY,
        on_level=person.on_level,
        on_audio=live.feed,
    )
    answer = rec.record()
    person.join()
    transcript = live.finish()
    assert answer.ended_by == "silence", answer.error
    assert answer.speech_detected
    clip_s = len(decode_audio(answer_clip)) / SAMPLE_RATE
    assert clip_s < answer.duration_s < clip_s + 8.0
    assert wav_frames(answer.wav_path) == len(answer.samples)
    assert max(person.levels) > -30
    text = transcript.text.lower()
    assert "engineers" in text and "clear ownership" in text


@pytest.fixture
def private_microphone(private_sink: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The default microphone becomes the monitor of a private sink; play into the sink."""
    monkeypatch.setenv("PULSE_SOURCE", f"{private_sink}.monitor")
    return private_sink


@pytest.mark.audio
def test_a_microphone_that_goes_away_mid_answer_keeps_the_audio(
    private_microphone: str, answer_clip: Path, tmp_path: Path
) -> None:
    """Suspending the PulseAudio device cuts the stream, as an unplugged USB microphone does."""
    rec = recorder(MicrophoneSource(""), tmp_path / "a.wav", max_answer_s=30.0)
    player = subprocess.Popen(["paplay", f"--device={private_microphone}", str(answer_clip)])
    threading.Timer(
        4.0, subprocess.run, args=(["pactl", "suspend-sink", private_microphone, "1"],)
    ).start()
    started = time.monotonic()
    try:
        answer = rec.record()
    finally:
        player.kill()  # it may hang on the suspended device
        player.wait()
    assert answer.ended_by == "device_error"
    assert "stopped sending audio" in answer.error and "is kept" in answer.error
    assert time.monotonic() - started < 15.0
    assert answer.duration_s > 0.5
    assert answer.speech_detected
    assert wav_frames(answer.wav_path) == len(answer.samples)


@pytest.mark.audio
def test_a_resumed_answer_that_hears_no_new_voice_ends_on_the_trailing_silence(
    private_microphone: str, tmp_path: Path
) -> None:
    """A pause splits an answer into parts, each on a reopened microphone. The voice of the part
    before the pause (a real person, tests/data/speech) counts for the part after it: silence
    after the Resume ends the answer as silence after speech does, not at the maximum length."""
    settings = AudioSettings(silence_end_s=2.0, max_answer_s=40.0)
    person = SpeakWhenListening(private_microphone, DATA / "speech" / "austen-0930.flac")
    before = AnswerRecorder(
        MicrophoneSource(""), tmp_path / "part-0.wav", settings, DELIVERY, person.on_level
    ).record()
    person.join()
    assert before.ended_by == "silence", before.error
    assert before.speech_detected and before.voiced_s > 1.0

    after = AnswerRecorder(
        MicrophoneSource(""),
        tmp_path / "part-1.wav",
        settings,
        DELIVERY,
        voice_heard_s=before.voiced_s,
    ).record()
    assert after.ended_by == "silence", after.error
    assert not after.speech_detected and after.voiced_s == 0.0
    assert 1.9 < after.duration_s < 2.5  # the 2 s of trailing silence, in 100 ms blocks


@pytest.mark.audio
@pytest.mark.slow
def test_a_microphone_at_44_1_khz_is_resampled_to_16_khz(
    private_microphone: str, answer_clip: Path, tmp_path: Path, transcriber: Transcriber
) -> None:
    """The path taken for sound cards that refuse 16 kHz: open at 44.1 kHz, resample."""
    person = SpeakWhenListening(private_microphone, answer_clip)
    rec = AnswerRecorder(
        MicrophoneSource("", device_rate=44100),
        tmp_path / "a.wav",
        AudioSettings(silence_end_s=2.0),
        DELIVERY,
        on_level=person.on_level,
    )
    answer = rec.record()
    person.join()
    assert answer.ended_by == "silence", answer.error
    assert answer.sample_rate == SAMPLE_RATE
    clip_s = len(decode_audio(answer_clip)) / SAMPLE_RATE
    assert clip_s < answer.duration_s < clip_s + 8.0
    text = transcriber.transcribe(answer.samples).text.lower()
    assert "engineers" in text and "clear ownership" in text


@pytest.mark.parametrize("sys_platform", ["linux", "win32", "darwin"])
def test_a_missing_audio_system_says_what_to_install_on_this_os(
    monkeypatch: pytest.MonkeyPatch, sys_platform: str
) -> None:
    """sounddevice raises OSError when PortAudio is missing: the advice is the host OS's own."""
    import builtins

    from mockinterview.core import platforms
    from mockinterview.core.speech.capture import resolve_device

    real_import = builtins.__import__

    def no_portaudio(name, *args, **kwargs):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_portaudio)
    monkeypatch.setattr(sys, "platform", sys_platform)
    with pytest.raises(DeviceError) as raised:
        resolve_device("", "input")
    assert platforms.audio_system_hint() in str(raised.value)
    assert ("apt install" in str(raised.value)) is (sys_platform == "linux")
