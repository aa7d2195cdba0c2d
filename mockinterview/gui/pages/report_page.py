"""Report: one session's recording with cue markers on its seek bar, a summary and a tab per
answer (scores that explain themselves, transcript, timeline, key points), and export.

The content is the core report model (`report_for_session`), built on a pool thread; this page
only lays it out. Times inside an answer are relative to its start; adding the answer's
`recording_offset_s` gives the position in the session recording, which is how a marker, a
transcript word or a timeline row seeks the player.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.report.answer_feedback import answer_tab_label, follow_up_label
from mockinterview.core.report.charts import ANSWER_START_COLOUR, clock, lane_colour
from mockinterview.core.report.model import AnswerReport, Report
from mockinterview.core.report.practice_now import (
    WORD_LEAD_S,
    habit_change,
    moment_position_s,
    play_from_s,
    worst_answer,
)
from mockinterview.core.session.store import IMPORTED_BANK, SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.answer_coach import AnswerCoach
from mockinterview.gui.event_turns import next_turn
from mockinterview.gui.lane_timeline import LaneTimeline
from mockinterview.gui.marker_slider import Marker, MarkerSlider
from mockinterview.gui.preview_view import PreviewView
from mockinterview.gui.recording_player import RecordingPlayer
from mockinterview.gui.report_views import (
    ReportPages,
    answer_html,
    report_pages,
    transcript_html,
)
from mockinterview.gui.theme import role_label
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:
    from mockinterview.gui.import_dialog import ImportDialog
    from mockinterview.gui.packet_dialog import PacketDialog

log = logging.getLogger(__name__)


# core.report.export.FORMATS; that module pulls in reportlab (~0.2 s), so it is imported only
# when a report is built, not while the window is coming up (tests check the two agree).
EXPORT_FORMATS = ("html", "pdf", "json")
# Answer tabs are built for this long per turn of the event loop (a tab takes ~2-5 ms), so a
# long session's report never holds the window past the 100 ms a stall may take.
TAB_TURN_S = 0.03
# An answer tab's height: the timeline takes what it needs up to this share; the transcript what
# it needs, no less than these lines and no more than what this share of the rest leaves; the
# summary (strengths, what to improve, the metrics) the remainder.
LANES_SHARE = 0.45
SUMMARY_SHARE = 0.55
TRANSCRIPT_MIN_LINES = 4
COINCIDENCE_ROWS = 5  # the overlaps listed under an answer's timeline before the list scrolls


# Lanes listed in the timeline but kept off the seek bar: a smile is good news, and a bar full of
# green ticks would hide the problems the markers are there to find.
OFF_SEEK_BAR = frozenset({"smile"})


def answer_events(
    answer: AnswerReport, skip: frozenset[str] = frozenset()
) -> list[tuple[float, float, str, str]]:
    """(start, end, label, colour) of every timeline mark worth jumping to, in time order."""
    events = []
    for lane in answer.timeline.lanes:
        if lane.key == "speaking" or lane.key in skip:
            continue
        color = lane_colour(lane.key, lane.kind)
        for mark in lane.marks:
            label = f"{lane.label}: “{mark.text}”" if mark.text else lane.label
            events.append((mark.start, mark.end, label, color))
    return sorted(events, key=lambda event: event[0])


# The markers the legend under the seek bar names, in its order (colours: core/report/charts.py):
# the speech's always, the body's when a camera watched.
SPEECH_LEGEND = (("fillers", "filler"), ("hedges", "hedge"), ("restarts", "restart"))
BODY_LEGEND = (
    ("eye_contact_lost", "looked away"),
    ("slouching", "slouching"),
    ("crossed_arms", "arms crossed"),
    ("fidgeting", "fidgeting"),
    ("face_touch", "hand at face"),
)


def marker_legend(body: bool = True) -> str:
    """The seek bar's legend, in the colours the markers, the lanes and the exports use. An
    audio-only session's legend named five body cues that could never be on its bar."""

    def swatch(colour: str, label: str) -> str:
        # one unit when the line wraps: a square left at a line's end named nothing
        return (
            f"<span style='white-space:nowrap'><span style='color:{colour}'>■</span> {label}</span>"
        )

    kinds = SPEECH_LEGEND + (BODY_LEGEND if body else ())
    items = [swatch(ANSWER_START_COLOUR, "answer starts")]
    items += [swatch(lane_colour(key, "body"), label) for key, label in kinds]
    return "Markers (click to jump): " + "&nbsp;· ".join(items)


