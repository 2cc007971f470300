"""What the user has typed but not sent, per session, so quitting never loses it.

Kept in memory as it is typed and written to one small file per session when the interview is
left or the app quits; read back when the session is opened again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


class Drafts:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._texts: dict[str, str] = {}
        self._dirty: set[str] = set()

    def get(self, session_id: str) -> str:
        if session_id not in self._texts and self.directory is not None:
            path = self._path(session_id)
            try:
                self._texts[session_id] = path.read_text(encoding="utf-8")
            except OSError:
                self._texts[session_id] = ""
        return self._texts.get(session_id, "")

    def set(self, session_id: str, text: str) -> None:
        if self._texts.get(session_id) != text:
            self._texts[session_id] = text
            self._dirty.add(session_id)

    def flush(self) -> None:
        """Write the drafts that changed; an empty draft removes its file. Never raises."""
        if self.directory is None:
            self._dirty.clear()
            return
        for session_id in sorted(self._dirty):
            path = self._path(session_id)
            try:
                if self._texts.get(session_id):
                    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a client's words: private
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
                    with os.fdopen(fd, "w", encoding="utf-8") as file:
                        file.write(self._texts[session_id])
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                continue
            self._dirty.discard(session_id)

    def _path(self, session_id: str) -> Path:
        assert self.directory is not None
        return self.directory / (re.sub(r"[^A-Za-z0-9_.-]", "_", session_id) + ".txt")
