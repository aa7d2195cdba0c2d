"""Speak interview questions: pyttsx3 renders a WAV, sounddevice plays it on the chosen speaker.

    voice = QuestionVoice(settings.voice)              # one pyttsx3 engine on its own thread
    wav = voice.synthesize("Tell me about yourself.", folder / "q1.wav")
    speaker = Speaker(settings.audio.speaker)
    finished = speaker.play_file(wav)                  # blocks; speaker.cancel() from elsewhere
    reason = silence_reason(settings)                  # None, or why questions will be text only

Why not `engine.say()`: pyttsx3 engines must be created and driven on one thread, `say()` on Linux
returns before the sound ends, and a later call can overwrite a file written earlier (architecture
page, sections 2 and 4). So every question is rendered with `save_to_file` on the one engine
thread, the file is waited for until it is a complete WAV, and the app plays it itself: it knows
exactly when the question has finished and can cancel it.
"""

from __future__ import annotations

import concurrent.futures
import logging
import queue
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

from mockinterview.core.errors import DeviceError, MediaError, SettingsError
from mockinterview.core.settings import Settings, VoiceSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

WAV_WAIT_S = 10.0  # s per rendering; runAndWait returns once the file is written, so it is ample
RENDER_ATTEMPTS = 3  # renderings before the TTS engine is called broken


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: list[str]


def _init_engine():
    try:
        import pyttsx3

        return pyttsx3.init()
    except Exception as exc:  # pyttsx3 raises OSError/RuntimeError/ImportError per platform
        raise DeviceError(
            f"No text-to-speech engine ({exc}). On Debian/Ubuntu install espeak-ng "
            "(apt install libespeak-ng1); questions will be shown as text only."
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


_active_voice: weakref.ReferenceType[QuestionVoice] | None = None


def list_voices() -> list[Voice]:
    """All installed voices; a missing TTS engine is a DeviceError that says what to install.

    pyttsx3.init() hands back the engine that already exists, so while a QuestionVoice is alive
    the question goes to its engine thread instead of touching that engine from this one.
    """
    active = _active_voice() if _active_voice is not None else None
    if active is not None and active.is_alive:
        return active.voices()
    try:
        return _voices_of(_init_engine())
    except DeviceError:
        raise
    except Exception as exc:
        raise DeviceError(f"The text-to-speech engine could not list its voices ({exc}).") from exc


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


def wait_for_complete_wav(path: Path, timeout_s: float = WAV_WAIT_S) -> float:
    """Wait until `path` is a WAV whose header matches its size and that stopped growing.

    Returns its duration in seconds. pyttsx3's espeak driver writes the file after runAndWait may
    have returned, so the file is trusted only once its header and size agree twice in a row.
    """
    deadline = time.monotonic() + timeout_s
    last_size = -1
    while time.monotonic() < deadline:
        try:
            size = path.stat().st_size
            with wave.open(str(path), "rb") as wav:
                frames, rate, width = wav.getnframes(), wav.getframerate(), wav.getsampwidth()
                channels = wav.getnchannels()
        except (OSError, EOFError, wave.Error):
            size = -2
        else:
            complete = frames > 0 and size >= 44 + frames * width * channels
            if complete and size == last_size:
                return frames / rate
        last_size = size
        time.sleep(0.05)
    raise DeviceError(
        f"The text-to-speech engine did not finish writing {path} within {timeout_s:.0f} s; "
        "questions will be shown as text only."
    )


class QuestionVoice:
    """The app's one pyttsx3 engine, owned by one thread; `synthesize` may be called from any."""

    def __init__(self, settings: VoiceSettings) -> None:
        global _active_voice
        self.settings = settings
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
            engine.setProperty("voice", _find_voice(_voices_of(engine), self.settings.voice).id)
        engine.setProperty("rate", self.settings.rate)
        engine.setProperty("volume", self.settings.volume)
        return engine

    def _run(self) -> None:
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
        for attempt in range(1, RENDER_ATTEMPTS + 1):
            partial.unlink(missing_ok=True)
            engine.save_to_file(text, str(partial))
            engine.runAndWait()
            try:
                wait_for_complete_wav(partial)
                break
            except DeviceError:
                if attempt == RENDER_ATTEMPTS:
                    raise
                log.warning(
                    "TTS left %s incomplete (attempt %d); rendering again", partial, attempt
                )
        partial.replace(path)
        return path

    def synthesize(self, text: str, path: str | Path) -> Path:
        """Render `text` into the WAV at `path` and return it once the file is complete."""
        if not text.strip():
            raise MediaError("There is no question text to speak.")
        return self._call(lambda engine: self._render(engine, text, Path(path)))

    def close(self) -> None:
        self._requests.put(None)
        self._thread.join(timeout=5)


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
                latency="high",  # a question needs no low latency, and it must not stutter
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
        voices = list_voices()
        if not voices:
            return "The text-to-speech engine has no voices installed (apt install espeak-ng-data)."
        if settings.voice.voice:
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
