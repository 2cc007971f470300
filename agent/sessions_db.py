"""The sessions database: one SQLite file in the data directory holding LangGraph's checkpoints
(one thread per session), a `sessions` table of metadata, the transcripts (one row per message,
written once) and the note of which process holds a session.

The file is checked before anything is written to it: a file that is not a sessions database, was
written by a newer version, or is corrupted is named as such and left untouched. Files in the data
directory are never followed through symbolic links, and everything is private (0700 / 0600).

This module is the seam for another backend (PostgreSQL): it alone opens "the sessions database"
and hands out the checkpointer and a way to run statements.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite import SqliteSaver

from agent.contract import SessionStoreError
from agent.settings import private_dir

# The sessions' metadata, in the SQL that SQLite and PostgreSQL both speak.
SESSIONS_TABLE = """CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        title TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        level INTEGER,
        status TEXT NOT NULL DEFAULT 'in_progress',
        questions_asked INTEGER NOT NULL DEFAULT 0
    )"""
# The language a session speaks ("en", "fr"): a column added later, so a database written before
# it keeps opening and its sessions speak English. Both backends apply the same statement.
SESSIONS_LANGUAGE = "ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"


def transcript_tables(sequence_key: str) -> str:
    """The transcript (one row per message, in order) and the claims tables; `sequence_key` is
    the backend's own auto-numbered key ("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY")."""
    return f"""CREATE TABLE IF NOT EXISTS transcript (
        seq {sequence_key},
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT
    );
    CREATE INDEX IF NOT EXISTS transcript_by_session ON transcript (session_id, seq);
    CREATE TABLE IF NOT EXISTS claims (session_id TEXT PRIMARY KEY, pid INTEGER NOT NULL)"""


# Schema upgrades of our own tables, applied in order; PRAGMA user_version counts them.
MIGRATIONS = (SESSIONS_TABLE, transcript_tables("INTEGER PRIMARY KEY AUTOINCREMENT"), SESSIONS_LANGUAGE)
OUR_TABLES = {"sessions", "transcript", "claims", "checkpoints", "writes", "sqlite_sequence"}
Row = tuple[Any, ...]


class SessionsBackend(Protocol):
    """What the store, the transcripts and the graph need of a sessions database: SQLite here,
    PostgreSQL in `agent.postgres_sessions`."""

    path: str

    @property
    def saver(self) -> BaseCheckpointSaver[Any]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def holder_of(self, session_id: str) -> int | None: ...

    def note_holder(self, session_id: str, pid: int) -> None: ...

    def close(self) -> None: ...


class SessionsDatabase:
    """The open sessions database: `saver` for LangGraph, `execute` for our tables. `path`
    ":memory:" keeps everything in memory (tests)."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.file: Path | None = None if self.path == ":memory:" else Path(self.path)
        if self.file is not None:
            _prepare(self.file)
        self._conn = self._connect()
        self.saver = SqliteSaver(self._conn)
        self.lock: threading.Lock = self.saver.lock  # one lock for every statement on the connection
        try:
            self.saver.setup()
            self._migrate()
        except sqlite3.Error as error:
            self._conn.close()
            raise SessionStoreError(database_problem(self.path, error)) from None

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across a process kill
            conn.execute("PRAGMA busy_timeout=5000")
        except sqlite3.Error as error:
            raise SessionStoreError(database_problem(self.path, error)) from None
        return conn

    def _migrate(self) -> None:
        with self.lock:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            for number, statement in enumerate(MIGRATIONS, 1):
                if number > version:
                    self._conn.executescript(statement)
                    self._conn.execute(f"PRAGMA user_version = {number}")
            self._conn.commit()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement and commit; a full disk or a vanished file is one readable line."""
        with self.lock:
            try:
                rows = self._conn.execute(sql, tuple(params)).fetchall()
                self._conn.commit()
            except sqlite3.Error as error:
                self._conn.rollback()
                raise SessionStoreError(database_problem(self.path, error)) from None
            return rows

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.lock:
            try:
                self._conn.executemany(sql, rows)
                self._conn.commit()
            except sqlite3.Error as error:
                self._conn.rollback()
                raise SessionStoreError(database_problem(self.path, error)) from None

    # --- who holds a session (for the busy message only; the lock decides) -------------------

    def holder_of(self, session_id: str) -> int | None:
        try:
            rows = self.execute("SELECT pid FROM claims WHERE session_id = ?", (session_id,))
        except SessionStoreError:
            return None
        return int(rows[0][0]) if rows else None

    def note_holder(self, session_id: str, pid: int) -> None:
        self.execute("INSERT OR REPLACE INTO claims (session_id, pid) VALUES (?, ?)", (session_id, pid))

    def close(self) -> None:
        with self.lock:
            self._conn.close()


def database_problem(path: str, error: sqlite3.Error) -> str:
    """One line that says what is wrong with the sessions file, not just that something is."""
    text = str(error)
    if "locked" in text:
        return f"{path}: the sessions database is locked by another process; try again in a moment"
    if "full" in text:
        return f"{path}: the disk is full; the last answer was not saved: free some space and answer again"
    if "malformed" in text:
        return f"{path}: the sessions database is corrupted ({text}); it was left untouched"
    if isinstance(error, sqlite3.OperationalError):
        return f"{path}: cannot use the sessions database ({text})"
    return f"{path}: not a sessions database ({text}); it was left untouched"


def _prepare(db: Path) -> None:
    """Create the file privately if it is missing; refuse links; check what is there before any
    write (`sqlite3.connect` and `journal_mode=WAL` would already write)."""
    try:
        private_dir(db.parent)
        for companion in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            if companion.is_symlink():
                raise SessionStoreError(
                    f"{companion}: is a symbolic link; the sessions database is never "
                    "opened through one (replace it with the file itself)"
                )
        fd = os.open(db, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise SessionStoreError(f"{db}: not a regular file")
            os.fchmod(fd, 0o600)  # on the file opened, never on what a path points to
        finally:
            os.close(fd)
    except OSError as error:
        raise SessionStoreError(f"{db}: {error.strerror or error}") from None
    if info.st_size > 0:
        _inspect(db)


def _inspect(db: Path) -> None:
    """Read-only: is this our database, of a schema we know, and whole?"""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise SessionStoreError(database_problem(str(db), error)) from None
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        foreign = tables - OUR_TABLES
        if foreign:
            raise SessionStoreError(
                f"{db}: not a sessions database (it holds {', '.join(sorted(foreign)[:5])}); it was left untouched"
            )
        if version > len(MIGRATIONS):
            raise SessionStoreError(
                f"{db}: written by a newer version of the advisor (schema {version}); upgrade the advisor to open it"
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise SessionStoreError(
                f"{db}: the sessions database is corrupted ({problems[0]}); it was left "
                "untouched: move it away to start afresh, or restore a copy"
            )
    except sqlite3.Error as error:
        raise SessionStoreError(database_problem(str(db), error)) from None
    finally:
        conn.close()
