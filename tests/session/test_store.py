"""The session store: answers committed at once, contract shape, crash detection, deletion."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from mockinterview.core.errors import StorageError
from mockinterview.core.session.store import SCHEMA_VERSION, SessionStore, StoredAnswer


def _answer(n: int) -> StoredAnswer:
    return StoredAnswer(
        question_id=f"q{n}",
        question=f"Question {n}?",
        category="behavioural",
        duration_s=12.5,
        transcript=f"answer number {n}",
        speech={"word_count": 3, "wpm": 140.0},
        body=None,
        content={"covered": [], "missed": ["x"], "coverage_pct": 0.0, "model_answer": "m"},
        target_s=(60, 120),
        recording_offset_s=3.0 * n,
        audio=None,
    )


def test_session_dict_follows_the_contract(private_home: Path) -> None:
    store = SessionStore()
    sid = store.create_session("general")
    assert store.add_answer(sid, _answer(0)) == 0
    assert store.add_answer(sid, _answer(1)) == 1
    store.finish_session(sid)
    data = store.session_dict(sid)
    assert set(data) == {
        "session_id",
        "bank",
        "started_at",
        "ended_at",
        "status",
        "recording",
        "answers",
    }
    assert data["status"] == "finished" and data["bank"] == "general"
    first = data["answers"][0]
    assert set(first) == {
        "index",
        "question_id",
        "question",
        "category",
        "target_s",
        "recording_offset_s",
        "duration_s",
        "partial",
        "audio",
        "transcript",
        "speech",
        "body",
        "content",
        "structure",
        "follow_up",
        "parent_index",
    }
    assert first["target_s"] == [60, 120]
    assert data["answers"][1]["transcript"] == "answer number 1"
    json.dumps(data)  # serialisable as is
    # One answer alone (what a live session hands out as each is stored) is the same entry.
    assert [store.answer_dict(sid, n) for n in (0, 1)] == data["answers"]
    with pytest.raises(StorageError, match="has no answer 2"):
        store.answer_dict(sid, 2)


def test_media_folder_and_database_are_owner_only(private_home: Path) -> None:
    store = SessionStore()
    sid = store.create_session("general")
    assert stat.S_IMODE(store.media_dir(sid).stat().st_mode) == 0o700
    assert stat.S_IMODE(store.sessions_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.db_path.stat().st_mode) == 0o600
    with sqlite3.connect(store.db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(private_home: Path) -> None:
    store = SessionStore()
    with sqlite3.connect(store.db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="newer MockInterview"):
        SessionStore()


def test_a_dead_process_session_is_found_and_recovered(private_home: Path) -> None:
    """A session whose owner died (its lock released by the kernel) is offered for recovery."""
    code = (
        "import os\n"
        "from mockinterview.core.session.store import SessionStore, StoredAnswer\n"
        "s = SessionStore()\n"
        "sid = s.create_session('general')\n"
        "s.add_answer(sid, StoredAnswer('q0', 'Q?', 'c', 1.0, 'kept', {}))\n"
        "print(sid, flush=True)\n"
        "os._exit(9)\n"  # no cleanup, like a crash
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    sid = out.stdout.strip()
    store = SessionStore()
    live = store.create_session("general")  # a session this process still runs is never offered
    found = store.interrupted_sessions()
    assert [s.session_id for s in found] == [sid]
    (store.media_dir(sid) / ".answer-02-part0.wav").write_bytes(b"RIFF")  # cut off by the crash
    recovered = store.recover_session(sid)
    assert (store.media_dir(sid) / "unfinished-answer-02-part0.wav").is_file()
    assert recovered["status"] == "recovered"
    assert recovered["answers"][0]["transcript"] == "kept"
    assert store.interrupted_sessions() == []
    with pytest.raises(StorageError, match="still running"):
        store.delete_session(live)


def test_delete_removes_files_and_export_zips_them(private_home: Path, tmp_path: Path) -> None:
    store = SessionStore()
    sid = store.create_session("general")
    (store.media_dir(sid) / "answer-01.wav").write_bytes(b"RIFF")
    store.add_answer(sid, _answer(0))
    store.finish_session(sid)
    archive = store.export_session(sid, tmp_path)
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == ["media/answer-01.wav", "session.json"]
        assert json.loads(z.read("session.json"))["session_id"] == sid
    store.delete_session(sid)
    assert not store.media_dir(sid).exists()
    with pytest.raises(StorageError, match="no session"):
        store.session_dict(sid)


def _open_store_at(root: str, start: float) -> str:
    """Child process: wait for the shared start moment, open the store, report what happened."""
    import time

    time.sleep(max(0.0, start - time.time()))
    try:
        SessionStore(Path(root))
    except StorageError as exc:
        return f"error: {exc}"
    return "ok"


def test_stores_opened_at_once_on_a_new_folder_migrate_once(tmp_path: Path) -> None:
    """Several processes opening a brand-new data folder at the same moment (the GUI and a CLI
    started together) must all succeed: before the fix, two ran the first migration and one
    failed with "table sessions already exists"."""
    import multiprocessing
    import time

    context = multiprocessing.get_context("spawn")
    with context.Pool(6) as pool:
        pool.map(abs, range(6))  # workers are up and imported before the race starts
        for attempt in range(5):
            root = tmp_path / f"data-{attempt}"
            start = time.time() + 0.3
            results = pool.starmap(_open_store_at, [(str(root), start)] * 6)
            assert results == ["ok"] * 6, results
            with sqlite3.connect(root / "sessions.sqlite3") as conn:
                assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            assert {"sessions", "answers"} <= tables


def _session_with(store: SessionStore, transcript: str) -> str:
    sid = store.create_session("general")
    (store.media_dir(sid) / "answer-01.wav").write_bytes(b"RIFF" + bytes(1000))
    (store.media_dir(sid) / "recording.mkv").write_bytes(bytes(1000))
    store.add_answer(sid, replace(_answer(0), transcript=transcript))
    store.finish_session(sid)
    return sid


def test_a_delete_that_fails_half_way_can_be_retried_and_leaves_nothing(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file cannot go (held open, a failing disk): the session stays listed with a message
    that says what to do; deleting it again removes the rest, files and rows alike."""
    import shutil

    store = SessionStore()
    sid = _session_with(store, "kept until the files are gone")
    rmtree = shutil.rmtree

    def stuck(path, *args, **kwargs) -> None:
        (Path(path) / "answer-01.wav").unlink()  # one file went before the failure
        raise PermissionError(13, "Permission denied", str(Path(path) / "recording.mkv"))

    monkeypatch.setattr(shutil, "rmtree", stuck)
    with pytest.raises(StorageError, match="delete the session again"):
        store.delete_session(sid)
    assert [s.session_id for s in store.list_sessions()] == [sid]
    assert (store.media_dir(sid) / "recording.mkv").exists()
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    store.delete_session(sid)
    assert store.list_sessions() == [] and not store.media_dir(sid).exists()
    assert list(store.sessions_dir.iterdir()) == []


