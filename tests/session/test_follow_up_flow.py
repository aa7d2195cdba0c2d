"""The follow-up question in a real flow: spoken like any question, recorded, analysed as its
own answer linked to its parent, and never followed up itself (real Whisper, real embeddings)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mockinterview.core.questions import load_bank
from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
from mockinterview.core.session.plan import InterviewPlan
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.capture import FileSource
from tests.conftest import synthesize

STORY = (
    "At my last job our nightly data pipeline kept failing and nobody owned it. "
    "My task was to make it reliable before the quarterly report. "
    "I added retries and I wrote alerts for the slow steps."
)
RESULT = "As a result, the failures went from four a week to one a month."


def test_a_story_without_a_result_is_followed_up_and_linked(tmp_path: Path, transcriber) -> None:
    wavs = [
        synthesize(STORY, tmp_path / "story.wav", words_per_minute=150),
        synthesize(RESULT, tmp_path / "result.wav", words_per_minute=150),
    ]
    question = next(q for q in load_bank("general").questions if q.id == "leadership-story")
    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, follow_up="weak"))
    devices = FlowDevices(lambda n: FileSource(wavs[n]), transcriber, follow_ups=True)
    events: list[FlowEvent] = []
    store = SessionStore()
    plan = InterviewPlan("general", (question,))
    flow = InterviewFlow(plan, store, settings, devices, events.append, realtime=False)
    data = store.session_dict(flow.run())

    story, follow = data["answers"]
    assert story["follow_up"]["reason"] == "missing_result", story["transcript"]
    assert "result" in story["structure"]["missing"]
    assert follow["parent_index"] == story["index"] and story["parent_index"] is None
    assert follow["question"] == story["follow_up"]["text"]
    assert follow["question_id"] == "leadership-story-follow-up"
    assert "four a week" in follow["transcript"].lower() or "4" in follow["transcript"]
    assert follow["follow_up"] is None  # one follow-up per question, never a chain
    assert follow["structure"]["result_concrete"] is True
    spoken = [e.message for e in events if e.phase is Phase.SPEAKING]
    assert spoken == [question.text, story["follow_up"]["text"]]
    listening = [e.question.id for e in events if e.phase is Phase.LISTENING]
    assert listening == [question.id, "leadership-story-follow-up"]


def test_a_schema_2_database_gains_the_follow_up_columns(tmp_path: Path) -> None:
    """An answer stored before structure and follow-ups existed reads back with them as null."""
    import sqlite3

    from mockinterview.core.session.store import MIGRATIONS, StoredAnswer

    store = SessionStore(tmp_path)
    old = store.create_session("general")
    store.add_answer(old, StoredAnswer("q", "Q?", "c", 1.0, "hello", {"words": []}))
    with sqlite3.connect(store.db_path) as conn:  # back to schema 2, as an older app left it
        for column in ("structure_json", "follow_up_json", "parent_idx"):
            conn.execute(f"ALTER TABLE answers DROP COLUMN {column}")
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    reopened = SessionStore(tmp_path)
    answer = reopened.session_dict(old)["answers"][0]
    assert answer["structure"] is None and answer["follow_up"] is None
    assert answer["parent_index"] is None and answer["transcript"] == "hello"
