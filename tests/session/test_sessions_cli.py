"""`mockinterview sessions`: list/show as JSON, export, and delete that removes the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.session.store import SessionStore, StoredAnswer


def test_list_show_export_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = SessionStore()
    sid = store.create_session("general")
    (store.media_dir(sid) / "answer-01.wav").write_bytes(b"RIFF")
    store.add_answer(sid, StoredAnswer("q", "Why?", "c", 30.0, "because", {"wpm": 120}))
    store.finish_session(sid)

    assert main(["sessions", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["session_id"] == sid and row["answer_count"] == 1
    assert main(["sessions", "show", sid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"][0]["transcript"] == "because"
    assert main(["sessions", "show", sid]) == 0
    assert "1. Why? (30 s)" in capsys.readouterr().out
    assert main(["sessions", "export", sid, str(tmp_path)]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()
    assert main(["sessions", "delete", sid]) == 0
    assert not store.media_dir(sid).exists()
    assert main(["sessions", "show", sid]) == 2
    assert f"no session '{sid}'" in capsys.readouterr().err
