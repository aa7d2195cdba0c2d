"""Home: banks to pick from, the last session's three things to practise, the prep checklist."""

from __future__ import annotations

from mockinterview.core.checklist import load_ticks
from mockinterview.gui.checklist_dialog import ChecklistDialog


def test_banks_are_listed_with_their_questions(window, qtbot) -> None:
    home = window.home
    qtbot.waitUntil(lambda: home.bank_combo.count() > 0, timeout=10000)
    names = [home.bank_combo.itemData(i) for i in range(home.bank_combo.count())]
    assert {"general", "ml-engineer"} <= set(names)
    home.bank_combo.setCurrentIndex(names.index("general"))
    bank = home.banks["general"]
    assert home.bank_note.text().startswith(f"{len(bank.questions)} questions (")
    assert home.count_spin.maximum() == len(bank.questions)
    assert home.start_button.isEnabled()


def test_broken_user_bank_is_explained_not_fatal(window, qtbot, private_home) -> None:
    banks = private_home / "banks"
    banks.mkdir(exist_ok=True)
    (banks / "mine.toml").write_text("[[questions]]\ntext = 'no id'\n")
    home = window.home
    home.refresh()
    qtbot.waitUntil(lambda: home.bank_combo.findData("mine") >= 0, timeout=10000)
    home.bank_combo.setCurrentIndex(home.bank_combo.findData("mine"))
    assert "mine.toml" in home.bank_note.text()
    assert not home.start_button.isEnabled()


def test_last_session_shows_three_things_to_practise(qtbot, stored_session) -> None:
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.gui.pages.home_page import HomePage

    home = HomePage(Settings(), SessionStore())
    qtbot.addWidget(home)
    qtbot.waitSignal(home.last_loaded, timeout=20000).wait()
    text = home.last_label.text()
    assert text.count("<li>") == 3
    assert "Fewer filler words" in text  # 14 fillers per 100 words in the stored answers


def test_checklist_ticks_are_saved(qtbot) -> None:
    dialog = ChecklistDialog()
    qtbot.addWidget(dialog)
    assert len(dialog.boxes) >= 8
    dialog.boxes["phone-off"].setChecked(True)
    assert load_ticks() == frozenset({"phone-off"})
    dialog.boxes["phone-off"].setChecked(False)
    assert load_ticks() == frozenset()


def test_missing_devices_are_explained(window, qtbot, monkeypatch) -> None:
    """No camera on this machine is real; no microphone is injected into the device probe."""
    import glob

    from mockinterview.core import devices

    home = window.home
    if not glob.glob("/dev/video*"):
        qtbot.waitUntil(lambda: "No camera" in home.device_note.text(), timeout=30000)
        assert "audio-only" in home.device_note.text()
    monkeypatch.setattr(
        devices, "list_audio_devices", lambda kind: devices.DeviceList([], "no sound card")
    )
    home.refresh()
    # The injected reason, not "No microphone": on a machine with no sound card the note before
    # the refresh already says that (with the real probe's reason), and the wait ended on it.
    qtbot.waitUntil(lambda: "(no sound card)" in home.device_note.text(), timeout=30000)
    assert "No microphone (no sound card): you cannot rehearse" in home.device_note.text()
    assert "History and reports still work" in home.device_note.text()
    qtbot.waitUntil(lambda: home.bank_combo.count() > 0, timeout=10000)
    assert not home.start_button.isEnabled()


def test_the_camera_setting_is_told_apart_as_webcam_file_or_nothing(tmp_path) -> None:
    """An empty camera setting read as a missing video file named "()"; a video file that is
    there is no problem to mention."""
    import dataclasses

    from mockinterview.core.settings import Settings
    from mockinterview.gui.pages.home_page import check_devices

    def camera_notes(camera: str) -> list[str]:
        settings = Settings()
        settings = dataclasses.replace(
            settings, camera=dataclasses.replace(settings.camera, camera=camera)
        )
        return [n for n in check_devices(settings).notes if "camera" in n.lower()]

    clip = tmp_path / "me.mp4"
    clip.write_bytes(b"")
    assert camera_notes(str(clip)) == []
    assert camera_notes(str(tmp_path / "gone.mp4")) == [
        f"The video file set as the camera ({tmp_path / 'gone.mp4'}) is missing: rehearsals are "
        "audio-only until you pick a camera in Settings."
    ]
    assert camera_notes("  ") == [
        "No camera is set: rehearsals are audio-only until you pick one in Settings."
    ]
