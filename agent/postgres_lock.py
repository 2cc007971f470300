"""The session lock on PostgreSQL: one writer per session across every machine of a team.

A claim is a session-level advisory lock (`pg_try_advisory_lock`) keyed by the session id, taken
on a connection this process keeps for its claims. PostgreSQL drops the lock when that connection
ends, so a killed or crashed advisor, or a laptop that leaves the network, frees its sessions
without anyone deleting a lock file. The holder's pid is noted only to name it in the message.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable

from agent.postgres_sessions import connect


def lock_key(session_id: str) -> int:
    """A signed 64-bit key (advisory locks take a bigint) for a session id."""
    digest = hashlib.blake2b(b"advisor-session\x00" + session_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _busy(message: str) -> RuntimeError:
    from agent.contract import SessionBusy

    return SessionBusy(message)


class PostgresClaims:
    """The sessions this process answers, as advisory locks held on one connection."""

    def __init__(
        self,
        url: str,
        holder_of: Callable[[str], int | None] = lambda _: None,
        note_holder: Callable[[str, int], None] = lambda _id, _pid: None,
    ):
        self._conn = connect(url, autocommit=True)
        self._holder_of = holder_of
        self._note_holder = note_holder
        self._held: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, session_id: str, label: str) -> None:
        with self._lock:
            if session_id in self._held:
                return
            row = self._conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(session_id),)).fetchone()
            if not (row and row[0]):
                holder = self._holder_of(session_id)
                pid = f" (pid {holder})" if holder else ""
                raise _busy(
                    f"session {label} is open in another advisor process{pid}, possibly on another "
                    "machine; finish or quit it there first"
                )
            self._held.add(session_id)
        self._note_holder(session_id, os.getpid())

    def release(self, session_id: str, forget: bool = False) -> None:
        """Let other processes answer the session again (`forget`: nothing to forget here, the
        lock leaves no trace behind)."""
        with self._lock:
            if session_id in self._held:
                self._held.discard(session_id)
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (lock_key(session_id),))

    def release_all(self) -> None:
        with self._lock:
            self._held.clear()
            if not self._conn.closed:
                self._conn.close()  # ends the session: PostgreSQL releases every lock it held
