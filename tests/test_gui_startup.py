"""The Qt window opens after cv2 and mediapipe are imported (cv2 ships Qt 5 plugins and points
QT_QPA_PLATFORM_PLUGIN_PATH at them), offscreen and on a real X server."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import cv2, mediapipe  # noqa: F401  (imported first on purpose)
import os
assert "cv2" in os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", ""), "cv2 no longer sets it"
from mockinterview.gui.app import _drop_cv2_qt_plugin_path
_drop_cv2_qt_plugin_path()
from PySide6.QtWidgets import QApplication
from mockinterview.core.settings import Settings
from mockinterview.gui.main_window import MainWindow
app = QApplication([])
window = MainWindow(Settings())
window.show()
app.processEvents()
print(app.platformName(), window.windowTitle(), window.isVisible())
"""


def _open_window(env_overrides: dict[str, str]) -> str:
    env = {**os.environ, **env_overrides}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_window_opens_offscreen_after_cv2_and_mediapipe() -> None:
    assert _open_window({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen MockInterview True"


def test_window_opens_on_xvfb_after_cv2_and_mediapipe(xvfb_display: str) -> None:
    line = _open_window({"QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display})
    assert line == "xcb MockInterview True"


def test_no_display_is_one_clear_line_not_an_abort() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "mockinterview"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "No display: DISPLAY and WAYLAND_DISPLAY are not set" in result.stderr
    assert "xcb" not in result.stderr
