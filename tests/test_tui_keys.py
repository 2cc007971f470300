"""Keys in the interface go where the user means them: typed text to the answer box, a choice only
when picked, the New-session dialog started with Enter, the client renamed, the conversation paged
from the keyboard, unsent text kept by the real entry point."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from fake_session import FakeSessionStore
from tui.screens.interview import InterviewScreen
from tui.screens.sessions import SessionsScreen
from tui.widgets.conversation import Conversation
from tui.widgets.question_panel import QuestionPanel
from tui_helpers import make_app, send, settle, until_laid_out


def pending(app):
    return app.screen.query_one(QuestionPanel).question


async def at_size_question(pilot) -> None:
    """A new session answered up to the head-count question (a list of choices, not buttons)."""
    pilot.app.create_session("Assurances Horizon", None)
    await settle(pilot)
    await send(pilot, "insurance")
    assert pending(pilot.app).id == "organization.size"
    assert pilot.app.screen.query_one("#q-options", OptionList)


async def test_typing_with_the_choice_list_focused_goes_to_the_answer_box_and_enter_picks_nothing():
    store = FakeSessionStore()
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await at_size_question(pilot)
        options = app.screen.query_one("#q-options", OptionList)
        options.focus()
        await pilot.pause()
        await pilot.press("enter")  # nothing was picked: no answer is recorded
        await settle(pilot)
        assert pending(app).id == "organization.size"
        options.focus()
        await pilot.pause()
        await pilot.press(*"about 9000 people")
        prompt = app.screen.query_one("#prompt", Input)
        assert app.screen.focused is prompt and prompt.value == "about 9000 people"
        prompt.value = "large"
        await pilot.press("enter")
        await settle(pilot)
        assert store.open(app.session.info.id).profile().organization.size == "large"
        assert pending(app).id == "organization.objectives"


async def test_a_choice_moved_to_and_picked_is_recorded():
    app = make_app(FakeSessionStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await at_size_question(pilot)
        app.screen.query_one("#q-options", OptionList).focus()
        await pilot.press("down", "enter")  # the first choice, picked explicitly
        await settle(pilot)
        assert pending(app).id == "organization.objectives"
        notes = [n.render().plain for n in app.screen.query(".msg.note")]
        assert any(n.startswith("✓ size: micro") for n in notes)


async def test_enter_in_the_client_field_starts_the_session():
    app = make_app(FakeSessionStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*"Cabinet Durand & Associés", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.info.client == "Cabinet Durand & Associés"


async def test_the_client_name_can_be_corrected():
    store = FakeSessionStore(samples=True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        typo = next(i for i in store.list() if i.client == "Helix Pharma")
        table.move_cursor(row=table.get_row_index(typo.id))
        await pilot.press("r")
        await pilot.pause()
        client = app.screen.query_one("#client", Input)
        client.value = "Helix Pharma SA"
        client.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert store.open(typo.id).info.client == "Helix Pharma SA"
        assert store.open(typo.id).info.title == "Second opinion"


async def test_the_conversation_pages_from_the_keyboard_and_follows_again_at_the_bottom():
    app = make_app(FakeSessionStore())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.create_session("Clinique Saint-Roch", None)
        await settle(pilot)
        for question in ("what is RAG?", "why level 2?", "what comes next?"):
            await send(pilot, f"/ask {question}")
        conversation = app.screen.query_one(Conversation)
        await pilot.pause(0.1)
        assert conversation.max_scroll_y > 0 and conversation.scroll_y == conversation.max_scroll_y
        await pilot.press("pageup")  # the prompt has the focus: the page keys still scroll
        await pilot.pause(0.1)
        assert conversation.scroll_y < conversation.max_scroll_y
        await send(pilot, "/ask and the budget?")
        await pilot.pause(0.1)
        assert conversation.scroll_y < conversation.max_scroll_y  # scrolled up: left where it is
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause(0.1)
        await send(pilot, "/ask and the risks?")
        await until_laid_out(pilot)
        assert conversation.scroll_y == conversation.max_scroll_y  # back at the bottom: follows


def test_the_entry_point_keeps_unsent_text_in_the_data_directory(tmp_path: Path, monkeypatch):
    import advisor
    import tui.app
    from agent.settings import Settings

    seen = {}
    monkeypatch.setattr(tui.app, "run", lambda factory, options: seen.setdefault("options", options) and 0)
    settings = Settings(data_dir=tmp_path / "data", offline=True)
    advisor.open_interface(settings)
    assert seen["options"].drafts_dir == tmp_path / "data" / "drafts"
    assert seen["options"].offline is True


def test_advisor_without_a_command_opens_the_interface_the_root_gave_it(tmp_path: Path):
    from typer.testing import CliRunner

    from agent.cli import Interfaces, app

    opened = []
    result = CliRunner().invoke(
        app,
        [],
        obj=Interfaces(lambda settings: opened.append(settings) or 0),
        env={"ADVISOR_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.exit_code == 0 and opened[0].data_dir == tmp_path / "data"
    listed = CliRunner().invoke(app, ["--help"])
    assert all(command in listed.output for command in ("assess", "interview", "sessions", "kb"))
