"""Session history on disk: one SQLite database plus one owner-only media folder per session.

Why it is built this way:
- An answer is committed the moment it ends (one transaction), so a crash loses at most the
  answer in progress. WAL lets the report read while a rehearsal writes.
- A live session holds an OS file lock (`session.lock` in its folder). The kernel drops the lock
  when the process dies, even on SIGKILL, so "status is running but nobody holds the lock" is a
  reliable sign of a crash, with no stale-pid guessing.
- The schema carries a version (`PRAGMA user_version`) and a list of migrations, so a database
  written by an older release is upgraded in place and one from a newer release is refused
  instead of being damaged.

`session_dict()` returns exactly the "stored session" shape of docs/contracts.md.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from mockinterview.core.counting import counted
from mockinterview.core.errors import StorageError
from mockinterview.core.paths import data_dir
from mockinterview.core.platforms import restrict_to_owner

log = logging.getLogger(__name__)

DB_NAME = "sessions.sqlite3"
SESSIONS_DIR = "sessions"
LOCK_NAME = "session.lock"
LATEST = "latest"  # stands for the newest session wherever a session id is asked for
# The bank name of a session imported from a recording (core/session/import_recording.py): no
# bank asked its questions, so none of them can be asked again from it.
IMPORTED_BANK = "imported"
STATUSES = ("running", "finished", "interrupted", "recovered")
WAL_SWITCH_WAIT_S = 10.0  # s, as long as the connections' own busy timeout
WAL_SWITCH_RETRY_S = 0.02  # s between attempts: the other opener's switch takes milliseconds

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        bank TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        recording TEXT,
        keep_video INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE answers (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        question TEXT NOT NULL,
        category TEXT NOT NULL,
        target_low_s REAL,
        target_high_s REAL,
        recording_offset_s REAL,
        duration_s REAL NOT NULL,
        audio TEXT,
        transcript TEXT NOT NULL,
        speech_json TEXT NOT NULL,
        body_json TEXT,
        content_json TEXT,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (session_id, idx)
    );
    """,
    # 2: an answer a crash cut off mid-speech is kept and marked partial; the never-read
    # keep_video column goes (the recording itself says whether it has video).
    """
    ALTER TABLE answers ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions DROP COLUMN keep_video;
    """,
    # 3: the STAR structure and follow-up question of an answer (docs/contracts.md); a follow-up
    # answer links to the answer it follows up (parent_idx), null for a question from the plan.
    """
    ALTER TABLE answers ADD COLUMN structure_json TEXT;
    ALTER TABLE answers ADD COLUMN follow_up_json TEXT;
    ALTER TABLE answers ADD COLUMN parent_idx INTEGER;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredAnswer:
    """One finished answer, as the contract's `answers[]` item (the index is given by the store)."""

    question_id: str
    question: str
    category: str
    duration_s: float
    transcript: str
    speech: dict[str, Any]
    body: dict[str, Any] | None = None
    content: dict[str, Any] | None = None
    target_s: tuple[float, float] | None = None
    recording_offset_s: float | None = None
    audio: str | None = None
    partial: bool = False  # cut off mid-speech by a crash, kept by recovery
    structure: dict[str, Any] | None = None  # behavioural questions only
    follow_up: dict[str, Any] | None = None  # the follow-up question this answer led to
    parent_index: int | None = None  # set on the answer to a follow-up question


