"""The sessions database on PostgreSQL, for a team: when ADVISOR_DATABASE_URL names a database,
LangGraph's PostgreSQL checkpointer holds the interviews and our tables (sessions, transcript,
claims) live beside it, so any consultant's machine lists, resumes and exports the same sessions.

It offers what the SQLite sessions database offers the session store: `saver` for LangGraph,
`execute`/`executemany` for our tables (written with SQLite's `?` placeholders by the store, turned
into psycopg's here), `holder_of`/`note_holder` for the busy message, and `claims` (advisory
locks, postgres_lock.py) instead of a lock on a file. Needs the `team` extra (psycopg 3 and
langgraph-checkpoint-postgres).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from agent.sessions_db import SESSIONS_LANGUAGE, SESSIONS_TABLE, transcript_tables

Row = tuple[Any, ...]

# Our tables in PostgreSQL's dialect; numbered like the SQLite migrations, recorded in a table
# of their own (PostgreSQL has no user_version).
MIGRATIONS = (SESSIONS_TABLE, transcript_tables("BIGSERIAL PRIMARY KEY"), SESSIONS_LANGUAGE)
# One advisory lock serialises schema set-up when several consultants start at once.
_SETUP_LOCK = 0x61647669  # "advi"


def session_store_error(message: str) -> RuntimeError:
    """The session store's own error type, so the CLI and the interface show one line."""
    from agent.contract import SessionStoreError

    return SessionStoreError(message)


def redacted(url: str) -> str:
    """The URL without its password, for messages and `status`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme in ("postgres", "postgresql", "postgresql+psycopg")


def to_postgres(sql: str) -> str:
    """The store's SQLite statements in PostgreSQL's dialect: `%s` placeholders, case-insensitive
    LIKE as SQLite's, insertion order by primary key where SQLite would use its rowid."""
    sql = sql.replace("%", "%%").replace("?", "%s")
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)
    return re.sub(r"\browid\b", "id", sql)


def connect(url: str, **options: Any) -> Any:
    import psycopg

    try:
        return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1), connect_timeout=10, **options)
    except psycopg.Error as error:
        raise session_store_error(
            f"{redacted(url)}: the sessions database is not reachable ({_first_line(error)})"
        ) from None


class PostgresSessionsDatabase:
    """The open sessions database on PostgreSQL (three connections: the checkpointer's, our
    tables', and the one holding the session locks)."""

    def __init__(self, url: str):
        import psycopg
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row

        from agent.postgres_lock import PostgresClaims

        self.url = url
        self.path = redacted(url)
        self.file = None  # nothing on disk to lock or to chmod
        self._saver_conn = connect(url, autocommit=True, prepare_threshold=0, row_factory=dict_row)
        self._conn = connect(url, autocommit=True)
        self.lock = threading.Lock()
        self.saver = PostgresSaver(self._saver_conn)
        try:
            # A session-level lock, not a transaction: LangGraph's set-up builds indexes
            # CONCURRENTLY, which waits for every open transaction, ours included.
            self._conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
            try:
                self.saver.setup()
                self._migrate()
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))
        except psycopg.Error as error:
            self.close()
            raise session_store_error(
                f"{self.path}: cannot set up the sessions tables ({_first_line(error)})"
            ) from None
        self.claims = PostgresClaims(url, self.holder_of, self.note_holder)

    def _migrate(self) -> None:
        self._conn.execute("CREATE TABLE IF NOT EXISTS advisor_schema (version INTEGER NOT NULL)")
        row = self._conn.execute("SELECT max(version) FROM advisor_schema").fetchone()
        version = row[0] if row and row[0] is not None else 0
        if version > len(MIGRATIONS):
            raise session_store_error(
                f"{self.path}: written by a newer version of the advisor (schema {version}); "
                "upgrade the advisor to use it"
            )
        for number, statement in enumerate(MIGRATIONS, 1):
            if number > version:
                for part in statement.split(";"):
                    if part.strip():
                        self._conn.execute(part)
                self._conn.execute("INSERT INTO advisor_schema (version) VALUES (%s)", (number,))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        import psycopg

        with self.lock:
            try:
                cursor = self._conn.execute(to_postgres(sql), tuple(params))
                return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
            except psycopg.Error as error:
                raise _store_error(self.path, error) from None

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        import psycopg

        with self.lock:
            try:
                with self._conn.cursor() as cursor:
                    cursor.executemany(to_postgres(sql), [tuple(r) for r in rows])
            except psycopg.Error as error:
                raise _store_error(self.path, error) from None

    def holder_of(self, session_id: str) -> int | None:
        try:
            rows = self.execute("SELECT pid FROM claims WHERE session_id = ?", (session_id,))
        except Exception:  # only for a message: never let it hide the busy error itself
            return None
        return int(rows[0][0]) if rows else None

    def note_holder(self, session_id: str, pid: int) -> None:
        self.execute(
            "INSERT INTO claims (session_id, pid) VALUES (?, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET pid = EXCLUDED.pid",
            (session_id, pid),
        )

    def close(self) -> None:
        claims = getattr(self, "claims", None)
        if claims is not None:
            claims.release_all()
        for conn in (self._saver_conn, self._conn):
            conn.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _store_error(path: str, error: BaseException) -> RuntimeError:
    return session_store_error(f"{path}: the sessions database failed ({_first_line(error)})")
