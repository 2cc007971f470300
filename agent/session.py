"""Sessions over the interview graph, kept importable under their old names. The parts, one job
each: `agent.sessions_db` (the database and checkpointer), `agent.session_lock` (one writer per
session), `agent.transcript` (messages stored once), `agent.session_store` (the store),
`agent.graph_session` (one interview) and `agent.going_back` (forks)."""

from __future__ import annotations

from typing import Any

from agent.contract import SessionStoreError
from agent.graph_session import GraphSession
from agent.session_store import AUTO, SqliteSessionStore
from agent.settings import Settings

# The names the commands and tests import: `from agent.session import SessionStore`.
SessionStore = SqliteSessionStore
Session = GraphSession

__all__ = ["AUTO", "GraphSession", "Session", "SessionStore", "SessionStoreError", "SqliteSessionStore", "open_store"]


def open_store(settings: Settings | None = None, **options: Any) -> SqliteSessionStore:
    """The sessions of this user (`settings.sessions_db`); options as for `SqliteSessionStore`."""
    return SqliteSessionStore(settings, **options)
