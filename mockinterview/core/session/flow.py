"""The interview itself as a headless state machine: greet, ask, listen, store, repeat, finish.

    flow = InterviewFlow(plan, store, settings, devices, on_event=show)   # no Qt anywhere
    session_id = flow.run()            # blocks: run it in a worker thread (the GUI) or directly
    flow.next() / skip() / repeat() / retake() / pause() / resume() / end()   # from any thread
    flow.recalibrate()                 # any thread: the body baseline is taken again
    flow.observe_frame(image)          # a GUI camera worker hands frames in (live path)

Every step reports a `FlowEvent` (greeting, speaking, thinking, listening, transcribing,
answer_stored, paused, finished, error) to `on_event`, called on the flow's thread; the GUI turns it
into a signal, the CLI prints it. Errors the person should see (camera gone, disk full, no voice)
are events with a message, and the interview goes on with what still works.

Time: everything is placed on one session clock (seconds since the session began), which is the
recording's clock too. Live (`realtime=True`) it is the wall clock. From files it is virtual: it
advances by the length of each spoken question, thinking pause and answer, and a file camera is
read up to the same time, so a run from files goes faster than real time yet lays sound and
picture out exactly as a live session would.

Each answer is committed to the store the moment its metrics are ready, so a crash loses at most
the answer in progress.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio, write_wav
from mockinterview.core.errors import DeviceError, MediaError, MockInterviewError
from mockinterview.core.questions import Question
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.camera_feed import CameraFeed
from mockinterview.core.session.plan import InterviewPlan
from mockinterview.core.session.recording import RECORDING_NAME, SessionRecording
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import StreamingTranscriber
from mockinterview.core.speech.capture import AnswerRecorder
from mockinterview.core.speech.transcript import Transcript

log = logging.getLogger(__name__)

GREETING = "Hello, and thank you for coming in today. Let's begin."


class Phase(StrEnum):
    GREETING = "greeting"
    SPEAKING = "speaking"
    THINKING = "thinking"
    LISTENING = "listening"
    TRANSCRIBING = "transcribing"
    ANSWER_STORED = "answer_stored"
    PAUSED = "paused"
    FINISHED = "finished"
    ERROR = "error"


@dataclass(frozen=True)
class FlowEvent:
    """One change the person should see. `index` is the question's place in the plan."""

    phase: Phase
    index: int | None = None
    question: Question | None = None
    message: str = ""
    answer: dict[str, Any] | None = None  # the stored answer, on ANSWER_STORED
    at_s: float = 0.0  # session clock


class _Interrupt(Exception):
    """A command (skip, repeat, retake, end) cut the current step short."""

    def __init__(self, command: str) -> None:
        super().__init__(command)
        self.command = command


