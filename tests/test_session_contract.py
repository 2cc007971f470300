"""One scenario, two implementations of the contract: the interface tests' fake store and the real
offline store. They must behave the same turn by turn, so the fake cannot drift from the session
the interface really talks to (it used to ask the client's name first and answer an unreadable
answer with a warning notice, where the real session asks the sector and gives a hint)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from agent.contract import (
    AnswerRecorded,
    AssistantText,
    Event,
    InterviewDone,
    Notice,
    QuestionAsked,
    Session,
    SessionStore,
)
from agent_fakes import store_for
from fake_session import FakeSessionStore

# A hospital group's head of digital, answering the way people do.
TURNS = [
    "healthcare",  # the first question is the sector, in both
    "ça dépend des services",  # unreadable: a hint and the same question again, nothing recorded
    "/skip",  # recorded as unknown, the next question
    "/back",  # said, and the skipped question again
    "/ask what does RAG need from our data?",  # a reply with its sources, the same question
]


def shape(events: Iterable[Event], before: str | None) -> tuple[list[str], str | None]:
    """What a turn did, in the contract's terms and free of wording: the kinds of events that
    matter to an interface, and whether the question after it is the one before or a new one."""
    seen: list[str] = []
    question = None
    for event in events:
        match event:
            case AnswerRecorded(value=None):
                seen.append("recorded unknown")
            case AnswerRecorded():
                seen.append("recorded")
            case AssistantText(final=True, sources=sources):
                seen.append("reply with sources" if sources else "hint")
            case Notice(level=level):
                seen.append(f"notice {level}")
            case QuestionAsked(question=asked):
                question = asked.id
                seen.append("same question" if asked.id == before else "new question")
            case InterviewDone():
                seen.append("done")
    return seen, question


def run_scenario(store: SessionStore) -> tuple[str | None, list[list[str]], list[str], str | None]:
    session: Session = store.create("Groupe hospitalier Sainte-Marthe")
    _, first = shape(session.start(), None)
    turns, question = [], first
    for text in TURNS:
        seen, asked = shape(session.answer(text), question)
        turns.append(seen)
        question = asked or question
    roles = [m.role for m in session.transcript()]
    pending = session.pending_question()
    session.close()
    _, resumed = shape(store.open(session.info.id).start(), None)
    assert pending is not None and resumed == pending.id == question
    return first, turns, roles, resumed


@pytest.fixture
def real(tmp_path: Path):
    store = store_for(tmp_path)
    yield store
    store.close()


def test_the_fake_and_the_real_store_behave_the_same(real):
    fake_first, fake_turns, fake_roles, _ = run_scenario(FakeSessionStore())
    real_first, real_turns, real_roles, _ = run_scenario(real)
    assert fake_first == real_first == "organization.sector"
    assert fake_turns == real_turns
    assert fake_turns[1] == ["hint", "same question"]  # an unreadable answer: a hint, no warning
    assert {"user", "advisor"} <= set(fake_roles) and {"user", "advisor"} <= set(real_roles)


def test_both_stores_refuse_an_unknown_session_with_a_key_error(real):
    for store in (FakeSessionStore(), real):
        with pytest.raises(KeyError):
            store.open("no-such-session")
