"""Kill the interview at random moments (SIGKILL, at least 50 times over whole interviews): every
resume continues at the pending question with every earlier answer intact.

The interviewing process is forked from this one after the imports, so each of the many kills
costs milliseconds of start-up instead of a second of imports.
"""

from __future__ import annotations

import os
import random
import signal
import time

from agent.events import InterviewDone
from agent.questions import KEY_FUNCTIONS
from agent.questions import question as bank_question
from agent.session import SqliteSessionStore
from agent.settings import Settings
from agent.simulate import simulated_answer
from agent_fakes import last_question
from conftest import EXAMPLES
from tools.assess import assess
from tools.profile_io import load_profile

KILLS = 50
SEED = 20261125


def interview_child(data_dir, session_id, source, pipe):
    """Answer the session from `source`, reporting each question asked and each turn completed."""
    store = SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None)
    session = store.open(session_id)
    question = last_question(session.start())[0]
    while question is not None:
        answer = simulated_answer(question, source)
        os.write(pipe, f"ASKED {question.id}\t{answer}\n".encode())
        events = list(session.answer(answer))
        os.write(pipe, f"DONE {question.id}\t{answer}\n".encode())
        question = last_question(events)[0]
    os.write(pipe, b"FINISHED\n")


def run_until_killed(data_dir, session_id, source, delay):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            interview_child(data_dir, session_id, source, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_end) as reader:
        return reader.read().split("\n")


def intact(question_id, answer, recovered, source):
    """The answer given to `question_id` is in the recovered profile as it was given."""
    bank = bank_question(question_id)
    if bank.current(source) is None:  # the respondent did not know: nothing may have been invented
        return bank.current(recovered) is None
    if question_id == KEY_FUNCTIONS:  # names functions; their weights are other questions
        return set(bank.current(recovered) or ()) <= {k.value for k in source.value_chain}
    evidence = recovered.evidence.get(bank.field)
    return evidence is not None and evidence.answer == answer


def whole_interview_seconds(data_dir, source) -> float:
    """How long one uninterrupted interview takes on this machine now: kills are drawn over that
    span, so they land at every stage whether the machine is idle or loaded (a fixed 0.35 s span
    let no interview finish on a busy CI machine)."""
    with SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None) as store:
        session = store.create("calibration")
        started = time.monotonic()
        question = last_question(session.start())[0]
        while question is not None:
            question = last_question(session.answer(simulated_answer(question, source)))[0]
        return time.monotonic() - started


def test_random_kills_lose_no_answer_and_resume_at_the_pending_question(tmp_path):
    rng = random.Random(SEED)
    span = 1.3 * whole_interview_seconds(tmp_path / "calibration", load_profile(EXAMPLES[0]))
    data_dir = tmp_path / "data"
    sources = [load_profile(path) for path in EXAMPLES]
    kills = finished = 0
    kill_points: set[tuple[int, int]] = set()  # (interview, answers completed) where a kill landed
    source_index = 0
    completed: list[tuple[str, str]] = []  # (question id, answer) whose turn completed, this session
    session_id = None
    while kills < KILLS:
        if session_id is None:
            source = sources[source_index % len(sources)]
            source_index += 1
            with SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None) as store:
                session_id = store.create(source.organization.name or "client").info.id
            completed = []
        lines = run_until_killed(data_dir, session_id, source, rng.uniform(0.0, span))
        if "FINISHED" in lines:
            finished += 1
        else:
            kills += 1
            kill_points.add((source_index, len(completed) + sum(line.startswith("DONE ") for line in lines)))
        asked = [tuple(line[6:].split("\t", 1)) for line in lines if line.startswith("ASKED ")]
        completed += [tuple(line[5:].split("\t", 1)) for line in lines if line.startswith("DONE ")]

        with SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None) as store:
            session = store.open(session_id)
            pending = last_question(session.start())[0]
            recovered = session.profile()
            for question_id, answer in completed:  # every answer whose turn completed is there
                assert intact(question_id, answer, recovered, source), (question_id, kills)
            if pending is not None:
                assert pending.id not in {q for q, _ in completed}, pending.id  # never asked twice
                if asked and pending.id != asked[-1][0]:
                    # The interview moved past the last question: its answer was saved, intact.
                    assert intact(*asked[-1], recovered, source), asked[-1]
            else:
                assert assess(recovered).maturity.level == assess(source).maturity.level
                session_id = None
    assert kills >= KILLS
    # The kills spread over the interviews, not all at start-up: the test would prove little else.
    assert finished >= 1 and len(kill_points) >= 20, (finished, sorted(kill_points))


def test_a_crash_after_a_step_saved_its_results_but_before_the_next_checkpoint(tmp_path):
    """The narrowest window: a node's writes are saved, the checkpoint that applies them is not.
    LangGraph then lists no `next` step; the session must still carry on, not call itself done."""
    data_dir = tmp_path / "data"
    with SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None) as store:
        session_id = store.create("Acme").info.id
    pid = os.fork()
    if pid == 0:
        try:
            store = SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None)
            session = store.open(session_id)
            list(session.start())
            real_put, puts = store.db.saver.put, []

            def put_then_die(*args, **kwargs):
                puts.append(args)
                if len(puts) == 2:  # the answer was read and recorded: die before `plan` is scheduled
                    time.sleep(0.3)  # LangGraph saves a step's writes from a background thread
                    os._exit(0)
                return real_put(*args, **kwargs)

            store.db.saver.put = put_then_die
            list(session.answer("retail"))
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0  # it died at the checkpoint, as planned
    with SqliteSessionStore(Settings(data_dir=data_dir, offline=True), model=None) as store:
        session = store.open(session_id)
        events = list(session.start())
        assert not any(isinstance(e, InterviewDone) for e in events)
        assert last_question(events)[0].id != "organization.sector"
        assert session.profile().organization.sector == "retail"
