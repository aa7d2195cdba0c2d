"""Record one spoken answer from a microphone or a file into a WAV that is valid at every moment.

    source = MicrophoneSource(settings.audio.microphone)        # or FileSource("answer.m4a")
    recorder = AnswerRecorder(source, "answer-01.wav", settings.audio, settings.delivery,
                              on_level=show_level, on_audio=live_asr.feed)
    answer = recorder.record()      # blocks (run it in a worker); recorder.stop() from elsewhere
    answer.ended_by   # "stop" | "silence" | "max_length" | "end_of_file" | "device_error"

Why it is built this way:
- Hardware is injected (architecture page, section 1): the recorder only knows the `AudioSource`
  protocol, so the headless CLI and the tests run exactly the same code on a file.
- The sounddevice callback only copies the block into a queue; the recorder thread writes it to the
  WAV (header patched every block, see audio_file.WavWriter) so a crash keeps what was said.
- Stop first stops the device, then drains the queue: audio already captured is never dropped
  (a mistake other recorders paid for, architecture page section 6).
- A device that fails mid-answer (unplugged, taken by another app) ends the answer with
  `ended_by="device_error"` and a readable `error`; the audio so far stays in the WAV and result.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, WavWriter, iter_audio_blocks
from mockinterview.core.errors import DeviceError, MockInterviewError
from mockinterview.core.platforms import audio_system_hint, microphone_silence_hint
from mockinterview.core.settings import AudioSettings
from mockinterview.core.speech.room import VoiceGate
from mockinterview.core.thresholds import DeliveryThresholds

log = logging.getLogger(__name__)

BLOCK_S = 0.1  # s per block: fine enough for a live level meter, coarse enough to be cheap
STALL_S = 5.0  # s without a block before a running microphone counts as gone (PulseAudio's first
# block can take ~2 s, architecture page section 5)
CLOSE_WAIT_S = 2.0  # s to wait for PortAudio to close a device before leaving it to the OS
MIN_VOICE_S = 0.3  # s of voiced blocks before the answer counts as started (one click is not)
# s of pure digital silence (every sample 0) at an answer's start after which the person is told
# nothing reaches the app: a muted input or a denied permission sends that; a room never does
NO_SIGNAL_S = 8.0
# s of an answer's start with sound but no voice after which the person is asked whether the
# microphone hears them: a wrong input (a webcam's across the room, a docked laptop's lid)
# sends the room's noise, never zeros, and would otherwise lose the whole answer unnoticed.
# Longer than anyone gathers their thoughts once the question is asked and the clock runs.
NO_VOICE_S = 15.0


class AudioSource(Protocol):
    """Where an answer's audio comes from: 16 kHz mono float32 blocks.

    `read` returns the next block, or None when none arrived within `timeout`; once `stop()` was
    called (or a file ended) it still returns what is queued, and `exhausted` turns True only
    when nothing is left. Problems raise DeviceError / MediaError with a readable message.
    """

    sample_rate: int

    @property
    def exhausted(self) -> bool: ...

    def start(self) -> None: ...

    def read(self, timeout: float) -> np.ndarray | None: ...

    def stop(self) -> None: ...


def no_signal_message(seconds: float | None = None) -> str:
    """What to say when the microphone sent only zeros: macOS gives an app it may not use the
    microphone exactly that, so the answer would otherwise read as "nothing was said"."""
    how_long = f" for {seconds:.0f} s" if seconds else ""
    return (
        f"Nothing reaches MockInterview from the microphone: it sent pure digital silence"
        f"{how_long}, not even the room's noise. {microphone_silence_hint()}"
    )


def no_voice_message(microphone: str, seconds: float = NO_VOICE_S) -> str:
    """What to say when the microphone sends sound but no voice (`microphone`: the setting,
    "" for the system default). Said gently: the person may simply still be thinking."""
    which = f"the microphone {microphone!r}" if microphone else "the system's default microphone"
    return (
        f"No voice heard for {seconds:.0f} s. If you are answering aloud, {which} is not hearing "
        "you: end the session (what you said before is kept), choose the one you speak into in "
        "Settings and check it on Home. If you are still thinking, take your time."
    )


def resolve_device(spec: str, kind: str) -> int | str | None:
    """A device setting ("" = system default, an index, or part of a name) as sounddevice wants it.

    Unknown or ambiguous names become a DeviceError that lists what exists.
    """
    try:
        import sounddevice as sd
    except OSError as exc:
        raise DeviceError(f"No audio system ({exc}). {audio_system_hint()}") from exc
    if not spec:
        return None
    from mockinterview.core.devices import list_audio_devices

    device: int | str = int(spec) if spec.strip().isdigit() else spec
    try:
        try:
            sd.query_devices(device, kind)
        except ValueError:
            if isinstance(device, int):
                raise
            # A name Windows lists under each of its audio systems is the default system's
            # device, the one Settings lists (devices.list_audio_devices)
            device = f"{spec} {sd.query_hostapis(sd.default.hostapi)['name']}"
            sd.query_devices(device, kind)
    except (ValueError, sd.PortAudioError) as exc:
        names = [f"{d.index}: {d.name}" for d in list_audio_devices(kind).devices]
        role = "microphone" if kind == "input" else "speaker"
        raise DeviceError(
            f"No {role} matches {spec!r} on this computer. Available: "
            f"{', '.join(names) or 'none'}. Pick one in Settings (setting audio.{role}) or run "
            "`mockinterview doctor`."
        ) from exc
    return device


def microphone_sources(device: str, sample_rate: int = SAMPLE_RATE) -> Callable[[int], AudioSource]:
    """Each answer's source: the microphone `device`, checked once before the session starts.

    A setting that names no microphone at all (a typo, one from another computer) is a setting
    to fix, not a device to wait for: it fails here, naming it, before anything is recorded.
    Once the session runs, a microphone that cannot open has gone away (unplugged, the sound
    server restarting) and the flow pauses until it is back.
    """
    from mockinterview.core.devices import list_audio_devices

    found = list_audio_devices("input")
    if not found.devices:
        raise DeviceError(
            f"No microphone ({found.error or 'no input device found'}): a rehearsal needs one. "
            "Plug one in and pick it in Settings; history and reports still work."
        )
    try:
        resolve_device(device, "input")
    except DeviceError as exc:
        raise DeviceError(f"The rehearsal did not start (nothing was recorded). {exc}") from exc
    return lambda _index: MicrophoneSource(device, sample_rate)


class MicrophoneSource:
    """A sounddevice InputStream; its callback only queues copies of the blocks.

    Many sound cards (and Windows' shared mode) refuse 16 kHz, so when the device does not take
    `sample_rate` it is opened at its own default rate (or `device_rate`, if given) and the blocks
    are resampled with FFmpeg's resampler (PyAV) on the reading thread, never in the callback.
    """

    def __init__(
        self, device: str = "", sample_rate: int = SAMPLE_RATE, device_rate: int | None = None
    ) -> None:
        self.device_spec = device
        self.sample_rate = sample_rate
        self.device_rate = device_rate
        self._resampler = None
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._stream = None
        self._stopped = False
        self._failed = False
        self._last_block = 0.0
        self.overflows = 0

    @property
    def exhausted(self) -> bool:
        return self._stopped and self._queue.empty()

    def _callback(self, indata: np.ndarray, frames: int, when: object, status: object) -> None:
        if status:
            self.overflows += 1
        self._queue.put(indata[:, 0].copy())

    def start(self) -> None:
        import sounddevice as sd

        device = resolve_device(self.device_spec, "input")
        name = self.device_spec or "the default microphone"
        if self.device_rate is None:
            try:
                sd.check_input_settings(device, channels=1, samplerate=self.sample_rate)
                self.device_rate = self.sample_rate
            except (sd.PortAudioError, ValueError):
                self.device_rate = int(sd.query_devices(device, "input")["default_samplerate"])
        if self.device_rate != self.sample_rate:
            import av

            self._resampler = av.AudioResampler(format="flt", layout="mono", rate=self.sample_rate)
        try:
            self._stream = sd.InputStream(
                device=device,
                channels=1,
                samplerate=self.device_rate,
                dtype="float32",
                latency="high",  # blocks may arrive late; none may be dropped
                blocksize=int(BLOCK_S * self.device_rate),
                callback=self._callback,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(
                f"Could not open {name} ({exc}). It may be missing, unplugged or in use by "
                "another app; check it with `mockinterview doctor`."
            ) from exc
        self._last_block = time.monotonic()

    def read(self, timeout: float) -> np.ndarray | None:
        try:
            block = self._queue.get(timeout=timeout)
        except queue.Empty:
            if self._stopped:
                return self._flush_resampler()
            silent_for = time.monotonic() - self._last_block
            if self._stream is not None and (not self._stream.active or silent_for > STALL_S):
                self._failed = True
                raise DeviceError(
                    f"The microphone {self.device_spec or '(default)'} stopped sending audio "
                    f"{silent_for:.0f} s ago: was it unplugged or taken by another app? "
                    "The answer up to that moment is kept."
                ) from None
            return None
        self._last_block = time.monotonic()
        return self._resample(block) if self._resampler is not None else block

    def _resample(self, block: np.ndarray | None) -> np.ndarray:
        import av

        frame = None
        if block is not None:
            frame = av.AudioFrame.from_ndarray(block.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate = self.device_rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)

    def _flush_resampler(self) -> np.ndarray | None:
        """The few samples FFmpeg's resampler still holds once the device has stopped."""
        if self._resampler is None:
            return None
        tail = self._resample(None)
        self._resampler = None
        return tail if len(tail) else None

    def stop(self) -> None:
        """Stop the device, then let `read` drain the queue.

        A working device is stopped (PortAudio still delivers the blocks it holds); one that
        failed is aborted. Either runs on a helper thread with a time limit, because a vanished
        device can make PortAudio's stop block for good, and the answer must still come back.
        """
        if self._stream is not None and not self._stopped:
            stream, failed = self._stream, self._failed

            def close() -> None:
                try:
                    (stream.abort if failed else stream.stop)()
                    stream.close()
                except Exception as exc:  # sounddevice.PortAudioError on a vanished device
                    log.warning("closing the microphone failed: %s", exc)

            closer = threading.Thread(target=close, name="mic-close", daemon=True)
            closer.start()
            closer.join(CLOSE_WAIT_S)
            if closer.is_alive():
                log.warning("the microphone did not close within %.0f s; left open", CLOSE_WAIT_S)
        self._stopped = True


class FileSource:
    """Any audio/video file as if it were a microphone: as fast as possible, or in real time."""

    def __init__(
        self, path: str | Path, realtime: bool = False, sample_rate: int = SAMPLE_RATE
    ) -> None:
        self.path = Path(path)
        self.realtime = realtime
        self.sample_rate = sample_rate
        self._blocks: Iterator[np.ndarray] | None = None
        self._done = False
        self._started_at = 0.0
        self._delivered_s = 0.0

    @property
    def exhausted(self) -> bool:
        return self._done

    def start(self) -> None:
        self._blocks = iter_audio_blocks(self.path, self.sample_rate, BLOCK_S)
        self._started_at = time.monotonic()

    def read(self, timeout: float) -> np.ndarray | None:
        if self._done or self._blocks is None:
            return None
        if self.realtime:
            due = self._started_at + self._delivered_s - time.monotonic()
            if due > timeout:
                time.sleep(timeout)
                return None
            time.sleep(max(due, 0.0))
        block = next(self._blocks, None)
        if block is None:
            self._done = True
            return None
        self._delivered_s += len(block) / self.sample_rate
        return block

    def stop(self) -> None:
        self._done = True


@dataclass(frozen=True)
class RecordedAnswer:
    """One recorded answer. `samples` is what the WAV holds, 16 kHz mono float32."""

    wav_path: Path
    samples: np.ndarray
    sample_rate: int
    ended_by: str  # stop | silence | max_length | end_of_file | device_error
    speech_detected: bool
    error: str | None = None
    noise_floor_dbfs: float | None = None  # the room as the answer ended (room.VoiceGate)
    voiced_s: float = 0.0  # s of blocks above the room (what `voice_heard_s` adds up)

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


def block_level_dbfs(block: np.ndarray) -> float:
    """RMS level of one block in dB relative to full scale (-100 for digital silence)."""
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64)))) if len(block) else 0.0
    return max(20.0 * np.log10(rms), -100.0) if rms > 0 else -100.0


