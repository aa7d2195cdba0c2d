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


def test_ids_latest_and_prefixes_work_the_same_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore()
    older, newer = store.create_session("general"), store.create_session("general")
    for sid in (older, newer):
        store.add_answer(sid, StoredAnswer("q", "Why?", "c", 30.0, f"said in {sid}", {}))
        store.finish_session(sid)
    assert main(["sessions", "show", "latest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["session_id"] == newer
    assert main(["sessions", "show", older[:-1], "--json"]) == 0  # a unique start of an id
    assert json.loads(capsys.readouterr().out)["session_id"] == older
    assert main(["sessions", "export", "latest", str(tmp_path)]) == 0
    assert newer in capsys.readouterr().out
    assert main(["report", "latest", "--format", "json", "--out", str(tmp_path)]) == 0
    assert f"report of session {newer}" in capsys.readouterr().err
    assert main(["sessions", "show", "2"]) == 2  # both ids start with the year
    assert "could be any of" in capsys.readouterr().err
    assert main(["sessions", "delete", "latest"]) == 0
    assert [s.session_id for s in store.list_sessions()] == [older]
    assert main(["sessions", "show", "nope"]) == 2
    assert "no session 'nope'" in capsys.readouterr().err
