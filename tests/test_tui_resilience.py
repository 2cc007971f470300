"""Pilot tests: nothing typed is lost (quit, failures, a dropped model), Esc cancels a reply,
hostile text is shown as text, sessions are managed, and the app module imports only Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable, Input, Markdown

from fake_session import FakeSessionStore
from tui.screens.interview import InterviewScreen
from tui.screens.sessions import SessionsScreen
from tui.widgets.conversation import Conversation
from tui.widgets.question_panel import QuestionPanel
from tui_helpers import make_app, send, settle

ROOT = Path(__file__).resolve().parent.parent


async def test_quit_mid_interview_and_resume_keeps_answers_and_draft(tmp_path: Path):
    sessions, drafts = tmp_path / "sessions.json", tmp_path / "drafts"
    app = make_app(FakeSessionStore(sessions), drafts_dir=drafts)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.create_session("Initech", None)
        await settle(pilot)
        await send(pilot, "manufacturing")
        await send(pilot, "medium")
        app.screen.query_one("#prompt", Input).value = "half-typed thought"
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert (drafts / "s001-0000.txt").read_text() == "half-typed thought"

    again = make_app(FakeSessionStore(sessions), drafts_dir=drafts)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = again.screen.query_one("#sessions", DataTable)
        assert table.get_row_at(0)[0].plain == "Initech"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(again.screen, InterviewScreen)
        assert again.screen.query_one("#prompt", Input).value == "half-typed thought"
        assert again.screen.query_one(QuestionPanel).question.id == "organization.objectives"
        shown = [c.render().plain for c in again.screen.query(".msg.user")]
        assert shown == ["manufacturing", "medium"]


async def test_a_failing_worker_is_a_notification_and_the_answer_comes_back():
    app = make_app(FakeSessionStore(samples=True, fail_on="make it crash"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session("s003")
        await settle(pilot)
        await send(pilot, "make it crash")
        assert app.is_running and isinstance(app.screen, InterviewScreen)
        assert any(sev == "error" and "scripted failure" in msg for sev, msg in app.notices)
        assert app.screen.query_one("#prompt", Input).value == "make it crash"
        assert not app.screen.busy
        await send(pilot, "/skip")  # and the interview carries on
        assert app.screen.query_one(QuestionPanel).question.number == 2


async def test_escape_cancels_a_streaming_reply_and_typing_goes_on():
    app = make_app(FakeSessionStore(samples=True, chunk_delay=0.03))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session("s003")
        await settle(pilot)
        await send(pilot, "/ask how long does a pilot take?", wait=False)
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query(".-streaming"):
                break
        assert app.screen.busy and app.screen.query(".-streaming")
        await pilot.pause(0.35)
        assert "esc cancels the reply" in app.screen.query_one("#hint").render().plain
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.busy and not app.screen.query_one("#hint").display
        notes = [n.render().plain for n in app.screen.query(".msg.note")]
        assert "(generation cancelled)" in notes
        streamed = app.screen.query(Conversation).first().query(Markdown).last()
        assert "You asked" not in streamed.source  # stopped before the end
        await send(pilot, "healthcare")
        assert app.screen.query_one(QuestionPanel).question.id == "organization.size"


async def test_answers_sent_while_busy_stay_in_the_prompt():
    app = make_app(FakeSessionStore(samples=True, chunk_delay=0.03))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session("s003")
        await settle(pilot)
        await send(pilot, "/ask what now?", wait=False)
        await pilot.pause(0.05)
        await send(pilot, "Helix", wait=False)
        assert app.screen.query_one("#prompt", Input).value == "Helix"
        assert any("still replying" in msg for _, msg in app.notices)
        await pilot.press("escape")
        await settle(pilot)


async def test_model_dropping_mid_interview_switches_to_guided_with_a_notice():
    store = FakeSessionStore(samples=True, guided=False, drop_model_on="healthcare")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "qwen2.5:7b ready" in app.status.render().plain
        app.open_session("s003")
        await settle(pilot)
        await send(pilot, "healthcare")
        assert "guided mode" in app.status.render().plain
        assert any(sev == "warning" and "Ollama stopped" in msg for sev, msg in app.notices)
        assert app.screen.query_one(QuestionPanel).question.id == "organization.size"


async def test_control_sequences_and_markup_are_shown_as_text():
    hostile = "[@click=app.quit]Evil[/] \x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31mCorp"
    app = make_app(FakeSessionStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.create_session(hostile, "[b]bold?[/b]")
        await settle(pilot)
        assert app.status.session.startswith("[@click=app.quit]Evil[/] Corp")
        await send(pilot, "[red]x[/red]\x1b[31m\x07 done")
        user = app.screen.query(".msg.user").last().render().plain
        assert user == "[red]x[/red] done"
        await pilot.press("ctrl+o")
        await settle(pilot)
        cell = app.screen.query_one("#sessions", DataTable).get_row_at(0)[0]
        assert cell.plain.startswith("[@click=app.quit]Evil[/] Co") and "\x1b" not in cell.plain
        await pilot.click("#sessions")  # clicking the text runs no action
        await settle(pilot)
        assert app.is_running


async def test_rename_delete_and_search_sessions():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        await pilot.press("r")
        await settle(pilot)
        field = app.screen.query_one("#title", Input)
        assert field.value == "Second opinion"
        field.value = "Renamed"
        await pilot.press("enter")
        await settle(pilot)
        assert table.get_row_at(0)[1].plain == "Renamed"
        await pilot.press("down", "d")  # Northwind
        await settle(pilot)
        await pilot.click("#no")
        await settle(pilot)
        assert table.row_count == 3
        await pilot.press("d")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert table.row_count == 2
        assert "Northwind Logistics" not in [table.get_row_at(i)[0].plain for i in range(2)]
        await pilot.press("slash", *"acme", "enter")
        await settle(pilot)
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == ["Acme Retail"]
        await pilot.press("slash", *"zzz")
        await pilot.pause(0.4)
        await settle(pilot)
        assert table.row_count == 0 and app.screen.query_one("#sessions-empty").display


async def test_a_store_that_cannot_open_leaves_the_app_up():
    def broken():
        raise RuntimeError("database is locked")

    app = make_app()
    app.store_factory = broken
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SessionsScreen)
        assert any(sev == "error" and "database is locked" in msg for sev, msg in app.notices)
        assert "sessions unavailable" in app.status.render().plain
        await pilot.press("ctrl+n")  # refused politely
        assert any("could not be opened" in msg for _, msg in app.notices)


async def test_an_unexpected_worker_error_is_a_notification():
    store = FakeSessionStore(samples=True)
    store.open = lambda session_id: object()  # not a session: entering it fails
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SessionsScreen)
        assert any(sev == "error" and "Something went wrong" in msg for sev, msg in app.notices)


async def test_command_palette_offers_every_action():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {
            "New session",
            "Sessions",
            "Search sessions",
            "Rename session",
            "Delete session",
            "Help",
            "Quit",
        } <= titles
        app.open_session("s001")
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Export", "Results", "Cancel reply", "Toggle side panel"} <= titles
        await pilot.press("ctrl+p")
        await pilot.press(*"export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportScreen"


def test_importing_the_app_loads_textual_only():
    code = (
        "import sys, tui.app; heavy = [m for m in ('langgraph', 'langchain_core', 'qdrant_client', "
        "'agent.session', 'agent.events', 'agent.contract.events', 'pydantic', 'tools') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