class InterviewFlow:
    """Runs one rehearsal session; see the module docstring."""

    def __init__(
        self,
        plan: InterviewPlan,
        store: SessionStore,
        settings: Settings,
        devices: FlowDevices,
        on_event: Callable[[FlowEvent], None] | None = None,
        realtime: bool = True,
    ) -> None:
        self.plan = plan
        self.store = store
        self.settings = settings
        self.devices = devices
        self.on_event = on_event or (lambda event: None)
        self.realtime = realtime
        self.session_id: str | None = None
        self.recording: SessionRecording | None = None
        self.answers: list[dict[str, Any]] = []
        self._lock = threading.Lock()  # guards _command: set from any thread, taken by the flow
        self._command: str | None = None
        self._resume = threading.Event()
        self._resume.set()
        self._wake = threading.Event()
        self._recorder: AnswerRecorder | None = None
        self._virtual_s = 0.0
        # The clock starts now, not in run(): a GUI camera worker may hand in frames first, and
        # MediaPipe needs their timestamps to keep increasing once the session starts.
        self._t0 = time.monotonic()
        self._phase = Phase.GREETING
        self._camera = CameraFeed(
            devices.camera, devices.detector, settings.body, self.now, self._error, realtime
        )
        self._reported_recording_failure = False

    # -- commands (any thread) ---------------------------------------------------------------

    def _set_command(self, command: str) -> None:
        with self._lock:
            self._command = command

    def _request(self, command: str) -> None:
        self._set_command(command)
        self._wake.set()
        recorder = self._recorder
        if recorder is not None:
            recorder.stop()
        if self.devices.speaker is not None:
            self.devices.speaker.cancel()

    def next(self) -> None:
        """Listening: the answer is complete, store it. Speaking/thinking: start listening now."""
        self._request("next")

    def skip(self) -> None:
        """Drop the current question without storing an answer and go to the next."""
        self._request("skip")

    def repeat(self) -> None:
        """Ask the current question again; an answer in progress is discarded."""
        self._request("repeat")

    def retake(self) -> None:
        """Discard the answer in progress and record it again (the question is not re-asked)."""
        self._request("retake")

    def end(self) -> None:
        """End the session now; an answer in progress is stored as it is."""
        self._request("end")
        self._resume.set()

    def pause(self) -> None:
        """Hold the interview; while listening, what was said so far is kept and continued."""
        self._resume.clear()
        self._request("pause")

    def resume(self) -> None:
        self._resume.set()

    def recalibrate(self) -> bool:
        """Restart the body baseline from the next frames (the person sits as at the start).

        Posture and gaze are judged against the baseline, so after the camera or the seat moved
        every cue would be wrong until it is taken again. The interview itself goes on. Returns
        False when there is no body feedback (no camera or no detector), so a caller can say so.
        """
        return self._camera.recalibrate()

    # -- clock, events, camera ---------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The step the interview is in (the last event's phase)."""
        return self._phase

    def now(self) -> float:
        """Seconds on the session clock."""
        return time.monotonic() - self._t0 if self.realtime else self._virtual_s

    def _advance(self, seconds: float) -> None:
        if not self.realtime:
            self._virtual_s += max(seconds, 0.0)
            self._camera.catch_up(self._virtual_s)

    def _emit(self, phase: Phase, index: int | None = None, **kwargs: Any) -> None:
        self._phase = phase
        question = self.plan.questions[index] if index is not None else None
        self.on_event(FlowEvent(phase, index, question, at_s=round(self.now(), 3), **kwargs))
        self._check_recording()

    def _error(self, message: str, index: int | None = None) -> None:
        log.warning("%s", message)
        self.on_event(FlowEvent(Phase.ERROR, index, message=message, at_s=round(self.now(), 3)))

    def _check_recording(self) -> None:
        if self.recording and self.recording.failure and not self._reported_recording_failure:
            self._reported_recording_failure = True
            self._error(self.recording.failure)

    def observe_frame(self, image: np.ndarray, at_s: float | None = None):
        """One camera frame from a GUI camera worker: into the recording and the body cues.

        Returns (LandmarkFrame, CueState) for an overlay, or None when no analysis ran.
        """
        return self._camera.observe(image, at_s)

    # -- the steps ---------------------------------------------------------------------------

    def _take_command(self) -> str | None:
        with self._lock:
            command, self._command = self._command, None
        return command

    def _checkpoint(self, allow: Sequence[str] = ()) -> bool:
        """Wait out a pause (True if there was one); raise for skip/repeat/retake/end."""
        paused = not self._resume.is_set()
        if paused:
            self._emit(Phase.PAUSED)
            self._resume.wait()
        command = self._take_command()
        if command in ("skip", "repeat", "retake", "end") or (
            command == "next" and "next" in allow
        ):
            raise _Interrupt(command)
        return paused

    def _say(self, text: str, index: int | None, phase: Phase) -> None:
        """Speak `text` (or only show it): it goes to the speaker and into the recording."""
        self._emit(phase, index, message=text)
        voice = self.devices.voice
        if voice is None:
            self._checkpoint(allow=("next",))
            return
        media = self.store.media_dir(self.session_id)
        name = "greeting.wav" if index is None else f"question-{index + 1:02d}.wav"
        try:
            wav = voice.synthesize(text, media / name)
            samples = decode_audio(wav)
        except MockInterviewError as exc:
            self._error(f"The question could not be spoken ({exc}); read it on screen.", index)
            self._checkpoint(allow=("next",))
            return
        start = self.now()
        if self.recording is not None:
            self.recording.add_audio(samples, start)
        if self.devices.speaker is not None:
            try:
                self.devices.speaker.play_file(wav)
            except DeviceError as exc:
                self._error(str(exc), index)
        self._advance(len(samples) / SAMPLE_RATE)
        if self._checkpoint(allow=("next",)) and self.devices.speaker is not None:
            raise _Interrupt("repeat")  # the pause cut the question off: ask it again whole

    def _think(self, index: int) -> None:
        seconds = self.settings.interview.thinking_time_s
        if seconds <= 0:
            return
        self._emit(Phase.THINKING, index, message=f"{seconds:.0f} s to think")
        if self.realtime:
            deadline = time.monotonic() + seconds
            while (left := deadline - time.monotonic()) > 0:
                self._wake.wait(left)
                self._wake.clear()
                self._checkpoint(allow=("next",))
        else:
            self._advance(seconds)
            self._checkpoint(allow=("next",))

    def _record(self, index: int) -> tuple[np.ndarray, float, str | None, Transcript | None]:
        """Record one answer (continuing across pauses).

        Returns the samples, the start on the session clock, a device error if the microphone
        failed, and the live transcript when one was made while the person spoke (live, and
        without a pause; otherwise the whole answer is transcribed afterwards).
        """
        media = self.store.media_dir(self.session_id)
        parts: list[np.ndarray] = []
        start = self.now()
        if self.recording is not None:
            self.recording.add_audio(np.zeros(0, np.float32), start)
        self._camera.start_answer()
        error = None
        live_transcript = None
        while True:
            self._emit(Phase.LISTENING, index)
            live = StreamingTranscriber(self.devices.transcriber) if self.realtime else None

            def on_audio(block: np.ndarray, live: StreamingTranscriber | None = live) -> None:
                if self.recording is not None:
                    self.recording.add_audio(block)
                if live is not None:
                    live.feed(block)

            # A fresh source per part: after a pause a microphone is reopened.
            source = self.devices.answer_source(index)
            part_path = media / f".answer-{index + 1:02d}-part{len(parts)}.wav"
            self._recorder = AnswerRecorder(
                source, part_path, self.settings.audio, self.settings.delivery, on_audio=on_audio
            )
            if live is not None:
                live.start()
            try:
                result = self._recorder.record()
            finally:
                self._recorder = None
                if live is not None:
                    live_transcript = live.finish()
            parts.append(result.samples)
            part_path.unlink(missing_ok=True)
            self._advance(result.duration_s)
            error = result.error
            command = self._take_command()
            if command == "pause":
                self._emit(Phase.PAUSED, index)
                self._resume.wait()
                after = self._take_command()
                if after in ("skip", "repeat", "retake"):
                    raise _Interrupt(after)
                if after != "end" and self.realtime:
                    continue  # go on recording the same answer
                # From files the audio cannot go on where it stopped: the answer ends here.
                command = after
            if command in ("skip", "repeat", "retake"):
                raise _Interrupt(command)
            if command == "end":
                self._set_command("end")  # store this answer, then end the session
            break
        samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return samples, start, error, live_transcript if len(parts) == 1 else None

    def _store_answer(
        self, index: int, samples: np.ndarray, start: float, transcript: Transcript | None
    ) -> dict[str, Any]:
        """Transcribe (unless done live), measure and commit one answer; returns its dict."""
        self._emit(Phase.TRANSCRIBING, index)
        media = self.store.media_dir(self.session_id)
        wav = write_wav(media / f"answer-{index + 1:02d}.wav", samples)
        stored = analyze_answer(
            self.plan.questions[index],
            samples,
            self.settings,
            self.devices.transcriber,
            transcript=transcript,
            body=self._camera.finish_answer(),
            recording_offset_s=start if self.recording is not None else None,
            audio=wav,
        )
        self.store.add_answer(self.session_id, stored)
        answer = self.store.session_dict(self.session_id)["answers"][-1]
        self.answers.append(answer)
        self._emit(Phase.ANSWER_STORED, index, answer=answer)
        return answer

    def _prepare_voice(self, texts: list[str], index: int) -> None:
        """Let the voice render `texts` and question `index` ahead, so it speaks without a wait."""
        prepare = getattr(self.devices.voice, "prepare", None)
        if prepare is not None:
            prepare(texts + [q.text for q in self.plan.questions[index : index + 1]])

    def _ask(self, index: int) -> None:
        """One question, from speaking it to its stored answer, honouring the commands."""
        question = self.plan.questions[index]
        self._prepare_voice([], index + 1)  # rendered while this one is asked and answered
        speak = True
        while True:
            try:
                if speak:
                    if self.recording is not None:
                        self.recording.add_chapter(question.text, self.now())
                    self._say(question.text, index, Phase.SPEAKING)
                    self._think(index)
                speak = True
                samples, start, error, transcript = self._record(index)
            except DeviceError as exc:  # the microphone could not even start
                self._error(f"{exc} The session ends here; the answers so far are kept.", index)
                self._set_command("end")
                return
            except _Interrupt as cut:
                if cut.command == "next":
                    speak = False  # skip the thinking time and listen at once
                    continue
                if cut.command == "retake":
                    speak = False
                    continue
                if cut.command == "repeat":
                    continue
                if cut.command == "end":
                    self._set_command("end")
                return  # skip
            self._store_answer(index, samples, start, transcript)
            if error:
                self._error(f"The microphone failed: {error}", index)
                self._set_command("end")
            return

    def run(self) -> str:
        """Run the whole session and return its id; blocks until finished or ended."""
        self.session_id = self.store.create_session(self.plan.bank)
        status = "finished"
        try:
            try:
                path = self.store.media_dir(self.session_id) / RECORDING_NAME
                self.recording = SessionRecording(
                    path, keep_video=self.settings.interview.keep_video
                )
                self._camera.recording = self.recording
                self.store.set_recording(self.session_id, path)
            except MediaError as exc:
                self._error(f"{exc}; the session goes on without a recording.")
            for note in self.plan.notes:
                self._error(note)
            if getattr(self.devices.voice, "note", None):
                self._error(self.devices.voice.note)
            self._prepare_voice(([GREETING] if self.settings.interview.greeting else []), 0)
            if self.realtime:
                self._camera.start_live()
            if self.settings.interview.greeting:
                try:
                    self._say(GREETING, None, Phase.GREETING)
                except _Interrupt as cut:
                    if cut.command == "end":
                        self._set_command("end")
            for index in range(len(self.plan.questions)):
                if self._take_command() == "end":  # other stale commands are dropped
                    break
                self._ask(index)
        except BaseException:
            status = "interrupted"
            raise
        finally:
            self._camera.stop()
            if self.recording is not None:
                self.recording.close()
                self._check_recording()
            self.store.finish_session(self.session_id, status)
            for close in self.devices.closers:
                close()
        self._emit(Phase.FINISHED, message=f"{len(self.answers)} answers stored")
        return self.session_id


__all__ = ["GREETING", "FlowEvent", "InterviewFlow", "Phase"]
