"""A camera that stops mid-answer pauses the rehearsal with a message; Resume reopens it and the
same answer goes on. (The microphone's counterpart is in tests/session/test_crash.py.)"""

from __future__ import annotations

import dataclasses
import re

import pytest

from mockinterview.core.errors import DeviceError
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from tests.conftest import synthesize
from tests.gui.conftest import STEP_MS, wait_for_models, wait_for_phase, write_recording

pytestmark = pytest.mark.slow


class _Unplugged:
    """The camera file, played live, that fails like an unplugged webcam after `frames` frames."""

    def __init__(self, source, frames: int) -> None:
        self._source = source
        self.nominal_fps = source.nominal_fps
        self._left = frames

    def read(self):
        self._left -= 1
        if self._left < 0:
            raise DeviceError("Camera 0 stopped sending pictures (unplugged?).")
        return self._source.read()

    def close(self) -> None:
        self._source.close()


def test_lost_camera_pauses_and_resume_reopens_it(qtbot, tmp_path, monkeypatch) -> None:
    from mockinterview.core.speech.capture import FileSource
    from mockinterview.gui.main_window import MainWindow
    from mockinterview.gui.pages import rehearsal_page

    answer = synthesize("I built data pipelines for five years.", tmp_path / "answer.wav")
    camera = write_recording(tmp_path / "camera.mkv", 30.0)
    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(camera)),
        interview=dataclasses.replace(settings.interview, greeting=False, count=1),
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    page = window.rehearsal
    page.audio_source = lambda index: FileSource(answer, realtime=True)
    page.speak_questions = False
    working = rehearsal_page.open_camera
    monkeypatch.setattr(rehearsal_page, "open_camera", lambda s: _Unplugged(working(s), 30))
    wait_for_models(qtbot, window)
    window.start_rehearsal("general", 1)
    wait_for_phase(qtbot, page, "paused")
    assert "The session is paused" in page.preview.message
    assert page.run is not None  # paused, not ended

    monkeypatch.setattr(rehearsal_page, "open_camera", working)  # plugged in again
    page.pause_button.click()
    qtbot.waitUntil(
        lambda: page.camera is not None and page.camera.opened.is_set(), timeout=STEP_MS
    )
    assert page.camera.camera_ok, page.preview.message
    # The flow's own "resumed" event arrives after the camera reopens: wait for it, not a moment.
    qtbot.waitUntil(lambda: page._phase != "paused", timeout=STEP_MS)
    qtbot.waitUntil(lambda: page.run is None, timeout=STEP_MS)  # both answers ended on silence
    (session,) = SessionStore().list_sessions()
    stored = SessionStore().session_dict(session.session_id)["answers"][0]
    # Recorded on after the Resume. Whisper writes the number either way ("five" or "5").
    assert re.search(r"\b(five|5) years", stored["transcript"].lower()), stored["transcript"]
    assert stored["body"]["frames_analyzed"] > 0
