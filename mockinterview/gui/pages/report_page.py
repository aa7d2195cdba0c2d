"""Report: one session's recording in a player with cue markers, and a tab per answer.

Everything shown comes from `SessionStore.session_dict()` (docs/contracts.md). Times inside an
answer are relative to its start; adding the answer's `recording_offset_s` gives the position in
the session recording, which is how a marker, a transcript word or a timeline row seeks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.session.store import SessionStore
from mockinterview.gui.marker_slider import Marker, MarkerSlider
from mockinterview.gui.transcript_html import transcript_html
from mockinterview.gui.workers import run_in_background

CUE_COLORS = {
    "eye_contact_lost": "#2f8fdb",
    "slouch": "#d0453a",
    "crossed_arms": "#9b59b6",
    "fidget": "#e67e22",
    "smile": "#3aa364",
}
FILLER_COLOR = "#c9a227"
DEFAULT_CUE_COLOR = "#7f8c8d"
CUE_NAMES = {
    "eye_contact_lost": "looked away from the camera",
    "slouch": "slouched",
    "crossed_arms": "crossed arms",
    "fidget": "fidgeted",
    "smile": "smiled",
}


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def answer_events(answer: dict[str, Any]) -> list[tuple[float, float | None, str, str]]:
    """(start, end, label, color) of everything worth jumping to in one answer, in time order."""
    events = []
    body = answer.get("body") or {}
    for event in body.get("events") or []:
        cue = str(event.get("cue", ""))
        label = CUE_NAMES.get(cue, cue.replace("_", " "))
        events.append(
            (float(event["start"]), event.get("end"), label, CUE_COLORS.get(cue, DEFAULT_CUE_COLOR))
        )
    speech = answer.get("speech") or {}
    for filler in speech.get("fillers") or []:
        events.append((float(filler["start"]), None, f"said “{filler['text']}”", FILLER_COLOR))
    for pause in speech.get("pauses") or []:
        length = float(pause["end"]) - float(pause["start"])
        events.append((float(pause["start"]), pause["end"], f"paused {length:.1f} s", "#95a5a6"))
    return sorted(events, key=lambda e: e[0])


def _summary_html(answer: dict[str, Any]) -> str:
    speech = answer.get("speech") or {}
    body = answer.get("body")
    rows = []
    length = speech.get("answer_length") or {}
    target = answer.get("target_s")
    target_text = f" (target {target[0]:.0f}-{target[1]:.0f} s)" if target else ""
    rows.append(
        ("Length", f"{answer.get('duration_s', 0):.0f} s{target_text}", length.get("verdict", ""))
    )
    if speech.get("wpm") is not None:
        rows.append(("Pace", f"{speech['wpm']:.0f} words/min", ""))
    if speech.get("fillers_per_100_words") is not None:
        found = sorted({f["text"].lower() for f in speech.get("fillers") or []})
        rows.append(
            (
                "Fillers",
                f"{speech.get('filler_count', 0)} "
                f"({speech['fillers_per_100_words']:.1f} per 100 words)",
                ", ".join(found),
            )
        )
    if speech.get("pauses") is not None:
        rows.append(("Long pauses", str(len(speech["pauses"])), ""))
    if speech.get("loudness_dbfs") is not None:
        rows.append(
            (
                "Loudness",
                f"{speech['loudness_dbfs']:.0f} dBFS",
                "monotone" if speech.get("monotone") else "",
            )
        )
    if body:
        for key, name in (
            ("eye_contact_pct", "Eye contact"),
            ("slouch_pct", "Slouching"),
            ("crossed_arms_pct", "Crossed arms"),
            ("fidget_pct", "Fidgeting"),
            ("smile_pct", "Smiling"),
        ):
            if body.get(key) is not None:
                rows.append((name, f"{body[key]:.0f} % of the time", ""))
    else:
        rows.append(("Camera", "no video for this answer", "body language not judged"))
    flags = speech.get("flags") or []
    cells = "".join(
        f"<tr><td><b>{name}</b></td><td>{value}</td><td><i>{note}</i></td></tr>"
        for name, value, note in rows
    )
    flag_text = f"<p>Flags: {', '.join(flags)}</p>" if flags else ""
    return f'<table cellspacing="0" cellpadding="3">{cells}</table>{flag_text}'


def _content_html(answer: dict[str, Any]) -> str:
    content = answer.get("content")
    if not content:
        return "<p><i>This question has no key points to check.</i></p>"
    covered = "".join(
        f"<li>✔ {item['point']} <i>(“{item.get('matched', '')}”)</i></li>"
        for item in content.get("covered") or []
    )
    missed = "".join(f"<li>✘ {point}</li>" for point in content.get("missed") or [])
    model = content.get("model_answer")
    return (
        f"<p><b>Key points covered: {content.get('coverage_pct', 0):.0f} %</b></p>"
        f"<ul>{covered}{missed}</ul>" + (f"<p><b>A model answer:</b> {model}</p>" if model else "")
    )


class AnswerTab(QWidget):
    """One answer: scores, transcript, timeline and key points; emits seconds into the answer."""

    seek = Signal(float)

    def __init__(self, answer: dict[str, Any], link_color: str) -> None:
        super().__init__()
        self.answer = answer
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        question = QLabel(answer.get("question", ""))
        question.setProperty("role", "subtitle")
        question.setWordWrap(True)
        left.addWidget(question)
        self.summary = QTextBrowser()
        self.summary.setHtml(_summary_html(answer) + _content_html(answer))
        left.addWidget(self.summary, 1)
        layout.addLayout(left, 1)

        right = QVBoxLayout()
        right.addWidget(QLabel("Transcript (click a word to jump there; fillers highlighted)"))
        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        self.transcript.setHtml(transcript_html(answer.get("speech") or {}, link_color))
        self.transcript.anchorClicked.connect(self._anchor)
        right.addWidget(self.transcript, 2)
        right.addWidget(QLabel("Timeline (click an event to jump there)"))
        self.timeline = QListWidget()
        for start, end, label, color in answer_events(answer):
            span = f"{_clock(start)}–{_clock(float(end))}" if end is not None else _clock(start)
            item = QListWidgetItem(f"●  {span}  {label}")
            item.setForeground(QColor(color))
            item.setData(Qt.ItemDataRole.UserRole, start)
            self.timeline.addItem(item)
        if self.timeline.count() == 0:
            self.timeline.addItem("No cues, fillers or long pauses in this answer.")
        self.timeline.itemClicked.connect(self._timeline_clicked)
        right.addWidget(self.timeline, 1)
        layout.addLayout(right, 1)

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("seek:"):
            self.seek.emit(float(text.removeprefix("seek:")))

    def _timeline_clicked(self, item: QListWidgetItem) -> None:
        start = item.data(Qt.ItemDataRole.UserRole)
        if start is not None:
            self.seek.emit(float(start))


class ReportPage(QWidget):
    """Shows one stored session; `load_session(id)` reads it on a pool thread."""

    error = Signal(str)
    loaded = Signal(str)

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store
        self.session: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        header = QHBoxLayout()
        self.title = QLabel("Report")
        self.title.setProperty("role", "title")
        header.addWidget(self.title)
        header.addStretch(1)
        self.export_button = QPushButton("Export JSON…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_json)
        header.addWidget(self.export_button)
        layout.addLayout(header)
        self.subtitle = QLabel(
            "Finish a rehearsal, or open a session from History, to see its report here."
        )
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)

        splitter = QSplitter(Qt.Orientation.Vertical)
        player_box = QWidget()
        player_layout = QVBoxLayout(player_box)
        player_layout.setContentsMargins(0, 0, 0, 0)
        self.video = QVideoWidget()
        self.video.setMinimumHeight(160)
        self.no_video = QLabel("")
        self.no_video.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_video.setProperty("role", "hint")
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
        splitter.addWidget(player_box)
        self.tabs = QTabWidget()
        splitter.addWidget(self.tabs)
        splitter.setSizes([330, 330])
        layout.addWidget(splitter, 1)

        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.positionChanged.connect(self._position_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.errorOccurred.connect(
            lambda _error, text: self.error.emit(f"Cannot play the recording: {text}")
        )

    # -- loading -----------------------------------------------------------------------------

    def load_session(self, session_id: str) -> None:
        self.subtitle.setText(f"Loading session {session_id}…")
        run_in_background(
            lambda: self.store.session_dict(session_id), self.show_session, self._failed
        )

    def _failed(self, message: str) -> None:
        self.subtitle.setText(message)
        self.error.emit(message)

    def show_session(self, session: dict[str, Any]) -> None:
        self.session = session
        self.player.stop()
        self.title.setText(f"Report: {session.get('bank', '')}")
        answers = session.get("answers") or []
        self.subtitle.setText(
            f"Session {session['session_id']}, {len(answers)} answer(s), {session['status']}."
        )
        self.tabs.clear()
        link_color = self.palette().text().color().name()
        for answer in answers:
            tab = AnswerTab(answer, link_color)
            offset = answer.get("recording_offset_s")
            tab.seek.connect(lambda seconds, o=offset: self.seek_answer(o, seconds))
            self.tabs.addTab(tab, f"Q{answer['index'] + 1}")
        if not answers:
            self.tabs.addTab(QLabel("This session has no finished answer."), "No answers")
        self.seek_bar.set_markers(self.markers())
        recording = session.get("recording")
        has_video = bool(recording) and Path(recording).is_file()
        self.video.setVisible(has_video)
        self.no_video.setVisible(not has_video)
        self.play_button.setEnabled(has_video)
        self.seek_bar.setEnabled(has_video)
        self.export_button.setEnabled(True)
        if has_video:
            self.player.setSource(QUrl.fromLocalFile(str(recording)))
        else:
            self.player.setSource(QUrl())
            self.no_video.setText(
                "No recording was kept for this session (privacy setting, or no camera and "
                "microphone recording). The transcript and metrics are below."
            )
        self.loaded.emit(session["session_id"])

    def markers(self) -> list[Marker]:
        """Cue events, fillers and pauses of every answer, placed on the session recording."""
        markers = []
        for answer in (self.session or {}).get("answers") or []:
            offset = answer.get("recording_offset_s")
            if offset is None:
                continue
            question = f"Q{answer['index'] + 1}"
            markers.append(Marker(round(offset * 1000), f"{question} starts", "#4c8dff"))
            for start, _end, label, color in answer_events(answer):
                markers.append(
                    Marker(round((offset + start) * 1000), f"{question}: {label}", color)
                )
        return markers

    # -- playing -----------------------------------------------------------------------------

    def seek_answer(self, offset: float | None, seconds: float) -> None:
        if offset is None:
            self.error.emit("This answer has no place in the recording, so it cannot seek.")
            return
        self.seek_ms(round((offset + seconds) * 1000))

    def seek_ms(self, position_ms: int) -> None:
        self.player.setPosition(position_ms)
        self.seek_bar.setValue(position_ms)

    def toggle_play(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _duration_changed(self, duration_ms: int) -> None:
        self.seek_bar.setRange(0, max(duration_ms, 0))
        self.seek_bar.set_markers(self.markers())
        self._position_changed(self.player.position())

    def _position_changed(self, position_ms: int) -> None:
        if not self.seek_bar.isSliderDown():
            self.seek_bar.setValue(position_ms)
        self.time_label.setText(
            f"{_clock(position_ms / 1000)} / {_clock(self.player.duration() / 1000)}"
        )

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("Pause" if playing else "Play")

    def export_json(self) -> None:
        if self.session is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export report as JSON",
            f"mockinterview-{self.session['session_id']}.json",
            "JSON (*.json)",
        )
        if not path:
            return
        try:
            Path(path).write_text(json.dumps(self.session, indent=2), encoding="utf-8")
        except OSError as exc:
            self.error.emit(f"Could not write {path}: {exc.strerror or exc}")
