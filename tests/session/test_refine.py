"""After a session, a live transcript is replaced by the answer's whole audio decoded at once
(core/session/refine.py). Real espeak-ng speech, real Whisper tiny.en; the "live" transcript is
tiny.en's own decoding of the answer's first sentence only, as a live chunk that lost the rest."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.content.follow_up import FollowUp
from mockinterview.core.questions import load_bank
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.refine import (
    RefinedAnswer,
    live_answers,
    refine_session,
    refinement_summary,
)
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from tests.conftest import synthesize

FIRST = "I led the migration of our billing system to a new database."
SECOND = "We moved four million invoices in one weekend without losing a single record."
ASKED = FollowUp("How did you check that nothing was lost?", "vague_claim", None, None).as_dict()
BODY = {"eye_contact_pct": 61.0, "notes": ["measured on the session's frames"]}


@pytest.fixture
def live_session(private_home, tmp_path, transcriber):
    """A session with two answers stored as the flow stores them live: one to a bank question,
    one to a question no bank holds any more. The session is still running."""
    return store_live_session(transcriber, tmp_path)


def store_live_session(transcriber, folder: Path) -> tuple[SessionStore, str]:
    """`live_session`'s session, stored in the store of the data folder the test has."""
    store = SessionStore()
    session_id = store.create_session("general")
    question = load_bank("general").regular[0]
    wav = synthesize(f"{FIRST} {SECOND}", folder / f"answer-{session_id}.wav")
    samples = decode_audio(wav)
    first_sentence = samples[: int(_first_sentence_s(transcriber, samples) * SAMPLE_RATE)]
    lost_half = transcriber.transcribe(first_sentence)
    assert "invoices" not in lost_half.text.lower()
    for bank_question in (question, replace(question, id="removed-from-the-bank")):
        stored = analyze_answer(
            bank_question,
            samples,
            Settings(),
            None,
            transcript=lost_half,
            body=BODY,
            recording_offset_s=4.0,
            audio=wav,
            live=True,
        )
        store.add_answer(session_id, replace(stored, follow_up=ASKED))
    return store, session_id


def _first_sentence_s(transcriber, samples) -> float:
    """Where the first sentence ends, by tiny.en's own word times."""
    words = transcriber.transcribe(samples).words
    return next(w.end for w in words if w.text.rstrip().endswith(".")) + 0.1


def test_a_live_answer_is_transcribed_again_from_its_whole_audio(live_session, transcriber):
    store, session_id = live_session
    assert store.sessions_with_live_answers() == []  # still running: its answers come in
    store.finish_session(session_id)
    assert store.sessions_with_live_answers() == [session_id]
    assert live_answers(store.session_dict(session_id)) == [0, 1]
    live_words = store.session_dict(session_id)["answers"][0]["speech"]["word_count"]
    seen = []
    refined = refine_session(store, session_id, Settings(), lambda: transcriber, seen.append)
    assert seen == [
        "Refining the transcripts from the whole recordings: Q1 (1 of 2)… The figures may "
        "change when it is done.",
        "Refining the transcripts from the whole recordings: Q2 (2 of 2)… The figures may "
        "change when it is done.",
    ]
    answer, kept = store.session_dict(session_id)["answers"]
    # What the person is told: the answer by its tab's name, and its words before and after.
    assert refined == [RefinedAnswer("Q1", live_words, answer["speech"]["word_count"], False)]
    assert refinement_summary(refined) == (
        f"Transcripts refined from the whole recordings: Q1 {live_words} → "
        f"{answer['speech']['word_count']} words."
    )
    assert "invoices" in answer["transcript"].lower()
    assert answer["speech"]["transcription"] == "whole"
    assert answer["speech"]["word_count"] > 20
    assert answer["body"] == BODY and answer["recording_offset_s"] == 4.0
    assert answer["follow_up"] == ASKED  # it was asked as the session chose it
    # No bank holds its question any more: it keeps its live transcript, and stays to refine.
    assert "invoices" not in kept["transcript"].lower()
    assert kept["speech"]["transcription"] == "live"
    assert live_answers(store.session_dict(session_id)) == [1]


def test_a_refinement_stopped_between_answers_leaves_the_rest_live(live_session, transcriber):
    store, session_id = live_session
    store.finish_session(session_id)
    refined = refine_session(store, session_id, Settings(), lambda: transcriber, stop=lambda: True)
    assert refined == []
    assert live_answers(store.session_dict(session_id)) == [0, 1]


def test_an_answer_given_up_while_decoded_stays_live(live_session, transcriber, monkeypatch):
    """A rehearsal starts while an answer is decoded (gui/transcript_refiner.py cancels it): the
    answer keeps its live transcript, to be refined another time, and nothing after it is."""
    store, session_id = live_session
    store.finish_session(session_id)
    monkeypatch.setattr(transcriber, "cancelled", lambda: True)
    assert refine_session(store, session_id, Settings(), lambda: transcriber) == []
    session = store.session_dict(session_id)
    assert live_answers(session) == [0, 1]
    assert "invoices" not in session["answers"][0]["transcript"].lower()


def test_a_session_still_running_is_not_refined(live_session, transcriber):
    """Its answers are still being stored: only a session that is over is rewritten."""
    store, session_id = live_session
    assert refine_session(store, session_id, Settings(), lambda: transcriber) == []
    assert live_answers(store.session_dict(session_id)) == [0, 1]


def test_the_command_line_refines_what_a_crash_left_live(
    private_home, tmp_path, transcriber, capsys
):
    """A session that crashed with answers stored live: `sessions recover` decodes them whole,
    as the app does for every such session; so does `report` before it writes, for a session
    whose refinement never ran. Before, both kept the live transcript that lost a sentence."""
    store, session_id = store_live_session(transcriber, tmp_path)
    store.finish_session(session_id, "interrupted")  # as a crash leaves it, lock released
    assert main(["sessions", "recover"]) == 0
    session = store.session_dict(session_id)
    assert session["status"] == "recovered"
    first, removed = session["answers"]
    assert first["speech"]["transcription"] == "whole"
    assert "invoices" in first["transcript"].lower()
    assert removed["speech"]["transcription"] == "live"  # its question is in no bank any more
    assert "Transcripts refined from the whole recordings: Q1" in capsys.readouterr().err

    store, session_id = store_live_session(transcriber, tmp_path)
    store.finish_session(session_id)
    assert main(["report", session_id, "--format", "json", "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.glob(f"*{session_id}.json")
    assert "invoices" in json.loads(written.read_text())["answers"][0]["transcript"].lower()
