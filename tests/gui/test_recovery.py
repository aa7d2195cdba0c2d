"""A session a crash left behind is offered on Home, recovered into Report and History, or
discarded. The crash is real: a child process starts a session, stores answers and dies without
any cleanup, so the kernel releases its lock exactly as after a real crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CRASH = (
    "import os\n"
    "from mockinterview.core.session.store import SessionStore, StoredAnswer\n"
    "from tests.gui.conftest import contract_answer\n"
    "store = SessionStore()\n"
    "sid = store.create_session('general')\n"
    "for n in range(2):\n"
    "    store.add_answer(sid, StoredAnswer(**contract_answer(n, 1.0 + 4 * n)))\n"
    "print(sid, flush=True)\n"
    "os._exit(9)\n"  # no finish_session, no cleanup: a crash
)


@pytest.fixture
def crashed_session() -> str:
    """Two answers stored, and a third cut off mid-speech: its journal and the audio so far."""
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session import answer_journal
    from tests.conftest import synthesize

    out = subprocess.run(
        [sys.executable, "-c", CRASH], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert out.returncode == 9, out.stderr
    session_id = out.stdout.strip()
    assert SessionStore().session_dict(session_id)["status"] == "running"
    folder = SessionStore().media_dir(session_id)
    answer_journal.begin(folder, 2, load_bank("general").regular[2], 9.0)
    synthesize("I led the database migration for our team", answer_journal.part_wav(folder, 2, 0))
    return session_id


@pytest.fixture
def started_window(qtbot, crashed_session):
    from mockinterview.gui.main_window import MainWindow

    win = MainWindow(Settings(), load_models=False)
    qtbot.addWidget(win)
    win.show()  # the check starts only now, on a pool thread
    banner = win.home.recovery
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=60000)
    return win


def test_interrupted_session_is_offered_and_recovered(started_window, crashed_session, qtbot):
    window = started_window
    banner = window.home.recovery
    assert "was interrupted with 2 answers stored and 1 in progress" in banner.label.text()
    assert window.current_page() == "Home"  # offered, not forced on anyone
    with qtbot.waitSignal(window.report.loaded, timeout=180000) as loaded:
        qtbot.mouseClick(banner.recover_button, Qt.MouseButton.LeftButton)
    assert loaded.args == [crashed_session]
    assert window.current_page() == "Report"
    assert banner.isHidden()  # not merely on a page out of sight
    stored = SessionStore().session_dict(crashed_session)
    assert stored["status"] == "recovered" and len(stored["answers"]) == 3
    cut = stored["answers"][2]  # transcribed and analysed on recovery, marked partial
    assert cut["partial"] and "migration" in cut["transcript"].lower()
    window.report.tabs.setCurrentIndex(3)  # the cut answer's tab, built when opened
    labels = [label.text() for label in window.report.tabs.widget(3).findChildren(QLabel)]
    assert any("partial: the session was interrupted" in text for text in labels), labels
    with qtbot.waitSignal(window.history.loaded, timeout=180000):
        window.show_page("History")
    window.history.select_session(crashed_session)
    assert window.history.selected_session() == crashed_session
    assert SessionStore().interrupted_sessions() == []


def test_interrupted_session_can_be_discarded(started_window, crashed_session, qtbot, monkeypatch):
    window = started_window
    banner = window.home.recovery
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args: asked.append(args) or QMessageBox.StandardButton.Yes,
    )
    with qtbot.waitSignal(banner.discarded, timeout=180000):
        qtbot.mouseClick(banner.discard_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1  # deleting needs a confirmation
    assert not banner.isVisible()
    assert SessionStore().list_sessions() == []
    assert not SessionStore().media_dir(crashed_session).exists()


def test_no_banner_without_interrupted_sessions(window, qtbot) -> None:
    with qtbot.waitSignal(window.home.recovery.checked, timeout=60000):
        window.home.recovery.check()
    assert not window.home.recovery.isVisible()


@pytest.mark.slow
def test_disk_full_stop_offers_recovery_at_once(qtbot, tmp_path, monkeypatch) -> None:
    """A full disk stops the session with the answer in progress on disk: Home offers to recover
    it right away (not only at the next start), and Recover keeps what was said."""
    import errno

    from mockinterview.core.audio_file import WavWriter
    from tests.conftest import synthesize
    from tests.gui.conftest import audio_only_window

    said = "We tune the hyperparameters on the validation set and keep the test set apart."
    window = audio_only_window(qtbot, tmp_path, [synthesize(said, tmp_path / "answer.wav")])
    write = WavWriter.write
    blocks: list[int] = []

    def fill_up(self, samples) -> None:
        if self.path.name.startswith(".answer-") and len(blocks) >= 30:  # ~3 s in
            raise OSError(errno.ENOSPC, "No space left on device")
        if self.path.name.startswith(".answer-"):
            blocks.append(len(samples))
        write(self, samples)

    monkeypatch.setattr(WavWriter, "write", fill_up)
    qtbot.waitUntil(lambda: window.models.is_ready, timeout=120000)
    banner = window.home.recovery
    window.start_rehearsal("general", 1)
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=120000)
    monkeypatch.setattr(WavWriter, "write", write)  # space was freed
    assert window.current_page() == "Home"
    assert "0 answers stored and 1 in progress" in banner.label.text(), banner.label.text()
    assert "No space left on device" in window.error_label.text()
    (session,) = SessionStore().list_sessions()
    assert session.status == "interrupted"

    with qtbot.waitSignal(window.report.loaded, timeout=180000):
        qtbot.mouseClick(banner.recover_button, Qt.MouseButton.LeftButton)
    (answer,) = SessionStore().session_dict(session.session_id)["answers"]
    assert answer["partial"] and answer["transcript"].strip(), answer
    # Its recording (no camera: a video stream with no picture) loads in the player: no error.
    qtbot.waitUntil(lambda: window.report.player.duration() > 3000, timeout=15000)
    qtbot.wait(500)
    assert "Unexpected" not in window.error_label.text(), window.error_label.text()
