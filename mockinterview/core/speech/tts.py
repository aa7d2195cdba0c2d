"""Speak interview questions: a voice renders a WAV, sounddevice plays it on the chosen speaker.

    voice = QuestionVoice(settings.voice)              # neural (Piper), else pyttsx3
    voice.note                                         # None, or why the neural voice is not used
    voice.prepare(next_question)                       # render ahead while the person answers
    wav = voice.synthesize("Tell me about yourself.", folder / "q1.wav")
    speaker = Speaker(settings.audio.speaker)
    finished = speaker.play_file(wav)                  # blocks; speaker.cancel() from elsewhere
    reason = silence_reason(settings)                  # None, or why questions will be text only

Two engines stand behind QuestionVoice. The bundled neural voice (speech.neural_voice, Piper) is
the default wherever its packages are installed: it sounds like a person. The system voices come
through pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer on macOS) and are the
fallback when the neural model is missing or broken; `settings.voice` picks either ("" = neural
where installed, "piper:<name>" = that neural voice, anything else = a system voice id or name).

Why not pyttsx3's `engine.say()`: pyttsx3 engines must be created and driven on one thread,
`say()` on Linux returns before the sound ends, and a later call can overwrite a file written
earlier (architecture page, sections 2 and 4). So every question is rendered with `save_to_file`
on the one engine thread, the file is waited for until it is complete (and turned into a WAV when
the engine wrote AIFF), and the app plays it itself: it knows exactly when the question has
finished and can cancel it.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import importlib
import logging
import queue
import subprocess
import sys
import threading
import time
import wave
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from mockinterview.core.audio_file import decode_audio, write_wav
from mockinterview.core.errors import DeviceError, MediaError, SettingsError
from mockinterview.core.platforms import setup_hint, speech_engine_hint, system_voice_command
from mockinterview.core.settings import Settings, VoiceSettings
from mockinterview.core.speech.neural_voice import (
    BUNDLED_MODELS,
    PREFIX,
    NeuralModel,
    NeuralVoice,
    find_model,
    installed_models,
    load_piper,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

WAV_WAIT_S = 10.0  # s per rendering; runAndWait returns once the file is written, so it is ample
RENDER_ATTEMPTS = 3  # renderings before the TTS engine is called broken
# s of output buffer. PortAudio's "high" is only 35 ms on PulseAudio: on a busy 2-core machine
# (load 8) the callback then missed its turn and a word played twice ("your your manager") in
# about 1 of 4 runs. A question needs no low latency; 0.2 s still starts it well within 0.5 s.
PLAYBACK_LATENCY_S = 0.2
SYSTEM_RATE = 22050  # Hz: espeak-ng's, SAPI5's and NSSpeechSynthesizer's usual output rate


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: list[str]
    engine: str = "system"  # "neural" (bundled Piper voice) or "system" (pyttsx3)


def init_com_for_this_thread() -> Callable[[], None]:
    """Initialise COM on the calling thread on Windows; returns the matching uninitialise.

    pyttsx3's SAPI5 driver is COM: on any thread but the main one, pyttsx3.init() fails with
    "CoInitialize has not been called" unless the thread initialised COM itself. pywin32's
    pythoncom or comtypes (whichever is installed; pyttsx3 pulls one of them) can do it.
    """
    if sys.platform != "win32":
        return lambda: None
    for name in ("pythoncom", "comtypes"):
        try:
            com = importlib.import_module(name)
        except ImportError:
            continue
        com.CoInitialize()
        return com.CoUninitialize
    return lambda: None


def _init_engine():
    try:
        import pyttsx3

        return pyttsx3.init()
    except Exception as exc:  # pyttsx3 raises OSError/RuntimeError/ImportError per platform
        raise DeviceError(
            f"No text-to-speech engine ({exc}): questions will be shown as text only. "
            + speech_engine_hint()
        ) from exc


def _quiet_espeak_driver() -> None:
    """pyttsx3's espeak driver print()s "Audio saved to ..." for every file, which would corrupt
    `--json` output. Its module-level `print` is pointed at the log instead: redirecting
    sys.stdout around runAndWait would be process-wide and swallow other threads' output."""
    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is not None:
        driver.print = lambda *args, **kwargs: log.debug(
            "espeak driver: %s", " ".join(map(str, args))
        )


def _voices_of(engine) -> list[Voice]:
    return [
        Voice(
            str(v.id),
            str(v.name),
            [lang.decode() if isinstance(lang, bytes) else str(lang) for lang in v.languages or []],
        )
        for v in engine.getProperty("voices") or []
    ]


