"""History lists stored sessions with their numbers and deletes them; Report shows one session
and seeks its real recording from markers, transcript words and timeline rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QLabel, QMessageBox

from mockinterview.core.session.store import SessionStore
from mockinterview.gui.report_views import report_pages


def _open_history(window, qtbot):
    with qtbot.waitSignal(window.history.loaded, timeout=10000):
        window.show_page("History")
    return window.history


def test_history_lists_session_with_headline_numbers(window, qtbot, stored_session) -> None:
    history = _open_history(window, qtbot)
    assert history.table.rowCount() == 1
    cells = [history.table.item(0, c).text() for c in range(history.table.columnCount())]
    assert cells[1:4] == ["General and behavioural", "2", "0:06"]  # the bank as Home names it
    assert cells[4] == "140.5"  # the answers' own 140 and 141 wpm, weighted by length
    pace = history.table.item(0, 4)  # over 6 s of answers: shown in grey, the reason beside it
    assert "too little to judge" in pace.toolTip() and not history.table.item(0, 5).toolTip()
    assert cells[5] == "14.3"  # 2 fillers per 14 words
    assert cells[6] == "75"  # % of judged time: (80 + 70) / 2, weighted by answer length
    chart = history.chart_views["pace"].chart()
    band, line, dots = chart.series()  # the comfortable band shaded under the session's line
    assert band.property("band") == (130.0, 160.0)  # wpm
    # 6 s of answers is too little speech to judge a pace: a hollow dot, not on the line
    assert (line.count(), dots.count()) == (0, 1)
    assert dots.name() == "too little speech to judge" and chart.legend().isVisible()


def test_a_pace_judged_is_on_the_line_and_one_too_short_to_judge_is_off_it(window, qtbot) -> None:
    """A short retake's 199 wpm over 14 s, joined into the line, read as a habit gone wrong."""
    from mockinterview.core.session.store import StoredAnswer
    from tests.gui.conftest import comfortable_answer

    store = SessionStore()
    for stretch in (10.0, 1.0):  # the words spread over 20 s, then over 2 s
        session_id = store.create_session("general")
        answer = comfortable_answer(0)
        words = [
            {**w, "start": w["start"] * stretch, "end": w["end"] * stretch}
            for w in answer["speech"]["words"]
        ]
        answer["speech"] = {**answer["speech"], "words": words}
        store.add_answer(session_id, StoredAnswer(**answer))
        store.finish_session(session_id)
    chart = _open_history(window, qtbot).chart_views["pace"].chart()
    _band, line, dots = chart.series()
    assert (line.count(), dots.count()) == (1, 1)


def test_delete_removes_rows_and_files(window, qtbot, stored_session, monkeypatch) -> None:
    history = _open_history(window, qtbot)
    folder = SessionStore().media_dir(stored_session)
    assert folder.is_dir()
    history.select_session(stored_session)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(history.loaded, timeout=10000):
        qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    assert history.table.rowCount() == 0
    assert history.empty_label.isVisible()
    assert not folder.exists()
    assert SessionStore().list_sessions() == []


def test_the_selection_follows_its_session_when_history_is_read_again(window, qtbot) -> None:
    """A session stored while History was away is listed first; the session selected before
    stays selected, so "Delete…" acts on the session the person chose, not on its old row."""
    import time

    _, chosen = _stored_answers(1, "chosen")
    history = _open_history(window, qtbot)
    history.select_session(chosen)
    assert history.table.selectedItems()[0].row() == 0
    time.sleep(1.1)  # sessions are listed newest first, to the second
    _, newer = _stored_answers(1, "newer")
    with qtbot.waitSignal(history.loaded, timeout=10000):
        history.refresh()
    assert history.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == newer
    assert history.selected_session() == chosen
    assert history.delete_button.isEnabled()


def _open_report(window, qtbot, session_id):
    with qtbot.waitSignal(window.report.loaded, timeout=10000):
        window.open_session(session_id)
    report = window.report
    qtbot.waitUntil(lambda: report.player.duration() > 7000, timeout=10000)
    return report


