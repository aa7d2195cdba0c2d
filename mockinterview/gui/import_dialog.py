""" "Import a recording…": a video or audio file made elsewhere becomes a session, with progress.

The work is core/session/import_recording.py on a pool thread, in two steps: the recording is
transcribed and cut into answers, the person sees the answers found and may join one to the one
before (a pause or a question of their own that cut an answer in two) or split one at a sentence
(two answers heard as one), then the answers are measured and stored. `edit_session` opens the
same list for an imported session already measured: only the answers changed are measured again
(core/session/import_edit.py). The dialog shows what is happening and how far it is; Cancel
asks the work to stop at its next step (the half-made session is removed). A file that cannot
be used gets its own message here, and the dialog stays open to try another.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.counting import counted
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.gui.workers import run_in_background

if TYPE_CHECKING:
    from mockinterview.core.questions import Question

log = logging.getLogger(__name__)

ANSWERS_SIZE = (700, 600)  # px, the dialog once it lists the answers found (_grow)

MEDIA_FILTER = (
    "Recordings (*.mp4 *.mkv *.mov *.webm *.avi *.m4v *.wav *.flac *.mp3 *.m4a *.aac *.ogg "
    "*.opus);;All files (*)"
)
EXPLANATION = (
    "A video or audio file of an interview or a practice you recorded elsewhere (a video call, "
    "a phone video). It is cut into answers at the questions: the interviewer's, told apart by "
    "their voice when two people are heard, or the ones you read aloud yourself (a short "
    "question or a request like “Tell me about…”), and with one voice at long pauses too. You "
    "can join or split answers before they are measured, and later from the report. It gets the "
    "same report as a rehearsal. A copy is kept with the session; nothing leaves this computer."
)
EDIT_EXPLANATION = (
    "How this recording is cut into answers. Untick an answer that continues the one above it, "
    "select one and split it at a sentence, or set the question it was asked. Only the answers "
    "you change are measured again."
)


def _bank_questions() -> list:
    """Every bank question; read on a pool thread (the banks take half a second to parse)."""
    from mockinterview.core.session.import_recording import bank_questions

    return bank_questions()


def open_import_dialog(
    page: QWidget,
    store: SessionStore,
    settings: Settings,
    imported: SignalInstance | Callable[[str], object],
    busy: SignalInstance,
    session_id: str | None = None,
) -> ImportDialog:
    """The dialog as each page opens it (Home, History: a new recording; the report: the split
    of `session_id`): what it imports goes to `imported`, and its busy state to `busy`, the
    page's own signal that the window holds its background work with."""
    dialog = ImportDialog(store, settings, page)
    dialog.imported.connect(imported)
    dialog.busy.connect(busy)
    if session_id is not None:
        dialog.edit_session(session_id)
    dialog.open()
    return dialog


class _Progress(QObject):
    """Emitted on the pool thread, delivered on the GUI thread (queued connection)."""

    changed = Signal(str, float)


