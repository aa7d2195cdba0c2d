"""The app as both screenshot scripts start and capture it (make_screenshots.py,
make_llm_screenshots.py).

One set-up, so the two sets of pictures show the same app: the project on the import path, the
Qt plugin path OpenCV's wheel sets removed before PySide6 loads (as the real app does at start),
one QApplication in the light theme, on a private Xvfb screen captured as a user sees it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_APP = []  # the QApplication, held for the process's life (Qt must not lose it mid-run)


def start_app():
    """The QApplication, ready for a MainWindow. Call before importing any other Qt module."""
    sys.path.insert(0, str(ROOT))
    from mockinterview.gui.app import _drop_cv2_qt_plugin_path

    _drop_cv2_qt_plugin_path()
    from PySide6.QtWidgets import QApplication

    from mockinterview.gui.theme import apply_theme

    app = QApplication([])
    apply_theme(app, "light")
    _APP.append(app)
    return app


def run_on_screen(command: list[str], screen: str, work: Path, env: dict[str, str]) -> None:
    """Run `command` plus the display's name (the app, in a child process) on a private Xvfb
    screen of size `screen`, its data folder in `work`. Xvfb lives in this process and the child
    exits before it stops; Xvfb and `work` are gone afterwards."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.xvfb import start_xvfb

    started = start_xvfb(screen)
    if started is None:
        raise SystemExit("Xvfb is needed: scripts/setup.sh --test installs it")
    xvfb, display = started
    try:
        subprocess.run(
            [*command, display],
            env={
                **os.environ,
                "QT_QPA_PLATFORM": "xcb",
                "DISPLAY": display,
                "MOCKINTERVIEW_HOME": str(work / "home"),
                **env,
            },
            check=True,
        )
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def shoot_screen(display: str, target: Path) -> None:
    """The whole X screen as a user sees it (dialogs on top, video surfaces painted)."""
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(target)], check=True, timeout=60
    )
    print(target)