def _neural_voices() -> list[Voice]:
    return [Voice(m.id, m.name, [m.language], "neural") for m in installed_models()]


_active_voice: weakref.ReferenceType[SystemVoice] | None = None


def system_voices() -> list[Voice]:
    """The pyttsx3 engine's voices; a missing engine is a DeviceError that says what to install.

    pyttsx3.init() hands back the engine that already exists, so while a SystemVoice is alive
    the question goes to its engine thread instead of touching that engine from this one. The
    callers are worker threads (Home's device check, Settings), which on Windows must set up
    COM for SAPI5 as the engine thread does.
    """
    active = _active_voice() if _active_voice is not None else None
    if active is not None and active.is_alive:
        return active.voices()
    uninit = init_com_for_this_thread()
    try:
        return _voices_of(_init_engine())
    except DeviceError:
        raise
    except Exception as exc:
        raise DeviceError(f"The text-to-speech engine could not list its voices ({exc}).") from exc
    finally:
        uninit()


def list_voices() -> list[Voice]:
    """The installed neural voices first, then the system's; a DeviceError only when neither
    engine has a voice (the system engine's message says what to install)."""
    neural = _neural_voices()
    try:
        return neural + system_voices()
    except DeviceError:
        if neural:
            return neural
        raise


def wanted_model(voice: str) -> NeuralModel | None:
    """The neural model `voice` asks for ("" means the first installed one), or None for a
    system voice. An unknown `piper:` name is a SettingsError that lists the bundled ones."""
    if voice.startswith(PREFIX):
        model = find_model(voice)
        if model is None:
            known = ", ".join(m.id for m in BUNDLED_MODELS)
            raise SettingsError(f"Voice {voice!r} is not a bundled neural voice (known: {known}).")
        return model
    if voice:
        return None
    installed = installed_models()
    return installed[0] if installed else BUNDLED_MODELS[0]


def _fallback_note(model: NeuralModel, problem: Exception) -> str:
    return (
        f"The neural voice {model.name} cannot speak: {problem} "
        f"The system voice asks the questions instead (to put it back: {setup_hint()})."
    )


def voice_note(settings: VoiceSettings) -> str | None:
    """Why the neural voice `settings` asks for will not be the one heard, or None.

    Loading the model (once per process, ~0.7 s) is the check, so a damaged file is found here.
    """
    model = wanted_model(settings.voice)
    if model is None:
        return None
    try:
        load_piper(model)
    except DeviceError as exc:
        return _fallback_note(model, exc)
    return None


def _find_voice(voices: list[Voice], wanted: str) -> Voice:
    for voice in voices:
        if wanted in (voice.id, voice.name):
            return voice
    lowered = wanted.lower()
    matches = [v for v in voices if lowered in v.name.lower() or lowered in v.id.lower()]
    if len(matches) == 1:
        return matches[0]
    raise SettingsError(
        f"Voice {wanted!r} is {'ambiguous' if matches else 'not installed'}. "
        "Run `mockinterview voices` and put one id in voice.voice of settings.toml."
    )


def _complete_duration(path: Path, size: int) -> float | None:
    """The duration of the rendered file if it looks whole, else None.

    A WAV (espeak-ng, SAPI5) is whole when its header's frame count fits its size. Other formats
    (NSSpeechSynthesizer writes AIFF whatever the file is called) are decoded with PyAV.
    """
    try:
        with wave.open(str(path), "rb") as wav:
            frames, rate, width = wav.getnframes(), wav.getframerate(), wav.getsampwidth()
            channels = wav.getnchannels()
    except (EOFError, wave.Error):
        try:
            return len(decode_audio(path, SYSTEM_RATE)) / SYSTEM_RATE or None
        except MediaError:
            return None
    complete = frames > 0 and size >= 44 + frames * width * channels
    return frames / rate if complete else None


def wait_for_complete_audio(path: Path, timeout_s: float = WAV_WAIT_S) -> float:
    """Wait until the rendered file at `path` is whole and stopped growing; its duration in s.

    pyttsx3's espeak driver writes the file after runAndWait may have returned, so the file is
    trusted only once it looks whole and its size is the same twice in a row.
    """
    deadline = time.monotonic() + timeout_s
    last_size = -1
    while time.monotonic() < deadline:
        try:
            size = path.stat().st_size
        except OSError:
            size = -2
        else:
            if size == last_size and _complete_duration(path, size):
                return _complete_duration(path, size)
        last_size = size
        time.sleep(0.05)
    raise DeviceError(
        f"The text-to-speech engine did not finish writing {path} within {timeout_s:.0f} s; "
        "questions will be shown as text only."
    )


