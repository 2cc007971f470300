"""Sessions: metadata, resume in a new store on the same file, going back through the state
history, seeding from a profile, and a kill at any moment losing no answer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.events import AnswerRecorded, InterviewDone, Notice, QuestionAsked
from agent.session import SessionStoreError, SqliteSessionStore
from agent.sessions_db import MIGRATIONS
from agent_fakes import last_question, offline_settings, say, store_for
from tools.profile import Profile

ROOT = Path(__file__).resolve().parent.parent


def answered(session, *answers):
    question, _ = last_question(session.start())
    for answer in answers:
        question, _ = last_question(session.answer(answer))
    return question


def test_sessions_are_listed_renamed_found_by_prefix_and_deleted(tmp_path):
    store = store_for(tmp_path)
    first = store.create("Acme Retail", "Kick-off")
    second = store.create("Helix Pharma")
    answered(second, "pharma", "production")
    listed = store.list()
    assert [s.id for s in listed] == [second.info.id, first.info.id]  # most recently updated first
    assert listed[0].questions_asked == 2 and listed[0].level == 1 and listed[0].status == "in_progress"
    assert listed[1].title == "Kick-off" and listed[0].title.startswith("Helix Pharma, ")
    assert [s.client for s in store.list("helix")] == ["Helix Pharma"]
    assert store.rename(first.info.id[:6], "Workshop 2").title == "Workshop 2"
    assert store.open(first.info.id[:5]).info.id == first.info.id
    with pytest.raises(KeyError, match="no session matches"):
        store.open("zzzz")
    with pytest.raises(ValueError):
        store.rename(first.info.id, "   ")
    store.delete(second.info.id)
    assert [s.id for s in store.list()] == [first.info.id]
    with pytest.raises(KeyError):
        store.open(second.info.id)
    store.close()


def test_an_ambiguous_prefix_is_refused(tmp_path):
    store = store_for(tmp_path)
    ids = {store.create(f"Client {i}").info.id for i in range(40)}
    prefixes = {}
    for session_id in ids:
        prefixes.setdefault(session_id[0], []).append(session_id)
    shared = next(p for p, members in prefixes.items() if len(members) > 1)
    with pytest.raises(KeyError, match="matches"):
        store.open(shared)
    store.close()


def test_the_database_is_private_and_versioned(tmp_path):
    settings = offline_settings(tmp_path)
    store = SqliteSessionStore(settings, model=None)
    store.create("Acme")
    store.close()
    assert (settings.sessions_db.stat().st_mode & 0o777) == 0o600
    with sqlite3.connect(settings.sessions_db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    again = SqliteSessionStore(settings, model=None)  # upgrades are idempotent
    assert len(again.list()) == 1
    again.close()


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    settings = offline_settings(tmp_path)
    settings.sessions_db.parent.mkdir(parents=True)
    settings.sessions_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(SessionStoreError, match="not a sessions database"):
        SqliteSessionStore(settings, model=None)


def test_resume_in_a_new_store_continues_at_the_pending_question(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    question = answered(session, "retail", "production", "pilot")
    store.close()

    reopened_store = store_for(tmp_path)
    reopened = reopened_store.open(session.info.id)
    again, events = last_question(reopened.start())
    assert (again.id, again.number, again.text) == (question.id, question.number, question.text)
    profile = reopened.profile()
    assert profile.organization.sector == "retail"
    assert profile.capabilities["llm_api_apps"].value == "pilot"
    assert [m.text for m in reopened.transcript() if m.role == "user"] == ["retail", "production", "pilot"]
    next_question, _ = last_question(reopened.answer("no"))
    assert next_question.number == question.number + 1
    reopened_store.close()


def test_back_forks_from_the_previous_question_and_the_new_answer_replaces_the_old(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    answered(session, "retail", "production", "pilot")
    question, events = last_question(session.answer("/back"))
    assert question.id == "capabilities.llm_api_apps" and question.number == 3
    assert any(isinstance(e, Notice) and "1 answer undone" in e.text for e in events)
    assert "llm_api_apps" not in session.profile().capabilities
    question, _ = last_question(session.answer("none"))
    assert session.profile().capabilities["llm_api_apps"].value == "none"
    assert question.id == "organization.objectives"  # level 2 not reached: no RAG question
    assert session.info.questions_asked == 3
    store.close()


def test_back_to_a_named_earlier_question(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    answered(session, "retail", "production", "pilot", "no")
    kept = session.profile().capabilities
    question, events = last_question(session.answer("/back public_llm_use"))
    # that one question again, every other answer kept (issue 10: no re-answering the rest)
    assert question.id == "capabilities.public_llm_use" and "production" in (question.help or "")
    assert session.profile().capabilities == kept and len(kept) == 3
    question, events = last_question(session.answer("/back nothing_like_this"))
    assert any(isinstance(e, Notice) and e.level == "warning" for e in events)
    assert question.id == "capabilities.public_llm_use"
    store.close()


def test_back_twice_and_back_with_nothing_to_go_back_to(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    question, events = last_question(session.start())
    question, events = last_question(session.answer("/back"))
    assert question.id == "organization.sector" and any(isinstance(e, Notice) for e in events)
    answered(session, "retail", "yes", "exploring")  # "yes" is re-asked, then exploring
    last_question(session.answer("/back"))
    question, _ = last_question(session.answer("/back"))
    assert question.id == "organization.sector" and session.profile().organization.sector is None
    store.close()


def test_after_the_end_back_reopens_the_interview(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    answered(session, "retail", "none")
    _, events = last_question(session.answer("/done"))
    assert any(isinstance(e, InterviewDone) for e in events) and session.info.status == "done"
    _, events = last_question(session.answer("anything"))
    assert any(isinstance(e, Notice) and "complete" in e.text for e in events)
    question, _ = last_question(session.answer("/back"))
    assert question.id == "capabilities.public_llm_use" and session.info.status == "in_progress"
    store.close()


def test_a_seeded_session_does_not_ask_what_the_profile_holds(tmp_path, methodology):
    seed = Profile.model_validate(
        {
            "organization": {
                "name": "Seeded Co",
                "sector": "banking",
                "objectives": ["cost_reduction"],
                "budget": "low",
                "risk_appetite": "low",
            },
            "capabilities": {"public_llm_use": "production", "llm_api_apps": "none"},
            "value_chain": {"service": {"importance": 5}},
        }
    )
    store = store_for(tmp_path)
    session = store.create("Seeded Co", seed=seed)
    assert session.info.level == 1
    asked = []
    question, _ = last_question(session.start())
    while question is not None:
        asked.append(question.id)
        question, _ = last_question(session.answer("I don't know"))
    for known in (
        "organization.sector",
        "organization.objectives",
        "organization.budget",
        "capabilities.public_llm_use",
        "capabilities.llm_api_apps",
        "value_chain.key_functions",
        "value_chain.service.importance",
    ):
        assert known not in asked
    assert session.profile().organization.name == "Seeded Co"
    assert session.profile().source_of("organization.sector") == "profile"
    store.close()


def test_the_session_exports_its_assessment(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme Retail")
    answered(session, "retail", "production")
    path = session.export("md", tmp_path / "report.md")
    assert "Acme Retail" in path.read_text(encoding="utf-8")
    with pytest.raises(FileExistsError):
        session.export("md", tmp_path / "report.md")
    session.export("json", tmp_path / "report.md", force=True)
    # every format of the exports' registry, the board's binary ones included
    assert session.export("pdf", tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")
    assert session.export("xlsx", tmp_path / "cases.xlsx").read_bytes().startswith(b"PK")
    store.close()


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from agent.session import SqliteSessionStore
    from agent.retrieval import BuiltinRetriever
    from agent.settings import Settings
    import agent.nodes

    data_dir, session_id, stall_after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    answers = sys.argv[4:]
    if stall_after >= 0:
        # Hang in the planner right after the answer number `stall_after` is recorded.
        real = agent.nodes.next_question
        def slow(profile, asked, *args, **kwargs):
            if len(asked) == stall_after:
                print("STALLED", flush=True)
                time.sleep(60)
            return real(profile, asked, *args, **kwargs)
        agent.nodes.next_question = slow
    store = SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None, retriever=BuiltinRetriever())
    session = store.open(session_id)
    list(session.start())
    for answer in answers:
        list(session.answer(answer))
        print("ANSWERED", answer, flush=True)
    print("WAITING", flush=True)
    time.sleep(60)
""")


