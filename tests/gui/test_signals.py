"""The installed PySide6 keeps Python's reference counts intact when a signal is emitted.

PySide6 6.12.0 dropped one reference to True on every Signal.emit() from Python; after a few
thousand emits (a long rehearsal, or a day of use) the process aborted with "Fatal Python error:
bool_dealloc". pyproject.toml excludes that release; this test catches a future one like it.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

EMITS = 200


class _Emitter(QObject):
    value = Signal(object)


# From Python 3.12 True and None are immortal (PEP 683): their counts never move, so this check
# could not fail there, and the leak it guards against cannot abort the process either.
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True/None are immortal on 3.12+")
def test_emit_keeps_reference_counts(qtbot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    before = {"True": sys.getrefcount(True), "None": sys.getrefcount(None)}
    for _ in range(EMITS):
        emitter.value.emit(None)
    assert len(received) == EMITS
    received.clear()
    # A few references come and go with unrelated work; a leak per emit would be ~EMITS.
    assert sys.getrefcount(True) > before["True"] - EMITS // 2, "emit() leaks references to True"
    assert sys.getrefcount(None) > before["None"] - EMITS // 2, "emit() leaks references to None"
