"""Home, History and the Report show the same numbers for the same stored session (issue 16).

The stored answers have speech-analysis paces of 140 and 141 wpm; counting every word over the
whole answer (what Home and History used to do) gives 140, the report 140.5. Each page's shown
text is read back from its widgets and compared with the report's own session checks.
"""

from __future__ import annotations

import re

from mockinterview.core.report.charts import clock
from mockinterview.core.report.headline import HEADLINE_METRICS
from mockinterview.core.report.scoring import display_value, format_number


def test_home_history_and_report_show_the_same_numbers(window, qtbot, stored_session) -> None:
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(stored_session)
    report = window.report.report
    checks = [report.overall_check(key) for key in HEADLINE_METRICS]
    assert report.overall_check("pace").value == 140.5
    assert all(c.value is not None for c in checks)

    summary = window.report.tabs.widget(0).toPlainText()
    subtitle = window.report.subtitle.text()
    assert clock(report.answered_s) in subtitle

    home = window.home
    with qtbot.waitSignal(home.last_loaded, timeout=20000):
        home.refresh()
    home_text = re.sub(r"<[^>]+>", " ", home.last_label.text())

    with qtbot.waitSignal(window.history.loaded, timeout=20000):
        window.show_page("History")
    table = window.history.table
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = {header[c]: table.item(0, c).text() for c in range(table.columnCount())}
    assert row["Length"] == clock(report.answered_s)
    assert row["Answers"] == str(report.answer_count)

    for check in checks:
        shown = display_value(check)  # e.g. "140.5 wpm"
        assert f"{check.label}: {shown}" in home_text
        assert shown in summary  # the report's whole-session table
        column = next(h for h in header if h.startswith(check.label))
        assert row[column] == format_number(check.value)
        series = window.history.chart_views[check.key].chart().series()[-1]
        assert series.at(0).y() == check.value
