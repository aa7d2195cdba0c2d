"""What the later pages import, split by the thread it may be imported on.

What makes no Qt class (the core, NumPy, OpenCV) is imported on a pool thread while the window
is already shown; by then the main window's own imports have loaded most of it, so that thread
mostly plans (reads the modules' sources). What makes Qt classes (PySide6's own modules and the
GUI's) is imported on the GUI thread, one module per event-loop turn (measured 1-70 ms each,
about 0.3 s in all, on a busy 2-core machine): on Python 3.11 Shiboken keeps every Qt class's data
in one unlocked table, which a signal emitted on another thread reads without the GIL (gdb,
session 9), so a class made on a pool thread while the camera thread emits can corrupt it.
Session 12's soak died once in libshiboken while the pages were imported on a pool thread.
The plan reads the GUI's .py files, so the frozen bundle ships them beside its bytecode
(packaging/mockinterview.spec); where only bytecode ships, it finds nothing, and each page's
modules are then imported when the page is built, on the GUI thread, in one turn.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

GUI_PACKAGE = "mockinterview.gui"
GUI_FOLDER = Path(__file__).parent
QT_PACKAGES = ("PySide6", "shiboken6")


@dataclass
class ImportPlan:
    """`qt_free`: for a pool thread. `qt`: for the GUI thread, each after what it imports."""

    qt_free: list[str] = field(default_factory=list)
    qt: list[str] = field(default_factory=list)


def plan_imports(modules: list[str]) -> ImportPlan:
    """The modules that `modules` (the GUI's) import at their top, through the GUI's own."""
    plan = ImportPlan()
    seen: set[str] = set()
    for module in modules:
        _visit(module, plan, seen)
    return plan


def prepare_imports(modules: list[str]) -> ImportPlan:
    """On a pool thread: plans (reading the modules' sources takes 0.1-0.3 s) and imports what
    makes no Qt class, leaving `qt` for the GUI thread."""
    plan = plan_imports(modules)
    for module in plan.qt_free:
        importlib.import_module(module)
    return plan


def _visit(module: str, plan: ImportPlan, seen: set[str]) -> None:
    seen.add(module)
    source = _gui_source(module)
    if source is None:
        return
    for name in _top_level_imports(source):
        if name in seen or name == "__future__":
            continue
        seen.add(name)
        if name.startswith(GUI_PACKAGE):
            if _gui_source(name) is not None:  # else a name inside a module
                _visit(name, plan, seen)
        elif name.startswith(QT_PACKAGES):
            if name.count(".") == 1:  # PySide6.QtCharts, not a class inside it
                plan.qt.append(name)
        elif _is_module(name):
            plan.qt_free.append(name)
    plan.qt.append(module)


def _top_level_imports(source: Path) -> list[str]:
    """Modules, and `module.name` for each name imported from one (it may be a submodule)."""
    names: list[str] = []
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _gui_source(name: str) -> Path | None:
    """A GUI module's source file, found without importing the module or its package."""
    path = GUI_FOLDER.joinpath(*name.split(".")[2:])
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _is_module(name: str) -> bool:
    """Imports the packages above `name` (none of them the GUI's), not `name` itself."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a name inside a module
        return False
