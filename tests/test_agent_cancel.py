"""An interface that cancels a turn (Esc) closes the event generator mid-stream: the session must
stay consistent and the next answer must go to the question still pending."""

from __future__ import annotations

from agent.events import QuestionAsked
from agent.session import SqliteSessionStore
from agent.settings import Settings


def pending(events):
    return [e.question for e in events if isinstance(e, QuestionAsked)][-1]


def test_closing_a_turn_early_leaves_the_session_consistent(tmp_path):
    with SqliteSessionStore(Settings(data_dir=tmp_path / "data", offline=True), model=None) as store:
        session = store.create("Acme")
        assert pending(session.start()).id == "organization.sector"
        turn = session.answer("retail")
        next(turn)  # the first event of the turn, then the interface gives up on it
        turn.close()
        question = pending(session.start())
        # Either the answer was taken before the cancel, or the same question is still pending.
        if session.profile().organization.sector == "retail":
            assert question.id != "organization.sector"
        else:
            assert question.id == "organization.sector"
        followed = pending(session.answer("production" if question.id != "organization.sector" else "retail"))
        assert followed.id != question.id
        assert session.profile().organization.sector == "retail"
