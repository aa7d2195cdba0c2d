"""Run slow core calls off the GUI thread and hand back results or readable error messages.

Feature code never touches threads (Anki's rule): a page calls `run_in_background(fn, ...)` and
gets `done(result)` or `failed(message)` on the GUI thread. MockInterviewError messages are shown
as they are (they already say what to fix); anything else is logged with its traceback and shown
as one line that points to the log, never as a traceback on stderr.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from mockinterview.core.errors import MockInterviewError

log = logging.getLogger(__name__)


def readable_error(exc: BaseException) -> str:
    """The message a user sees for an exception raised in a worker."""
    if isinstance(exc, MockInterviewError):
        return str(exc)
    log.error("unexpected error in a background task", exc_info=exc)
    return f"Unexpected error: {exc.__class__.__name__}: {exc} (details in the log file)"


# Once the process exits, results of calls still running are not delivered: PySide deletes every
# parentless QObject at exit (BackgroundCall too), and emitting from a deleted one raises
# "Signal source has been deleted" on the pool thread. Registered after PySide's own exit
# handler, so it runs first (atexit runs last-registered first); the lock lets an emit that has
# begun finish before the objects go.
_delivery = threading.Lock()
_exiting = False


@atexit.register
def _stop_delivering() -> None:
    global _exiting
    with _delivery:
        _exiting = True


class BackgroundCall(QObject):
    """One call on the thread pool; `done`/`failed` are emitted on the thread that created it.

    The pool thread emits the private signals; they reach this object's slots through a queued
    connection, so plain Python callbacks connected to the public signals run on the GUI thread.
    """

    done = Signal(object)
    failed = Signal(str)
    _returned = Signal(object)
    _raised = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._returned.connect(self._relay_done)
        self._raised.connect(self._relay_failed)

    @Slot(object)
    def _relay_done(self, result: object) -> None:
        self.done.emit(result)

    @Slot(str)
    def _relay_failed(self, message: str) -> None:
        self.failed.emit(message)

    def runnable(self) -> QRunnable:
        return _CallRunnable(self)


class _CallRunnable(QRunnable):
    """Runs one BackgroundCall on a pool thread.

    One class for every call: a class made per call (as this was) is a new Shiboken type made
    and, once collected, destroyed at run time. On Python < 3.12 Shiboken keeps its per-type
    data in an unlocked table with a per-thread cache that only the destroying thread clears,
    and PySide reads that table without the GIL on each signal emission, from any thread (seen
    in gdb). A type missing from it reads as a null meta-object builder: the signature of the
    segfault seen once in the GUI benchmark (MetaObjectBuilder::update on null; not reproduced,
    so this removes a suspect rather than a proven cause). Types are now made only when
    modules are imported.
    """

    def __init__(self, call: BackgroundCall) -> None:
        super().__init__()
        self._call = call

    def run(self) -> None:
        call = self._call
        try:
            outcome, signal = call._fn(), "_returned"
        except Exception as exc:  # every failure becomes a message, none a traceback
            outcome, signal = readable_error(exc), "_raised"
        with _delivery:
            if not _exiting:  # at exit no window is left to take it
                getattr(call, signal).emit(outcome)


_running: set[BackgroundCall] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    pool: QThreadPool | None = None,
) -> BackgroundCall:
    """Start `fn()` on a pool thread; callbacks run on the GUI thread once it returns or raises.

    The call object is kept alive until it reports, so callers need not hold on to it.
    """
    call = BackgroundCall(fn)
    if on_done is not None:
        call.done.connect(on_done)
    if on_failed is not None:
        call.failed.connect(on_failed)
    call.done.connect(lambda _result: _running.discard(call))
    call.failed.connect(lambda _message: _running.discard(call))
    _running.add(call)
    (pool or QThreadPool.globalInstance()).start(call.runnable())
    return call
