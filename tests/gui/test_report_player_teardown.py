"""The report's player is torn down on Qt's own threads without ever waiting for the GIL.

Qt's FFmpeg backend destroys its audio renderer on the renderer's thread (after stop() or a
new recording). The renderer's ~QObject calls disconnectNotify on our Python-made QAudioOutput
while holding one of Qt's shared connection locks; if that call waits for the GIL, a GUI thread
that holds the GIL while C++ code takes the same lock (any widget being built) waits for ever.
That hung a whole test run in session 4 (gdb: the GUI thread in QObject::connectImpl, the
renderer in ~QObject waiting for the GIL).

The churn runs in a child process: a deadlock there holds the GIL, so no Python watchdog
(pytest-timeout's thread included) could ever run; faulthandler's own C thread prints the
child's Python stacks and ends it at a deadline, and the test fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.gui.conftest import store_session

ROOT = Path(__file__).resolve().parents[2]
CHILD_DEADLINE_S = 300.0  # a pass takes 10-60 s on a loaded 2-core machine
DONE = "every teardown finished"


def churn_report_media(session_ids: list[str], pages: int) -> None:
    """In the child: change the page's recording and stop its player, then build widgets with
    the GIL held while the old renderers are being destroyed."""
    import faulthandler
    import time

    faulthandler.dump_traceback_later(CHILD_DEADLINE_S, exit=True)
    from PySide6.QtCore import QEventLoop
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from mockinterview.core.report.export import report_for_session
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.gui.pages.report_page import ReportPage
    from mockinterview.gui.report_views import report_pages

    app = QApplication([])
    store, settings = SessionStore(), Settings()
    reports = [
        report_pages(report_for_session(store, session_id, settings)) for session_id in session_ids
    ]

    def busy(seconds: float, until=lambda: False) -> None:
        """Hold the GIL a moment (a renderer's teardown, if started, reaches its lock), then
        build widgets between events as a busy window does (the old show_report stopped the
        player, then built its tabs): their C++ constructors connect their parts under Qt's
        connection locks, with the GIL held."""
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            pass
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            widgets = [QTextBrowser() for _ in range(20)]
            del widgets
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    loaded = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(60)  # this thread gives the GIL up only where PySide releases it
    try:
        # Only a page's first teardown can wait for the GIL (see settle_python_overrides), and
        # where it falls depends on timing: each fresh page is one more chance to catch it.
        for _ in range(pages):
            page = ReportPage(store, settings)
            page.audio.setMuted(True)  # the machine's speaker is shared with other tests
            player = page.player
            for report in reports:
                page.show_report(report)  # a new recording: the last one's renderers go
                busy(60, lambda p=player: p.mediaStatus() in loaded)
                page.toggle_play()
                busy(0.4)
                player.stop()  # the renderers are destroyed on their own threads
                busy(0.4)
    finally:
        sys.setswitchinterval(interval)
    faulthandler.cancel_dump_traceback_later()
    print(DONE, flush=True)


def test_stopping_or_replacing_the_recording_never_hangs_the_window(tmp_path: Path) -> None:
    """Fails (the child hangs until its deadline) without `settle_python_overrides`."""
    ids = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        ids.append(store_session(tmp_path / name))
    code = (
        "from tests.gui.test_report_player_teardown import churn_report_media; "
        f"churn_report_media({ids!r}, 3)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=CHILD_DEADLINE_S + 60,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the child neither finished nor timed out: {exc.stderr}") from exc
    assert done.returncode == 0 and DONE in done.stdout, done.stderr[-4000:]