class SystemVoice:
    """The app's one pyttsx3 engine, owned by one thread; `synthesize` may be called from any."""

    engine = "system"

    def __init__(self, settings: VoiceSettings) -> None:
        global _active_voice
        self.settings = settings
        self._voice_name = ""  # the chosen voice's name ("" the default), as `say -v` takes it
        self._requests: queue.Queue = queue.Queue()
        self._ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, name="tts-engine", daemon=True)
        self._thread.start()
        self._ready.result()  # re-raises DeviceError/SettingsError from the engine thread
        _active_voice = weakref.ref(self)

    @property
    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def _configure(self):
        engine = _init_engine()
        _quiet_espeak_driver()
        if self.settings.voice:
            voice = _find_voice(_voices_of(engine), self.settings.voice)
            engine.setProperty("voice", voice.id)
            self._voice_name = voice.name
        engine.setProperty("rate", self.settings.rate)
        engine.setProperty("volume", self.settings.volume)
        return engine

    def _run(self) -> None:
        uninit_com = init_com_for_this_thread()
        try:
            self._serve()
        finally:
            uninit_com()

    def _serve(self) -> None:
        try:
            engine = self._configure()
        except Exception as exc:
            self._ready.set_exception(exc)
            return
        self._ready.set_result(None)
        while True:
            request = self._requests.get()
            if request is None:
                return
            job, future = request
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job(engine))
            except Exception as exc:
                future.set_exception(exc)

    def _call(self, job: Callable[[Any], T]) -> T:
        """Run `job(engine)` on the engine thread and wait for its result."""
        if not self.is_alive:
            raise DeviceError("The text-to-speech engine was closed; questions are text only.")
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._requests.put((job, future))
        return future.result()

    def voices(self) -> list[Voice]:
        return self._call(_voices_of)

    def _render(self, engine, text: str, path: Path) -> Path:
        """Render once more when the engine leaves an empty or unfinished file.

        pyttsx3's espeak driver now and then writes a WAV with no audio frames (seen about once
        in eight test sessions on a loaded 2-core machine); a second rendering of the same text
        has always worked, so the question stays spoken instead of falling back to text.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part.wav")
        command = system_voice_command(text, partial, self._voice_name, self.settings.rate)
        for attempt in range(1, RENDER_ATTEMPTS + 1):
            partial.unlink(missing_ok=True)
            if command is None:
                engine.save_to_file(text, str(partial))
                engine.runAndWait()
            else:
                _run_voice_command(command)
            try:
                wait_for_complete_audio(partial)
                break
            except DeviceError:
                if attempt == RENDER_ATTEMPTS:
                    raise
                log.warning(
                    "TTS left %s incomplete (attempt %d); rendering again", partial, attempt
                )
        return as_wav(partial, path, self.settings.volume if command is not None else 1.0)

    def synthesize(self, text: str, path: str | Path) -> Path:
        """Render `text` into the WAV at `path` and return it once the file is complete."""
        if not text.strip():
            raise MediaError("There is no question text to speak.")
        return self._call(lambda engine: self._render(engine, text, Path(path)))

    def close(self) -> None:
        self._requests.put(None)
        self._thread.join(timeout=5)


def _run_voice_command(command: list[str]) -> None:
    """Run the OS's own renderer (platforms.system_voice_command); its failure is a DeviceError
    that says what it printed."""
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=WAV_WAIT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        said = getattr(exc, "stderr", None) or ""
        raise DeviceError(
            f"The system voice could not speak ({exc}{': ' + said.strip() if said else ''}); "
            "questions will be shown as text only."
        ) from exc


def as_wav(rendered: Path, path: Path, volume: float = 1.0) -> Path:
    """Move the engine's file to `path` as a 16-bit WAV, converting when it is another format
    (macOS writes AIFF), so playback and the recording read every engine's output alike.

    `volume` (0-1) scales a converted file: macOS's `say` has no volume option, so the voice
    setting was ignored there; pyttsx3's engines apply it themselves and write WAV."""
    with open(rendered, "rb") as head:
        is_wav = head.read(4) == b"RIFF"
    if is_wav:
        return rendered.replace(path)
    write_wav(path, decode_audio(rendered, SYSTEM_RATE) * volume, SYSTEM_RATE)
    rendered.unlink()
    return path


