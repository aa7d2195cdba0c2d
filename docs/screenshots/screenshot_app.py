"""The app as both screenshot scripts start it (make_screenshots.py, make_llm_screenshots.py).

One set-up, so the two sets of pictures show the same app: the project on the import path, the
Qt plugin path OpenCV's wheel sets removed before PySide6 loads (as the real app does at start),
one QApplication in the light theme.
"""

from __future__ import annotations

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
