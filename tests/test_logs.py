"""A native crash leaves every thread's Python stack in the data folder's crash.log."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path


def test_a_native_crash_leaves_its_python_stack_in_crash_log(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from mockinterview.core.logs import setup_logging

        def answer_being_recorded():
            faulthandler._sigsegv()  # what a crash in Qt or MediaPipe's native code does

        setup_logging(Path({str(tmp_path)!r}))
        answer_being_recorded()
        """
    )
    # the child starts as the app does, with no faulthandler enabled before it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode != 0
    crash = (tmp_path / "logs" / "crash.log").read_text()
    assert "Segmentation fault" in crash
    assert "answer_being_recorded" in crash, crash
    if sys.platform != "win32":
        assert stat.S_IMODE((tmp_path / "logs" / "crash.log").stat().st_mode) & 0o077 == 0


def test_crash_log_is_left_to_a_faulthandler_already_enabled(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from mockinterview.core.logs import setup_logging\n"
        f"setup_logging(Path({str(tmp_path)!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", script], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "logs" / "crash.log").exists()