def run_child_until(tmp_path, session_id, stall_after, answers, marker):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "data"), session_id, str(stall_after), *answers],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        for line in child.stdout:
            if line.startswith(marker):
                break
        else:
            pytest.fail(f"the child ended before {marker}")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    "stall_after, expected_next",
    [
        (-1, "capabilities.rag"),  # killed while waiting for the next answer
        (3, "capabilities.rag"),  # killed after the third answer was recorded, before the next question
    ],
)
def test_a_kill_at_any_moment_loses_no_answer(tmp_path, stall_after, expected_next):
    store = store_for(tmp_path)
    session_id = store.create("Acme").info.id
    store.close()
    run_child_until(
        tmp_path,
        session_id,
        stall_after,
        ["retail", "production", "pilot"],
        "WAITING" if stall_after < 0 else "STALLED",
    )

    store = store_for(tmp_path)
    session = store.open(session_id)
    question, events = last_question(session.start())
    assert question.id == expected_next and question.number == 4
    profile = session.profile()
    assert profile.organization.sector == "retail"
    assert profile.capabilities["public_llm_use"].value == "production"
    assert profile.capabilities["llm_api_apps"].value == "pilot"
    assert profile.evidence["capabilities.llm_api_apps"].answer == "pilot"
    question, events = last_question(session.answer("no"))
    assert any(isinstance(e, AnswerRecorded) and e.field == "capabilities.rag" for e in events)
    assert question.id == "organization.objectives"
    store.close()


