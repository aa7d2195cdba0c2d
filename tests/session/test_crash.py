"""Nothing lost: a headless rehearsal killed (SIGKILL) in each state, then recovered.

Each kill runs `rehearse --headless` from files in a subprocess and kills it when its progress
line for the state appears; what is stored is then checked before and after recovery, which
analyses the answer in progress as the flow would have. The listening state (with a camera, so
body cues come from the recording) is test_rehearse.py's kill test. Faults that a kill cannot
time (the moment between an answer's commit and its journal's removal, a full disk, a lost
microphone) are injected in-process at the exact call.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from mockinterview.core.errors import DeviceError
from mockinterview.core.questions import load_bank
from mockinterview.core.session import answer_journal
from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
from mockinterview.core.session.plan import plan_interview
from mockinterview.core.session.recording import probe_recording
from mockinterview.core.session.recovery import recover_session
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.capture import FileSource
from tests.session.conftest import kill_when

REHEARSE = [sys.executable, "-m", "mockinterview", "rehearse", "--headless", "--bank=ml-engineer"]
FIRST_ID = "validation-vs-test-set"


def _rehearse_one(answer: Path) -> list[str]:
    return [*REHEARSE, "--count", "1", "--no-closing", "--mic", str(answer)]


def _the_interrupted(store: SessionStore) -> str:
    (summary,) = store.interrupted_sessions()
    return summary.session_id


@pytest.mark.parametrize("marker", ["Hello, and thank you", "Q1 "])
def test_kill_before_any_answer_keeps_the_session_and_its_recording(
    marker: str, answer_wavs: list[Path], transcriber
) -> None:
    """Greeting, or the first question being spoken: nothing was said, nothing is made up."""
    kill_when(_rehearse_one(answer_wavs[0]), marker)
    store = SessionStore()
    session_id = _the_interrupted(store)
    data = recover_session(store, session_id, Settings(), lambda: transcriber)
    assert data["status"] == "recovered" and data["answers"] == []
    if marker == "Q1 ":  # the greeting was spoken into the recording, and it decodes
        assert probe_recording(Path(data["recording"]))["audio_s"] > 1.0
    else:  # killed before the first packet: no file, and the session says so
        assert data["recording"] is None
    assert not list(store.media_dir(session_id).glob(".answer-*"))


def test_kill_while_transcribing_keeps_the_whole_answer(answer_wavs: list[Path], transcriber):
    """The answer was complete on disk (answer-01.wav) but not yet committed: recovery
    transcribes and analyses it; it is whole, not partial, and has its content coverage."""
    kill_when(_rehearse_one(answer_wavs[0]), "Q1 transcribing")
    store = SessionStore()
    session_id = _the_interrupted(store)
    assert store.session_dict(session_id)["answers"] == []  # the kill came before the commit
    (pending,) = answer_journal.pending(store.media_dir(session_id))
    assert pending.whole is not None and pending.question.id == FIRST_ID

    data = recover_session(store, session_id, Settings(), lambda: transcriber)
    (answer,) = data["answers"]
    assert answer["question_id"] == FIRST_ID and not answer["partial"]
    assert "validation" in answer["transcript"].lower()
    assert answer["speech"]["word_count"] > 15
    assert answer["content"]["coverage_pct"] >= 50
    assert answer["recording_offset_s"] > 0 and answer["audio"].endswith("answer-01.wav")
    assert not list(store.media_dir(session_id).glob(".answer-*"))
    assert store.interrupted_sessions() == []
    # The same answer in a session nobody interrupted is measured the same. It is given the 16-bit
    # WAV the killed session wrote, which recovery read: the source file's samples differ from it
    # by the rounding to 16 bits, and on CI's CPU that changed a word ("tune" / "tuned").
    kept = store.media_dir(session_id) / "answer-01.wav"
    flow = _flow(answer_wavs, transcriber, source=lambda n: FileSource(kept))[0]
    (uninterrupted,) = store.session_dict(flow.run())["answers"]
    assert answer["transcript"] == uninterrupted["transcript"]
    assert answer["content"] == uninterrupted["content"]
    for key in ("word_count", "wpm", "filler_count", "loudness_dbfs", "pitch_variation_st"):
        assert answer["speech"][key] == pytest.approx(uninterrupted["speech"][key], rel=0.02), key
    assert answer["speech"]["flags"] == uninterrupted["speech"]["flags"]


def test_kill_after_saving_keeps_the_answer_once(answer_wavs: list[Path], transcriber) -> None:
    """The process dies between the answer's commit and the removal of its journal (a moment
    too short to hit with a kill from outside, so the journal removal itself is cut off)."""
    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, greeting=False))
    plan = plan_interview(load_bank("ml-engineer"), 1, closing=False)
    devices = FlowDevices(lambda n: FileSource(answer_wavs[n]), transcriber)
    store = SessionStore()
    flow = InterviewFlow(plan, store, settings, devices, realtime=False)

    def killed(folder: Path, index: int) -> None:
        raise KeyboardInterrupt  # stands in for the kill at this very line

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(answer_journal, "clear", killed)
        with pytest.raises(KeyboardInterrupt):
            flow.run()
    session_id = _the_interrupted(store)
    assert len(store.session_dict(session_id)["answers"]) == 1
    assert answer_journal.pending(store.media_dir(session_id))  # the journal outlived the commit
    data = recover_session(store, session_id, settings, lambda: transcriber)
    assert [a["question_id"] for a in data["answers"]] == [FIRST_ID]
    assert not list(store.media_dir(session_id).glob(".answer-*"))


def _flow(answer_wavs: list[Path], transcriber, source=None, realtime=False):
    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, greeting=False))
    plan = plan_interview(load_bank("ml-engineer"), 1, closing=False)
    devices = FlowDevices(source or (lambda n: FileSource(answer_wavs[n])), transcriber)
    events: list[FlowEvent] = []
    store = SessionStore()
    flow = InterviewFlow(plan, store, settings, devices, events.append, realtime=realtime)
    return flow, store, events, settings


def test_disk_full_mid_answer_stops_cleanly_and_recovery_keeps_what_was_said(
    answer_wavs: list[Path], transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockinterview.core.audio_file import WavWriter

    flow, store, events, settings = _flow(answer_wavs, transcriber)
    write = WavWriter.write
    blocks = []

    def fill_up(self, samples) -> None:
        if self.path.name.startswith(".answer-") and len(blocks) >= 40:  # ~4 s in
            raise OSError(errno.ENOSPC, "No space left on device")
        blocks.append(len(samples))
        write(self, samples)

    monkeypatch.setattr(WavWriter, "write", fill_up)
    session_id = flow.run()  # returns: the session stops, it does not crash
    monkeypatch.undo()
    errors = [e.message for e in events if e.phase is Phase.ERROR]
    assert any("No space left on device" in m and "recover" in m for m in errors), errors
    assert events[-1].phase is Phase.FINISHED
    assert store.session_dict(session_id)["status"] == "interrupted"

    data = recover_session(store, session_id, settings, lambda: transcriber)
    (answer,) = data["answers"]
    assert answer["partial"] and 3.0 < answer["duration_s"] < 5.0, answer["duration_s"]
    assert "validation" in answer["transcript"].lower() or "tune" in answer["transcript"].lower()


class _Unplugged:
    """A microphone (here: the answer file, paced live) that vanishes after `after_s` seconds
    the first time it is used, and whose reopening fails once before it works again."""

    def __init__(self, path: Path, after_s: float, state: dict) -> None:
        self._source = FileSource(path, realtime=True)
        self.sample_rate = self._source.sample_rate
        self._after = after_s
        self._state = state
        self._read_s = 0.0

    @property
    def exhausted(self) -> bool:
        return self._source.exhausted

    def start(self) -> None:
        if self._state["reopen_failures"] > 0 and self._state["unplugged"]:
            self._state["reopen_failures"] -= 1
            raise DeviceError("no such microphone")
        self._source.start()

    def stop(self) -> None:
        self._source.stop()

    def read(self, timeout: float):
        if not self._state["unplugged"] and self._read_s >= self._after:
            self._state["unplugged"] = True
            raise DeviceError("the microphone was unplugged")
        block = self._source.read(timeout)
        if block is not None:
            self._read_s += len(block) / self.sample_rate
        return block


def test_lost_microphone_pauses_and_the_answer_goes_on_when_it_returns(
    answer_wavs: list[Path], transcriber
) -> None:
    state = {"unplugged": False, "reopen_failures": 1}
    flow, store, events, _settings = _flow(
        answer_wavs,
        transcriber,
        source=lambda n: _Unplugged(answer_wavs[2], 1.0, state),
        realtime=True,
    )
    session_id = flow.run()
    phases = [e.phase for e in events]
    assert Phase.PAUSED in phases and phases[-1] is Phase.FINISHED
    message = next(e.message for e in events if e.phase is Phase.ERROR)
    assert "unplugged" in message and "paused" in message
    (answer,) = store.session_dict(session_id)["answers"]
    # Both stretches are one answer: ~1 s before the loss, then the whole clip again.
    assert answer["duration_s"] > 5.0 and "success" in answer["transcript"].lower()
    assert store.session_dict(session_id)["status"] == "finished"


def test_a_lost_microphone_pauses_at_once_and_the_answer_keeps_its_live_transcript(
    answer_wavs: list[Path], transcriber, held_transcription
) -> None:
    """The microphone goes 5 s into the answer while the live transcript of what was said is
    still being made (held back here, as a loaded machine holds it). The session pauses, and
    the answer's picture stops, before that transcript is finished: before, the flow finished
    it first (24 s at load 30), the camera's frames went on into the recording meanwhile, and
    the transcript was then thrown away and the whole answer transcribed again."""
    import numpy as np

    held = held_transcription
    state = {"unplugged": False, "reopen_failures": 1}
    flow, store, events, _settings = _flow(
        answer_wavs,
        transcriber,
        source=lambda n: _Unplugged(answer_wavs[2], 5.0, state),
        realtime=True,
    )
    at_pause: dict[str, object] = {}
    frame = np.full((240, 320, 3), 128, np.uint8)

    def on_event(event: FlowEvent) -> None:
        events.append(event)
        if event.phase is Phase.PAUSED and not at_pause:
            frames = flow.recording.video_frames
            flow.observe_frame(frame)  # the camera goes on: its frames must wait
            at_pause.update(decoded=len(held.decoded), held=flow.recording.video_frames == frames)
            held.release.set()

    flow.on_event = on_event
    session_id = flow.run()
    assert at_pause == {"decoded": 0, "held": True}, at_pause
    (answer,) = store.session_dict(session_id)["answers"]
    assert answer["duration_s"] > 8.0 and "success" in answer["transcript"].lower()
    assert held.decoded and all(g for _, g in held.decoded), held.decoded  # nothing redone


def test_microphone_that_cannot_open_pauses_and_the_answer_is_recorded_when_it_can(
    answer_wavs: list[Path], transcriber
) -> None:
    # Gone before the answer starts (unplugged while the question was asked, or the sound server
    # restarting): its opening fails, then the first retry; the second retry works.
    state = {"unplugged": True, "reopen_failures": 2}
    flow, store, events, _settings = _flow(
        answer_wavs,
        transcriber,
        source=lambda n: _Unplugged(answer_wavs[2], 0.0, state),
        realtime=True,
    )
    session_id = flow.run()
    phases = [e.phase for e in events]
    assert Phase.PAUSED in phases and phases[-1] is Phase.FINISHED
    message = next(e.message for e in events if e.phase is Phase.ERROR)
    assert "no such microphone" in message and "paused" in message
    (answer,) = store.session_dict(session_id)["answers"]
    assert answer["duration_s"] > 3.0 and "success" in answer["transcript"].lower()
    assert store.session_dict(session_id)["status"] == "finished"
    assert state["reopen_failures"] == 0


def test_kill_while_writing_the_report_leaves_no_half_file(
    answer_wavs: list[Path], transcriber, tmp_path: Path
) -> None:
    _flow(answer_wavs, transcriber)[0].run()
    out = tmp_path / "reports"
    out.mkdir()
    command = [sys.executable, "-m", "mockinterview", "report", "latest", "--out", str(out)]
    kill_when([*command, "--format", "html", "--format", "pdf"], "[1/")
    # Under a report's own name there is only ever a whole file; a kill inside the atomic write
    # may leave its hidden temp file, which the next write of that report removes.
    visible = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert not [p for p in visible if p.suffix != ".html"], list(out.iterdir())
    (session,) = SessionStore().list_sessions()
    assert session.status == "finished" and session.answer_count == 1
    again = subprocess.run(
        [*command, "--format", "html", "--format", "pdf"], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert "Answer 1." in next(out.glob("*.html")).read_text()
    assert next(out.glob("*.pdf")).read_bytes().startswith(b"%PDF")
    assert not list(out.glob(".*.tmp")), list(out.iterdir())
