"""The session lock: one writer per session across processes.

SQLite keeps the database itself consistent, but two processes answering the same interview would
each advance the thread from the same question and interleave their answers. The first process
to start or answer a session claims it; a second one gets a clear `SessionBusy` instead.

The claim is a byte-range lock on the sessions database file itself (one byte per session, far
beyond anything SQLite locks), so it cannot be lost with a folder that vanishes, and the operating
system drops it when the process ends, even on a kill. On Linux it is an open-file-description
lock (`F_OFD_SETLK`): closing another descriptor of the same file, as SQLite or a second store in
the same process may do, does not release it. The holder's pid is noted in the database only to
name it in the message; the lock alone decides.

This is the seam for another backend: PostgreSQL would take `pg_try_advisory_lock` instead.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import struct
from collections.abc import Callable
from pathlib import Path

from agent.contract import SessionBusy

_BASE = 1 << 40  # SQLite locks bytes near 1 GiB (its "pending byte"); these are far past them
_SPAN = 1 << 30
_OFD = getattr(fcntl, "F_OFD_SETLK", None)
_FLOCK = "hhqqi4x"  # struct flock on 64-bit Linux: type, whence, start, len, pid

__all__ = ["SessionBusy", "SessionClaims"]


def _offset(session_id: str) -> int:
    digest = hashlib.blake2b(session_id.encode(), digest_size=8).digest()
    return _BASE + int.from_bytes(digest, "big") % _SPAN


class SessionClaims:
    """The sessions this process answers. `database` None means in memory (nothing to share);
    `holder_of(session_id)` names the pid a busy session was noted with, when known."""

    def __init__(
        self,
        database: Path | None,
        holder_of: Callable[[str], int | None] = lambda _: None,
        note_holder: Callable[[str, int], None] = lambda _id, _pid: None,
    ):
        self._fd = os.open(database, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)) if database else None
        self._holder_of = holder_of
        self._note_holder = note_holder
        self._held: set[str] = set()

    def claim(self, session_id: str, label: str) -> None:
        if self._fd is None or session_id in self._held:
            return
        if not self._lock(session_id, fcntl.F_WRLCK):
            holder = self._holder_of(session_id)
            pid = f" (pid {holder})" if holder else ""
            raise SessionBusy(f"session {label} is open in another advisor process{pid}; finish or quit it there first")
        self._held.add(session_id)
        self._note_holder(session_id, os.getpid())

    def release(self, session_id: str) -> None:
        """Let other processes answer the session again."""
        if session_id in self._held:
            self._held.discard(session_id)
            self._lock(session_id, fcntl.F_UNLCK)

    def release_all(self) -> None:
        for session_id in list(self._held):
            self.release(session_id)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _lock(self, session_id: str, kind: int) -> bool:
        assert self._fd is not None
        offset = _offset(session_id)
        try:
            if _OFD is not None:
                fcntl.fcntl(self._fd, _OFD, struct.pack(_FLOCK, kind, os.SEEK_SET, offset, 1, 0))
            else:  # not Linux: a process-wide POSIX lock on the same byte
                mode = fcntl.LOCK_UN if kind == fcntl.F_UNLCK else fcntl.LOCK_EX | fcntl.LOCK_NB
                fcntl.lockf(self._fd, mode, 1, offset)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True
