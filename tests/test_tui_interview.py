"""Pilot tests: a whole guided interview on the fake session store, answered every way a user can."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Button, DataTable, Input, Markdown, OptionList, RadioButton, SelectionList

from fake_session import FakeSessionStore
from tui.screens.export import ExportScreen
from tui.screens.interview import InterviewScreen
from tui.screens.results import ResultsScreen
from tui.screens.sessions import SessionsScreen
from tui.widgets.conversation import Conversation
from tui.widgets.question_panel import QuestionPanel
from tui_helpers import make_app, send, settle


def conversation_text(app) -> str:
    parts = []
    for child in app.screen.query_one(Conversation).children:
        if isinstance(child, Markdown):
            parts.append(child.source)
        else:
            parts.append(child.render().plain)
    return "\n".join(parts)


def pending(app):
    return app.screen.query_one(QuestionPanel).question


async def test_sessions_listed_and_status_shown():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 3
        assert [table.get_row_at(i)[0].plain for i in range(3)] == [
            "Helix Pharma",
            "Northwind Logistics",
            "Acme Retail",
        ]
        status = app.status.render().plain
        assert "offline — guided mode" in status and "KB 312 passages" in status


async def test_whole_interview_every_way_of_answering(tmp_path: Path):
    store = FakeSessionStore()
    app = make_app(store, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # new session from the keyboard
        await pilot.press("ctrl+n")
        await pilot.press(*"Globex", "tab", *"Kick-off", "enter")  # typed fast: no key lost or misplaced
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert "Globex · Kick-off" in app.status.render().plain
        assert pending(app).id == "organization.sector"
        # free text, as the real interview's first question (the sector)
        await send(pilot, "insurance")
        assert pending(app).id == "organization.size"
        assert "✓ sector: insurance" in conversation_text(app)
        # select list (more choices than fit as buttons): keyboard
        app.screen.query_one("#q-options", OptionList).focus()
        await pilot.press("down", "down", "down", "down", "enter")  # nothing is highlighted at first
        await settle(pilot)
        assert pending(app).id == "organization.objectives"
        # multi: select list of checkboxes, then Send
        selection = app.screen.query_one("#q-multi", SelectionList)
        selection.select(1)
        selection.select(2)
        await pilot.click("#q-send")
        await settle(pilot)
        assert pending(app).id == "organization.regulated"
        # yes/no by button
        await pilot.click("#q-choice-0")
        await settle(pilot)
        assert pending(app).id == "value_chain.service.importance"
        assert app.screen.focused is app.screen.query_one("#prompt")
        # /back returns to the previous question, which is answered again by button
        await send(pilot, "/back")
        assert pending(app).id == "organization.regulated"
        app.screen.query_one("#q-choice-1", Button).press()
        await settle(pilot)
        # 1–5 scale by button
        await pilot.click("#q-choice-3")
        await settle(pilot)
        assert pending(app).id == "capabilities.public_llm_use"
        # /ask streams a reply and keeps the question pending
        await send(pilot, "/ask what is retrieval?")
        assert pending(app).id == "capabilities.public_llm_use"
        assert "You asked: what is retrieval?" in conversation_text(app)
        assert "Sources: Method notes › Levels" in conversation_text(app)
        # an unreadable answer gets a hint with the choices, as in the real session; the question stays
        await send(pilot, "sometimes")
        assert pending(app).id == "capabilities.public_llm_use"
        assert "I could not read 'sometimes' as an answer: please pick one" in conversation_text(app)
        # the side panel fills in as capabilities come
        await send(pilot, "production")
        assert app.assessment is not None and app.assessment.maturity.level == 2
        side = app.screen.query_one("#side-maturity").render().plain
        assert "Level 2 · Beginner" in side
        await send(pilot, "/skip")
        await send(pilot, "pilot")
        await send(pilot, "basic")
        assert app.screen.done
        assert app.screen.query_one("#q-results")
        profile = store.open(app.session.info.id).profile()
        assert profile.organization.sector == "insurance"
        assert profile.organization.size.value == "large"
        assert [o.value for o in profile.organization.objectives] == ["cost_reduction", "customer_experience"]
        assert profile.organization.regulated is False
        assert profile.value_chain["service"].importance == 4
        assert "llm_api_apps" not in profile.capabilities  # skipped
        # results: four tabs, from the button
        app.screen.query_one("#q-results", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#uc-table", DataTable)
        assert table.row_count == len(app.assessment.use_cases)
        await pilot.press("4")
        # export: dialog prefilled from the client's name, file written, notification with the path
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value == str(tmp_path / "globex-genai-roadmap.md")
        await pilot.click("#fmt-json")
        assert path_input.value.endswith("globex-genai-roadmap.json")
        await pilot.click("#ok")
        await settle(pilot)
        written = tmp_path / "globex-genai-roadmap.json"
        assert json.loads(written.read_text())["maturity"]["level"] == 2
        assert ("information", f"Written {written}") in app.notices
        # again: the overwrite is confirmed first
        written.write_text("old")
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#fmt-json", RadioButton).value = True
        app.screen.query_one("#ok", Button).press()
        await pilot.pause()  # the export worker now waits for the confirmation
        await pilot.click("#yes")
        await settle(pilot)
        assert written.read_text() != "old"


async def test_declined_overwrite_keeps_the_file(tmp_path: Path):
    app = make_app(export_dir=tmp_path)
    target = tmp_path / "acme-retail-genai-roadmap.md"
    target.write_text("keep me")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session("s001")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.click("#no")
        await settle(pilot)
        assert target.read_text() == "keep me"
        assert not any("Written" in msg for _, msg in app.notices)


async def test_slash_commands_complete_and_local_ones_open_screens():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session("s003")
        await settle(pilot)
        prompt = app.screen.query_one("#prompt", Input)
        await pilot.press("slash", "a")
        hint = app.screen.query_one("#hint").render().plain
        assert "/ask" in hint and "/assess" in hint and "/skip" not in hint
        await pilot.press("s", "tab")  # Tab takes the suggestion
        assert prompt.value == "/ask"
        assert app.screen.focused is prompt
        prompt.value = "/help"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(pilot)
        await send(pilot, "/assess")
        assert isinstance(app.screen, ResultsScreen)  # /assess opens the results
        await pilot.press("escape")
        await send(pilot, "/export")
        assert isinstance(app.screen, ExportScreen)


async def test_resumed_done_session_shows_its_state():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_session("s001")
        await settle(pilot)
        assert app.screen.done
        assert app.assessment is not None
        text = conversation_text(app)
        assert "Welcome." in text and "Is there a policy for the use of AI?" in text
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape", "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        assert app.session is None and app.status.session is None


async def test_use_cases_sort_by_header():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_session("s001")
        await settle(pilot)
        await pilot.press("ctrl+r", "2")
        await settle(pilot)
        table = app.screen.query_one("#uc-table", DataTable)
        column = table.columns["value"]
        table.post_message(DataTable.HeaderSelected(table, column.key, 3, column.label))
        await pilot.pause()
        values = [table.get_row_at(i)[3] for i in range(table.row_count)]
        assert values == sorted(values, reverse=True)  # value: highest first
        table.post_message(DataTable.HeaderSelected(table, column.key, 3, column.label))
        await pilot.pause()
        assert [table.get_row_at(i)[3] for i in range(table.row_count)] == sorted(values)
        app.screen.sort_use_cases("title")
        titles = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert titles == sorted(titles, key=str.lower)
        await pilot.press("escape")
        await send(pilot, "/assess")  # opens the results
        assert isinstance(app.screen, ResultsScreen) and app.assessment.maturity.level == 2
