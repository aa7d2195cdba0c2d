"""The question asked before an imported answer, chosen by the person.

An answer is judged on its key points only when the words heard before it say a bank question.
Whisper mishears a word ("disagreed with a calling"), and interviewers ask in their own words
("What is your greatest weakness?"); such an answer would go unjudged, so the person may choose
the bank question that was asked (the closest in meaning first, core/session/import_edit.
closest_questions), type the question as it was asked, or say no question came before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mockinterview.core.questions import Question

NO_QUESTION = "No question before this answer"
# Item data: the question text an item stands for; None for NO_QUESTION.
_TEXT = Qt.ItemDataRole.UserRole


class QuestionPicker(QDialog):
    """`chosen` after exec(): the question text, or None for no question. `rank(text)` orders the
    bank questions by closeness to the words typed (fast once the sentence model is loaded)."""

    def __init__(
        self,
        heard: str | None,
        ranked: Sequence[Question],
        rank: Callable[[str], list[Question]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("The question asked")
        self.setMinimumSize(560, 420)
        self.ranked, self.rank = list(ranked), rank
        self.chosen: str | None = heard
        layout = QVBoxLayout(self)
        said = f"Heard before this answer: “{heard}”" if heard else "No question was heard."
        intro = QLabel(
            f"{said} Choose the bank question that was asked (the closest first), and the answer "
            "is judged on its key points; or type the question as it was asked."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type the question as it was asked, or words to search for")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._typed)
        layout.addWidget(self.search)
        # Re-ordered once typing pauses: each order embeds the words typed (about 15 ms).
        self._reorder = QTimer(self, singleShot=True, interval=250)
        self._reorder.timeout.connect(self.reorder)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(1)
        self.list.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(self.ranked, "")

    def _typed(self, text: str) -> None:
        self._reorder.start()
        if self.list.count():  # the words typed are offered at once, the order follows
            self._set_typed(self.list.item(0), " ".join(text.split()))

    @staticmethod
    def _set_typed(item: QListWidgetItem, typed: str) -> None:
        item.setText(f"Use “{typed}” as the question")
        item.setData(_TEXT, typed)
        item.setHidden(not typed)

    def reorder(self) -> None:
        """The bank questions holding every word typed first, each part closest in meaning
        first; the first of them is the one chosen."""
        self._reorder.stop()
        typed = " ".join(self.search.text().split())
        if not typed:
            self._fill(self.ranked, "")
            return
        words = typed.lower().split()
        ranked = self.rank(typed)
        ranked.sort(key=lambda q: not all(w in q.text.lower() for w in words))
        self._fill(ranked, typed)

    def _fill(self, ranked: Sequence[Question], typed: str) -> None:
        self.list.clear()
        first = QListWidgetItem()
        self.list.addItem(first)  # an item is hidden only inside its list
        self._set_typed(first, typed)
        none = QListWidgetItem(NO_QUESTION)
        none.setData(_TEXT, None)
        self.list.addItem(none)
        for question in ranked:
            item = QListWidgetItem(question.text)
            item.setData(_TEXT, question.text)
            item.setToolTip(f"{question.category} question")
            self.list.addItem(item)
        self.list.setCurrentRow(2 if ranked else 1)
        self.list.scrollToTop()

    def accept(self) -> None:
        if self._reorder.isActive():  # Enter pressed while typing: choose from the new order
            self.reorder()
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = item.data(_TEXT)
        super().accept()