def test_report_tabs_transcript_and_markers(window, qtbot, stored_session) -> None:
    report = _open_report(window, qtbot, stored_session)
    assert window.current_page() == "Report"
    assert [report.tabs.tabText(i) for i in range(report.tabs.count())] == ["Summary", "Q1", "Q2"]
    tab = report.tabs.widget(1)
    html = tab.transcript.toHtml()
    assert "#ffe0b2" in html  # the filler "Um," is highlighted
    summary = tab.summary.toPlainText()
    assert "Content: 50 % of the key points" in summary
    assert "Pace" in summary and "130-160 wpm" in summary  # the metric with its band
    positions = [m.position_ms for m in report.seek_bar.markers]
    # answers start at 1 s and 5 s; filler 0.5 s, hedge 0.9 s, eye contact lost 1.5 s into each
    assert positions == [1000, 1500, 1900, 2500, 5000, 5500, 5900, 6500]
    assert "looked away" in report.legend.text()  # the camera watched


def test_an_audio_only_sessions_legend_names_no_body_cue(window, qtbot) -> None:
    """The legend under the seek bar named five body cues that could never be on the bar of a
    session no camera watched."""
    from mockinterview.core.session.store import StoredAnswer
    from tests.gui.conftest import contract_answer

    store = SessionStore()
    session_id = store.create_session("general")
    store.add_answer(session_id, StoredAnswer(**{**contract_answer(0, 0.0), "body": None}))
    store.finish_session(session_id)
    with qtbot.waitSignal(window.report.loaded, timeout=10000):
        window.open_session(session_id)
    legend = window.report.legend.text()
    assert "filler" in legend and "restart" in legend
    assert "looked away" not in legend and "hand at face" not in legend


def test_an_answer_tab_at_the_smallest_window_shows_its_whole_timeline(
    window, qtbot, stored_session
) -> None:
    """At 1024x640 fixed pane sizes cut the timeline's last rows and its hint off, and left the
    summary and the transcript four lines each; the timeline now gets what it needs first."""
    window.resize(window.minimumSize())
    report = _open_report(window, qtbot, stored_session)
    report.tabs.setCurrentIndex(1)
    tab = report.tabs.widget(1)
    qtbot.waitUntil(lambda: tab._fitted, timeout=5000)
    summary, transcript, lanes = tab._panes.sizes()
    assert lanes >= tab._lanes_box.sizeHint().height()  # no scroll bar over the timeline
    line = tab.transcript.fontMetrics().lineSpacing()
    assert summary >= 6 * line and transcript >= 4 * line, (summary, transcript, line)
    assert summary > transcript

    window.resize(window.minimumWidth(), window.minimumHeight() + 260)
    qtbot.waitUntil(lambda: sum(tab._panes.sizes()) > summary + transcript + lanes + 200)
    taller = tab._panes.sizes()
    assert abs(taller[2] - lanes) <= 2, (lanes, taller)  # the timeline needs no more room
    assert taller[0] + taller[1] > summary + transcript + 200, taller  # to the text you read
    assert taller[0] > summary + 80 and taller[1] >= transcript, taller


def test_report_player_paints_the_recordings_frames(window, qtbot, stored_session) -> None:
    """The player paints the recording's pictures: after a seek the view holds a real 320x320
    frame of the recording, not a blank one."""
    report = _open_report(window, qtbot, stored_session)
    report.seek_ms(3000)
    qtbot.waitUntil(lambda: report.video.image is not None, timeout=10000)
    image = report.video.image
    assert (image.width(), image.height()) == (320, 320)
    assert len({image.pixel(x, 160) for x in range(0, 320, 16)}) > 5  # the photo's colours


