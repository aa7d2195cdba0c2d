"""Long GUI-thread work split into pieces, one per event-loop turn, so timers run in between.

The window imports pages module by module, builds them one per turn, and adds a long report's
answer tabs a few at a time. Each next piece is posted as a 1 ms single shot, not a 0 ms one:
Qt's GLib event dispatcher (Linux) runs a chain of zero-delay single shots back to back, so a
timer that fell due meanwhile (an animation, the preview's, the benchmark's watchdog) waited for
two pieces instead of one. Measured with 30 pieces of 50 ms each: a 10 ms timer was up to 91-100 ms
late with 0 ms, 51 ms with 1 ms, and the whole chain took 3 % longer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

NEXT_TURN_MS = 1


def next_turn(receiver: QObject, call: Callable[[], None]) -> None:
    """Call `call` in a later event-loop turn, after the timers already due; dropped if
    `receiver` is deleted first."""
    QTimer.singleShot(NEXT_TURN_MS, receiver, call)
