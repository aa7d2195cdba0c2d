"""History: every session with its headline numbers, progress charts, open and delete.

Sessions are read on a pool thread (a long history means many JSON blobs); the table and the
charts are redrawn from the same list of SessionHeadline, whose numbers are the report's own
session checks (core/report/headline.py), so History, Home and the report can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.errors import MockInterviewError
from mockinterview.core.report.charts import clock
from mockinterview.core.report.headline import HEADLINE_METRICS, SessionHeadline, session_headline
from mockinterview.core.report.question_progress import QuestionProgress, question_progress
from mockinterview.core.report.scoring import METRIC_BY_KEY, Band, format_number
from mockinterview.core.session.store import IMPORTED_BANK, SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.import_dialog import ImportDialog, open_import_dialog
from mockinterview.gui.stale_reload import ReloadsWhenShown
from mockinterview.gui.workers import run_in_background

COLUMNS = (
    "Date",
    "Bank",
    "Answers",
    "Length",  # of all the answers, as every header says "3 answers (0:30)"
    *(f"{METRIC_BY_KEY[key].label}\n({METRIC_BY_KEY[key].unit})" for key in HEADLINE_METRICS),
    "Status",
)
TIME_TICKS = 3  # on each chart's time axis
# The narrowest time range a chart shows: its ticks then stand 5 minutes apart.
MIN_AXIS_SPAN_S = 300 * (TIME_TICKS - 1)
STRETCHED_COLUMN = COLUMNS.index("Bank")  # the others as wide as their longest line


def _chart_title(key: str, measured: bool) -> str:
    """The metric over its unit, centred on two lines: on one line, "Eye contact (% of judged
    time)" was cut to "Eye contact (% of ju..." in a quarter of the smallest window."""
    below = f"({METRIC_BY_KEY[key].unit})" if measured else "not measured yet"
    return f"<center>{METRIC_BY_KEY[key].label}<br>{below}</center>"


@dataclass(frozen=True)
class History:
    headlines: list[SessionHeadline]  # newest first, as the table lists them
    questions: tuple[QuestionProgress, ...]  # the most practised questions' best attempts


def _load_history(store: SessionStore, settings: Settings) -> History:
    sessions = [store.session_dict(s.session_id) for s in store.list_sessions()]
    return History(
        [session_headline(s, settings.delivery, settings.report) for s in sessions],
        question_progress(sessions, settings.delivery, settings.report),
    )


BAND_COLOR = QColor(46, 157, 91, 48)  # the report's "good" green, see-through
UNJUDGED_COLOR = "#8b92a1"  # the grey of every "not judged" remark


def _unjudged_series(points: list[tuple[datetime, float]]) -> QScatterSeries:
    """Sessions measured but not judged (scoring.MetricCheck.held_back), as hollow dots."""
    dots = QScatterSeries()
    dots.setName("too little speech to judge")
    dots.setMarkerSize(9)
    for when, value in points:
        dots.append(QDateTime(when).toMSecsSinceEpoch(), value)
    return dots


def band_area(band: Band, x_axis: QDateTimeAxis, y_axis: QValueAxis) -> QAreaSeries:
    """The band from edge to edge across the chart; an open side runs to the axis' end."""
    bottom = y_axis.min() if band.low is None else band.low
    top = y_axis.max() if band.high is None else band.high
    left, right = x_axis.min().toMSecsSinceEpoch(), x_axis.max().toMSecsSinceEpoch()
    upper, lower = QLineSeries(), QLineSeries()
    for x in (left, right):
        upper.append(x, top)
        lower.append(x, bottom)
    area = QAreaSeries()
    for edge in (upper, lower):
        edge.setParent(area)  # the area keeps its edges alive: nothing else refers to them
    area.setUpperSeries(upper)
    area.setLowerSeries(lower)
    area.setName("comfortable band")
    area.setProperty("band", (bottom, top))  # what is shaded, for tests
    return area


def span_time_axis(axis: QDateTimeAxis, first: QDateTime, last: QDateTime) -> None:
    """Set a History chart's time range and label format from its first and last session.

    Sessions minutes apart are shown on at least MIN_AXIS_SPAN_S, centred, so no two of the
    axis's ticks read the same minute (three sessions within two minutes read "02:35 02:36
    02:36"); a range that crosses midnight names the day beside the time."""
    short = MIN_AXIS_SPAN_S - first.secsTo(last)
    if short > 0:
        first, last = first.addSecs(-(short // 2)), last.addSecs(short - short // 2)
    axis.setRange(first, last)
    if first.date() == last.date():
        axis.setFormat("HH:mm")
    else:
        axis.setFormat("MMM d HH:mm" if first.daysTo(last) < 2 else "MMM d")


def _started(headline: SessionHeadline) -> datetime:
    return datetime.fromisoformat(headline.started_at).astimezone()


class HistoryPage(ReloadsWhenShown, QWidget):
    open_requested = Signal(str)
    retake_requested = Signal(str, str)  # bank, question id
    recording_imported = Signal(str)  # session id
    importing = Signal(bool)  # ImportDialog.busy
    error = Signal(str)
    loaded = Signal()

    def __init__(self, store: SessionStore, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.headlines: list[SessionHeadline] = []
        self.questions: tuple[QuestionProgress, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        header = QHBoxLayout()
        title = QLabel("History")
        title.setProperty("role", "title")
        header.addWidget(title)
        header.addStretch(1)
        self.import_button = QPushButton("Import a recording…")
        self.import_button.clicked.connect(self.open_import)
        header.addWidget(self.import_button)
        self.open_button = QPushButton("Open report")
        self.retake_button = QPushButton("Retake a question…")
        self.delete_button = QPushButton("Delete…")
        for button in (self.open_button, self.retake_button, self.delete_button):
            button.setEnabled(False)
            header.addWidget(button)
        layout.addLayout(header)
        self.empty_label = QLabel(
            "No sessions yet. Rehearse once from Home and your progress shows up here."
        )
        self.empty_label.setProperty("role", "hint")
        layout.addWidget(self.empty_label)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Equal widths cut "(% of judged time)" and wrapped the date in the smallest window.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STRETCHED_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())

        # The charts are made when there is something to draw (_make_charts): their views took
        # 176 ms of the GUI thread when the page was built in the background at start-up, which
        # is while a quick first rehearsal already runs (bench_soak's one stall over 100 ms).
        self.chart_views: dict[str, QChartView] = {}
        self.question_chart: QChartView | None = None
        self.chart_tabs = QTabWidget()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_tabs)
        splitter.setSizes([300, 240])
        layout.addWidget(splitter, 1)

        self.open_button.clicked.connect(self.open_selected)
        self.retake_button.clicked.connect(self.retake_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.stale = True  # reread the store the next time the page is shown

    def reload(self) -> None:
        store, settings = self.store, self.settings
        run_in_background(lambda: _load_history(store, settings), self._show, self._failed)

    def _failed(self, message: str) -> None:
        self.error.emit(message)
        self.loaded.emit()

    def _show(self, history: History) -> None:
        # The selection follows its session, not its row: a session stored since the last read
        # is listed first and moves the rest down, and "Delete…" acted on whatever row index
        # was selected before.
        kept = self.selected_session()
        self.table.clearSelection()
        headlines = self.headlines = history.headlines
        self.questions = history.questions
        self.empty_label.setVisible(not headlines)
        self.table.setRowCount(len(headlines))
        first_metric = COLUMNS.index("Length") + 1
        for row, h in enumerate(headlines):
            checks = [h.check(key) for key in HEADLINE_METRICS]
            cells = (
                _started(h).strftime("%Y-%m-%d %H:%M"),
                h.bank_title,
                str(h.answer_count),
                clock(h.answered_s),
                *("–" if c.value is None else format_number(c.value) for c in checks),
                h.status,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, h.session_id)
                metric = column - first_metric
                if 0 <= metric < len(checks) and checks[metric].held_back:
                    # as the chart's hollow dot: measured, not judged (too little speech)
                    item.setForeground(QColor(UNJUDGED_COLOR))
                    item.setToolTip(checks[metric].explanation)
                self.table.setItem(row, column, item)
        if kept:
            self.select_session(kept)
        self.draw_charts()
        self._selection_changed()
        self.loaded.emit()

    def _make_charts(self) -> None:
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        for key in HEADLINE_METRICS:
            chart = QChart()  # titled by draw_charts, which made it
            chart.legend().hide()
            chart.setBackgroundVisible(False)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200)
            charts_layout.addWidget(view)
            self.chart_views[key] = view
        self.question_chart = QChartView(QChart())
        self.question_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.question_chart.setMinimumHeight(200)
        self.chart_tabs.addTab(charts, "Habits over time")
        self.chart_tabs.addTab(self.question_chart, "Each question's best attempt")

    def draw_charts(self) -> None:
        if self.question_chart is None:
            self._make_charts()
        oldest_first = list(reversed(self.headlines))
        dark = self.palette().window().color().lightness() < 128
        theme = QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        self.draw_question_chart(theme)
        for key in HEADLINE_METRICS:
            chart = self.chart_views[key].chart()
            chart.setTheme(theme)
            chart.setBackgroundVisible(False)
            chart.setTitle(_chart_title(key, measured=True))
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
            checks = [(_started(h), h.check(key)) for h in oldest_first]
            # A session with too little speech to judge its pace (a short retake) is a hollow
            # dot off the line: joined in, 199 wpm over 14 s read as a habit gone wrong.
            measured = [(when, c) for when, c in checks if c.value is not None]
            judged = [(when, c.value) for when, c in measured if not c.held_back]
            unjudged = [(when, c.value) for when, c in measured if c.held_back]
            points = [(when, c.value) for when, c in measured]
            series = QLineSeries()
            series.setPointsVisible(True)
            for when, value in judged:
                series.append(QDateTime(when).toMSecsSinceEpoch(), value)
            # the comfortable band of the report's scoring, shaded, so progress reads at a glance
            band = self.headlines[0].check(key).band if self.headlines else None
            edges = [e for e in (band.low, band.high) if e is not None] if band else []
            x_axis = QDateTimeAxis()
            x_axis.setTickCount(TIME_TICKS)
            y_axis = QValueAxis()
            if points:
                values = [value for _, value in points] + edges
                low, high = min(values), max(values)
                pad = max((high - low) * 0.15, abs(high) * 0.1, 2.0)
                top = high + pad
                if METRIC_BY_KEY[key].unit.startswith("%"):
                    top = min(top, 100.0)
                y_axis.setRange(max(0.0, low - pad), top)
                y_axis.applyNiceNumbers()
                span_time_axis(x_axis, QDateTime(points[0][0]), QDateTime(points[-1][0]))
            else:
                # No session measured this yet (e.g. no camera, or shoulders never in view):
                # say so instead of drawing an axis that starts in 1970.
                chart.setTitle(_chart_title(key, measured=False))
                x_axis.setLabelsVisible(False)
                y_axis.setLabelsVisible(False)
            span = y_axis.max() - y_axis.min()
            y_axis.setLabelFormat("%.0f" if span >= 8 else "%.1f")
            chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
            drawn: list = [series]
            if points and edges and band is not None:
                drawn.insert(0, band_area(band, x_axis, y_axis))  # under the line
            hollow = _unjudged_series(unjudged) if unjudged else None
            for item in [*drawn, *([hollow] if hollow else [])]:
                chart.addSeries(item)
                item.attachAxis(x_axis)
                item.attachAxis(y_axis)
            if len(drawn) == 2:  # the theme gave its first colour to the band: the line's again
                series.setColor(drawn[0].color())
                drawn[0].setColor(BAND_COLOR)
                drawn[0].setBorderColor(Qt.GlobalColor.transparent)
            legend = chart.legend()
            legend.setVisible(hollow is not None)  # it names the hollow dots, nothing else
            for marker in legend.markers():
                marker.setVisible(marker.series() is hollow)
            if hollow is not None:
                hollow.setColor(Qt.GlobalColor.transparent)  # after the theme's colours
                hollow.setBorderColor(QColor(UNJUDGED_COLOR))
                legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
                legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)

    def draw_question_chart(self, theme: QChart.ChartTheme) -> None:
        """One line per practised question: its best attempt's score so far, dots at attempts."""
        chart = self.question_chart.chart()
        chart.setTheme(theme)
        chart.setBackgroundVisible(False)
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        x_axis, y_axis = QDateTimeAxis(), QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%.0f")
        y_axis.setTitleText("best score")
        x_axis.setTickCount(TIME_TICKS)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        if not self.questions:
            chart.setTitle(
                "Answer a question in two sessions to see its best attempt over time "
                "(100: every measured metric of the answer in its band)"
            )
            chart.legend().hide()
            x_axis.setLabelsVisible(False)
            return
        chart.setTitle("Each question's best attempt so far (100: every metric in its band)")
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        times = [
            QDateTime(datetime.fromisoformat(when).astimezone())
            for q in self.questions
            for when, _ in q.best_so_far
        ]
        span_time_axis(x_axis, min(times), max(times))
        for question in self.questions:
            series = QLineSeries()
            name = question.question
            series.setName(name if len(name) <= 40 else name[:39] + "…")
            series.setPointsVisible(True)
            for when, score in question.best_so_far:
                moment = QDateTime(datetime.fromisoformat(when).astimezone())
                series.append(moment.toMSecsSinceEpoch(), score)
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def selected_session(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_session(self, session_id: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == session_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        has = self.selected_session() is not None
        self.open_button.setEnabled(has)
        self.retake_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def open_selected(self) -> None:
        session_id = self.selected_session()
        if session_id:
            self.open_requested.emit(session_id)

    def retake_selected(self) -> None:
        """Pick one question of the selected session and rehearse it again on its own."""
        session_id = self.selected_session()
        if not session_id:
            return
        try:
            session = self.store.session_dict(session_id)  # one small query: fine on this thread
        except MockInterviewError as exc:
            self.error.emit(str(exc))
            return
        if session["bank"] == IMPORTED_BANK:
            self.error.emit(
                "An imported recording's questions are in no question bank, so they cannot be "
                "asked again. Rehearse the same question from Home to compare."
            )
            return
        # a follow-up question is not in the bank: retaking its parent asks it again if needed
        answers = [a for a in session["answers"] if a.get("parent_index") is None]
        if not answers:
            self.error.emit("This session has no answered question to retake.")
            return
        labels = [f"Q{a['index'] + 1}: {a['question']}" for a in answers]
        choice, ok = QInputDialog.getItem(
            self, "Retake a question", "Rehearse this question again:", labels, 0, False
        )
        if ok and choice in labels:
            answer = answers[labels.index(choice)]
            self.retake_requested.emit(session["bank"], answer["question_id"])

    def open_import(self) -> ImportDialog:
        return open_import_dialog(
            self, self.store, self.settings, self.recording_imported, self.importing
        )

    def delete_selected(self) -> None:
        session_id = self.selected_session()
        if not session_id:
            return
        answer = QMessageBox.question(
            self,
            "Delete session",
            f"Delete session {session_id} with its recording and transcripts? "
            "This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_in_background(
            lambda: self.store.delete_session(session_id),
            lambda _none: self.refresh(),
            self._delete_failed,
        )

    def _delete_failed(self, message: str) -> None:
        """The session stays listed (its files could not all go): deleting again finishes it."""
        self.error.emit(message)
        self.refresh()
