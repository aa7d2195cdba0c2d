"""The Recalibrate button and its C shortcut reach the session flow's body baseline.

The flow is a real InterviewFlow with the real MediaPipe detector, fed frames of the committed
astronaut photo; only its worker thread is not started (the page's controls act on the flow,
whatever thread runs it).
"""

from __future__ import annotations

import cv2
import pytest
from PySide6.QtCore import Qt

from mockinterview.core.questions import load_bank
from mockinterview.core.session.flow import InterviewFlow
from mockinterview.core.session.plan import plan_interview
from mockinterview.core.session.rehearsal_devices import FlowDevices
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.model_loader import ModelLoader
from mockinterview.gui.nudges import NUDGES
from mockinterview.gui.pages.rehearsal_page import RehearsalPage
from mockinterview.gui.rehearsal_run import RehearsalRun
from tests.conftest import DATA

FPS = 10.0


@pytest.fixture
def calibrated_page(qtbot, whisper_model):
    """A Rehearsal page whose run holds a flow that has finished calibrating on real frames."""
    from mockinterview.core.speech.asr import Transcriber
    from mockinterview.core.vision.landmarks import LandmarkDetector

    settings = Settings()
    store = SessionStore()
    page = RehearsalPage(settings, ModelLoader(settings.whisper), store)
    qtbot.addWidget(page)
    page.show()
    photo = cv2.resize(cv2.imread(str(DATA / "astronaut.png")), (480, 480))
    with LandmarkDetector() as detector:
        devices = FlowDevices(lambda n: None, Transcriber(whisper_model), detector=detector)
        plan = plan_interview(load_bank("general"), 1)
        flow = InterviewFlow(plan, store, settings, devices, realtime=False)
        clock = iter(n / FPS for n in range(10_000))

        def feed(seconds: float):
            states = []
            for _ in range(int(seconds * FPS)):
                result = flow.observe_frame(photo, next(clock))
                if result is not None:
                    states.append(result[1])
            return states

        first = feed(settings.body.calibration_s + 1.0)
        assert first[0].calibrating and not first[-1].calibrating
        run = RehearsalRun(settings, store, whisper_model, "general", 1, None, lambda: True)
        run.flow = flow
        page.run = run
        page._phase = "listening"
        page._update_buttons()
        yield page, feed
        page.run = None


def test_recalibrate_button_restarts_the_baseline(calibrated_page, qtbot) -> None:
    page, feed = calibrated_page
    assert page.recalibrate_button.isEnabled()
    qtbot.mouseClick(page.recalibrate_button, Qt.MouseButton.LeftButton)
    assert all(state.calibrating for state in feed(0.5))
    assert "sit upright" in page.state_label.text()
    assert not feed(page.settings.body.calibration_s + 1.0)[-1].calibrating


def test_c_shortcut_restarts_the_baseline(calibrated_page, qtbot) -> None:
    page, feed = calibrated_page
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_C)
    assert all(state.calibrating for state in feed(0.5))


def test_moved_camera_nudge_points_to_the_button(qtbot) -> None:
    settings = Settings()
    page = RehearsalPage(settings, ModelLoader(settings.whisper), SessionStore())
    qtbot.addWidget(page)
    assert page.recalibrate_button.text() in NUDGES["recalibrate"]