class ImportDialog(QDialog):
    """Emits `imported(session_id)` once the session is stored, then closes."""

    imported = Signal(str)
    answers_found = Signal(int)  # the split is shown for checking
    finished_import = Signal()  # success, failure or cancel: for tests and callers
    # True while it transcribes or measures: the window's work in the background waits
    # (gui/transcript_refiner.py), the person waits on this.
    busy = Signal(bool)

    def __init__(self, store: SessionStore, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.path: Path | None = None
        self.prepared = None  # the transcribed recording and its answers, once found
        self.spans: list = []  # the answers as the person has edited them (AnswerSpan)
        self.words: tuple = ()  # the whole recording's words, to join answers
        self.session_id: str | None = None  # editing the split of this stored session
        self.known: list = []  # every bank question (Question), to say which one an answer is on
        # a heard question -> the bank question its words say (None: none), asked once each:
        # every row is drawn again on each change, and a match takes 5-15 ms
        self.matched: dict[str, Question | None] = {}
        # a heard question that is no bank question -> the bank question closest in meaning
        self.closest: dict[str, str] = {}
        self._busy = False
        self._cancel = threading.Event()
        self.setWindowTitle("Import a recording")
        # Word-wrapped labels do not make a dialog grow to fit them: room for every line.
        self.setMinimumSize(620, 320)
        layout = QVBoxLayout(self)
        self.intro = QLabel(EXPLANATION)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        layout.addWidget(self.intro)
        self.file_label = QLabel("No file chosen.")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.stage = QLabel("")
        self.stage.setWordWrap(True)
        layout.addWidget(self.stage)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setVisible(False)
        layout.addWidget(self.bar)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.answers = QListWidget()  # one row per answer found; unticked: joins the one above
        self.answers.setWordWrap(True)  # a long question wraps rather than scroll sideways
        self.answers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.answers.setVisible(False)
        self.answers.itemChanged.connect(self._count_changed)
        layout.addWidget(self.answers, 1)
        # what acts on the selected answer, under the list; what acts on them all, below
        selected = QHBoxLayout()
        buttons = QHBoxLayout()
        self.split_button = QPushButton("Split the selected answer…")
        self.split_button.setToolTip("Start a new answer at one of its sentences")
        self.split_button.setVisible(False)
        self.split_button.setEnabled(False)
        self.split_button.clicked.connect(self.choose_split)
        self.question_button = QPushButton("Set the question…")
        self.question_button.setToolTip(
            "Choose the bank question that was asked before the selected answer"
        )
        self.question_button.setVisible(False)
        self.question_button.setEnabled(False)
        self.question_button.clicked.connect(self.choose_question)
        self.answers.currentRowChanged.connect(self._selection_changed)
        selected.addWidget(self.split_button)
        selected.addWidget(self.question_button)
        selected.addStretch(1)
        layout.addLayout(selected)
        buttons.addStretch(1)
        self.analyse_button = QPushButton("Analyse these answers")
        self.analyse_button.setProperty("role", "primary")
        self.analyse_button.setVisible(False)
        self.analyse_button.clicked.connect(self.analyse)
        buttons.addWidget(self.analyse_button)
        self.choose_button = QPushButton("Choose a file…")
        self.choose_button.clicked.connect(self.choose)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress)
        run_in_background(_bank_questions, self._banks_read)

    @property
    def running(self) -> bool:
        return self._busy

    @running.setter
    def running(self, running: bool) -> None:
        if running != self._busy:
            self._busy = running
            self.busy.emit(running)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a recording", str(Path.home()), MEDIA_FILTER
        )
        if path:
            self.start(Path(path))

    def _running(self, text: str) -> None:
        self.running = True
        self._cancel.clear()
        self.message.setVisible(False)
        self.bar.setVisible(True)
        self.stage.setText(text)
        self.choose_button.setEnabled(False)
        self.analyse_button.setVisible(False)
        self.split_button.setEnabled(False)
        self.question_button.setEnabled(False)
        self.cancel_button.setText("Cancel")

    def start(self, path: Path) -> None:
        """Transcribe `path` and find its answers on a pool thread; then they are shown."""
        from mockinterview.core.session.import_recording import prepare_import

        self.path, self.prepared, self.session_id = path, None, None
        self.file_label.setText(f"<b>{path.name}</b>")
        self.answers.clear()
        self.spans, self.words = [], ()
        self.answers.setVisible(False)
        self.split_button.setVisible(False)
        self.question_button.setVisible(False)
        self.bar.setValue(0)
        self._running("Starting…")
        settings, cancel = self.settings, self._cancel
        emit = self._progress.changed.emit
        run_in_background(
            lambda: prepare_import(path, settings, None, emit, cancel.is_set),
            self._found,
            self._failed,
        )

    def _found(self, prepared) -> None:
        """List the answers found for the person to check, join and split."""
        self.running = False
        self.prepared = prepared
        self.bar.setVisible(False)
        self.words = prepared.transcript.words
        self._show_spans(list(prepared.spans))
        self.choose_button.setEnabled(True)
        self.cancel_button.setText("Close")
        self.answers_found.emit(len(self.spans))

    def edit_session(self, session_id: str) -> bool:
        """Open the split of a stored imported session; False (with the reason shown) when
        it cannot be edited."""
        from mockinterview.core.errors import MockInterviewError
        from mockinterview.core.session.import_recording import load_split

        self.setWindowTitle("Answers of an imported recording")
        self.intro.setText(EDIT_EXPLANATION)
        self.choose_button.setVisible(False)
        self.session_id = session_id
        self.file_label.setText(f"<b>Session {session_id}</b>")
        try:
            transcript, spans = load_split(self.store.media_dir(session_id))
        except MockInterviewError as exc:
            self._failed(str(exc))
            return False
        self.words = transcript.words
        self._show_spans(spans)
        return True

    def _show_spans(self, spans: list) -> None:
        """One row per answer: ticked starts an answer, unticked joins the answer above.

        The same answers drawn again (the banks or the closest questions arrived in the
        background, the question list was ranked) keep the person's ticks and selection: an
        untick made while the sentence model loaded was undone a few seconds later."""
        from mockinterview.core.report.charts import clock

        again = spans is self.spans and self.answers.count() == len(spans)
        ticks, row = (self.starts(), self.answers.currentRow()) if again else (None, -1)
        self.spans = spans
        self.answers.blockSignals(True)
        self.answers.clear()
        for n, span in enumerate(spans):
            said = " ".join(w.text.strip() for w in span.words[:14])
            asked = f"after “{span.question}”" if span.question else "no question heard before"
            text = f"{clock(span.start)}–{clock(span.end)}  {asked}\n{self._judged_on(span)}"
            item = QListWidgetItem(f"{text}    {said}…")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = ticks is None or ticks[n]
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            if n == 0:  # the first row always starts an answer
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            self.answers.addItem(item)
        self.answers.setCurrentRow(row)
        self.answers.blockSignals(False)
        self.answers.setVisible(True)
        self._grow()
        self.answers.setEnabled(True)
        self.split_button.setVisible(True)
        self.question_button.setVisible(True)
        self._selection_changed(self.answers.currentRow())
        self._advise()
        self._count_changed()
        self.analyse_button.setVisible(True)
        if self.known:
            self._find_closest()

    def _advise(self) -> None:
        """What the person can do with the answers listed, in the stage line."""
        self.stage.setText(
            f"{counted(len(self.spans), 'answer')}. Untick one that continues the answer above "
            "it (a long pause or your own question cut it in two), select one that holds two "
            "answers and split it, or set the question that was asked; then analyse."
        )

    def _grow(self) -> None:
        """Room for a few answers of three lines each without scrolling, centred again on the
        window and kept on the screen: a dialog grown after it is shown grows down and right
        only, and at 1366x768 its buttons went under the status bar."""
        screen = self.screen().availableGeometry()
        width = min(max(self.width(), ANSWERS_SIZE[0]), screen.width())
        height = min(max(self.height(), ANSWERS_SIZE[1]), screen.height())
        if (width, height) == (self.width(), self.height()):
            return
        self.resize(width, height)
        parent = self.parentWidget()
        frame = self.frameGeometry()
        frame.moveCenter(parent.window().frameGeometry().center() if parent else screen.center())
        frame.moveRight(min(frame.right(), screen.right()))
        frame.moveBottom(min(frame.bottom(), screen.bottom()))
        frame.moveLeft(max(frame.left(), screen.left()))
        frame.moveTop(max(frame.top(), screen.top()))
        self.move(frame.topLeft())

    def _selection_changed(self, row: int) -> None:
        from mockinterview.core.session.import_edit import cut_points

        splittable = 0 <= row < len(self.spans) and bool(cut_points(self.spans[row]))
        self.split_button.setEnabled(splittable and not self.running)
        self.question_button.setEnabled(0 <= row < len(self.spans) and not self.running)

    def _banks_read(self, known: list) -> None:
        self.known = known
        if self.spans:
            self._show_spans(self.spans)

    def _bank_match(self, heard: str) -> Question | None:
        """The bank question `heard` says (import_recording.bank_question), or None."""
        from mockinterview.core.session.import_recording import bank_question

        if heard not in self.matched:
            self.matched[heard] = bank_question(heard, self.known)
        return self.matched[heard]

    def _find_closest(self) -> None:
        """For each heard question that is no bank question, the bank question closest in
        meaning, found in the background and shown on its row: a misheard or reworded question
        is often that one, and the person sees it without opening the list."""
        from mockinterview.core.session.import_edit import closest_questions

        known = self.known
        heard = {
            s.question
            for s in self.spans
            if s.question and s.question not in self.closest and not self._bank_match(s.question)
        }
        if not heard:
            return
        self.closest.update(dict.fromkeys(heard, ""))  # asked once, even before it is found

        def found(closest: dict[str, str]) -> None:
            self.closest.update(closest)
            if not self.running:
                self._show_spans(self.spans)

        run_in_background(
            lambda: {q: closest_questions(q, known)[0].text for q in heard}, found, log.warning
        )

    def _judged_on(self, span) -> str:
        """The row's second line: the bank question whose key points judge the answer, if any
        (read from the banks in the background; nothing said until they are)."""
        if not self.known:
            return ""
        if not span.question:
            return "    judged without its length or key points (no question heard)\n"
        found = self._bank_match(span.question)
        if found is None and self.closest.get(span.question):
            return (
                "    judged without key points: no bank question (the closest in meaning: "
                f"“{self.closest[span.question]}”)\n"
            )
        if found is None:
            return "    judged without key points (no bank question)\n"
        if found.text == span.question:
            return "    judged on its key points (a bank question)\n"
        return f"    judged on the key points of “{found.text}”\n"

    def choose_question(self) -> None:
        """The bank questions closest to the one heard are found in the background (the
        sentence model's first use takes a few seconds), then offered to choose from."""
        from mockinterview.core.session.import_edit import closest_questions

        row = self.answers.currentRow()
        if not 0 <= row < len(self.spans):
            return
        heard, known = self.spans[row].question, self.known
        self.question_button.setEnabled(False)
        self.stage.setText("Finding the bank questions closest to the one heard…")

        def rank() -> tuple[list, list]:  # the banks too, if not read yet: both off this thread
            banks = known or _bank_questions()
            return banks, closest_questions(heard, banks)

        run_in_background(
            rank, lambda found: self._pick_question(row, *found), self._ranking_failed
        )

    def _ranking_failed(self, message: str) -> None:
        self._selection_changed(self.answers.currentRow())
        self.message.setText(message)
        self.message.setVisible(True)

    def _pick_question(self, row: int, known: list, ranked: list) -> None:
        from mockinterview.core.session.import_edit import closest_questions
        from mockinterview.gui.question_picker import QuestionPicker

        self._selection_changed(self.answers.currentRow())
        if self.running or row >= len(self.spans):  # the answers changed meanwhile
            return
        self._advise()  # in place of "Finding the bank questions…"
        picker = QuestionPicker(
            self.spans[row].question, ranked, lambda typed: closest_questions(typed, known), self
        )
        self.question_picker = picker  # for tests: the picker open now
        picker.accepted.connect(lambda: self.set_question(row, picker.chosen))
        picker.open()

    def set_question(self, row: int, question: str | None) -> None:
        """The question asked before answer `row` (None: none); pending joins are made first."""
        from mockinterview.core.session.import_edit import with_question

        target, joined = self._joined(row)
        self._show_spans(with_question(joined, target, question))
        self.answers.setCurrentRow(target)

    def _joined(self, row: int) -> tuple[int, list]:
        """The answers with the pending joins made, and the one that row `row` is part of."""
        from mockinterview.core.session.import_recording import join_spans

        starts = self.starts()
        return sum(starts[: row + 1]) - 1, join_spans(self.spans, starts, self.words)

    def split_points(self, row: int) -> list[tuple[int, str]]:
        """Where answer `row` can be split: (word index, "0:42  the sentence that starts…")."""
        from mockinterview.core.report.charts import clock
        from mockinterview.core.session.import_edit import cut_points

        words = self.spans[row].words
        return [
            (k, f"{clock(words[k].start)}  {' '.join(w.text.strip() for w in words[k : k + 10])}…")
            for k in cut_points(self.spans[row])
        ]

    def choose_split(self) -> None:
        row = self.answers.currentRow()
        points = self.split_points(row) if row >= 0 else []
        if not points:
            return
        label, ok = QInputDialog.getItem(
            self,
            "Split an answer",
            "Start a new answer at:",
            [text for _, text in points],
            0,
            False,
        )
        if ok:
            self.split(row, dict((text, k) for k, text in points)[label])

    def split(self, row: int, at_word: int) -> None:
        """Split answer `row` before its word `at_word` (pending joins are made first)."""
        from mockinterview.core.session.import_edit import split_span

        first_word = self.spans[row].words[at_word]
        target, joined = self._joined(row)
        self._show_spans(split_span(joined, target, joined[target].words.index(first_word)))
        self.answers.setCurrentRow(target + 1)

    def starts(self) -> list[bool]:
        return [
            self.answers.item(row).checkState() == Qt.CheckState.Checked
            for row in range(self.answers.count())
        ]

    def _count_changed(self) -> None:
        self.analyse_button.setText(f"Analyse {counted(sum(self.starts()), 'answer')}")

    def analyse(self) -> None:
        """Measure the answers as the person left them: a new session, or, when editing a
        stored one, only the answers that changed."""
        from mockinterview.core.session.import_edit import edit_split
        from mockinterview.core.session.import_recording import join_spans, store_import

        if self.prepared is None and self.session_id is None:
            return
        spans = join_spans(self.spans, self.starts(), self.words)
        self.answers.setEnabled(False)
        self.split_button.setEnabled(False)
        self._running(f"Analysing {counted(len(spans), 'answer')}…")
        store, settings, cancel = self.store, self.settings, self._cancel
        emit = self._progress.changed.emit
        prepared, session_id = self.prepared, self.session_id
        if session_id is not None:

            def re_measure() -> str:
                edit_split(store, session_id, spans, settings, emit, cancel.is_set)
                return session_id

            run_in_background(re_measure, self._done, self._failed)
            return
        run_in_background(
            lambda: store_import(prepared, store, settings, spans, emit, cancel.is_set),
            self._done,
            self._failed,
        )

    @Slot(str, float)
    def _show_progress(self, what: str, fraction: float) -> None:
        if self._cancel.is_set():
            return
        self.stage.setText(what[:1].upper() + what[1:] + "…")
        self.bar.setValue(round(fraction * 100))

    def _done(self, session_id: str) -> None:
        self.running = False
        self.imported.emit(session_id)
        self.finished_import.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        self.running = False
        self.bar.setVisible(False)
        self.answers.setEnabled(True)
        self.analyse_button.setVisible(bool(self.spans))
        self._selection_changed(self.answers.currentRow())
        self.choose_button.setEnabled(True)
        self.cancel_button.setText("Close")
        self.cancel_button.setEnabled(True)
        cancelled = self._cancel.is_set()
        self.stage.setText("Cancelled: nothing was kept." if cancelled else "")
        self.message.setText("" if cancelled else message)
        self.message.setVisible(not cancelled)
        self.finished_import.emit()

    def reject(self) -> None:
        """Cancel while running (the worker stops at its next step); Close otherwise."""
        if self.running:
            self._cancel.set()
            self.stage.setText("Cancelling after the current step…")
            self.cancel_button.setEnabled(False)
            return
        self.cancel_button.setEnabled(True)
        super().reject()
