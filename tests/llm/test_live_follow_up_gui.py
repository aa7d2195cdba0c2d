"""The Rehearsal page while the language model words a follow-up: the question bar shows it
streaming in, then the question that is asked (real page, run thread, flow, Whisper and model)."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from mockinterview.core.llm.catalog import packaged_test_model
from mockinterview.core.llm.live_follow_up import FollowUpWriter
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import LlmSettings, Settings
from mockinterview.core.speech.capture import FileSource
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.pages import rehearsal_page
from mockinterview.gui.pages.rehearsal_page import RehearsalPage
from mockinterview.gui.rehearsal_run import RehearsalRun
from tests.conftest import synthesize
from tests.llm.conftest import requires_runtime
from tests.llm.test_live_follow_up import RESULT, STORY

pytestmark = requires_runtime


class _FollowUpsFromFiles(RehearsalRun):
    """Answers come from files, which the app never follows up (nobody could answer); here the
    second file is the answer to the follow-up, so follow-ups are on, worded by the model."""

    def _devices(self):
        devices = super()._devices()
        devices.follow_ups = True
        devices.follow_up_writer = FollowUpWriter(self.settings.llm, self.notice.emit)
        devices.closers.append(devices.follow_up_writer.close)
        return devices


def test_the_follow_up_streams_into_the_question_bar(qtbot, tmp_path: Path, monkeypatch) -> None:
    wavs = [
        synthesize(STORY, tmp_path / "story.wav", words_per_minute=150),
        synthesize(RESULT, tmp_path / "result.wav", words_per_minute=150),
    ]
    model = packaged_test_model()
    assert model is not None
    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(tmp_path / "no-camera.mkv")),
        interview=dataclasses.replace(settings.interview, greeting=False, follow_up="weak"),
        llm=LlmSettings(model=str(model), context=1024, follow_up_wait_s=120.0),
    )
    store = SessionStore()
    page = RehearsalPage(settings, ModelLoader(settings.whisper), store)
    qtbot.addWidget(page)
    page.show()
    page.audio_source = lambda index: FileSource(wavs[index], realtime=False)
    page.speak_questions = False
    monkeypatch.setattr(rehearsal_page, "RehearsalRun", _FollowUpsFromFiles)
    finished: list[str] = []
    page.finished.connect(finished.append)
    page.error.connect(finished.append)
    shown: list[tuple[str, str, str]] = []  # (phase, state line, question bar) after each event
    page.start("general", 1, ("leadership-story",))
    qtbot.waitUntil(lambda: page.run is not None, timeout=120000)  # the models have loaded
    page.run.flow_event.connect(  # after the page's own slot: what the person sees
        lambda e: shown.append((str(e.phase), page.state_label.text(), page.question_label.text()))
    )
    qtbot.waitUntil(lambda: bool(finished), timeout=600000)
    assert finished[0] in {s.session_id for s in store.list_sessions()}, (finished, shown)

    composing = [(state, bar) for phase, state, bar in shown if phase == "composing"]
    assert len(composing) > 2, shown
    assert {state for state, _ in composing} == {"The interviewer words a follow-up…"}
    bars = [bar for _, bar in composing]
    assert bars[0] == "Follow-up: ▍"
    written = [bar.removeprefix("Follow-up: ").removesuffix("▍") for bar in bars]
    assert all(len(b) > len(a) and b.startswith(a) for a, b in itertools.pairwise(written))
    story, follow = store.session_dict(finished[0])["answers"]
    asked = follow["question"]
    speaking = [bar for phase, _, bar in shown if phase == "speaking"]
    assert speaking[-1].endswith(f": {asked}")  # then the question asked, model's or built-in
    assert follow["parent_index"] == story["index"]
