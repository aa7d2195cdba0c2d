"""Home's "Import a job ad…": a bank is built off the GUI thread, saved, and selected on Home."""

from __future__ import annotations

import dataclasses

from mockinterview.core.llm.catalog import TEST_MODEL_NAME
from mockinterview.core.questions import load_bank_file
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import LlmSettings, Settings
from mockinterview.gui.job_ad_dialog import JobAdDialog
from mockinterview.gui.pages.home_page import HomePage
from tests.conftest import DATA
from tests.llm.conftest import requires_runtime

AD = (DATA / "jobs" / "ml-engineer-ad.txt").read_text()


def test_import_without_a_model_saves_and_selects_the_bank(qtbot, private_home) -> None:
    home = HomePage(Settings(), SessionStore())
    qtbot.addWidget(home)
    qtbot.waitSignal(home.loaded, timeout=20000).wait()
    home.open_job_ad()
    dialog = home.findChild(JobAdDialog)
    assert not dialog.build_button.isEnabled()  # nothing pasted yet
    assert not dialog.stream.isVisibleTo(dialog)  # no model: nothing will stream
    dialog.ad_edit.setPlainText(AD)
    dialog.set_cv("cv.txt", (DATA / "jobs" / "cv.txt").read_text())
    with qtbot.waitSignal(home.loaded, timeout=30000):
        dialog.build_button.click()
    assert dialog.result is not None and dialog.result.count == 8
    assert dialog.status.text().startswith("Saved 8 questions as “")
    bank = load_bank_file(dialog.result.path)
    assert dialog.result.path.parent == private_home / "banks"
    assert "imbalanced-datasets" in [q.id for q in bank.questions]
    assert home.bank_combo.currentData() == dialog.result.name
    assert home.bank_note.text().startswith("8 questions (")
    assert home.count_spin.value() == 7  # the whole bank built for the job, then its closing one
    # what was understood and where each question came from, as `banks from-job` prints it
    shown = dialog.stream.toPlainText()
    assert dialog.stream.isVisibleTo(dialog) and shown.startswith("Skills in the ad: ")
    assert "imbalanced-datasets [ml-fundamentals] from bank ml-engineer: " in shown


@requires_runtime
def test_the_model_streams_into_the_dialog_and_can_be_cancelled(qtbot) -> None:
    llm = dataclasses.replace(LlmSettings(), model=TEST_MODEL_NAME)
    dialog = JobAdDialog(llm)
    qtbot.addWidget(dialog)
    dialog.ad_edit.setPlainText(AD)
    dialog.count_spin.setValue(3)  # the introduction, one written question, the closing one
    with qtbot.waitSignal(dialog.finished_build, timeout=600000):
        dialog.build_button.click()
        assert dialog.cancel_button.isEnabled() and not dialog.build_button.isEnabled()
    streamed = dialog.stream.toPlainText()
    assert streamed.startswith("[1/1] ") and len(streamed.split("→")[0]) > len("[1/1] ")
    assert "    → kept: it passed every check" in streamed or "    → refused (" in streamed
    assert dialog.status.text().startswith("Saved 3 questions (")
    # Cancel at the first token of a second build: nothing is saved.
    dialog.relay.token.connect(lambda _piece: dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.finished_build, timeout=600000):
        dialog.build_button.click()
    assert dialog.status.text() == "Cancelled: no bank was saved."
    assert dialog.result is None
    assert dialog.build_button.isEnabled() and not dialog.cancel_button.isEnabled()
