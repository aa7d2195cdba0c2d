"""The report's language-model panel: only with a model set; streams, checks, can be cancelled."""

from __future__ import annotations

import dataclasses
import html

from mockinterview.core.llm.catalog import TEST_MODEL_NAME
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import LlmSettings, Settings
from mockinterview.gui.answer_coach import AnswerCoach
from mockinterview.gui.pages.report_page import ReportPage
from tests.llm.conftest import requires_runtime


def _report(qtbot, stored_session: str, model: str) -> ReportPage:
    settings = dataclasses.replace(Settings(), llm=dataclasses.replace(LlmSettings(), model=model))
    page = ReportPage(SessionStore(), settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.load_session(stored_session)
    return page


def test_no_model_no_panel(qtbot, stored_session) -> None:
    page = _report(qtbot, stored_session, "")
    assert page.findChildren(AnswerCoach) == []


@requires_runtime
def test_the_model_streams_and_only_checked_text_is_shown(qtbot, stored_session) -> None:
    page = _report(qtbot, stored_session, TEST_MODEL_NAME)
    coaches = page.findChildren(AnswerCoach)
    assert len(coaches) == 2  # one per answer
    coach = coaches[0]
    streamed: list[str] = []
    coach.relay.token.connect(streamed.append)
    with qtbot.waitSignal(coach.finished, timeout=600000):
        coach.ask_button.click()
    assert streamed[0] == "Follow-up: " and "\n\nStronger version: " in streamed
    assert len(streamed) > 3, "no token of the model reached the panel"
    asked, better = coach.outcomes
    shown = coach.result_html
    assert html.escape(asked.text) in shown
    if not asked.from_model:
        assert "the model's was refused" in shown
    if not better.from_model:
        assert "not shown, the model's version failed its check" in shown
    # Cancel at the first token: nothing is shown.
    coach.relay.token.connect(lambda _piece: coach.cancel_button.click())
    with qtbot.waitSignal(coach.finished, timeout=600000):
        coach.ask_button.click()
    assert coach.status.text() == "Cancelled." and coach.outcomes is None
