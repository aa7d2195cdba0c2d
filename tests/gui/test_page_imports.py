"""The later pages' imports: what a pool thread imports makes no Qt class (page_imports)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mockinterview.gui.main_window import LATER_PAGES, PAGE_MODULES
from mockinterview.gui.page_imports import plan_imports

ROOT = Path(__file__).resolve().parents[2]

POOL_THREAD_IMPORTS = """
import json, sys
from mockinterview.gui.page_imports import prepare_imports
prepare_imports(json.loads(sys.argv[1]))
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("PySide6", "mockinterview.gui")))))
"""


def test_the_pool_thread_imports_no_module_that_makes_qt_classes() -> None:
    """Run as the pool thread runs it, in a process of its own: afterwards no page, no module
    of the GUI that defines a widget and no Qt module but QtCore is loaded (only the planner's
    own package is). Yet most of what the pages need is: the core and NumPy."""
    pages = [PAGE_MODULES[name] for name in LATER_PAGES]
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", POOL_THREAD_IMPORTS, json.dumps(pages)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    )
    assert set(loaded) <= {"mockinterview.gui", "mockinterview.gui.page_imports"}, loaded
    plan = plan_imports(pages)
    assert "numpy" in plan.qt_free and "mockinterview.core.report.charts" in plan.qt_free


def test_each_gui_module_comes_after_what_it_imports() -> None:
    plan = plan_imports([PAGE_MODULES["Report"]])
    order = plan.qt
    assert order[-1] == PAGE_MODULES["Report"]
    assert order.index("mockinterview.gui.recording_player") < order.index(PAGE_MODULES["Report"])
    assert order.index("mockinterview.gui.marker_slider") < order.index(PAGE_MODULES["Report"])
    assert not [m for m in plan.qt_free if m.startswith(("PySide6", "mockinterview.gui"))]


def test_a_page_import_that_fails_is_shown_and_start_can_be_pressed_again(
    qtbot, monkeypatch
) -> None:
    """Start pressed before the Rehearsal page exists imports it first; a module that fails to
    import there is one readable line in the window, and the next Start tries again (it had
    been left "importing", so every later Start waited for nothing)."""
    from mockinterview.core.settings import Settings
    from mockinterview.gui import main_window
    from mockinterview.gui.page_imports import ImportPlan

    window = main_window.MainWindow(Settings(), load_models=False)  # not shown: no page built
    qtbot.addWidget(window)
    started: list[object] = []
    real_prepare = main_window.prepare_imports
    monkeypatch.setattr(
        main_window, "prepare_imports", lambda _modules: ImportPlan(qt=["mockinterview.gui.gone"])
    )
    window._start_on_rehearsal_page(started.append)
    qtbot.waitUntil(lambda: "mockinterview.gui.gone" in window.error_label.text(), timeout=10000)
    assert started == []
    monkeypatch.setattr(main_window, "prepare_imports", real_prepare)
    window._start_on_rehearsal_page(started.append)
    qtbot.waitUntil(lambda: started == [window.rehearsal], timeout=30000)
