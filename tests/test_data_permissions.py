"""Everything the advisor keeps about a client is readable by its owner only; exports follow the umask."""

from __future__ import annotations

import os
import stat

from agent.session import SqliteSessionStore
from agent.settings import Settings
from knowledge.kb import KnowledgeBase


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_sessions_and_exports_are_private(tmp_path):
    old = os.umask(0o022)  # a permissive umask, as on most desktops
    try:
        data = tmp_path / "data"
        with SqliteSessionStore(Settings(data_dir=data, offline=True), model=None) as store:
            session = store.create("Acme")
            list(session.start())
            exported = session.export("md", tmp_path / "out" / "acme.md")
        assert mode(data) == 0o700
        assert mode(data / "sessions.sqlite") == 0o600
        assert mode(exported) == 0o644  # exports are made to be shared: the umask decides (issue 11)
    finally:
        os.umask(old)


def test_the_embedded_knowledge_base_is_private(tmp_path):
    old = os.umask(0o022)
    try:
        with KnowledgeBase(path=tmp_path / "data" / "qdrant") as kb:
            kb.status()
        assert mode(tmp_path / "data") == 0o700
        assert mode(tmp_path / "data" / "qdrant") == 0o700
    finally:
        os.umask(old)
