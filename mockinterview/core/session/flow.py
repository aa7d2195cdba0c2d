"""The interview itself as a headless state machine: greet, ask, listen, store, repeat, finish.

    flow = InterviewFlow(plan, store, settings, devices, on_event=show)   # no Qt anywhere
    session_id = flow.run()            # blocks: run it in a worker thread (the GUI) or directly
    flow.next() / skip() / repeat() / retake() / pause() / resume() / end()   # from any thread
    flow.recalibrate()                 # any thread: the body baseline is taken again
    flow.observe_frame(image)          # a GUI camera worker hands frames in (live path)

Every step reports a `FlowEvent` (greeting, speaking, thinking, listening, transcribing,
answer_stored, composing, paused, finished, error) to `on_event`, called on the flow's thread;
the GUI turns it into a signal, the CLI prints it. Errors the person should see (camera gone,
disk full, no voice) are events with a message, and the interview goes on with what still works.

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
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio, write_wav
from mockinterview.core.content.answer import embed_finished_sentences
from mockinterview.core.content.follow_up import follow_up_question
from mockinterview.core.errors import DeviceError, MediaError, MockInterviewError
from mockinterview.core.questions import Question
from mockinterview.core.report.scoring import NOTHING_HEARD, heard_nothing
from mockinterview.core.session import answer_journal
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.camera_feed import CameraFeed
from mockinterview.core.session.native_memory import keep_large_buffers_off_the_heap
from mockinterview.core.session.plan import InterviewPlan
from mockinterview.core.session.recording import RECORDING_NAME, SessionRecording
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore, answers_stored
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import StreamingTranscriber
from mockinterview.core.speech.capture import (
    NO_SIGNAL_S,
    AnswerRecorder,
    no_signal_message,
    no_voice_message,
)
from mockinterview.core.speech.pitch import start_worker as start_pitch_worker
from mockinterview.core.speech.transcript import Transcript

log = logging.getLogger(__name__)

GREETING = "Hello, and thank you for coming in today. Let's begin."
DEVICE_RETRY_S = 2.0  # s between attempts to reopen a microphone that was lost mid-answer


def _embed_said(transcript: Transcript) -> None:
    """Embed the finished sentences of the live transcript while the person goes on speaking,
    so the content analysis after Stop has only the last sentence left. An embedder that cannot
    load is said by that analysis; here it must not stop the transcription."""
    try:
        embed_finished_sentences(transcript.text, [w.to_dict() for w in transcript.words])
    except MockInterviewError as exc:
        log.warning("live content embedding skipped: %s", exc)


class Phase(StrEnum):
    GREETING = "greeting"
    SPEAKING = "speaking"
    THINKING = "thinking"
    LISTENING = "listening"
    TRANSCRIBING = "transcribing"
    ANSWER_STORED = "answer_stored"
    COMPOSING = "composing"  # a language model writes the follow-up; message: the text so far
    PAUSED = "paused"
    FINISHED = "finished"
    ERROR = "error"
    # A problem the person can fix while the answer goes on (the microphone sends nothing, or
    # no voice): said beside the answer, as an error would be, but not as a failure.
    ADVICE = "advice"


@dataclass(frozen=True)
class FlowEvent:
    """One change the person should see. `index` is the question's place in the plan."""

    phase: Phase
    index: int | None = None
    question: Question | None = None
    message: str = ""
    answer: dict[str, Any] | None = None  # the stored answer, on ANSWER_STORED
    at_s: float = 0.0  # session clock