class QuestionVoice:
    """The interviewer's voice: the bundled neural one, or the system's when that cannot speak.

    `note` says why a neural voice that was wanted is not the one speaking (None when it is, or
    when a system voice was chosen); callers show it once, the questions are spoken either way.
    """

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.note: str | None = None
        self._backend: NeuralVoice | SystemVoice
        model = wanted_model(settings.voice)
        if model is not None:
            try:
                self._backend = NeuralVoice(model, settings)
                return
            except (DeviceError, MediaError) as exc:
                self.note = _fallback_note(model, exc)
                log.warning("%s", self.note)
        system = settings if model is None else dataclasses.replace(settings, voice="")
        self._backend = SystemVoice(system)

    @property
    def engine(self) -> str:
        """ "neural" or "system": which engine is speaking."""
        return self._backend.engine

    @property
    def is_alive(self) -> bool:
        return self._backend.is_alive

    def prepare(self, texts: str | list[str]) -> None:
        """Render `texts` ahead, in order, so they play without waiting (neural voice; the
        system engine renders in well under a second anyway and is left alone)."""
        if isinstance(self._backend, NeuralVoice):
            self._backend.prepare(texts)

    def synthesize(self, text: str, path: str | Path) -> Path:
        """Render `text` into the WAV at `path` and return it once the file is complete."""
        return self._backend.synthesize(text, path)

    def close(self) -> None:
        self._backend.close()


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise MediaError(f"{path}: only 16-bit WAV files can be played")
            rate, channels = wav.getframerate(), wav.getnchannels()
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    except (OSError, EOFError, wave.Error) as exc:
        raise MediaError(f"{path} is not a readable WAV file ({exc}).") from exc
    return (pcm.reshape(-1, channels).astype(np.float32) / 32768.0), rate


class Speaker:
    """Plays audio on one output device (sounddevice), blocking, with `cancel()` from any thread."""

    def __init__(self, device: str = "") -> None:
        self.device_spec = device
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def play_file(self, path: str | Path) -> bool:
        samples, rate = _read_wav(Path(path))
        return self.play(samples, rate)

    def play(self, samples: np.ndarray, sample_rate: int) -> bool:
        """Play to the end (True) or until cancel() (False)."""
        import sounddevice as sd

        from mockinterview.core.speech.capture import resolve_device

        device = resolve_device(self.device_spec, "output")
        frames = samples.reshape(len(samples), -1)
        position = 0
        done = threading.Event()
        self._cancel.clear()

        def callback(outdata: np.ndarray, count: int, when: object, status: object) -> None:
            nonlocal position
            if self._cancel.is_set():
                outdata.fill(0)
                raise sd.CallbackAbort
            chunk = frames[position : position + count]
            outdata[: len(chunk)] = chunk
            outdata[len(chunk) :] = 0
            position += len(chunk)
            if len(chunk) < count:
                raise sd.CallbackStop

        try:
            stream = sd.OutputStream(
                device=device,
                samplerate=sample_rate,
                channels=frames.shape[1],
                dtype="float32",
                latency=PLAYBACK_LATENCY_S,
                callback=callback,
                finished_callback=done.set,
            )
            with stream:
                # A generous bound so a device that never calls back cannot hang the interview.
                if not done.wait(len(frames) / sample_rate + 10.0):
                    raise DeviceError(
                        f"The speaker {self.device_spec or '(default)'} stopped playing; "
                        "the question is shown as text."
                    )
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(
                f"Could not play on {self.device_spec or 'the default speaker'} ({exc}). "
                "The question is shown as text; check the speaker with `mockinterview doctor`."
            ) from exc
        return not self._cancel.is_set()


def silence_reason(settings: Settings) -> str | None:
    """Why questions would be silent (no engine, unknown voice, no speaker), or None if they
    can be spoken. The GUI shows this next to the question text."""
    from mockinterview.core.devices import list_audio_devices
    from mockinterview.core.errors import MockInterviewError

    try:
        if wanted_model(settings.voice.voice) is None or voice_note(settings.voice) is not None:
            voices = system_voices()
            if not voices:
                return f"The text-to-speech engine has no voices installed. {speech_engine_hint()}"
            if settings.voice.voice and not settings.voice.voice.startswith(PREFIX):
                _find_voice(voices, settings.voice.voice)
        speakers = list_audio_devices("output")
        if not speakers.devices:
            return f"No speaker found ({speakers.error or 'no output device'})."
        if settings.audio.speaker:
            from mockinterview.core.speech.capture import resolve_device

            resolve_device(settings.audio.speaker, "output")
    except MockInterviewError as exc:
        return str(exc)
    return None
