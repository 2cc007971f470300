"""Sessions on a real PostgreSQL (ADVISOR_DATABASE_URL): the session suite's own tests run again
with the store on PostgreSQL, then what only a team backend promises: advisory locks refusing a
second process wherever it runs and released when the holder dies, and listing, resuming and
exporting from another "machine" (another process with its own data directory).

Skipped when no server is reachable: set ADVISOR_TEST_DATABASE_URL (CI starts one, see .ci/run),
or run a local server on the default socket. Each test gets a database of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
import test_agent_sessions as sqlite_suite

from agent.postgres_lock import lock_key
from agent.postgres_sessions import redacted, to_postgres
from agent.retrieval import BuiltinRetriever
from agent.session import SqliteSessionStore
from agent.session_lock import SessionBusy
from agent.settings import Settings
from agent_fakes import last_question

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("ADVISOR_TEST_DATABASE_URL") or "postgresql:///postgres?host=/var/run/postgresql"


def _admin():
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        pytest.skip(f"no PostgreSQL server reachable at {redacted(SERVER)} ({type(error).__name__})")


def _url_for(name: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    return make_conninfo(**(conninfo_to_dict(SERVER) | {"dbname": name}))


@pytest.fixture
def database_url():
    """A fresh, empty database for one test, dropped after it."""
    admin = _admin()
    name = f"advisor_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _url_for(name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def pg_store(tmp_path: Path, url: str, chat=None, **options):
    from agent.model import LanguageModel

    settings = Settings(data_dir=tmp_path / "data", offline=True, database_url=url)
    model = LanguageModel(chat, settings) if chat is not None else None
    return SqliteSessionStore(settings, model=model, retriever=options.pop("retriever", BuiltinRetriever()), **options)


# The session suite's tests that speak to the store only (not to the SQLite file itself).
SHARED_TESTS = [
    "test_sessions_are_listed_renamed_found_by_prefix_and_deleted",
    "test_an_ambiguous_prefix_is_refused",
    "test_resume_in_a_new_store_continues_at_the_pending_question",
    "test_back_forks_from_the_previous_question_and_the_new_answer_replaces_the_old",
    "test_back_to_a_named_earlier_question",
    "test_back_twice_and_back_with_nothing_to_go_back_to",
    "test_after_the_end_back_reopens_the_interview",
    "test_the_session_exports_its_assessment",
    "test_events_of_a_turn_end_with_the_next_question",
]


@pytest.mark.parametrize("name", SHARED_TESTS)
def test_the_session_suite_on_postgresql(name, database_url, tmp_path, monkeypatch):
    test = getattr(sqlite_suite, name, None)
    if test is None:
        pytest.skip(f"{name} is no longer in the session suite")
    monkeypatch.setattr(
        sqlite_suite, "store_for", lambda path, chat=None, **options: pg_store(path, database_url, chat, **options)
    )
    test(tmp_path)


def test_statements_are_translated_to_postgresql():
    assert to_postgres("SELECT a FROM sessions WHERE client LIKE ? ORDER BY updated DESC, rowid DESC") == (
        "SELECT a FROM sessions WHERE client ILIKE %s ORDER BY updated DESC, id DESC"
    )
    assert redacted("postgresql://advisor:s3cret@db.internal/advisor") == "postgresql://advisor:***@db.internal/advisor"
    assert lock_key("abc") == lock_key("abc") != lock_key("abd") and -(2**63) <= lock_key("abc") < 2**63


def test_a_second_process_is_refused_and_the_lock_dies_with_its_holder(database_url, tmp_path):
    store = pg_store(tmp_path / "laptop-a", database_url)
    session = store.create("Clinique Saint-Roch")
    last_question(session.start())  # this process now answers the session
    child = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from agent.retrieval import BuiltinRetriever
        from agent.session import SqliteSessionStore
        from agent.session_lock import SessionBusy
        from agent.settings import Settings
        store = SqliteSessionStore(Settings(data_dir={str(tmp_path / "laptop-b")!r}, offline=True,
                                            database_url={database_url!r}), model=None, retriever=BuiltinRetriever())
        session = store.open({session.info.id!r})
        try:
            list(session.start())
        except SessionBusy as error:
            print("BUSY", error)
            raise SystemExit(3)
        print("ANSWERING", [s.client for s in store.list()])
    """)
    busy = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert busy.returncode == 3, busy.stderr
    assert "open in another advisor process" in busy.stdout and f"pid {os.getpid()}" in busy.stdout
    store.close()  # the holder goes away: its connection, and so its locks, with it
    free = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert free.returncode == 0, free.stderr
    assert "ANSWERING ['Clinique Saint-Roch']" in free.stdout


def test_a_killed_holder_frees_its_session(database_url, tmp_path):
    child = textwrap.dedent(f"""
        import os, sys, time
        from agent.retrieval import BuiltinRetriever
        from agent.session import SqliteSessionStore
        from agent.settings import Settings
        store = SqliteSessionStore(Settings(data_dir={str(tmp_path / "a")!r}, offline=True, database_url={database_url!r}),
                                   model=None, retriever=BuiltinRetriever())
        session = store.create("Transports Marchand")
        list(session.start())
        print(session.info.id, flush=True)
        time.sleep(60)
    """)
    holder = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        session_id = holder.stdout.readline().strip()
        store = pg_store(tmp_path / "b", database_url)
        with pytest.raises(SessionBusy):
            list(store.open(session_id).start())
        holder.kill()
        holder.wait(timeout=30)
        question, _ = _start_when_free(store, session_id)
        assert question is not None and question.number == 1
        store.close()
    finally:
        if holder.poll() is None:
            holder.kill()


def _start_when_free(store, session_id, attempts: int = 50):
    """The server notices a dead client's closed socket at once; allow it a few rounds."""
    import time

    for _ in range(attempts):
        try:
            return last_question(store.open(session_id).start())
        except SessionBusy:
            time.sleep(0.1)
    raise AssertionError("the dead holder's lock was never released")


def test_list_resume_and_export_from_another_machine(database_url, tmp_path):
    first = pg_store(tmp_path / "paris", database_url)
    session = first.create("Cabinet Lefèvre Avocats", "Atelier de lancement")
    sqlite_suite.answered(session, "retail", "production", "pilot")
    first.close()
    other = pg_store(tmp_path / "lyon", database_url)  # another data directory: nothing shared on disk
    listed = other.list("lefèvre")
    assert [(s.client, s.title, s.questions_asked) for s in listed] == [
        ("Cabinet Lefèvre Avocats", "Atelier de lancement", 3)
    ]
    resumed = other.open(listed[0].id)
    question, _ = last_question(resumed.start())
    assert question is not None and question.number == 4
    assert resumed.profile().organization.sector == "retail"
    written = resumed.export("md", tmp_path / "lyon" / "rapport.md")
    assert "Cabinet Lefèvre Avocats" in written.read_text(encoding="utf-8")
    other.close()
    assert not (tmp_path / "lyon" / "data" / "sessions.sqlite").exists()


def test_an_unreachable_server_is_one_line(tmp_path):
    from agent.session import SessionStoreError

    with pytest.raises(SessionStoreError, match="not reachable") as caught:
        pg_store(tmp_path, "postgresql://advisor:secret@127.0.0.1:9/advisor")
    assert "secret" not in str(caught.value) and "\n" not in str(caught.value)
