"""The window refines the live transcripts of stored sessions whose report is never opened
(gui/transcript_refiner.py): History and the trends read them too. Real Whisper tiny.en on real
espeak-ng speech; see tests/session/test_refine.py for what refining keeps."""

from __future__ import annotations

import pytest

from mockinterview.core.session import refine
from mockinterview.core.session.refine import live_answers
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from tests.conftest import HeldTranscription
from tests.session.test_refine import store_live_session


def test_stored_sessions_with_live_answers_are_refined_newest_first(
    private_home, tmp_path, transcriber, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mockinterview.gui.main_window import MainWindow

    older = store_live_session(transcriber, tmp_path)[1]
    store, newer = store_live_session(transcriber, tmp_path)
    for session_id in (older, newer):
        store.finish_session(session_id)
    used: list[Transcriber] = []  # the Transcriber each refined answer was decoded with
    analyze = refine.analyze_answer
    monkeypatch.setattr(
        refine,
        "analyze_answer",
        lambda question, samples, settings, transcriber, **kw: (
            used.append(transcriber) or analyze(question, samples, settings, transcriber, **kw)
        ),
    )
    window = MainWindow(Settings())  # loads Whisper; no report is opened
    qtbot.addWidget(window)
    order: list[str] = []
    window.refiner.refined.connect(order.append)
    window.show()

    def whole(session_id: str) -> bool:
        first = SessionStore().session_dict(session_id)["answers"][0]
        return first["speech"]["transcription"] == "whole"

    qtbot.waitUntil(lambda: whole(older) and whole(newer), timeout=120000)
    qtbot.waitUntil(lambda: len(order) == 2, timeout=30000)
    assert order == [newer, older]
    assert "invoices" in SessionStore().session_dict(older)["answers"][0]["transcript"].lower()
    # Not the report on show: the status bar names the session it speaks of.
    told = f"Session {older}: Transcripts refined from the whole recordings: Q1 "
    assert window.statusBar().currentMessage().startswith(told)
    # The answer whose question left the bank stays live, and is not tried again and again.
    assert SessionStore().sessions_with_live_answers() == [newer, older]
    assert not window.refiner.running
    # One model served the queue: loaded once, not once per session.
    assert len(used) == 2 and used[0] is used[1]


def test_a_report_opened_after_a_pause_is_refined_next(
    private_home, tmp_path, transcriber, qtbot
) -> None:
    """A rehearsal paused the refiner mid-session; the rehearsal over, the report opened then
    is refined (the pause is over), not left waiting behind a pause nobody lifts."""
    from PySide6.QtCore import QObject

    from mockinterview.gui.transcript_refiner import TranscriptRefiner

    first = store_live_session(transcriber, tmp_path)[1]
    store, opened = store_live_session(transcriber, tmp_path)
    for session_id in (first, opened):
        store.finish_session(session_id)
    parent = QObject()
    refiner = TranscriptRefiner(store, Settings, parent)
    refiner.refine(first)
    refiner.pause("rehearsal")  # a rehearsal starts
    refiner.refine(opened)  # it is over, and its report opens (MainWindow._refine_transcripts)
    refiner.resume("rehearsal")

    def whole() -> bool:
        answer = SessionStore().session_dict(opened)["answers"][0]
        return answer["speech"]["transcription"] == "whole"

    qtbot.waitUntil(whole, timeout=120000)
    refiner.wait()


@pytest.fixture
def held_refiner(private_home, tmp_path, transcriber, monkeypatch: pytest.MonkeyPatch):
    """A finished session with two live answers, a TranscriptRefiner on its own (no window),
    and every Whisper decoding held until the test releases it (HeldTranscription)."""
    from PySide6.QtCore import QObject

    from mockinterview.gui.transcript_refiner import TranscriptRefiner

    store, session_id = store_live_session(transcriber, tmp_path)
    store.finish_session(session_id)
    held = HeldTranscription(limit_s=120.0)
    monkeypatch.setattr(Transcriber, "transcribe", held.wrap(Transcriber.transcribe))
    parent = QObject()
    refiner = TranscriptRefiner(store, Settings, parent)
    yield store, session_id, held, refiner
    held.release.set()
    refiner.wait()


def test_a_pause_gives_up_the_answer_being_decoded(held_refiner, qtbot) -> None:
    """A rehearsal starts while an answer is decoded: the refiner gives the cores back at once
    (asr.Cancelled), the answer stays live, and the report opened later refines it."""
    store, session_id, held, refiner = held_refiner
    lines: list[str] = []
    refiner.progress.connect(lambda _session, line: lines.append(line))
    refiner.refine(session_id)
    assert held.asked.wait(60)  # the first answer is being decoded
    refiner.pause("rehearsal")  # a rehearsal starts
    held.release.set()
    qtbot.waitUntil(lambda: not refiner.running, timeout=60000)
    assert live_answers(store.session_dict(session_id)) == [0, 1]
    assert lines[-1] == ""  # the report's line does not stay "Refining…"
    refiner.refine(session_id)  # the rehearsal is over and its report opens
    assert not refiner.running  # the report is asked for, but the window has not resumed yet
    refiner.resume("rehearsal")
    qtbot.waitUntil(lambda: live_answers(store.session_dict(session_id)) == [1], timeout=120000)
    qtbot.waitUntil(lambda: not refiner.running, timeout=30000)
    refiner.wait()


def test_a_pause_over_before_the_jobs_result_arrives_still_refines_what_it_gave_up(
    held_refiner, qtbot
) -> None:
    """A self-check started and stopped at once: the job gave its answer up, and the pause was
    over before the job's result reached the GUI thread. The session is not done."""
    store, session_id, held, refiner = held_refiner
    refiner.refine(session_id)
    assert held.asked.wait(60)  # the first answer is being decoded (on the refiner's thread)
    refiner.pause("self-check")
    held.release.set()
    refiner._pool.waitForDone(60000)  # given up; its result waits for this (the GUI) thread
    assert live_answers(store.session_dict(session_id)) == [0, 1]
    refiner.resume("self-check")
    qtbot.waitUntil(lambda: live_answers(store.session_dict(session_id)) == [1], timeout=120000)
    qtbot.waitUntil(lambda: not refiner.running, timeout=30000)
    refiner.wait()


@pytest.mark.parametrize(
    "work",
    ["selfcheck.running", "home.importing", "history.importing", "report.importing"],
)
def test_work_the_person_waits_on_has_the_cores(
    work, private_home, tmp_path, transcriber, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The self-check analyses each camera frame as it comes, and an import (from Home or
    History, or "Change the answers…" on a report) is what the person waits on: the window's
    refiner gives up the answer it decodes when that work starts, and takes it up again when
    it ends (test_selfcheck_page, test_import_recording: the pages say when)."""
    from mockinterview.gui.main_window import MainWindow

    store, session_id = store_live_session(transcriber, tmp_path)
    store.finish_session(session_id)
    held = HeldTranscription(limit_s=120.0)
    monkeypatch.setattr(Transcriber, "transcribe", held.wrap(Transcriber.transcribe))
    window = MainWindow(Settings())  # loads Whisper, then refines the stored sessions
    qtbot.addWidget(window)
    window.show()
    page, signal = work.split(".")
    busy = getattr(getattr(window, page), signal)
    # The stored session's first answer is being decoded (the event loop runs meanwhile).
    qtbot.waitUntil(held.asked.is_set, timeout=120000)
    busy.emit(True)  # the work starts
    held.release.set()
    qtbot.waitUntil(lambda: not window.refiner.running, timeout=60000)
    assert live_answers(store.session_dict(session_id)) == [0, 1]
    # A rehearsal started meanwhile (from the self-check, which it hides): still paused.
    window.refiner.pause("rehearsal")
    busy.emit(False)
    assert not window.refiner.running
    busy.emit(True)  # that rehearsal's report opened, and the work started again
    window.refiner.resume("rehearsal")
    assert not window.refiner.running
    busy.emit(False)  # the work is over
    qtbot.waitUntil(lambda: live_answers(store.session_dict(session_id)) == [1], timeout=120000)
    qtbot.waitUntil(lambda: not window.refiner.running, timeout=30000)
