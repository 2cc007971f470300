"""Going back to an earlier question: a fork of the session's thread from the checkpoint where
that question was pending (LangGraph state history); later answers are undone, not replayed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from langgraph.types import StateSnapshot

from agent.contract import Event, Notice
from agent.nodes import profile_events
from agent.questions import find as find_question
from agent.state import message
from knowledge.locales import translations
from tools.profile import Profile

if TYPE_CHECKING:
    from agent.graph_session import GraphSession


def go_back(session: GraphSession, reference: str) -> Iterator[Event]:
    """Back to the last question, or to the earlier one `reference` names."""
    words = translations(session.info.language, "interview")
    snapshot = session.snapshot()
    asked: list[str] = snapshot.values.get("asked", [])
    if not asked:
        yield Notice(text=words.gettext("There is no earlier question to go back to."))
        yield from session.question_again()
        return
    if reference:
        question = find_question(reference)
        if question is None or question.id not in asked:
            note = words.gettext("No earlier question matches “{reference}”.").format(reference=reference)
            yield Notice(level="warning", text=note)
            yield from session.question_again()
            return
        target, position = question.id, asked.index(question.id)
    else:
        target, position = asked[-1], len(asked) - 1
    fork = checkpoint_asking(session, snapshot, target, position)
    if fork is None:
        note = words.gettext("That question cannot be found in this session's history.")
        yield Notice(level="warning", text=note)
        yield from session.question_again()
        return
    undone = len(asked) - position
    note = (
        words.gettext("Back to question {number}: {count} answer undone.")
        if undone == 1
        else words.gettext("Back to question {number}: {count} answers undone.")
    ).format(number=position + 1, count=undone)
    session.note(fork.config, [message("system", note)], as_node="plan")
    yield Notice(text=note)
    yield from profile_events(Profile.model_validate(fork.values.get("profile") or {}), session.info.language)
    yield from session.run(None)


def checkpoint_asking(
    session: GraphSession, head: StateSnapshot, question_id: str, position: int
) -> StateSnapshot | None:
    """The earliest checkpoint of the current branch where `question_id` was pending with
    `position` questions asked before it."""
    by_id = {s.config["configurable"]["checkpoint_id"]: s for s in session.graph.get_state_history(session.config)}
    found = None
    current: StateSnapshot | None = head
    while current is not None:
        values = current.values
        if len(values.get("asked", [])) < position:
            break  # the branch only grows: everything further back is older than the question
        if (
            current.next == ("ask",)
            and (values.get("pending") or {}).get("id") == question_id
            and len(values.get("asked", [])) == position
        ):
            found = current
        parent = (current.parent_config or {}).get("configurable", {}).get("checkpoint_id")
        current = by_id.get(parent) if parent else None
    return found
