"""One writer per session across processes.

SQLite keeps the database itself consistent, but two processes answering the same interview would
each advance the thread from the same question and interleave their answers. The first process
to start or answer a session claims it with an advisory file lock; a second one gets a clear
`SessionBusy` instead. The operating system drops the lock when the process ends, even on a kill,
so a crash never leaves a session stuck.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class SessionBusy(RuntimeError):
    """The session is being answered in another process."""


class SessionClaims:
    """The sessions this process answers; `directory` None means in-memory (nothing to share)."""

    def __init__(self, directory: Path | None):
        self._directory = directory
        self._held: dict[str, int] = {}

    def claim(self, session_id: str, label: str) -> None:
        if self._directory is None or session_id in self._held:
            return
        self._directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._directory / f"{session_id}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise SessionBusy(f"session {label} is open in another advisor process (pid {holder}); "
                              "finish or quit it there first") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._held[session_id] = fd

    def release(self, session_id: str, forget: bool = False) -> None:
        """Let other processes answer the session again; `forget` also removes its lock file."""
        fd = self._held.pop(session_id, None)
        if fd is None:
            return
        if forget and self._directory is not None:
            (self._directory / f"{session_id}.lock").unlink(missing_ok=True)
        os.close(fd)

    def release_all(self) -> None:
        for fd in self._held.values():
            os.close(fd)  # closing the descriptor releases the lock
        self._held.clear()