def test_deleted_transcripts_do_not_linger_in_the_database_files(private_home: Path) -> None:
    store = SessionStore()
    secret = "my salary at Initech was 123456 dollars"
    keep = _session_with(store, "another answer that stays")
    gone = _session_with(store, secret)
    files = [store.db_path, store.db_path.with_name(store.db_path.name + "-wal")]
    assert any(secret.encode() in p.read_bytes() for p in files if p.exists())
    store.delete_session(gone)
    for path in files:
        if path.exists():
            assert secret.encode() not in path.read_bytes(), path
    assert store.session_dict(keep)["answers"][0]["transcript"] == "another answer that stays"


def test_orphan_media_folders_are_removed_but_live_ones_kept(private_home: Path) -> None:
    store = SessionStore()
    orphan = store.sessions_dir / "20200101-000000-dead"
    orphan.mkdir()
    (orphan / "recording.mkv").write_bytes(b"x")
    live = store.create_session("general")
    assert store.remove_orphans() == ["20200101-000000-dead"]
    assert not orphan.exists() and store.media_dir(live).is_dir()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps %LOCALAPPDATA% per user")
def test_data_folder_logs_and_checklist_are_owner_only(private_home: Path) -> None:
    from mockinterview.cli import main

    private_home.chmod(0o755)  # as a fresh folder would be under a usual umask
    assert main(["checklist", "--tick", "research-company"]) == 0
    SessionStore()
    for path in (
        private_home,
        private_home / "logs",
        private_home / "logs" / "mockinterview-commands.log",
        private_home / "checklist.json",
        private_home / "sessions",
        private_home / "sessions.sqlite3",
    ):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_one_answer_is_replaced_in_place(private_home: Path) -> None:
    """A refined transcript (core/session/refine.py) replaces its answer alone."""
    store = SessionStore()
    session_id = store.create_session("general")
    for n in range(3):
        store.add_answer(session_id, _answer(n))
    store.replace_answer(session_id, replace(_answer(1), transcript="measured again"), 1)
    answers = store.session_dict(session_id)["answers"]
    assert [a["index"] for a in answers] == [0, 1, 2]
    assert answers[1]["transcript"] == "measured again"
    assert [answers[0]["transcript"], answers[2]["transcript"]] == [
        _answer(0).transcript,
        _answer(2).transcript,
    ]
    with pytest.raises(StorageError, match="no answer 5"):
        store.replace_answer(session_id, _answer(5), 5)


def test_windows_locks_are_given_back_before_their_files_close(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows frees a lock left at close only when it gets round to it, so a session just
    looked at could read as "still running in another window"; and a lock file another
    process is looking at cannot be deleted, which ended a session with an error. msvcrt is
    stood in for (this is Linux) to see the calls made."""
    import types

    calls: list[int] = []
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_NBLCK, msvcrt.LK_UNLCK = 2, 0
    msvcrt.locking = lambda _fd, mode, _n: calls.append(mode)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    store = SessionStore()
    session_id = store.create_session("general")
    assert calls == [msvcrt.LK_NBLCK]
    SessionStore().check_recoverable(session_id)  # another window looks (the fake never refuses)
    assert calls[1:] == [msvcrt.LK_NBLCK, msvcrt.LK_UNLCK]

    def locked_by_another_process(_path: Path, missing_ok: bool = False) -> None:
        raise PermissionError(32, "The process cannot access the file")

    monkeypatch.setattr(Path, "unlink", locked_by_another_process)
    store.finish_session(session_id)
    assert calls[3:] == [msvcrt.LK_UNLCK]
    assert store.session_dict(session_id)["status"] == "finished"
