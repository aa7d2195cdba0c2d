"""The Self-check page: the routine on a camera stand-in (a real clip played in real time), the
pass/fail table, and saving / resetting the personal thresholds."""

from __future__ import annotations

import dataclasses

from mockinterview.core.paths import config_file, data_dir
from mockinterview.core.settings import Settings, load_settings
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.landmarks import LandmarkDetector
from mockinterview.core.vision.selfcheck import NOT_VISIBLE, CueCheck, SelfCheckResult, Step
from mockinterview.gui.pages.selfcheck_page import SelfCheckPage
from tests.conftest import DATA

SHORT = (
    Step("upright", "Upright", "Sit upright", None, 0.0, 2.5),
    Step("touch", "Face touching", "Touch your face", "face_touch", 0.5, 4.0),
)


def test_the_routine_runs_on_the_camera_and_fills_the_table(qtbot) -> None:
    """cap12-touch.mp4 stands in for the webcam: a hand comes to his face at about 2.6 s."""
    settings = Settings()
    settings = dataclasses.replace(
        settings, camera=dataclasses.replace(settings.camera, camera=str(DATA / "cap12-touch.mp4"))
    )
    # The models are loaded before the clip starts playing: on a busy machine their loading
    # would otherwise eat into the 11 s clip, which plays on in real time meanwhile.
    with LandmarkDetector() as detector:
        page = SelfCheckPage(settings, config_file(), data_dir(), steps=SHORT, detector=detector)
        qtbot.addWidget(page)
        running: list[bool] = []  # the window's background work waits while it is True
        page.running.connect(running.append)
        page.show()
        page.start()
        assert running == [True]
        qtbot.waitUntil(lambda: page.preview.guide is not None, timeout=30000)
        assert "Sit upright" in page.preview.guide
        qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
    assert page.camera is None and page.start_button.isEnabled()
    assert running == [True, False]
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == "Face touching"
    assert page.table.item(0, 1).text() == "✔ seen"


def test_personal_thresholds_from_the_page_are_saved_and_reset(qtbot) -> None:
    page = SelfCheckPage(Settings(), config_file(), data_dir())
    qtbot.addWidget(page)
    saved = []
    page.settings_changed.connect(saved.append)
    rows = (
        CueCheck("slouch", "Now slouch", "slouching", "Slouching", "pass", 2.1, "seen after 2.1"),
        CueCheck("arms", "Cross", "crossed_arms", "Crossed arms", "not visible", None,
                 "Cannot be judged in this framing: " + NOT_VISIBLE["crossed_arms"]),
    )  # fmt: skip
    page.show_result(SelfCheckResult(rows, {"slouch_drop": 0.07}, "From your own poses: ..."))
    assert page.table.item(1, 1).text() == "– not visible"
    assert page.save_button.isEnabled() and not page.reset_button.isEnabled()
    page.save_button.click()
    assert load_settings(config_file()).body.slouch_drop == 0.07
    assert saved[-1].body.slouch_drop == 0.07 and "yours, from the self-check" in (
        page.personal_label.text()
    )
    page.reset_button.click()
    assert load_settings(config_file()).body.slouch_drop == BodyThresholds().slouch_drop
    assert "the defaults" in page.personal_label.text()


def test_the_window_lists_the_self_check_page(window) -> None:
    window.show_page("Self-check")
    assert window.stack.currentWidget() is window.selfcheck


def test_long_advice_wraps_in_its_row_at_any_width(qtbot) -> None:
    """The camera advice for a cue it cannot see is a sentence or two: its row grows to hold
    it, also after the window is resized (a row sized once was cut to "Mo…" at 1100 px)."""
    from PySide6.QtCore import QRect, Qt

    page = SelfCheckPage(Settings(), config_file(), data_dir())
    qtbot.addWidget(page)
    detail = "Cannot be judged in this framing: " + NOT_VISIBLE["crossed_arms"]
    rows = (CueCheck("arms", "Cross", "crossed_arms", "Crossed arms", "not visible", None, detail),)
    page.resize(1400, 700)
    page.show()
    page.show_result(SelfCheckResult(rows, {}, ""))
    for width in (1400, 1100, 900):
        page.resize(width, 700)
        qtbot.wait(50)
        column = page.table.columnWidth(2)
        needed = page.table.fontMetrics().boundingRect(
            QRect(0, 0, column - 8, 10000), Qt.TextFlag.TextWordWrap, detail
        )
        assert page.table.rowHeight(0) >= needed.height(), (width, column)


def test_the_announced_length_follows_the_routine(qtbot) -> None:
    """The intro's "About N seconds" is the routine's own length, also after it is replaced."""
    page = SelfCheckPage(Settings(), config_file(), data_dir())
    qtbot.addWidget(page)
    assert page.intro.text().startswith("About 89 seconds:")
    page.steps = SHORT
    assert page.intro.text().startswith("About 7 seconds:")