def wrapped_browser() -> QTextBrowser:
    """A browser of text that wraps to its width (the summaries, the transcript): nothing in it
    is wider than the view (report_views.checks_html), so it never scrolls sideways."""
    browser = QTextBrowser()
    browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return browser


class HtmlWhenShown(QTextBrowser):
    """A browser that reads its HTML the first time it is shown: the Versions table of a long
    session (670 kB for 200 answers) took 80 ms of the GUI thread to read, and is seldom
    opened."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self._html: str | None = html

    def showEvent(self, event: QShowEvent) -> None:
        if self._html is not None:
            self.setHtml(self._html)
            self._html = None
        super().showEvent(event)


class AnswerTab(QWidget):
    """One answer; emits `seek(seconds into the answer)` for a clicked word or timeline row.

    Its contents are built the first time it is shown or read, not with the report: building
    one (two HTML documents, the timeline) took ~20 ms of the GUI thread on an idle machine, so
    the 205 answers of an hour's soak held the window up to 190 ms a turn while their tabs were
    added. Most tabs of a long session are never opened."""

    seek = Signal(float)

    def __init__(self, answer: AnswerReport, link_color: str) -> None:
        super().__init__()
        self.answer = answer
        self._link_color = link_color
        self._built = self._fitted = False
        QVBoxLayout(self)  # the answer's parts go first; the report may add a coach below

    @property
    def built(self) -> bool:
        return self._built

    @property
    def summary(self) -> QTextBrowser:
        self._build()
        return self._summary

    @property
    def transcript(self) -> QTextBrowser:
        self._build()
        return self._transcript

    @property
    def lanes(self) -> LaneTimeline:
        self._build()
        return self._lanes

    @property
    def coincidences(self) -> QListWidget:
        self._build()
        return self._coincidences

    def showEvent(self, event: QShowEvent) -> None:
        self._build()
        super().showEvent(event)
        if not self._fitted:
            QTimer.singleShot(0, self._fit_panes)  # once the splitter has its height

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        answer = self.answer
        layout = self.layout()
        cut = ", partial: the session was interrupted" if answer.partial else ""
        follow = follow_up_label(answer.parent_index)
        title = f"{follow}: {answer.question}" if follow else answer.question
        question = QLabel(f"{title}  ({clock(answer.duration_s)}{cut})")
        question.setProperty("role", "subtitle")
        question.setWordWrap(True)
        layout.insertWidget(0, question)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self._summary = wrapped_browser()
        self._summary.setHtml(answer_html(answer))
        splitter.addWidget(self._summary)
        self._transcript = wrapped_browser()
        self._transcript.setOpenLinks(False)
        self._transcript.anchorClicked.connect(self._anchor)
        splitter.addWidget(self._transcript)
        self._show_transcript()
        lanes_box = QWidget()
        lanes_layout = QVBoxLayout(lanes_box)
        lanes_layout.setContentsMargins(0, 0, 0, 0)
        lanes_layout.setSpacing(2)
        self._lanes = LaneTimeline(answer.timeline)
        self._lanes.seek.connect(self.seek)
        lanes_layout.addWidget(self._lanes)
        quiet = not any(lane.marks for lane in answer.timeline.lanes if lane.key != "speaking")
        hint = role_label(
            "hint",
            "No fillers, pauses or body-language cues in this answer."
            if quiet
            else "Click a mark to play it."
            + (
                " Shaded: a habit while you said a filler or hedge."
                if answer.timeline.coincidences
                else ""
            ),
        )
        lanes_layout.addWidget(hint)
        # The overlaps in words, each a link to its moment.
        self._coincidences = QListWidget()
        for coincidence in answer.timeline.coincidences:
            item = QListWidgetItem(f"⚑  {coincidence.sentence}")
            item.setData(Qt.ItemDataRole.UserRole, coincidence.start)
            self._coincidences.addItem(item)
        self._coincidences.setVisible(self._coincidences.count() > 0)
        self._coincidences.itemClicked.connect(self._coincidence_clicked)
        # As tall as its rows (up to COINCIDENCE_ROWS; more scroll): at Qt's usual 192 px the
        # timeline's pane kept a list of one line in mostly blank space, while the feedback above
        # it scrolled.
        shown = range(min(self._coincidences.count(), COINCIDENCE_ROWS))
        rows = sum(map(self._coincidences.sizeHintForRow, shown))
        self._coincidences.setFixedHeight(rows + 2 * self._coincidences.frameWidth() + 2)
        lanes_layout.addWidget(self._coincidences)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(lanes_box)
        splitter.addWidget(scroll)
        for pane, stretch in enumerate((1, 1, 0)):  # a taller window is more text to read
            splitter.setStretchFactor(pane, stretch)
        self._panes, self._lanes_box = splitter, lanes_box
        layout.insertWidget(1, splitter, 1)
        if self.isVisible():  # built by showEvent: shown now, not a turn after the first paint
            question.show()
            splitter.show()

    def _fit_panes(self) -> None:
        """The timeline whole (up to LANES_SHARE of the height), then the transcript what it
        needs (at least TRANSCRIPT_MIN_LINES, at most 1 - SUMMARY_SHARE of the rest), the rest to
        the summary: split by fixed sizes, a window of 640 px cut the timeline's last rows and
        showed four lines of the transcript, and a two-line transcript left blank space while
        the summary beside it scrolled."""
        total = sum(self._panes.sizes())
        if total <= 0 or self._fitted:
            return
        self._fitted = True
        lanes = min(self._lanes_box.sizeHint().height() + 8, int(total * LANES_SHARE))
        text = self._transcript.document()
        text.setTextWidth(self._transcript.viewport().width())
        needed = int(text.size().height()) + 2 * self._transcript.frameWidth()
        least = TRANSCRIPT_MIN_LINES * self._transcript.fontMetrics().lineSpacing()
        transcript = min(max(needed, least), int((total - lanes) * (1 - SUMMARY_SHARE)))
        self._panes.setSizes([total - lanes - transcript, transcript, lanes])

    def set_link_color(self, color: str) -> None:
        """Words are links; they take the text colour so the transcript reads as prose."""
        self._link_color = color
        if self._built:
            self._show_transcript()

    def _show_transcript(self) -> None:
        answer = self.answer
        self._transcript.setHtml(transcript_html(answer.words, answer.transcript, self._link_color))

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("seek:"):
            self.seek.emit(play_from_s(float(text.removeprefix("seek:")), WORD_LEAD_S))

    def _coincidence_clicked(self, item: QListWidgetItem) -> None:
        start = item.data(Qt.ItemDataRole.UserRole)
        if start is not None:
            self.seek.emit(play_from_s(float(start)))


class ReportPage(QWidget):
    """Shows one stored session's report; `load_session(id)` builds it on a pool thread."""

    error = Signal(str)
    loaded = Signal(str)
    importing = Signal(bool)  # ImportDialog.busy: "Change the answers…" measures them again
    exported = Signal(list)
    practise_requested = Signal(str, str, str, str)  # bank, question id, habit key, its nudge

    def __init__(self, store: SessionStore, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.report: Report | None = None
        self._keep_tab: int | None = None  # the tab a reload of the same report returns to
        # A habit being practised ("practise this now"): the report of a session started since
        # (the retake) shows its before/after; an older session opened meanwhile does not.
        self.focus_key = ""
        self.focus_since = ""  # ISO time the retake was asked for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.title = QLabel("Report")
        self.title.setProperty("role", "title")
        titles.addWidget(self.title)
        self.subtitle = QLabel(
            "Finish a rehearsal, or open a session from History, to see its report here."
        )
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        titles.addWidget(self.subtitle)
        self.focus_label = role_label("nudge", hidden=True)
        titles.addWidget(self.focus_label)
        # The transcripts being decoded again from the whole recordings, then what that changed
        # (core/session/refine.py): the figures below move, and the person is told why.
        self.refinement_label = role_label("hint", hidden=True)
        self._refinement = ("", "")  # the session it is about, the line
        titles.addWidget(self.refinement_label)
        header.addLayout(titles, 1)
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt in EXPORT_FORMATS:
            button = QPushButton(f"Export {fmt.upper()}…")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, f=fmt: self.choose_export(f))
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.export_buttons[fmt] = button
        self.packet_button = QPushButton("Export for a coach…")
        self.packet_button.setToolTip(
            "A folder to share: the report and short clips of the moments you pick"
        )
        self.packet_button.setEnabled(False)
        self.packet_button.clicked.connect(self.open_packet)
        header.addWidget(self.packet_button, 0, Qt.AlignmentFlag.AlignTop)
        self.split_button = QPushButton("Change the answers…")
        self.split_button.setToolTip(
            "An imported recording: join answers or split one; only those changed are measured"
        )
        self.split_button.setVisible(False)
        self.split_button.clicked.connect(self.open_split)
        header.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        # The score summary: the headline numbers in their status colours, across the page.
        self.scores = QLabel("")
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        self.scores.setWordWrap(True)
        layout.addWidget(self.scores)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        player_box = QWidget()
        player_layout = QVBoxLayout(player_box)
        player_layout.setContentsMargins(0, 0, 0, 0)
        # The recording's pictures are painted as images, already scaled (RecordingPlayer).
        self.video = PreviewView()
        self.video.setMinimumSize(320, 200)
        self.video.show_message("")
        self.no_video = QLabel("")
        self.no_video.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_video.setProperty("role", "hint")
        self.no_video.setWordWrap(True)
        self.no_video.setVisible(False)
        player_layout.addWidget(self.video, 1)
        player_layout.addWidget(self.no_video, 1)
        controls = QHBoxLayout()
        self.play_button = QPushButton("Play")
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle_play)
        self.seek_bar = MarkerSlider()
        self.seek_bar.setEnabled(False)
        self.seek_bar.seek_requested.connect(self.seek_ms)
        self.time_label = QLabel("0:00 / 0:00")
        controls.addWidget(self.play_button)
        controls.addWidget(self.seek_bar, 1)
        controls.addWidget(self.time_label)
        player_layout.addLayout(controls)
        self.legend = QLabel(marker_legend())
        self.legend.setProperty("role", "hint")
        self.legend.setWordWrap(True)
        player_layout.addWidget(self.legend)
        splitter.addWidget(player_box)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._cue_answer)
        splitter.addWidget(self.tabs)
        splitter.setSizes([500, 700])  # the reading side wider: at 1024 px it was 430 px
        layout.addWidget(splitter, 1)

        self.player = RecordingPlayer(self._view_size, self.settings.audio.speaker, self)
        self.player.picture_ready.connect(self.video.show_image)
        self.player.no_picture.connect(
            lambda: self.video.show_message(
                "This recording holds sound only: no camera picture was recorded.\n"
                "Press Play to hear it."
            )
        )
        self.player.duration_changed.connect(self._duration_changed)
        self.player.position_changed.connect(self._position_changed)
        self.player.playing_changed.connect(self._playing_changed)
        self.player.failed.connect(
            lambda text: self.error.emit(f"Cannot play the recording: {text}")
        )
        self.player.silent.connect(
            lambda text: self.error.emit(f"The recording plays without sound: {text}")
        )

    # -- loading -----------------------------------------------------------------------------

    def load_session(self, session_id: str) -> None:
        self._keep_tab = None
        self.subtitle.setText(f"Building the report of session {session_id}…")
        store, settings = self.store, self.settings

        def build() -> ReportPages:
            # Imported here, on the pool thread: reportlab and the analysis stack take a few
            # hundred ms to import, which on the GUI thread froze the window at "finished".
            from mockinterview.core.report.export import report_for_session

            return report_pages(report_for_session(store, session_id, settings))

        run_in_background(build, self.show_report, self._failed)

    def reload(self) -> None:
        """The shown session's answers were stored anew (their transcripts refined): its report
        is built again and opens on the tab that was being read."""
        if self.report is None:
            return
        tab = self.tabs.currentIndex()
        self.load_session(self.report.session_id)
        self._keep_tab = tab

    def show_refinement(self, session_id: str, line: str) -> None:
        """The refiner's line about `session_id`, shown while that session's report is open."""
        self._refinement = (session_id, line)
        self._show_refinement()

    def showing(self, session_id: str) -> bool:
        return self.report is not None and self.report.session_id == session_id

    def _show_refinement(self) -> None:
        session_id, line = self._refinement
        shown = bool(line) and self.showing(session_id)
        self.refinement_label.setText(line if shown else "")
        self.refinement_label.setVisible(shown)

    def _failed(self, message: str) -> None:
        self.subtitle.setText(message)
        self.error.emit(message)

    def show_report(self, pages: ReportPages) -> None:
        report = self.report = pages.report
        self.title.setText(f"Report: {report.bank_title}")
        self.subtitle.setText(
            f"{report.started_at[:16].replace('T', ' ')} · "
            f"{report.answers_label} · session {report.session_id} "
            f"({report.status})"
        )
        self.scores.setText(pages.scores)
        self._show_refinement()
        self._clear_tabs()
        summary = wrapped_browser()
        summary.setOpenLinks(False)
        summary.anchorClicked.connect(self._summary_link)
        summary.setHtml(pages.summary)
        self.tabs.addTab(summary, "Summary")
        self._add_answer_tabs(pages, 0)

    def _clear_tabs(self) -> None:
        """Remove the last report's tabs and delete them: QTabWidget.clear() only hides its
        pages, so every report opened kept the previous one's tabs alive until the window closed."""
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()

    def _add_answer_tabs(self, pages: ReportPages, first: int) -> None:
        """The answer tabs from `first` on, for one turn of the event loop (TAB_TURN_S), the
        rest on the next turns; then the report is finished. Built in one go, the 224 answers of
        the hour's soak held the window for 1.2 s. At least one tab is built per turn, so the
        first answer's tab is there when show_report returns. A session opened meanwhile ends
        the building of this one."""
        report = pages.report
        if self.report is not report:
            return
        link_color = self.palette().text().color().name()
        began = time.perf_counter()
        index = first
        while index < len(report.answers):
            self._add_answer_tab(report.answers[index], link_color)
            index += 1
            if time.perf_counter() - began >= TAB_TURN_S:
                break
        if index < len(report.answers):
            next_turn(self, lambda: self._add_answer_tabs(pages, index))
        else:
            self._finish_report(pages)

    def _add_answer_tab(self, answer: AnswerReport, link_color: str) -> None:
        tab = AnswerTab(answer, link_color)
        if self.settings.llm.model.strip() and answer.transcript.strip():
            tab.layout().addWidget(AnswerCoach(answer, self.settings.llm))
        offset = answer.recording_offset_s
        tab.seek.connect(lambda seconds, o=offset: self.seek_answer(o, seconds))
        self.tabs.addTab(tab, answer_tab_label(answer.index, answer.parent_index))

    def _finish_report(self, pages: ReportPages) -> None:
        """What follows the answer tabs: versions, markers, the recording, `loaded`."""
        report = pages.report
        if pages.versions:  # questions answered before: every attempt side by side
            self.tabs.addTab(HtmlWhenShown(pages.versions), "Versions")
        self.seek_bar.set_markers(self.markers())
        self.legend.setText(marker_legend(body=any(a.has_body for a in report.answers)))
        recording = report.recording
        has_video = bool(recording) and Path(recording).is_file()
        self.video.setVisible(has_video)
        self.no_video.setVisible(not has_video)
        self.play_button.setEnabled(has_video)
        self.seek_bar.setEnabled(has_video)
        for button in (*self.export_buttons.values(), self.packet_button):
            button.setEnabled(True)
        self.split_button.setVisible(report.bank == IMPORTED_BANK)
        # The same recording is not loaded again (no black frame while it reloads). Opened
        # again, it starts from the beginning; rebuilt because its transcripts were refined
        # (`reload`, which keeps the tab being read), it plays on where it is: the refinement
        # lands whenever it is done, often while the person is listening.
        source = Path(recording) if has_video else None
        if source is not None and source == self.player.source():
            if self._keep_tab is None:
                self.player.pause()
                self.player.set_position(0)
        else:
            self.player.set_source(source)
        if not has_video:
            self.no_video.setText(
                "No recording was kept for this session (privacy setting, or it could not be "
                "written). The scores, transcripts and timelines are on the right."
            )
        self._show_focus(report)
        if self._keep_tab is not None:
            self.tabs.setCurrentIndex(min(self._keep_tab, self.tabs.count() - 1))
            self._keep_tab = None
        self.loaded.emit(report.session_id)

    def _show_focus(self, report: Report) -> None:
        """After "practise this now": the habit's before and after on the question re-asked."""
        key = self.focus_key if report.started_at >= self.focus_since else ""
        if key:
            self.focus_key = ""
        self.focus_label.setVisible(bool(key))
        if not key:
            return
        found = habit_change(report, key)
        if found is None:
            self.focus_label.setText(
                "The habit you practised could not be measured in this retake."
            )
            return
        question, change = found
        self.focus_label.setText(f"Before and after, on “{question}”: {change.explanation}")

    def _summary_link(self, url: QUrl) -> None:
        """A tip's moment plays from just before it; "practise this now" re-asks its question."""
        report = self.report
        kind, _, rest = url.toString().partition(":")
        if report is None or kind not in ("moment", "practise"):
            return
        numbers = [int(n) for n in rest.split(":")]
        tip = report.suggestions[numbers[0]]
        if kind == "moment":
            position = moment_position_s(report, tip.moments[numbers[1]])
            if position is None:
                self.error.emit("This answer has no place in the recording, so it cannot play.")
                return
            self.seek_ms(round(position * 1000))
            return
        if report.bank == IMPORTED_BANK:
            self.error.emit(
                "An imported recording's questions are in no question bank, so they cannot be "
                "asked again here. Rehearse a question from Home with this habit in mind."
            )
            return
        answer = worst_answer(report, tip)
        if answer is None:
            self.error.emit("No answer of this session can be asked again for this tip.")
            return
        self.practise_requested.emit(
            report.bank, answer.question_id, tip.key, f"Practising: {tip.title}. {tip.tip}"
        )

    def markers(self) -> list[Marker]:
        """Every answer's start and timeline marks, placed on the session recording."""
        markers = []
        for answer in self.report.answers if self.report else ():
            offset = answer.recording_offset_s
            if offset is None:
                continue
            question = f"Q{answer.index + 1}"
            markers.append(Marker(round(offset * 1000), f"{question} starts", ANSWER_START_COLOUR))
            for start, _end, label, color in answer_events(answer, OFF_SEEK_BAR):
                at, play = (round((offset + s) * 1000) for s in (start, play_from_s(start)))
                markers.append(Marker(at, f"{question}: {label}", color, play))
        return markers

    def changeEvent(self, event: QEvent) -> None:
        """Light/dark switch: the transcript colours were baked into its HTML, so redo them."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            color = self.palette().text().color().name()
            for index in range(self.tabs.count()):
                tab = self.tabs.widget(index)
                if isinstance(tab, AnswerTab):
                    tab.set_link_color(color)

    # -- playing -----------------------------------------------------------------------------

    def _cue_answer(self, index: int) -> None:
        """An answer's tab cues the paused recording to that answer, so Play plays what is being
        read: Q2's tab showed the first answer's picture at 0:00. A recording playing goes on,
        one already inside the answer stays where it is, and a report rebuilt on the tab being
        read keeps its place (_keep_tab)."""
        tab = self.tabs.widget(index)
        if (
            not isinstance(tab, AnswerTab)
            or self._keep_tab is not None
            or not self.seek_bar.isEnabled()
            or self.player.is_playing()
            or tab.answer.recording_offset_s is None
        ):
            return
        start_ms = round(tab.answer.recording_offset_s * 1000)
        end_ms = start_ms + round(tab.answer.duration_s * 1000)
        if not start_ms <= self.player.position() < end_ms:
            self.seek_ms(start_ms)

    def seek_answer(self, offset: float | None, seconds: float) -> None:
        if offset is None:
            self.error.emit("This answer has no place in the recording, so it cannot seek.")
            return
        self.seek_ms(round((offset + seconds) * 1000))

    def seek_ms(self, position_ms: int) -> None:
        self.player.set_position(position_ms)
        self.seek_bar.setValue(position_ms)

    def toggle_play(self) -> None:
        if self.player.is_playing():
            self.player.pause()
        else:
            self.player.play()

    def _view_size(self) -> tuple[int, int]:
        """The player's pictures are scaled to this once, on its decoding thread."""
        ratio = self.video.devicePixelRatioF()
        return round(self.video.width() * ratio), round(self.video.height() * ratio)

    def _duration_changed(self, duration_ms: int) -> None:
        self.seek_bar.setRange(0, max(duration_ms, 0))
        self.seek_bar.set_markers(self.markers())
        self._position_changed(self.player.position())

    def _position_changed(self, position_ms: int) -> None:
        if not self.seek_bar.isSliderDown():
            self.seek_bar.setValue(position_ms)
        self.time_label.setText(
            f"{clock(position_ms / 1000)} / {clock(self.player.duration() / 1000)}"
        )

    def shutdown(self) -> None:
        """Stop the player and let go of its file before the window goes."""
        self.player.close()

    def _playing_changed(self, playing: bool) -> None:
        self.play_button.setText("Pause" if playing else "Play")

    # -- exporting ---------------------------------------------------------------------------

    def choose_export(self, fmt: str) -> None:
        if self.report is None:
            return
        start = str(self.store.media_dir(self.report.session_id))
        folder = QFileDialog.getExistingDirectory(
            self, f"Export the report as {fmt.upper()}", start
        )
        if folder:
            self.export(fmt, Path(folder))

    def export(self, fmt: str, folder: Path) -> None:
        """Render on a pool thread (a PDF takes a moment); `exported([path])` when written."""
        from mockinterview.core.report.export import export_report

        report = self.report
        if report is None:
            return
        self.subtitle.setText(f"Writing the {fmt.upper()} report…")
        run_in_background(
            lambda: export_report(report, [fmt], folder), self._exported, self._failed
        )

    def open_packet(self) -> PacketDialog | None:
        """Pick the moments for a coach, then write the folder (gui/packet_dialog.py)."""
        from mockinterview.gui.packet_dialog import PacketDialog

        if self.report is None:
            return None
        dialog = PacketDialog(self.report, self)
        dialog.written.connect(lambda folder: self.subtitle.setText(f"Saved {folder}"))
        dialog.open()
        return dialog

    def open_split(self) -> ImportDialog | None:
        """How an imported recording is cut into answers, to change after measuring; the
        report is built again once the changed answers are measured."""
        from mockinterview.gui.import_dialog import open_import_dialog

        if self.report is None:
            return None
        return open_import_dialog(
            self,
            self.store,
            self.settings,
            self.load_session,
            self.importing,
            self.report.session_id,
        )

    def _exported(self, paths: list[Path]) -> None:
        self.subtitle.setText(f"Saved {paths[0]}")
        self.exported.emit(paths)