def test_clicking_a_marker_seeks_the_player(window, qtbot, stored_session) -> None:
    report = _open_report(window, qtbot, stored_session)
    bar = report.seek_bar
    x = bar.x_for(6500)
    with qtbot.waitSignal(bar.marker_clicked) as clicked:
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(x + 2, bar.height() // 2))
    assert clicked.args[0].position_ms == 6500
    # A moment plays from a little before it (never before its answer's start at 5 s), so it is
    # heard in its sentence.
    assert clicked.args[0].seek_ms == 5000
    qtbot.waitUntil(lambda: abs(report.player.position() - 5000) < 150, timeout=5000)
    x = bar.x_for(2500)  # Q1's look away at 1.5 s plays from Q1's start at 1 s
    with qtbot.waitSignal(bar.marker_clicked) as clicked:
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(x, bar.height() // 2))
    assert (clicked.args[0].position_ms, clicked.args[0].seek_ms) == (2500, 1000)


def test_clicking_a_word_or_a_timeline_lane_seeks(window, qtbot, stored_session) -> None:
    report = _open_report(window, qtbot, stored_session)
    report.tabs.setCurrentIndex(2)
    tab = report.tabs.widget(2)
    # The word "team." at 1.8 s plays from a second before it: the word asked for, not the
    # sentence before it, and a filler Whisper timed late is still heard.
    tab.transcript.anchorClicked.emit(QUrl("seek:1.80"))
    qtbot.waitUntil(lambda: abs(report.player.position() - 5800) < 150, timeout=5000)
    lanes = tab.lanes
    qtbot.waitUntil(lanes.isVisible)
    row = [lane.key for lane in lanes.timeline.lanes].index("eye_contact_lost")
    lane = lanes.timeline.lanes[row]
    assert lane.kind == "body" and lane.marks[0].start == 1.5
    mark = lanes.mark_rect(row, lane.marks[0])  # eye contact lost at 1.5 s
    with qtbot.waitSignal(lanes.seek) as seek:
        qtbot.mouseClick(lanes, Qt.MouseButton.LeftButton, pos=mark.center().toPoint())
    assert seek.args == [0.0]  # from a little before the mark, not before the answer
    qtbot.waitUntil(lambda: abs(report.player.position() - 5000) < 150, timeout=5000)
    # Anywhere else on a lane plays from that second (the fillers lane: one "Um," at 0.5 s).
    fillers = lanes.row_rect(1)
    x = round(lanes.x_for(1.8))
    with qtbot.waitSignal(lanes.seek) as seek:
        qtbot.mouseClick(
            lanes, Qt.MouseButton.LeftButton, pos=QPoint(x, round(fillers.center().y()))
        )
    assert abs(seek.args[0] - 1.8) < 0.05
    qtbot.waitUntil(lambda: abs(report.player.position() - 6800) < 150, timeout=5000)
    report.toggle_play()
    assert report.player.is_playing()
    qtbot.waitUntil(lambda: report.player.position() > 7000, timeout=5000)
    # Closing the window while it plays stops the player and lets go of the recording.
    window.close()
    assert not report.player.is_playing()
    assert report.player.source() is None


def test_an_answer_s_tab_cues_the_paused_recording_to_that_answer(
    window, qtbot, stored_session
) -> None:
    """Q2's tab showed the picture at 0:00, and Play played the first answer."""
    report = _open_report(window, qtbot, stored_session)
    assert report.player.position() == 0
    report.tabs.setCurrentIndex(2)  # Q2 starts 5 s into the recording
    qtbot.waitUntil(lambda: abs(report.player.position() - 5000) < 150, timeout=5000)
    report.seek_ms(6200)  # a place inside Q2 is kept when the tab is read again
    report.tabs.setCurrentIndex(0)
    report.tabs.setCurrentIndex(2)
    assert abs(report.player.position() - 6200) < 150
    report.toggle_play()  # a recording playing goes on under another answer's tab
    report.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: report.player.position() > 6400, timeout=5000)
    report.toggle_play()
    report.tabs.setCurrentIndex(0)
    report.tabs.setCurrentIndex(1)  # paused again, Q1's tab cues Q1 (1 s in)
    qtbot.waitUntil(lambda: abs(report.player.position() - 1000) < 150, timeout=5000)


def test_a_refined_report_rebuilt_while_its_recording_plays_plays_on(
    window, qtbot, stored_session
) -> None:
    """The refiner rebuilds an open report when it has decoded the answers again, which may be
    while the person listens: the recording goes on playing from where it was, on the same tab.
    Opening the session again starts it from the beginning."""
    report = _open_report(window, qtbot, stored_session)
    report.tabs.setCurrentIndex(1)
    report.seek_ms(3000)
    report.toggle_play()
    qtbot.waitUntil(lambda: report.player.position() > 3300, timeout=5000)
    with qtbot.waitSignal(report.loaded, timeout=20000):
        report.reload()
    assert report.player.is_playing() and report.player.position() > 3300
    assert report.tabs.currentIndex() == 1
    with qtbot.waitSignal(report.loaded, timeout=20000):
        report.load_session(stored_session)
    assert not report.player.is_playing() and report.player.position() == 0


def test_export_writes_html_and_json(window, qtbot, stored_session, tmp_path: Path) -> None:
    import json

    report = _open_report(window, qtbot, stored_session)
    for fmt in ("html", "json"):
        with qtbot.waitSignal(report.exported, timeout=30000) as exported:
            report.export(fmt, tmp_path)
        path = exported.args[0][0]
        assert path.parent == tmp_path and path.suffix == f".{fmt}"
    data = json.loads(path.read_text())
    assert data["session_id"] == stored_session
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    with qtbot.waitSignal(report.error, timeout=10000) as error:
        report.export("html", a_file / "reports")
    assert "cannot create the output folder" in error.args[0]


def _stored_answers(answers: int, tag: str) -> tuple[SessionStore, str]:
    """A finished session of `answers` test answers (no recording), 4 s apart, to questions
    <tag>0, <tag>1, ...: sessions with different tags share no question, so neither has a
    Versions tab (whether one counts as "before" the other would hang on the clock's second)."""
    from mockinterview.core.session.store import StoredAnswer
    from tests.gui.conftest import contract_answer

    store = SessionStore()
    session_id = store.create_session("general")
    for index in range(answers):
        answer = {**contract_answer(index, 4.0 * index), "question_id": f"{tag}{index}"}
        store.add_answer(session_id, StoredAnswer(**answer))
    store.finish_session(session_id)
    return store, session_id


def _report_of(answers: int, tag: str):
    from mockinterview.core.report.export import report_for_session
    from mockinterview.core.settings import Settings

    return report_for_session(*_stored_answers(answers, tag), Settings())


def test_session_without_recording_says_so(window, qtbot, tmp_path: Path) -> None:
    _, session_id = _stored_answers(1, "q")
    with qtbot.waitSignal(window.report.loaded, timeout=10000):
        window.open_session(session_id)
    assert window.report.no_video.isVisible()
    assert "No recording was kept" in window.report.no_video.text()
    assert not window.report.play_button.isEnabled()


def test_a_long_report_is_built_a_tab_per_turn_and_another_session_stops_it(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answer tabs are built a turn of the event loop at a time (here one tab per turn), so a
    long session's report never holds the window; `loaded` comes with the last tab, and a
    session opened meanwhile ends the building of the first."""
    from mockinterview.gui.pages import report_page

    monkeypatch.setattr(report_page, "TAB_TURN_S", 0.0)
    page = window.report
    long_one, short_one = _report_of(6, "long"), _report_of(2, "short")
    loaded: list[str] = []
    page.loaded.connect(loaded.append)
    page.show_report(report_pages(long_one))
    assert page.tabs.count() == 2 and loaded == []  # the summary and the first answer
    qtbot.waitUntil(lambda: loaded == [long_one.session_id], timeout=10000)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Summary",
        *(f"Q{n}" for n in range(1, 7)),
    ]
    assert page.tabs.widget(6).answer.question == "Question number 6?"
    page.show_report(report_pages(long_one))
    page.show_report(report_pages(short_one))  # before the long one's second tab
    qtbot.waitUntil(lambda: loaded[-1] == short_one.session_id, timeout=10000)
    qtbot.wait(100)  # turns in which the long one would have gone on
    assert page.tabs.count() == 3 and loaded.count(long_one.session_id) == 1


def test_a_report_opened_after_another_leaves_none_of_its_tabs_behind(window, qtbot) -> None:
    from mockinterview.gui.pages.report_page import AnswerTab

    page = window.report
    first, second = _report_of(5, "first"), _report_of(2, "second")
    for report in (first, second):
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.show_report(report_pages(report))
    qtbot.waitUntil(lambda: len(page.findChildren(AnswerTab)) == 2, timeout=5000)
    assert page.tabs.count() == 3


def test_missing_session_is_a_readable_error(window, qtbot) -> None:
    with qtbot.waitSignal(window.report.error, timeout=10000) as error:
        window.report.load_session("20990101-000000-dead")
    assert "no session '20990101-000000-dead'" in error.args[0]
    assert window.error_label.text() == error.args[0]


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_chart_of_a_metric_never_measured_says_so(window, qtbot) -> None:
    """Sessions without a camera have no eye contact or slouch figures: those charts say so
    instead of drawing an empty axis that starts in 1970."""
    from mockinterview.core.session.store import StoredAnswer
    from tests.gui.conftest import contract_answer

    store = SessionStore()
    session_id = store.create_session("general")
    store.add_answer(session_id, StoredAnswer(**{**contract_answer(0, 0.0), "body": None}))
    store.finish_session(session_id)
    history = _open_history(window, qtbot)
    assert history.chart_views["pace"].chart().title() == "<center>Pace<br>(wpm)</center>"
    slouch = history.chart_views["slouch"].chart()
    assert slouch.title() == "<center>Slouching<br>not measured yet</center>"
    assert not slouch.axes()[0].labelsVisible()


def test_each_questions_best_attempt_is_charted(window, qtbot) -> None:
    """Two sessions answer one question (real-pipeline speech blocks): its line holds the best
    score so far at each attempt; a question answered once has no line."""
    import time

    from mockinterview.core.session.store import StoredAnswer
    from tests.report.conftest import answer, body_block, speech

    store = SessionStore()
    for clips in (("rushed_fillers", "clean"), ("lively",)):
        session_id = store.create_session("general")
        for n, clip in enumerate(clips):
            made = answer(n, speech(clip), body_block(), question_id=f"q-{n}")
            made = {k: v for k, v in made.items() if k != "index"}
            store.add_answer(session_id, StoredAnswer(**{**made, "target_s": (1.0, 30.0)}))
        store.finish_session(session_id)
        time.sleep(1.1)  # start times are stored to the second
    history = _open_history(window, qtbot)
    history.chart_tabs.setCurrentIndex(1)
    assert [q.question_id for q in history.questions] == ["q-0"]
    (line,) = history.question_chart.chart().series()
    scores = [line.at(i).y() for i in range(line.count())]
    assert len(scores) == 2 and scores[0] < 100 and scores[1] == 100  # rushed, then lively
    assert line.name() == "Question q-0?"


def test_the_charts_are_made_when_history_is_first_drawn(window, qtbot, stored_session) -> None:
    """Building the page (in the background at start-up, maybe while a rehearsal runs) makes no
    chart view: six of them took 176 ms of the GUI thread in the soak. Showing History does."""
    history = window.history
    assert history.chart_views == {} and history.chart_tabs.count() == 0
    _open_history(window, qtbot)
    assert set(history.chart_views) >= {"pace", "slouch"} and history.chart_tabs.count() == 2


def test_an_answer_tab_is_built_when_first_shown_or_read(window, qtbot) -> None:
    """A long session's report adds its answer tabs empty (building each took ~20 ms of the
    window); a tab is filled when it is opened, or when its parts are read."""
    from mockinterview.gui.pages.report_page import AnswerTab

    page = window.report
    window.show_page("Report")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show_report(report_pages(_report_of(4, "lazy")))
    tabs = [page.tabs.widget(i) for i in range(1, 5)]
    assert all(isinstance(tab, AnswerTab) for tab in tabs)
    assert [tab.built for tab in tabs] == [False] * 4  # the Summary is showing
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: tabs[1].built, timeout=5000)
    assert tabs[1].lanes.isVisible() and tabs[1].transcript.isVisible()
    assert [tab.built for tab in tabs] == [False, True, False, False]
    assert not tabs[3].findChildren(QLabel)
    assert tabs[3].transcript.toPlainText().strip()  # read before it was shown: built then
    assert tabs[3].built
    assert tabs[3].answer.question in tabs[3].findChildren(QLabel)[0].text()


def test_sessions_minutes_apart_get_time_labels_that_differ(window, qtbot, monkeypatch) -> None:
    """Three sessions over 90 s read "02:35 02:36 02:36" on the time axis; every tick of every
    chart must name a different time."""
    from PySide6.QtCore import QDateTime

    from mockinterview.core.session import store

    for tag, started in (("a", "02:35:10"), ("b", "02:35:50"), ("c", "02:36:40")):
        monkeypatch.setattr(store, "now_iso", lambda at=started: f"2026-12-07T{at}+00:00")
        _stored_answers(1, tag)
    history = _open_history(window, qtbot)
    history.draw_charts()
    for view in [*history.chart_views.values()]:
        (x_axis,) = [a for a in view.chart().axes() if a.orientation() == Qt.Orientation.Horizontal]
        if not x_axis.labelsVisible():
            continue  # a metric no session measured
        first, last = x_axis.min().toMSecsSinceEpoch(), x_axis.max().toMSecsSinceEpoch()
        ticks = x_axis.tickCount()
        labels = [
            QDateTime.fromMSecsSinceEpoch(first + (last - first) * i // (ticks - 1)).toString(
                x_axis.format()
            )
            for i in range(ticks)
        ]
        assert len(set(labels)) == ticks, labels
