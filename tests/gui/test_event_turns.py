"""Work split with next_turn lets a timer that fell due run between two pieces (with 0 ms single
shots Qt's GLib dispatcher ran the next piece first, and the timer waited for two)."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QObject, QTimer

from mockinterview.gui.event_turns import next_turn

PIECES = 6
PIECE_S = 0.03  # each piece keeps the GUI thread busy this long: longer than the timer's 10 ms


def test_a_due_timer_runs_between_every_two_pieces(qtbot) -> None:
    order: list[str] = []
    owner = QObject()
    ticker = QTimer()
    ticker.timeout.connect(lambda: order.append("tick"))

    def piece(left: int) -> None:
        started = time.perf_counter()
        while time.perf_counter() - started < PIECE_S:
            pass
        order.append("piece")
        if left > 1:
            next_turn(owner, lambda: piece(left - 1))

    ticker.start(10)
    next_turn(owner, lambda: piece(PIECES))
    qtbot.waitUntil(lambda: order.count("piece") == PIECES, timeout=5000)
    ticker.stop()
    pieces = [i for i, event in enumerate(order) if event == "piece"]
    assert all(b - a > 1 for a, b in itertools.pairwise(pieces)), order


def test_a_deleted_receiver_drops_the_next_piece(qtbot) -> None:
    called: list[int] = []
    owner = QObject()
    next_turn(owner, lambda: called.append(1))
    owner.deleteLater()
    qtbot.wait(50)
    assert called == []
