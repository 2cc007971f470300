"""An interface that cancels a turn (Esc) closes the event generator mid-stream: the session must
stay consistent and the next answer must go to the question still pending."""

from __future__ import annotations

from agent.session import SqliteSessionStore
from agent.settings import Settings
from agent_fakes import last_question


def test_closing_a_turn_early_leaves_the_session_consistent(tmp_path):
    with SqliteSessionStore(Settings(data_dir=tmp_path / "data", offline=True), model=None) as store:
        session = store.create("Acme")
        assert last_question(session.start())[0].id == "organization.sector"
        turn = session.answer("retail")
        next(turn)  # the first event of the turn, then the interface gives up on it
        turn.close()
        question = last_question(session.start())[0]
        # Either the answer was taken before the cancel, or the same question is still pending.
        if session.profile().organization.sector == "retail":
            assert question.id != "organization.sector"
        else:
            assert question.id == "organization.sector"
        reply = "production" if question.id != "organization.sector" else "retail"
        followed = last_question(session.answer(reply))[0]
        assert followed.id != question.id
        assert session.profile().organization.sector == "retail"
