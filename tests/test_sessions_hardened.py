"""The sessions database and what prints from it, under hostile conditions: a foreign or corrupted
file never written to, links in the data directory refused, private folders under any umask, a
lock that no folder can take away, a full disk, transcripts stored once, names that carry terminal
escapes or markup, bytes that are not UTF-8."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app
from agent.contract import SessionBusy, SessionStoreError
from agent.session import SqliteSessionStore
from agent.settings import Settings
from agent_fakes import last_question, offline_settings, say, store_for

HOSTILE = "Dupont[/] \x1b]52;c;ZXZpbA==\x07\x1b[2J[link=https://evil.example]SA[/link]"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_of_another_application_is_named_and_never_written(tmp_path):
    settings = offline_settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    with sqlite3.connect(settings.sessions_db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices (amount) VALUES (1250.0)")
    before = digest(settings.sessions_db)
    with pytest.raises(SessionStoreError, match=r"not a sessions database \(it holds invoices\); it was left"):
        SqliteSessionStore(settings, model=None)
    assert digest(settings.sessions_db) == before
    assert not Path(f"{settings.sessions_db}-wal").exists()  # not even switched to WAL


def test_a_database_corrupted_mid_file_is_named_and_never_written(tmp_path):
    settings = offline_settings(tmp_path)
    with SqliteSessionStore(settings, model=None) as store:
        for client in ("Clinique du Parc", "Hôpital Nord", "Cabinet Lefèvre"):
            session = store.create(client)
            list(session.start())
            say(session, "healthcare")
    with sqlite3.connect(settings.sessions_db) as conn:  # one file, no WAL beside it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(settings.sessions_db.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page + 8 : 3 * page - 8] = os.urandom(page - 16)  # a b-tree page in the middle, trashed
    settings.sessions_db.write_bytes(bytes(data))
    before = digest(settings.sessions_db)
    with pytest.raises(SessionStoreError, match="corrupted"):
        SqliteSessionStore(settings, model=None)
    assert digest(settings.sessions_db) == before


def test_a_database_of_a_newer_version_is_not_upgraded_backwards(tmp_path):
    settings = offline_settings(tmp_path)
    SqliteSessionStore(settings, model=None).close()
    with sqlite3.connect(settings.sessions_db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(SessionStoreError, match=r"newer version of the advisor \(schema 99\)"):
        SqliteSessionStore(settings, model=None)


def test_the_cli_says_what_is_wrong_with_the_database_in_one_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 600)
    result = CliRunner().invoke(app, ["sessions", "list"], env={"ADVISOR_DATA_DIR": str(data)})
    assert result.exit_code == 1
    assert "sessions.sqlite" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_symlinked_database_is_refused_and_its_target_left_alone(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("a user's notes")
    os.chmod(target, 0o644)
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions.sqlite").symlink_to(target)
    with pytest.raises(SessionStoreError, match="symbolic link"):
        SqliteSessionStore(Settings(data_dir=data, offline=True), model=None)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and target.read_text() == "a user's notes"


def test_folders_are_private_even_under_a_zero_umask(tmp_path):
    old = os.umask(0)
    try:
        data = tmp_path / "home" / "share" / "advisor"
        SqliteSessionStore(Settings(data_dir=data, offline=True), model=None).close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "home", tmp_path / "home" / "share", data):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((data / "sessions.sqlite").stat().st_mode) == 0o600


HOLDER = textwrap.dedent("""
    import sys
    from agent.session import SqliteSessionStore
    from agent.settings import Settings
    store = SqliteSessionStore(Settings(data_dir=sys.argv[1], offline=True), model=None)
    for event in store.open(sys.argv[2]).start():
        pass
    print("HOLDING", flush=True)
    sys.stdin.readline()
