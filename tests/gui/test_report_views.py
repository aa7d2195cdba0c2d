"""The report page's metric tables fit the text pane at every width."""

from __future__ import annotations

from mockinterview.core.report.scoring import bands, checks_for
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from mockinterview.gui.pages.report_page import wrapped_browser
from mockinterview.gui.report_views import checks_html, score_summary_html


def test_a_metric_table_is_never_wider_than_its_pane(qtbot) -> None:
    """A 100 % table came out a pixel wider than an even-width view (Qt rounds it up)."""
    values = {"pace": 163.9, "fillers": 3.7, "hedges": 1.2, "pauses": 0.0, "length": 10.0}
    table = checks_html(checks_for(values, bands(DeliveryThresholds(), ReportThresholds())))
    browser = wrapped_browser()
    qtbot.addWidget(browser)
    browser.setHtml(table * 6)  # long enough for the vertical scroll bar
    browser.show()
    too_wide = []
    for width in range(480, 760, 7):
        browser.resize(width, 300)
        qtbot.wait(1)
        overflow = browser.document().size().width() - browser.viewport().width()
        if overflow > 0:
            too_wide.append((width, overflow))
    assert too_wide == []


def test_the_summary_counts_only_scored_metrics_in_their_band() -> None:
    """Session 30's report read "9 of 12 measured metrics in their band" with its one smile
    among the nine: a count that no band judges."""

    class Overall:
        overall = checks_for(
            {"pace": 170.0, "fillers": 3.2, "smile": 1.0, "eye_contact": 100.0},
            bands(DeliveryThresholds(), ReportThresholds()),
        )

        def overall_check(self, key: str):
            return next(c for c in self.overall if c.key == key)

    assert "<b>2&nbsp;of&nbsp;3</b> measured metrics in their band" in score_summary_html(Overall())


def test_the_summary_ends_with_how_to_read_the_scores() -> None:
    """The exports explained the units and the scores; the app's own summary, where most people
    read the report, left "semitones" and "dB" unexplained."""
    from mockinterview.core.report.model import build_report
    from mockinterview.gui.report_views import summary_html
    from tests.report.conftest import answer, session, speech

    summary = summary_html(build_report(session([answer(0, speech("clean"))])))
    tail = summary[summary.index("<h3>How to read the scores</h3>") :]
    assert "semitones (neighbouring piano keys are one apart)" in tail and "(dB)" in tail


def test_a_row_is_explained_only_where_the_sentence_says_more_than_the_row() -> None:
    """Under every green row the table said again what the row showed ("100 % of judged time is
    inside the band (at least 60 % of judged time)"); a row off its band, or held back, keeps its
    sentence."""
    values = {"pace": 175.0, "fillers": 3.0, "eye_contact": 100.0}
    table = checks_html(checks_for(values, bands(DeliveryThresholds(), ReportThresholds())))
    assert "15 wpm above the band" in table
    assert "is inside the band" not in table and table.count("<tr>") == 1 + 3 + 1


def test_the_overlaps_under_a_timeline_take_the_height_of_their_rows(qtbot) -> None:
    """One "Eye contact lost ... while you said “so”" line sat in Qt's usual 192 px list: the
    timeline's pane kept it in blank space while the feedback above it scrolled."""
    from mockinterview.core.report.model import build_report
    from mockinterview.gui.pages.report_page import AnswerTab
    from tests.report.conftest import answer, body_block, session, speech

    events = [("eye_contact_lost", 0.2, 2.5)]
    stored = answer(0, speech("rushed_fillers"), body_block(events=events))
    (answer_report,) = build_report(session([stored])).answers
    tab = AnswerTab(answer_report, "#000000")
    qtbot.addWidget(tab)
    tab.resize(700, 640)
    tab.show()
    qtbot.waitUntil(lambda: tab._fitted, timeout=5000)
    listed = tab.coincidences
    assert listed.isVisible() and listed.count() == 1
    assert listed.height() <= listed.sizeHintForRow(0) + 2 * listed.frameWidth() + 4
    summary, _, lanes = tab._panes.sizes()
    assert lanes <= tab._lanes_box.sizeHint().height() + 8 and summary > lanes, tab._panes.sizes()
