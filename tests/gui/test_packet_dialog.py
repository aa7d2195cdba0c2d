""" "Export for a coach…" on the report: the first moment of each tip is ticked, and writing
gives a folder with the report and a real clip per ticked moment."""

from __future__ import annotations

from pathlib import Path

import av
from PySide6.QtCore import Qt


def test_packet_dialog_writes_the_ticked_moments(window, qtbot, stored_session, tmp_path) -> None:
    with qtbot.waitSignal(window.report.loaded, timeout=20000):
        window.open_session(stored_session)
    assert window.report.packet_button.isEnabled()
    dialog = window.report.open_packet()
    tips = {m.tip.key for m in dialog.moments}
    assert len(tips) >= 2  # fillers and hedges at least
    chosen = dialog.chosen()
    assert len(chosen) == len(tips)  # the first moment of each tip
    assert {m.tip.key for m in chosen} == tips
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # the person leaves one out
    assert len(dialog.chosen()) == len(tips) - 1
    with qtbot.waitSignal(dialog.written, timeout=60000) as written:
        dialog.write(tmp_path)
    folder: Path = written.args[0]
    clips = sorted((folder / "clips").iterdir())
    assert len(clips) == len(tips) - 1 and (folder / "report.html").is_file()
    for clip in clips:
        with av.open(str(clip)) as container:
            assert container.streams.video and container.duration > 0
    assert "Written:" in dialog.status.text() and str(folder) in dialog.status.text()
