"""Ctrl+C in the terminal, `kill`, a closed terminal or the desktop logging out close the window
as its close button does, so the session in progress is ended and stored, not cut off.

Without this, SIGTERM ended the process on the spot (the answer in progress was left to crash
recovery on the next start) and Ctrl+C did nothing until some Python code ran, where the
KeyboardInterrupt then showed in the window as an "unexpected error".

Python runs its signal handlers only between bytecodes, and an idle Qt event loop runs none: the
signal also writes a byte to a socket (`signal.set_wakeup_fd`) that a QSocketNotifier watches, so
the loop wakes and the handler runs at once. Windows delivers SIGINT (Ctrl+C, Ctrl+Break) the
same way; it has no SIGHUP, and its "SIGTERM" is TerminateProcess, which no handler sees.
"""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SIGNALS = tuple(
    signal.Signals[name] for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class TerminationWatch(QObject):
    """Makes SIGINT, SIGTERM and SIGHUP close every window (each one's closeEvent runs, so a
    rehearsal ends and keeps what was recorded) and then quit. Lives as long as the app, its
    parent: the wake-up socket must stay open for as long as a signal may come."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._wake_read, self._wake_write = socket.socketpair()
        for end in (self._wake_read, self._wake_write):
            end.setblocking(False)
        signal.set_wakeup_fd(self._wake_write.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._wake_read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for signum in SIGNALS:
            signal.signal(signum, self._close)
        log.debug("termination signals close the window: %s", [s.name for s in SIGNALS])

    def _close(self, signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        log.info("%s received: closing the window, which ends and stores the session", name)
        # Not from inside the handler: it may run in the middle of any slot.
        QTimer.singleShot(0, _close_all)

    def _drain(self) -> None:
        """The bytes only woke the event loop; the handler itself has run by now."""
        try:
            while self._wake_read.recv(64):
                pass
        except BlockingIOError:
            pass


def _close_all() -> None:
    QApplication.closeAllWindows()
    QApplication.quit()