""")


def test_the_lock_holds_whatever_happens_to_folders_beside_the_database(tmp_path):
    data = tmp_path / "data"
    store = store_for(tmp_path)
    session_id = store.create("Banque Mercier").info.id
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data), session_id], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "HOLDING"
        for folder in data.iterdir():  # whatever folders a cleaner removes (there was a locks/ one)
            if folder.is_dir():
                shutil.rmtree(folder)
        other = store_for(tmp_path)
        with pytest.raises(SessionBusy, match=rf"pid {holder.pid}"):
            list(other.open(session_id).start())
        other.close()
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_a_full_disk_while_saving_is_one_clear_error_and_the_answers_before_it_stay(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Manufacture Bretonne")
    question, _ = last_question(session.start())
    say(session, "manufacturing")
    pages = store.db.execute("PRAGMA page_count")[0][0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
    with pytest.raises(SessionStoreError, match="disk is full"):
        for _ in range(5):
            say(session, "/ask " + "what does a pilot cost? " * 400)
    store.close()
    again = store_for(tmp_path)
    assert again.open(session.info.id).profile().organization.sector == "manufacturing"
    again.close()


def test_a_long_reply_is_stored_once_not_in_every_checkpoint(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Cabinet Roussel Avocats")
    list(session.start())
    big = "Pourquoi le niveau 2 ? " + "détail " * 150_000  # about 1 MB, asked once
    say(session, "/ask " + big)
    for answer in ("legal", "exploring", "/skip", "pilot") + ("/skip",) * 8:  # the old store copied it each time
        say(session, answer)
    store.close()
    db = tmp_path / "data" / "sessions.sqlite"
    size = sum(p.stat().st_size for p in db.parent.glob("sessions.sqlite*"))
    assert size < 10 * len(big), size  # it was 44 times the text
    reopened = store_for(tmp_path)
    texts = [m.text for m in reopened.open(session.info.id).transcript()]
    assert any(t.endswith(big) for t in texts)  # the whole of it, once, in the transcript
    reopened.close()


def test_sessions_list_and_show_print_hostile_names_as_text(tmp_path):
    env = {"ADVISOR_DATA_DIR": str(tmp_path / "data"), "ADVISOR_OFFLINE": "1"}
    runner = CliRunner()
    created = runner.invoke(app, ["sessions", "new", HOSTILE, "--title", "[bold]Audit[/] \x1b[31mrouge"], env=env)
    assert created.exit_code == 0, created.output
    session_id = created.output.strip()
    listed = runner.invoke(app, ["sessions", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "\x1b" not in listed.output and "\x07" not in listed.output
    assert "Dupont[/]" in listed.output and "[link=" in listed.output  # shown as typed, never parsed
    shown = runner.invoke(app, ["sessions", "show", session_id], env=env)
    assert shown.exit_code == 0 and "\x1b" not in shown.output and "[bold]Audit[/]" in shown.output


def test_the_plain_interview_strips_escapes_and_says_what_it_recorded(tmp_path):
    env = {"ADVISOR_DATA_DIR": str(tmp_path / "data")}
    result = CliRunner().invoke(
        app,
        ["interview", "--client", HOSTILE, "--offline"],
        env=env,
        input="retail\nhmm\nça dépend\n/fix insurance\n/quit\n",
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "✓ sector: Retail" in result.output and "✓ sector: Insurance" in result.output
    # refused twice: the menu is not printed again, only pointed at (it is shown again after /fix)
    assert result.output.count("1) Not at all") == 2
    assert result.output.count("(choices 1-4 above") == 2


def test_invalid_utf8_in_the_client_name_is_one_line_exit_2(tmp_path):
    env = {**os.environ, "ADVISOR_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "agent.cli", "sessions", "new", b"Soci\xe9t\xe9 G\xe9n\xe9rale"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1 and "invalid UTF-8" in lines[0]
    result = subprocess.run(
        [sys.executable, "-m", "agent.cli", "interview", "--offline", "--client", b"Caf\xe9"],
        capture_output=True,
        env=env,
        timeout=60,
        input=b"",
    )
    assert result.returncode == 2 and b"invalid UTF-8" in result.stderr and b"Traceback" not in result.stderr