class _DiskFull(Exception):
    """Writing the answer failed (the disk is full): the session stops, what is on disk stays."""


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
        room_floor_dbfs: float | None = None,
    ) -> None:
        """`room_floor_dbfs`: the room's noise floor measured before the session (the
        microphone check), the first answer's start; each later answer starts from the last."""
        keep_large_buffers_off_the_heap()  # camera frames: flat memory over a long session
        self.plan = plan
        self.store = store
        self.settings = settings
        self.devices = devices
        self.on_event = on_event or (lambda event: None)
        self.realtime = realtime
        self.session_id: str | None = None
        # How run() left the session: "finished", or "interrupted" when it stopped on a full disk
        # with an answer still to recover (the GUI then offers recovery at once).
        self.status = "running"
        self.recording: SessionRecording | None = None
        self.answer_count = 0  # answers stored (the answers themselves are in the store)
        self._lock = threading.Lock()  # guards _command: set from any thread, taken by the flow
        self._command: str | None = None
        self._resume = threading.Event()
        self._resume.set()
        self._wake = threading.Event()
        self._recorder: AnswerRecorder | None = None
        self._answering = False  # an answer is being recorded (guarded by _lock)
        self._room_floor_dbfs = room_floor_dbfs  # each answer starts from the room's last floor
        self._told_no_signal = False  # a microphone sending only zeros is named once a session
        # A microphone sending sound but no voice is asked about once, and only until an answer
        # was heard: after that a long silence is someone thinking.
        self._ask_about_voice = True
        self._virtual_s = 0.0
        # The clock starts now, not in run(): a GUI camera worker may hand in frames first, and
        # MediaPipe needs their timestamps to keep increasing once the session starts.
        self._t0 = time.monotonic()
        self._phase = Phase.GREETING
        self._camera = CameraFeed(
            devices.camera, devices.detector, settings.body, self.now, self._error, realtime
        )
        self._reported_recording_failure = False
        # Each question asked, follow-ups included, takes the next slot: its answer's files and
        # (from files) its answer source. Without follow-ups a slot is the plan's index.
        self._slot = 0
        self._asking: Question | None = None

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
        with self._lock:
            if self._answering:  # its picture stops now, with its sound, not once the flow
                self._hold_video()  # has finished the part (the live transcript's last words)
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
    def frames_analysed(self) -> int:
        """Camera frames that went through the landmarks so far (the analysis's own rate)."""
        return self._camera.frames_analysed

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
        question = None
        if index is not None:  # the follow-up being asked, or the plan's question
            question = self._asking or self.plan.questions[index]
        self.on_event(FlowEvent(phase, index, question, at_s=round(self.now(), 3), **kwargs))
        self._check_recording()

    def _error(self, message: str, index: int | None = None, phase: Phase = Phase.ERROR) -> None:
        log.warning("%s", message)
        self.on_event(FlowEvent(phase, index, message=message, at_s=round(self.now(), 3)))

    def _advise(self, message: str, index: int) -> None:
        self._error(message, index, Phase.ADVICE)

    def _check_recording(self) -> None:
        if self.recording and self.recording.failure and not self._reported_recording_failure:
            self._reported_recording_failure = True
            self._error(self.recording.failure)

    def observe_frame(self, image: np.ndarray, at_s: float | None = None):
        """One camera frame: into the recording and the body cues (`record_frame`, then
        `analyse_frame`). Returns (LandmarkFrame, CueState) for an overlay, or None."""
        return self._camera.observe(image, at_s)

    def record_frame(self, image: np.ndarray, at_s: float | None = None) -> None:
        """A camera frame into the session recording only: a GUI camera worker records at the
        encoder's rate, on a thread other than the analysis's."""
        self._camera.record(image, at_s)

    def analyse_frame(self, image: np.ndarray, at_s: float | None = None):
        """A camera frame through the landmarks into the body cues only (see observe_frame)."""
        return self._camera.analyse(image, at_s)

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

    def _say(self, text: str, index: int | None, phase: Phase, slot: int | None = None) -> None:
        """Speak `text` (or only show it): it goes to the speaker and into the recording."""
        self._emit(phase, index, message=text)
        voice = self.devices.voice
        if voice is None:
            self._checkpoint(allow=("next",))
            return
        media = self.store.media_dir(self.session_id)
        slot = index if slot is None else slot
        name = "greeting.wav" if slot is None else f"question-{slot + 1:02d}.wav"
        try:
            wav = voice.synthesize(text, media / name)
            samples = decode_audio(wav)
        except MockInterviewError as exc:
            self._error(f"The question could not be spoken ({exc}); read it on screen.", index)
            self._checkpoint(allow=("next",))
            return
        start = self.now()
        if self.devices.speaker is not None:
            try:
                self.devices.speaker.play_file(wav)
            except DeviceError as exc:
                self._error(str(exc), index)
        if self.recording is not None:
            # Into the recording goes what was heard, where it was heard. Live, a question cut
            # short (Answer now) or not played (no speaker: read on screen) lasted only until
            # now; written whole, its unheard rest pushed the answer's sound after it, seconds
            # away from the answer's picture and from its stored offset.
            heard = len(samples)
            if self.realtime:
                heard = min(heard, max(0, round((self.now() - start) * SAMPLE_RATE)))
            self.recording.add_audio(samples[:heard], start)
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

    def _record(
        self, index: int, question: Question, slot: int, parent: int | None = None
    ) -> tuple[np.ndarray, float, float, str | None, StreamingTranscriber | None]:
        """Record one answer (continuing across pauses); the journal keeps it through a crash.

        Returns the samples, the start and the end on the session clock (the end is when the
        person stopped, before the transcript was finished), the error of an audio file that
        failed (from files; a live microphone that fails pauses the session instead), and, live,
        the transcriber that has been transcribing the answer while the person spoke, across
        its pauses (its `finish()` gives the transcript; from files the whole answer is
        transcribed afterwards). A skip, repeat or retake drops the answer and its journal.
        """
        media = self.store.media_dir(self.session_id)
        start = self.now()
        answer_journal.begin(media, slot, question, start, parent)
        # One live transcriber for the whole answer, fed by every part: a pause neither waits for
        # the part's transcript (the "Paused" label, the held picture and the clock take effect
        # at once) nor throws it away when the answer goes on.
        live = (
            StreamingTranscriber(
                self.devices.transcriber, on_part=_embed_said, process=self.devices.chunk_process
            )
            if self.realtime
            else None
        )
        if live is not None:
            live.start()
        try:
            parts, end, error = self._record_parts(index, media, slot, live)
        except BaseException as exc:
            if live is not None:
                live.cancel()
            if isinstance(exc, _Interrupt):
                answer_journal.clear(media, slot)
            raise
        finally:
            with self._lock:
                self._answering = False
                if self.recording is not None:  # a paused answer's picture is back on the clock
                    self.recording.release_video()
        samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return samples, start, end, error, live

    def _record_parts(
        self, index: int, media: Path, slot: int, live: StreamingTranscriber | None
    ) -> tuple[list[np.ndarray], float, str | None]:
        """The parts of one answer (a new part after each pause, or after the microphone was lost
        and came back) and when the last one ended on the session clock; every part's audio goes
        to `live`. Raises _Interrupt for skip/repeat/retake, _DiskFull when writing fails."""
        parts: list[np.ndarray] = []
        heard_s = 0.0  # voice in the parts so far: a resumed part need not hear new voice
        recorded_s = 0.0  # audio in the parts so far: the length cap is the whole answer's
        end = self.now()  # where the last part ended, on the session clock
        if self.recording is not None:
            self.recording.add_audio(np.zeros(0, np.float32), self.now())
        with self._lock:
            self._answering = True
        self._camera.start_answer()

        def on_audio(block: np.ndarray) -> None:
            if self.recording is not None:
                self.recording.add_audio(block)
            if live is not None:
                live.feed(block)

        while True:
            self._emit(Phase.LISTENING, index)
            # A fresh source per part: after a pause a microphone is reopened.
            source = self.devices.answer_source(slot)
            self._recorder = AnswerRecorder(
                source,
                answer_journal.part_wav(media, slot, len(parts)),
                self.settings.audio,
                self.settings.delivery,
                on_audio=on_audio,
                noise_floor_dbfs=self._room_floor_dbfs,
                voice_heard_s=heard_s,
                recorded_s=recorded_s,
                on_no_signal=(lambda: self._no_signal(index)) if self.realtime else None,
                on_no_voice=(
                    (lambda: self._no_voice(index))
                    if self.realtime and self._ask_about_voice
                    else None
                ),
            )
            # After a pause or a lost microphone the answer goes on from here: its audio leaves
            # the time since the last part ended out, so its body cues do too.
            self._camera.leave_out(end, self.now())
            if self.recording is not None:
                self.recording.continue_video(self.now())  # and its picture, in the recording
            try:
                result = self._recorder.record()
            except OSError as exc:  # the part file could not be written: the disk is full
                raise _DiskFull(exc) from exc
            except DeviceError as exc:
                if not self.realtime:
                    raise
                # Live, a microphone that cannot start (unplugged while the question was asked,
                # the sound server restarting) pauses the session as one lost mid-answer does.
                command = self._take_command()
                if command in (None, "pause", "next"):
                    command = self._wait_for_microphone(index, slot, str(exc))
                if command is None:
                    continue
                if command == "end" and parts:
                    self._set_command("end")
                    return parts, end, str(exc)  # ends where the last part ended
                raise _Interrupt(command) from exc
            finally:
                self._recorder = None
            stopped = self.now()
            parts.append(result.samples)
            heard_s += result.voiced_s
            recorded_s += result.duration_s
            self._room_floor_dbfs = result.noise_floor_dbfs
            self._advance(result.duration_s)
            # Live, the answer ended when the recorder stopped, not once the transcript was
            # finished (the camera runs on meanwhile); from files the clock just moved past it.
            end = stopped if self.realtime else self.now()
            command = self._take_command()
            if result.error and command is None and self.realtime:
                command = self._wait_for_microphone(index, slot, result.error)
                if command is None:
                    continue  # the microphone is back: go on with the same answer
            elif command == "pause":
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
            return parts, end, result.error

    def _no_signal(self, index: int) -> None:
        """The microphone opened but sends only zeros (muted, or the app may not use it): said
        while the answer runs, which goes on, so the person can fix it instead of talking to
        nothing until the answer's maximum length."""
        if not self._told_no_signal:
            self._told_no_signal = True
            self._advise(no_signal_message(NO_SIGNAL_S), index)

    def _no_voice(self, index: int) -> None:
        """The microphone sends sound, but no voice has started the answer: a wrong input hears
        the room and not the person, who is asked while the answer runs (it goes on)."""
        if self._ask_about_voice:
            self._ask_about_voice = False
            self._advise(no_voice_message(self.settings.audio.microphone), index)

    def _wait_for_microphone(self, index: int, slot: int, error: str) -> str | None:
        """The microphone failed mid-answer: pause (what was said is kept) until it can be opened
        again or the person resumes, skips or ends. Returns the command that ended the pause,
        None to go on recording the same answer."""
        self._resume.clear()
        self._hold_video()
        self._error(
            f"The microphone stopped ({error}). The session is paused and what you said is kept: "
            "reconnect the microphone to go on with this answer, or end the session.",
            index,
        )
        self._emit(Phase.PAUSED, index)
        while not self._resume.wait(DEVICE_RETRY_S):
            if self._microphone_back(slot):
                self._resume.set()
        command = self._take_command()
        return None if command in (None, "pause", "next") else command

    def _hold_video(self) -> None:
        """The answer stops and may go on: its picture waits, as its audio does."""
        if self.recording is not None:
            self.recording.hold_video()

    def _microphone_back(self, slot: int) -> bool:
        try:
            probe = self.devices.answer_source(slot)
            probe.start()
            probe.stop()
        except MockInterviewError:
            return False
        return True

    def _store_answer(
        self,
        index: int,
        question: Question,
        slot: int,
        samples: np.ndarray,
        start: float,
        end: float,
        live: StreamingTranscriber | None,
        parent: int | None = None,
    ) -> dict[str, Any]:
        """Finish the live transcript (or transcribe the whole answer), measure and commit one
        answer; returns its dict. `start` and `end` are the answer's times on the session
        clock."""
        media = self.store.media_dir(self.session_id)
        try:  # first: from here on a crash leaves the whole answer, not a partial one
            wav = write_wav(answer_journal.answer_wav(media, slot), samples)
        except OSError as exc:
            if live is not None:
                live.cancel()
            raise _DiskFull(exc) from exc
        self._emit(Phase.TRANSCRIBING, index)  # the person waits on the live transcript's tail
        transcript = live.finish() if live is not None else None
        stored = analyze_answer(
            question,
            samples,
            self.settings,
            self.devices.transcriber,
            transcript=transcript,
            body=self._camera.finish_answer(end),
            recording_offset_s=start if self.recording is not None else None,
            audio=wav,
            parent_index=parent,
            live=live is not None,
        )
        stored_index = self.store.add_answer(self.session_id, stored)
        answer_journal.clear(media, slot)
        answer = self.store.answer_dict(self.session_id, stored_index)
        self.answer_count += 1
        told = NOTHING_HEARD if heard_nothing(answer) else ""
        if not told:  # heard: the microphone works, and a long silence is someone thinking
            self._ask_about_voice = False
        self._emit(Phase.ANSWER_STORED, index, message=told, answer=answer)
        return answer

    def _prepare_voice(self, texts: list[str], index: int) -> None:
        """Let the voice render `texts` and question `index` ahead, so it speaks without a wait."""
        prepare = getattr(self.devices.voice, "prepare", None)
        if prepare is not None:
            prepare(texts + [q.text for q in self.plan.questions[index : index + 1]])

    def _ask(self, index: int) -> None:
        """The plan's `index`-th question, then its follow-up question when the answer led to one
        (interview.follow_up): spoken, recorded and stored like any answer, linked to its parent."""
        question = self.plan.questions[index]
        answer = self._ask_one(index, question)
        if answer is None or not answer.get("follow_up") or not self.devices.follow_ups:
            return
        with self._lock:
            ending = self._command == "end"
        if not ending:
            follow = self._phrase(index, question, answer)
            self._ask_one(index, follow, parent=int(answer["index"]))

    def _phrase(self, index: int, question: Question, answer: dict[str, Any]) -> Question:
        """The follow-up the analysis chose, worded by the language model when there is one
        (streamed as COMPOSING events; its own time limit, then the analysis's wording)."""
        follow = follow_up_question(question, answer["follow_up"])
        writer = self.devices.follow_up_writer
        if writer is None:
            return follow
        self._emit(Phase.COMPOSING, index, message="")
        outcome = writer.write(
            question.text,
            answer["transcript"],
            answer["follow_up"],
            lambda text: self._emit(Phase.COMPOSING, index, message=text),
        )
        return replace(follow, text=outcome.text)

    def _ask_one(
        self, index: int, question: Question, parent: int | None = None
    ) -> dict[str, Any] | None:
        """One question, from speaking it to its stored answer, honouring the commands; returns
        the stored answer, None when it was skipped or the session ended."""
        slot, self._slot = self._slot, self._slot + 1
        self._asking = question
        if parent is None:
            self._prepare_voice([], index + 1)  # rendered while this one is asked and answered
        if self.realtime and self.devices.chunk_process is not None:
            self.devices.chunk_process.start()  # loads its model while the question is asked
        speak = True
        while True:
            try:
                if speak:
                    if self.recording is not None:
                        self.recording.add_chapter(question.text, self.now())
                    self._say(question.text, index, Phase.SPEAKING, slot)
                    self._think(index)
                speak = True
                samples, start, end, error, live = self._record(index, question, slot, parent)
            except DeviceError as exc:  # the microphone could not even start
                self._error(f"{exc} The session ends here; the answers so far are kept.", index)
                self._set_command("end")
                return None
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
                return None  # skip
            if error and len(samples) == 0:
                # Nothing was recorded: a stored answer would read "(nothing was said)".
                if live is not None:
                    live.cancel()
                answer_journal.clear(self.store.media_dir(self.session_id), slot)
                self._error(
                    f"The microphone failed: {error} Nothing was recorded for this question; "
                    "the session ends here and the answers so far are kept.",
                    index,
                )
                self._set_command("end")
                return None
            answer = self._store_answer(index, question, slot, samples, start, end, live, parent)
            if error:
                self._error(f"The microphone failed: {error}", index)
                self._set_command("end")
            return answer

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
                start_pitch_worker()  # an answer's analysis must not hold the live threads
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
        except _DiskFull as full:
            status = "interrupted"  # the next start offers to recover the answer on disk
            cause = full.__cause__
            reason = getattr(cause, "strerror", None) or str(cause)
            self._error(
                f"Cannot write to {self.store.media_dir(self.session_id)} ({reason}). The "
                "session stopped; what you said so far is kept. Free some disk space, then "
                "recover the session (Home, or `mockinterview sessions recover`)."
            )
        except BaseException:
            status = "interrupted"
            raise
        finally:
            self._camera.stop()
            if self.recording is not None:
                self.recording.close()
                self._check_recording()
            self.status = status
            self.store.finish_session(self.session_id, status)
            for close in self.devices.closers:
                close()
        self._emit(Phase.FINISHED, message=answers_stored(self.answer_count))
        return self.session_id


__all__ = ["GREETING", "FlowEvent", "InterviewFlow", "Phase"]
