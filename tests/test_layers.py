"""The layering rule of docs (architecture.md, section 1): `mockinterview.core` never reaches Qt or
the GUI, so everything the app shows can also be produced headless and tested without a display.

Two checks, because each misses what the other sees: the source check names the file and line of a
direct import; the import check catches Qt arriving through a third module at import time.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mockinterview

CORE = Path(mockinterview.__file__).parent / "core"
FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "PyQt5",
    "PyQt6",
    "mockinterview.gui",
    "mockinterview.commands",
)


def _imported_names(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
    return names


def _forbidden(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in FORBIDDEN)


def test_core_source_imports_no_qt_gui_or_commands() -> None:
    offences = [
        f"{path.relative_to(CORE.parent)}:{line}: imports {name}"
        for path in sorted(CORE.rglob("*.py"))
        for line, name in _imported_names(path)
        if _forbidden(name)
    ]
    assert not offences, "\n".join(offences)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("import os\nfrom PySide6.QtCore import QObject\n", encoding="utf-8")
    found = [name for _, name in _imported_names(module) if _forbidden(name)]
    assert found == ["PySide6.QtCore"]


def test_importing_every_core_module_loads_no_qt() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "import mockinterview.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'mockinterview.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')\n"
        "                or m.startswith(('mockinterview.gui', 'mockinterview.commands')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout.strip() == "", f"core imports pulled in: {result.stdout.strip()}"