class AnswerRecorder:
    """Pulls blocks from an AudioSource into a WAV until stop, silence after speech, the maximum
    length, the end of the file, or a device error.

    `on_level(dbfs)` and `on_audio(block)` are called on the recording thread for each block: keep
    them quick (a GUI posts a signal; StreamingTranscriber.feed only appends).

    Silence means "no block stands above the room" (room.VoiceGate), judged against
    `noise_floor_dbfs` measured before the answer (the microphone check) when there is one, and
    against the answer's own quiet moments as they come: a fan never keeps an answer open.

    `voice_heard_s` is the voice this answer already had before a pause (its earlier parts): an
    answer the person already spoke is started, so a resumed part that hears no new voice ends
    on the usual trailing silence instead of running to the maximum length. `recorded_s` is
    the audio those parts hold: the maximum length is the whole answer's, not each part's.
    """

    def __init__(
        self,
        source: AudioSource,
        wav_path: str | Path,
        audio: AudioSettings,
        delivery: DeliveryThresholds,
        on_level: Callable[[float], None] | None = None,
        on_audio: Callable[[np.ndarray], None] | None = None,
        noise_floor_dbfs: float | None = None,
        voice_heard_s: float = 0.0,
        recorded_s: float = 0.0,
        on_no_signal: Callable[[], None] | None = None,
        on_no_voice: Callable[[], None] | None = None,
    ) -> None:
        self.source = source
        self.wav_path = Path(wav_path)
        self.silence_end_s = audio.silence_end_s
        self.max_answer_s = audio.max_answer_s
        self.delivery = delivery
        self.noise_floor_dbfs = noise_floor_dbfs
        self.voice_heard_s = voice_heard_s
        self.recorded_s = recorded_s
        self.on_level = on_level
        self.on_audio = on_audio
        self.on_no_signal = on_no_signal  # called once after NO_SIGNAL_S of zeros from the start
        # called once after NO_VOICE_S of sound with no voice from the start (not after zeros,
        # which on_no_signal names)
        self.on_no_voice = on_no_voice
        self._stop_requested = threading.Event()

    def stop(self) -> None:
        """Ask `record()` to end; safe from any thread. Nothing already captured is lost."""
        self._stop_requested.set()

    def record(self) -> RecordedAnswer:
        """Record until the answer ends; DeviceError only if the source cannot start at all."""
        self.source.start()
        blocks: list[np.ndarray] = []
        ended_by: str | None = None
        error: str | None = None
        voiced_s = silent_s = total_s = 0.0
        gate = VoiceGate(self.delivery, self.noise_floor_dbfs)
        # only a fresh answer is watched: a resumed one has heard its microphone already
        watching = self.on_no_signal is not None and self.recorded_s == 0.0
        waiting_for_voice = self.on_no_voice is not None and self.recorded_s == 0.0
        signal = False  # any sample that is not zero so far
        with WavWriter(self.wav_path, self.source.sample_rate) as wav:
            while True:
                if ended_by is None and self._stop_requested.is_set():
                    ended_by = "stop"
                    self.source.stop()
                try:
                    block = self.source.read(timeout=BLOCK_S)
                except MockInterviewError as exc:
                    ended_by, error = "device_error", str(exc)
                    self.source.stop()
                    break
                if block is None or len(block) == 0:
                    if self.source.exhausted:
                        break
                    continue
                wav.write(block)
                blocks.append(block)
                if self.on_audio is not None:
                    self.on_audio(block)
                level = block_level_dbfs(block)
                if self.on_level is not None:
                    self.on_level(level)
                seconds = len(block) / self.source.sample_rate
                total_s += seconds
                signal = signal or bool(np.any(block))
                if watching and (signal or total_s >= NO_SIGNAL_S):
                    watching = False
                    if not signal and self.on_no_signal is not None:
                        self.on_no_signal()
                if gate.is_voice(level):
                    voiced_s += seconds
                    silent_s = 0.0
                else:
                    silent_s += seconds
                if waiting_for_voice and self.voice_heard_s + voiced_s >= MIN_VOICE_S:
                    waiting_for_voice = False
                elif waiting_for_voice and total_s >= NO_VOICE_S:
                    waiting_for_voice = False
                    if signal and self.on_no_voice is not None:
                        self.on_no_voice()
                if ended_by is not None:
                    continue  # draining after a stop
                started = self.voice_heard_s + voiced_s >= MIN_VOICE_S
                if started and silent_s >= self.silence_end_s:
                    ended_by = "silence"
                    self.source.stop()
                elif self.recorded_s + total_s >= self.max_answer_s:
                    ended_by = "max_length"
                    self.source.stop()
        samples = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
        log.info("answer recorded: %.1f s, ended by %s", total_s, ended_by or "end_of_file")
        return RecordedAnswer(
            self.wav_path,
            samples,
            self.source.sample_rate,
            ended_by or "end_of_file",
            voiced_s >= MIN_VOICE_S,
            error,
            gate.floor_dbfs,
            voiced_s,
        )
