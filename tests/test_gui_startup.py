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


# What the window must not wait for: the commands' analysis stack, the report, the models and the
# pages built after the first paint. Each costs tenths of a second to import on a 2-core laptop.
HEAVY_AT_START = (
    "mockinterview.commands",
    "mockinterview.core.session.flow",
    "mockinterview.core.analysis",
    "mockinterview.core.report.model",
    "reportlab",
    "numpy",  # ~0.1-0.5 s; Home's microphone check and level meter import it when first used
    "av",
    "cv2",
    "mediapipe",
    "faster_whisper",
    "ctranslate2",
    "PySide6.QtCharts",
)

FIRST_SHOW_SCRIPT = """
import os, sys
import mockinterview.gui.main_window as main_window

def show(window):
    loaded = sorted(name for name in HEAVY if name in sys.modules)
    print(window.windowTitle(), window.current_page(), "loaded:", *loaded, flush=True)
    os._exit(0)  # before the event loop starts the pool threads' imports

main_window.MainWindow.show = show
from mockinterview.cli import main
main([])
"""


def test_the_app_without_a_command_shows_its_window_before_heavy_imports(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MOCKINTERVIEW_HOME": str(tmp_path)}
    script = f"HEAVY = {HEAVY_AT_START!r}\n{FIRST_SHOW_SCRIPT}"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "MockInterview Home loaded:"


START_ERROR_SCRIPT = """
import sys
from PySide6.QtWidgets import QMessageBox

def critical(parent, title, text):
    print("BOX:", title, "|", text.replace("\\n", " "), flush=True)

QMessageBox.critical = critical
sys.stdout, sys.stderr = sys.stdout, None  # pythonw and the windowed build have no stderr
from mockinterview.gui.app import main
raise SystemExit(main())
"""


def test_a_start_that_fails_says_why_in_a_window(tmp_path) -> None:
    """Started from a menu, a broken settings file ended the app with nothing shown."""
    (tmp_path / "settings.toml").write_text("[whisper]\nmodel = 3\n")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MOCKINTERVIEW_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", START_ERROR_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    box = result.stdout.strip().splitlines()[-1]
    assert box.startswith("BOX: MockInterview could not start | "), box
    assert "whisper.model: expected str" in box and "mockinterview.log" in box, box
