"""Session backends side by side: time per answered question through the session API with the
sessions on a SQLite file and, when a PostgreSQL server is reachable (ADVISOR_TEST_DATABASE_URL,
or the local socket), on PostgreSQL (a temporary database, dropped after). Guided mode, no model:
the figure is the store's and the checkpointer's cost."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.figures import Figure, percentile

AREA = "sessions"
SERVER = os.environ.get("ADVISOR_TEST_DATABASE_URL") or "postgresql:///postgres?host=/var/run/postgresql"
EXAMPLES = 3


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-sessions-") as folder:
        figures = _figures("SQLite", _turn_times(Path(folder), None))
        url = _temporary_database()
        if url is None:
            return figures
        try:
            figures += _figures("PostgreSQL", _turn_times(Path(folder) / "pg", url))
        finally:
            _drop(url)
    return figures


def _figures(backend: str, samples: list[float]) -> list[Figure]:
    return [
        Figure(area=AREA, name=f"session turn on {backend}, guided, p50", value=percentile(samples, 50), unit="ms"),
        Figure(area=AREA, name=f"session turn on {backend}, guided, p95", value=percentile(samples, 95), unit="ms"),
    ]


def _turn_times(data_dir: Path, url: str | None) -> list[float]:
    from agent.events import QuestionAsked
    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore
    from agent.settings import Settings
    from agent.simulate import simulated_answer
    from tools.profile_io import load_profile

    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))[:EXAMPLES]
    profiles: list[Any] = [load_profile(path) for path in examples]
    samples: list[float] = []
    store = SqliteSessionStore(
        Settings(data_dir=data_dir, offline=True, database_url=url), model=None, retriever=BuiltinRetriever()
    )
    try:
        for profile in profiles:
            session = store.create(profile.organization.name or "Bench")
            pending = [e.question for e in session.start() if isinstance(e, QuestionAsked)]
            while pending:
                answer = simulated_answer(pending[-1], profile)
                start = time.perf_counter()
                events = list(session.answer(answer))
                samples.append((time.perf_counter() - start) * 1000)
                pending = [e.question for e in events if isinstance(e, QuestionAsked)]
    finally:
        store.close()
    return samples


def _temporary_database() -> str | None:
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
    except ImportError:
        return None
    name = f"advisor_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(SERVER, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return make_conninfo(**(conninfo_to_dict(SERVER) | {"dbname": name}))


def _drop(url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(SERVER, autocommit=True, connect_timeout=3) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
