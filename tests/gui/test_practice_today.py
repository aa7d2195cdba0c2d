"""Home's "Practise today": the plan from stored history, and one click that rehearses exactly
those questions through the real pipeline (Whisper tiny.en on espeak-ng answers, no camera)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mockinterview.core.session.store import SessionStore, StoredAnswer
from tests.conftest import synthesize
from tests.gui.conftest import audio_only_window, comfortable_answer, contract_answer

pytestmark = pytest.mark.slow


def _history() -> None:
    """One earlier session: a weak answer to one question, a comfortable one to another."""
    store = SessionStore()
    session_id = store.create_session("general")
    weak = {**contract_answer(0, 0.0), "question_id": "conflict-story", "question": "Conflict?"}
    fine = {**comfortable_answer(1), "question_id": "why-leaving", "question": "Leaving?"}
    for answer in (weak, fine):
        store.add_answer(session_id, StoredAnswer(**answer))
    store.finish_session(session_id)


def test_home_suggestion_starts_a_session_with_its_questions(qtbot, tmp_path) -> None:
    _history()
    wavs = [
        synthesize(
            "I disagreed with a colleague, so we met and agreed on a test.", tmp_path / "a.wav"
        ),
        synthesize("I want to grow into a team that ships every week.", tmp_path / "b.wav"),
    ]
    window = audio_only_window(qtbot, tmp_path, wavs)
    page = window.rehearsal

    practice = window.home.practice
    qtbot.waitUntil(lambda: practice.start_button.isEnabled(), timeout=20000)
    plan = practice.plan
    assert plan is not None and plan.bank == "general"
    assert plan.question_ids == ("conflict-story", "why-leaving")  # the weak one first
    assert "Tell me about a time" not in practice.label.text()  # shows the stored wording
    assert "Conflict?" in practice.label.text() and "hedges" in practice.label.text()

    with qtbot.waitSignal(page.finished, timeout=180000) as finished:
        qtbot.mouseClick(practice.start_button, Qt.MouseButton.LeftButton)
        assert window.current_page() == "Rehearsal"
    session = SessionStore().session_dict(finished.args[0])
    assert [a["question_id"] for a in session["answers"]] == list(plan.question_ids)
    assert "disagreed" in session["answers"][0]["transcript"].lower()
