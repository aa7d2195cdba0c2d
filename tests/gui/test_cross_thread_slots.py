"""Every signal emitted on another thread lands on a declared slot of a QObject in the window.

PySide 6.8 and later can crash when a signal emitted on a worker thread reaches a plain Python
callable (an undecorated method or a lambda): the workaround other PySide apps adopted is to
make every such receiver a `@Slot` of a QObject, so Qt queues the call to the receiver's thread
through its meta-object. Session 12's soak hour died once in libshiboken (a segfault, not
reproduced); these connections were the app's remaining ones of that kind. Background calls
(`run_in_background`) already relay through BackgroundCall's own slots.
"""

from __future__ import annotations

import importlib

import pytest

# (module, class, slot signature as Qt writes it): the receivers of the camera thread, the
# rehearsal thread, the microphone check's level and phase, the language model's tokens and
# the import's progress, all emitted on threads other than the GUI thread.
CROSS_THREAD_RECEIVERS = [
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_show_frame()"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_camera_failed(QString)"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_camera_retired()"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_on_event(PyObject)"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_notice(QString)"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_done(QString)"),
    ("mockinterview.gui.pages.rehearsal_page", "RehearsalPage", "_failed(QString)"),
    ("mockinterview.gui.pages.selfcheck_page", "SelfCheckPage", "_camera_failed(QString)"),
    ("mockinterview.gui.pages.selfcheck_page", "SelfCheckPage", "_finish()"),
    ("mockinterview.gui.level_meter", "LevelMeter", "set_level(double,PyObject)"),
    ("mockinterview.gui.mic_check_panel", "MicCheckPanel", "_show_phase(QString)"),
    ("mockinterview.gui.answer_coach", "AnswerCoach", "_append(QString)"),
    ("mockinterview.gui.job_ad_dialog", "JobAdDialog", "_append(QString)"),
    ("mockinterview.gui.import_dialog", "ImportDialog", "_show_progress(QString,double)"),
]


@pytest.mark.parametrize(("module", "cls", "slot"), CROSS_THREAD_RECEIVERS)
def test_a_cross_thread_receiver_is_a_declared_slot(module: str, cls: str, slot: str) -> None:
    meta = getattr(importlib.import_module(module), cls).staticMetaObject
    assert meta.indexOfSlot(slot) >= 0, f"{cls}.{slot} is not a @Slot"