@dataclass(frozen=True)
class SessionSummary:
    """One line of `sessions list`."""

    session_id: str
    bank: str
    started_at: str
    ended_at: str | None
    status: str
    answer_count: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def answers_stored(count: int) -> str:
    """How many answers a session kept, as the end of a rehearsal, the CLI's summary and the
    recovery banner all say it ("1 answer stored", "3 answers stored")."""
    return f"{counted(count, 'answer')} stored"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_session_id() -> str:
    """Sortable by start time, readable in a file manager; 4 hex digits avoid clashes."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def make_private_dir(path: Path) -> Path:
    """Create a folder only its owner can enter (interview video is personal data)."""
    path.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(path)
    return path


def write_atomic(path: Path, data: bytes) -> Path:
    """Temp file in the same folder + fsync + rename, so a crash leaves the old file or the new.

    A process killed between the two leaves its hidden temp file behind; the next write of the
    same file removes it (remove_stale_temps), so nothing accumulates.
    """
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def remove_stale_temps(path: Path) -> None:
    """Delete the temp files an interrupted write_atomic of `path` left (one writer per file)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _try_lock(handle: BinaryIO) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False when another process has it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: BinaryIO) -> None:
    """Give back a lock before its file is closed. Windows frees a lock left at close only
    "when system resources allow" (the _locking documentation), so a look straight after could
    still find the session running in another window; POSIX frees it at close."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _remove_lock(path: Path) -> None:
    """Delete a released lock file; on Windows another process looking at it (_is_live) keeps
    it open for a moment, and an unlocked file left behind means nothing."""
    with contextlib.suppress(PermissionError):
        path.unlink(missing_ok=True)


class SessionStore:
    """The session database and media folders under one data folder (default: the user's)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else data_dir()
        self.sessions_dir = make_private_dir(self.root / SESSIONS_DIR)
        self.db_path = self.root / DB_NAME
        self._locks: dict[str, BinaryIO] = {}
        self._migrate()

    # -- database plumbing -------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection per operation: safe from any thread, commits or rolls back."""
        try:
            conn = sqlite3.connect(self.db_path, timeout=10)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open the session database {self.db_path}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            # Freed pages are zeroed, so a deleted transcript does not linger in the file.
            conn.execute("PRAGMA secure_delete = ON")
            with conn:
                yield conn
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"session database {self.db_path} failed: {exc}. If the disk is full, free "
                "space and retry; if the file is corrupt, move it away to start a new history."
            ) from exc
        finally:
            conn.close()

    def _migrate(self) -> None:
        """Bring the schema up to date, safely when several processes open a new folder at once.

        The version is read again inside a write transaction (BEGIN IMMEDIATE), so only one
        opener runs a migration; the others wait for its commit and then see it done. Each
        statement runs through execute(), because executescript() would commit first and
        open the race again.
        """
        with self._connect() as conn:
            conn.isolation_level = None  # this method manages its own transaction
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StorageError(
                        f"{self.db_path} was written by a newer MockInterview (schema {version}, "
                        f"this one knows {SCHEMA_VERSION}). Update the app to open it."
                    )
                for number in range(version, SCHEMA_VERSION):
                    for statement in _statements(MIGRATIONS[number]):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            _enable_wal(conn)
        with contextlib.suppress(OSError):
            restrict_to_owner(self.db_path)

    def _session_row(self, conn: sqlite3.Connection, session_id: str) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise StorageError(
                f"no session {session_id!r}; `mockinterview sessions list` shows the ids"
            )
        return row

    # -- writing a session -------------------------------------------------------------------

    def create_session(self, bank: str) -> str:
        """Start a session: its row (status running), its private folder, and its live lock."""
        session_id = new_session_id()
        folder = make_private_dir(self.sessions_dir / session_id)
        handle = open(folder / LOCK_NAME, "wb")  # noqa: SIM115 - held open for the session's life
        _try_lock(handle)
        self._locks[session_id] = handle
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO sessions (id, bank, started_at, status) VALUES (?, ?, ?, 'running')",
                (session_id, bank, now_iso()),
            )
        return session_id

    def media_dir(self, session_id: str) -> Path:
        return self.sessions_dir / session_id

    def set_recording(self, session_id: str, path: Path | None) -> None:
        with self._connect() as conn:
            self._session_row(conn, session_id)
            conn.execute(
                "UPDATE sessions SET recording = ? WHERE id = ?",
                (str(path) if path else None, session_id),
            )

    def add_answer(self, session_id: str, answer: StoredAnswer) -> int:
        """Commit one finished answer now (not at session end) and return its index."""
        with self._connect() as conn:
            self._session_row(conn, session_id)
            index = conn.execute(
                "SELECT COALESCE(MAX(idx) + 1, 0) FROM answers WHERE session_id = ?",
                (session_id,),
            ).fetchone()[0]
            _insert_answer(conn, session_id, index, answer)
        return int(index)

    def replace_answers(self, session_id: str, answers: Sequence[int | StoredAnswer]) -> None:
        """Make the session's answers `answers`, in one transaction: an int keeps the stored
        answer of that index as it is (renumbered), a StoredAnswer is new. Used when the person
        edits how an imported recording is cut, so unchanged answers are not measured again."""
        with self._connect() as conn:
            self._session_row(conn, session_id)
            rows = {
                row["idx"]: row
                for row in conn.execute("SELECT * FROM answers WHERE session_id = ?", (session_id,))
            }
            missing = [a for a in answers if isinstance(a, int) and a not in rows]
            if missing:
                raise StorageError(f"session {session_id} has no answer {missing[0]}")
            conn.execute("DELETE FROM answers WHERE session_id = ?", (session_id,))
            for index, answer in enumerate(answers):
                if isinstance(answer, StoredAnswer):
                    _insert_answer(conn, session_id, index, answer)
                else:
                    row = dict(rows[answer]) | {"idx": index}
                    names = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    conn.execute(
                        f"INSERT INTO answers ({names}) VALUES ({marks})", tuple(row.values())
                    )

    def replace_answer(self, session_id: str, answer: StoredAnswer, index: int) -> None:
        """Store `answer` in place of the session's answer `index`, measured anew (its
        transcript refined); the time it was first stored is kept. StorageError when there is
        no such answer (the session was deleted meanwhile)."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT stored_at FROM answers WHERE session_id = ? AND idx = ?",
                (session_id, index),
            ).fetchone()
            if row is None:
                raise StorageError(f"session {session_id} has no answer {index}")
            conn.execute(
                "DELETE FROM answers WHERE session_id = ? AND idx = ?", (session_id, index)
            )
            _insert_answer(conn, session_id, index, answer, row["stored_at"])

    def finish_session(self, session_id: str, status: str = "finished") -> None:
        """Close a session and release its lock; `status` is finished (or interrupted on abort)."""
        if status not in STATUSES:
            raise StorageError(f"unknown session status {status!r}; use one of {STATUSES}")
        try:
            with self._connect() as conn:
                self._session_row(conn, session_id)
                conn.execute(
                    "UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                    (status, now_iso(), session_id),
                )
        finally:  # even when the disk is full: a released lock marks the session interrupted
            handle = self._locks.pop(session_id, None)
            if handle is not None:
                with contextlib.suppress(OSError):  # closing frees it in the end anyway
                    _unlock(handle)
                handle.close()
                _remove_lock(self.media_dir(session_id) / LOCK_NAME)

    # -- crash recovery ----------------------------------------------------------------------

    def _is_live(self, session_id: str) -> bool:
        """True while some process (this one or another) holds the session's lock."""
        if session_id in self._locks:
            return True
        lock = self.media_dir(session_id) / LOCK_NAME
        if not lock.exists():
            return False
        with open(lock, "ab") as handle:
            taken = _try_lock(handle)
            if taken:
                _unlock(handle)  # a lock just taken is given back at once
            return not taken

    def interrupted_sessions(self) -> list[SessionSummary]:
        """Sessions a crash left behind: marked interrupted here; callers offer to recover them."""
        with self._connect() as conn:
            running = [
                r["id"] for r in conn.execute("SELECT id FROM sessions WHERE status = 'running'")
            ]
            for session_id in running:
                if not self._is_live(session_id):
                    conn.execute(
                        "UPDATE sessions SET status = 'interrupted' WHERE id = ?", (session_id,)
                    )
        return [s for s in self.list_sessions() if s.status == "interrupted"]

    def check_recoverable(self, session_id: str) -> None:
        """Raise StorageError unless the session is one a crash left behind."""
        with self._connect() as conn:
            self._check_recoverable(self._session_row(conn, session_id))

    def _check_recoverable(self, row: sqlite3.Row) -> None:
        live = self._is_live(row["id"])
        if row["status"] not in ("interrupted", "running") or live:
            raise StorageError(
                f"session {row['id']} is {row['status']}"
                + (" and still running in another window" if live else "")
                + "; only an interrupted session can be recovered"
            )

    def recover_session(self, session_id: str) -> dict[str, Any]:
        """Mark a crashed session recovered, keeping its answers and the (crash-safe) recording.

        The answers the crash cut off are analysed and added first by
        core/session/recovery.py, which then calls this.
        """
        with self._connect() as conn:
            row = self._session_row(conn, session_id)
            self._check_recoverable(row)
            last = conn.execute(
                "SELECT MAX(stored_at) FROM answers WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            recording = row["recording"]
            if recording and not Path(recording).exists():
                recording = None
            conn.execute(
                "UPDATE sessions SET status = 'recovered', ended_at = ?, recording = ? "
                "WHERE id = ?",
                (last or row["started_at"], recording, session_id),
            )
        folder = self.media_dir(session_id)
        _remove_lock(folder / LOCK_NAME)
        # Part files without a journal (a session from before journals were kept) cannot be
        # analysed: keep them where the person can find and play them, not as hidden leftovers.
        for part in sorted(folder.glob(".answer-*-part*.wav")):
            part.replace(folder / f"unfinished-{part.name.lstrip('.')}")
        return self.session_dict(session_id)

    # -- reading -----------------------------------------------------------------------------

    def list_sessions(self) -> list[SessionSummary]:
        """Newest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) AS n "
                "FROM sessions s ORDER BY started_at DESC, s.rowid DESC"
            ).fetchall()
        return [
            SessionSummary(r["id"], r["bank"], r["started_at"], r["ended_at"], r["status"], r["n"])
            for r in rows
        ]

    def last_asked(self, bank: str) -> dict[str, str]:
        """When each question of `bank` was last answered (its session's start, ISO text), so
        a new rehearsal can ask first what was asked least recently."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT a.question_id AS id, MAX(s.started_at) AS at FROM answers a "
                "JOIN sessions s ON s.id = a.session_id WHERE s.bank = ? GROUP BY a.question_id",
                (bank,),
            ).fetchall()
        return {r["id"]: r["at"] for r in rows}

    def sessions_with_live_answers(self) -> list[str]:
        """Sessions that are over and still hold an answer transcribed live (core/session/
        refine.py decodes those again), newest first: the one most likely to be read next."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT s.id FROM sessions s WHERE s.status IN ('finished', 'recovered') "
                "AND EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id "
                "AND json_extract(a.speech_json, '$.transcription') = 'live') "
                "ORDER BY s.started_at DESC, s.rowid DESC"
            ).fetchall()
        return [r["id"] for r in rows]

    def session_dict(self, session_id: str) -> dict[str, Any]:
        """The contract's "stored session" (docs/contracts.md), the input of the report."""
        with self._connect() as conn:
            row = self._session_row(conn, session_id)
            answers = conn.execute(
                "SELECT * FROM answers WHERE session_id = ? ORDER BY idx", (session_id,)
            ).fetchall()
        return {
            "session_id": row["id"],
            "bank": row["bank"],
            "started_at": row["started_at"],
            "ended_at": row["ended_at"],
            "status": row["status"],
            "recording": row["recording"],
            "answers": [_answer_dict(a) for a in answers],
        }

    def answer_dict(self, session_id: str, index: int) -> dict[str, Any]:
        """One stored answer as `session_dict` lists it: a live session hands out each answer as
        it is stored without rereading (and decoding) all the answers before it."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM answers WHERE session_id = ? AND idx = ?", (session_id, index)
            ).fetchone()
        if row is None:
            raise StorageError(f"Session {session_id} has no answer {index}.")
        return _answer_dict(row)

    # -- removing and exporting --------------------------------------------------------------

    def delete_session(self, session_id: str) -> None:
        """Remove every media file and then the rows of a session; nothing is left behind.

        Files go first: when one cannot be removed (held open by a player, a failing disk) the
        session stays listed, so deleting it again from the app or the CLI finishes the job. The
        deleted rows are then checkpointed out of the write-ahead log, and freed pages are zeroed
        (secure_delete), so the transcripts do not linger in the database files.
        """
        if self._is_live(session_id):
            raise StorageError(f"session {session_id} is still running; end it first")
        with self._connect() as conn:
            self._session_row(conn, session_id)
        folder = self.media_dir(session_id)
        try:
            if folder.exists():
                shutil.rmtree(folder)
        except OSError as exc:
            raise StorageError(
                f"could not delete every file of session {session_id} ({exc.strerror or exc}: "
                f"{exc.filename or folder}). Close any app that has one open, then delete the "
                "session again; it stays listed until its files are gone."
            ) from exc
        with self._connect() as conn:
            conn.execute("DELETE FROM answers WHERE session_id = ?", (session_id,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._forget()
        self.remove_orphans()

    def _forget(self) -> None:
        """Move the log's pages into the database (zeroed where freed) and truncate the log."""
        with self._connect() as conn:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:  # a reader holds an old snapshot: the next delete's checkpoint finishes it
            log.info("the session database is busy; its write-ahead log is truncated later")

    def remove_orphans(self) -> list[str]:
        """Delete media folders that no session row owns (left by an older release, or a crash
        between creating a folder and its row); a folder whose session is live is kept."""
        with self._connect() as conn:
            known = {row[0] for row in conn.execute("SELECT id FROM sessions")}
        removed = []
        for folder in self.sessions_dir.iterdir():
            if folder.is_dir() and folder.name not in known and not self._is_live(folder.name):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        return removed

    def resolve_id(self, spec: str) -> str:
        """A session id as the person typed it: the whole id, `latest` for the newest, or the
        start of an id when only one session begins with it. Same rule in every command."""
        sessions = [s.session_id for s in self.list_sessions()]
        if spec == LATEST:
            if not sessions:
                raise StorageError("no sessions yet: rehearse once first")
            return sessions[0]
        if spec in sessions:
            return spec
        matches = [sid for sid in sessions if sid.startswith(spec)] if spec else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise StorageError(
                f"{spec!r} could be any of {', '.join(matches[:5])}: give more of the id"
            )
        raise StorageError(f"no session {spec!r}; `mockinterview sessions list` shows the ids")

    def export_session(self, session_id: str, destination: Path) -> Path:
        """A zip with session.json and every media file, written atomically to `destination`."""
        data = self.session_dict(session_id)
        destination = Path(destination)
        if destination.is_dir():
            destination = destination / f"mockinterview-{session_id}.zip"
        if not destination.parent.is_dir():
            raise StorageError(f"cannot export to {destination}: its folder does not exist")
        tmp = destination.with_name(f".{destination.name}.tmp")
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as archive:
                archive.writestr("session.json", json.dumps(data, indent=2))
                for path in sorted(self.media_dir(session_id).iterdir()):
                    if path.is_file() and path.name != LOCK_NAME:
                        archive.write(path, f"media/{path.name}")
            os.replace(tmp, destination)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"cannot export to {destination}: {exc.strerror or exc}") from exc
        return destination


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch the database to WAL, waiting out other openers doing the same.

    SQLite answers "database is locked" at once, without its busy timeout, when two connections
    change the journal mode together, so the switch is retried here for up to WAL_SWITCH_WAIT_S.
    """
    deadline = time.monotonic() + WAL_SWITCH_WAIT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_S)


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, split where SQLite says a statement is complete
    (so a semicolon inside a string or a trigger body does not cut one in two)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip().rstrip(";").strip():
                yield pending.strip()
            pending = ""


def _insert_answer(
    conn: sqlite3.Connection,
    session_id: str,
    index: int,
    answer: StoredAnswer,
    stored_at: str | None = None,
) -> None:
    target = answer.target_s or (None, None)
    conn.execute(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session_id,
            index,
            answer.question_id,
            answer.question,
            answer.category,
            target[0],
            target[1],
            answer.recording_offset_s,
            float(answer.duration_s),
            answer.audio,
            answer.transcript,
            json.dumps(answer.speech),
            None if answer.body is None else json.dumps(answer.body),
            None if answer.content is None else json.dumps(answer.content),
            stored_at or now_iso(),
            int(answer.partial),
            None if answer.structure is None else json.dumps(answer.structure),
            None if answer.follow_up is None else json.dumps(answer.follow_up),
            answer.parent_index,
        ),
    )


def _answer_dict(row: sqlite3.Row) -> dict[str, Any]:
    target = None
    if row["target_low_s"] is not None and row["target_high_s"] is not None:
        target = [row["target_low_s"], row["target_high_s"]]
    return {
        "index": row["idx"],
        "question_id": row["question_id"],
        "question": row["question"],
        "category": row["category"],
        "target_s": target,
        "recording_offset_s": row["recording_offset_s"],
        "duration_s": row["duration_s"],
        "audio": row["audio"],
        "transcript": row["transcript"],
        "speech": json.loads(row["speech_json"]),
        "body": None if row["body_json"] is None else json.loads(row["body_json"]),
        "content": None if row["content_json"] is None else json.loads(row["content_json"]),
        "partial": bool(row["partial"]),
        "structure": None if row["structure_json"] is None else json.loads(row["structure_json"]),
        "follow_up": None if row["follow_up_json"] is None else json.loads(row["follow_up_json"]),
        "parent_index": row["parent_idx"],
    }


@dataclass(frozen=True)
class MediaUsage:
    """Where the recordings live and how much room they take (the Settings page shows it)."""

    folder: Path
    sessions: int
    bytes: int


def media_usage(root: Path | None = None) -> MediaUsage:
    """Sum the session folders under the data folder `root` (default: the user's)."""
    folder = (Path(root) if root is not None else data_dir()) / SESSIONS_DIR
    sessions = total = 0
    if folder.is_dir():
        for session in folder.iterdir():
            if session.is_dir():
                sessions += 1
                for path in session.rglob("*"):
                    with contextlib.suppress(OSError):  # a file a live session just replaced
                        total += path.stat().st_size if path.is_file() else 0
    return MediaUsage(folder, sessions, total)