def test_an_answer_sent_to_a_session_stopped_between_steps_is_not_given_to_an_unseen_question(tmp_path):
    store = store_for(tmp_path)
    session_id = store.create("Acme").info.id
    store.close()
    run_child_until(tmp_path, session_id, 2, ["retail", "production"], "STALLED")

    store = store_for(tmp_path)
    session = store.open(session_id)
    question, events = last_question(session.answer("pilot"))  # no start(): straight to an answer
    assert question.id == "capabilities.llm_api_apps"
    assert any(isinstance(e, Notice) and "resumed" in e.text for e in events)
    assert "llm_api_apps" not in session.profile().capabilities
    question, _ = last_question(session.answer("pilot"))
    assert session.profile().capabilities["llm_api_apps"].value == "pilot"
    store.close()


def test_events_of_a_turn_end_with_the_next_question(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    list(session.start())
    events = say(session, "retail")
    assert isinstance(events[-1], QuestionAsked)
    store.close()


def test_status_for_an_interface(tmp_path):
    from agent.session import SessionStore
    from agent.settings import Settings

    offline = SessionStore(offline_settings(tmp_path))
    assert offline.status().model_dump() | {"reason": ""} == {
        "model": "qwen2.5:7b",
        "ollama": "not used (offline)",
        "guided": True,
        "reason": "",
        "kb": "on demand",
    }
    offline.close()
    # conftest points OLLAMA_HOST at a port where nothing listens
    down = SessionStore(Settings(data_dir=tmp_path / "down"))
    report = down.status()
    assert report.guided and report.ollama == "unreachable" and "ollama serve" in report.reason
    down.close()
