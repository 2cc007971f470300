"""Transcripts stored once: one row per message, appended as the interview goes.

The graph state keeps only a short tail of the conversation (what the nodes need to phrase the
next question, see `agent.state`); a checkpoint therefore never carries the whole conversation
again, and a long reply costs its size once, not once per step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent.contract import Message
from agent.sessions_db import SessionsBackend


class Transcripts:
    def __init__(self, db: SessionsBackend):
        self._db = db

    def append(self, session_id: str, messages: Iterable[dict[str, Any]]) -> None:
        rows = [(session_id, m["role"], m["text"], m.get("at")) for m in messages]
        if rows:
            self._db.executemany("INSERT INTO transcript (session_id, role, text, at) VALUES (?, ?, ?, ?)", rows)

    def read(self, session_id: str) -> list[Message]:
        rows = self._db.execute(
            "SELECT role, text, at FROM transcript WHERE session_id = ? ORDER BY seq", (session_id,)
        )
        return [Message(role=role, text=text, at=at) for role, text, at in rows]

    def exists(self, session_id: str) -> bool:
        return bool(self._db.execute("SELECT 1 FROM transcript WHERE session_id = ? LIMIT 1", (session_id,)))

    def delete(self, session_id: str) -> None:
        self._db.execute("DELETE FROM transcript WHERE session_id = ?", (session_id,))
