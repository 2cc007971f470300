"""Two advisor processes on the same data directory: a clear message, no corruption."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from agent.session import SqliteSessionStore
from agent.session_lock import SessionBusy
from agent.settings import Settings

HOLDER = textwrap.dedent("""
    import sys
    from agent.session import SqliteSessionStore
    from agent.settings import Settings
    store = SqliteSessionStore(Settings(data_dir=sys.argv[1], offline=True), model=None)
    session = store.open(sys.argv[2])
    for event in session.start():
        pass
    print("HOLDING", flush=True)
    sys.stdin.readline()  # keep the session open until the test says so
    for event in session.answer("retail"):
        pass
    store.close()
    print("DONE", flush=True)
""")


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def store_for(data_dir):
    return SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None)


@pytest.fixture
def held(data_dir):
    """A session, and another process that has started answering it and waits."""
    store = store_for(data_dir)
    session_id = store.create("Acme").info.id
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), session_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "HOLDING"
    yield session_id, holder
    holder.kill()
    holder.wait(timeout=10)


def test_a_session_answered_elsewhere_is_refused_clearly_and_left_intact(data_dir, held):
    session_id, holder = held
    store = store_for(data_dir)
    other = store.open(session_id)
    with pytest.raises(SessionBusy, match=rf"session {session_id} .*another advisor process \(pid {holder.pid}\)"):
        list(other.start())
    with pytest.raises(SessionBusy):
        list(other.answer("banking"))
    # Reading stays possible while the other process answers.
    assert [info.id for info in store.list()] == [session_id]
    store.close()
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "DONE"
    holder.wait(timeout=10)
    store = store_for(data_dir)
    session = store.open(session_id)
    list(session.start())  # the lock went with the process
    assert session.profile().organization.sector == "retail"
    store.close()


def test_a_killed_holder_leaves_no_stale_lock(data_dir, held):
    session_id, holder = held
    holder.kill()
    holder.wait(timeout=10)
    store = store_for(data_dir)
    events = list(store.open(session_id).start())
    assert events  # resumed without complaint
    store.close()


def test_cli_interview_on_a_busy_session_says_so_in_one_line(data_dir, held):
    session_id, _ = held
    advisor = [sys.executable, "-m", "agent.cli", "interview", "--session", session_id, "--offline"]
    result = subprocess.run(
        advisor,
        capture_output=True,
        text=True,
        timeout=60,
        input="",
        env={**os.environ, "ADVISOR_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 1
    assert "another advisor process" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_session_left_is_free_for_another_process_and_a_busy_one_cannot_be_deleted(data_dir, held):
    session_id, holder = held
    store = store_for(data_dir)
    with pytest.raises(SessionBusy):
        store.delete(session_id)
    assert [info.id for info in store.list()] == [session_id]  # still there, untouched
    holder.kill()
    holder.wait(timeout=10)
    mine = store.open(session_id)
    list(mine.start())
    mine.close()  # left: another process may take it now
    script = (
        "import sys; from agent.session import SqliteSessionStore; from agent.settings import Settings; "
        "s = SqliteSessionStore(Settings(data_dir=sys.argv[1], offline=True), model=None); "
        "list(s.open(sys.argv[2]).start()); print('TOOK IT')"
    )
    taken = subprocess.run(
        [sys.executable, "-c", script, str(data_dir), session_id], capture_output=True, text=True, timeout=60
    )
    assert "TOOK IT" in taken.stdout, taken.stderr
    store.delete(session_id)
    assert store.list() == []
    store.close()
