"""The interface on the real agent (`agent.session`), offline: a whole guided interview, answered
by button, select list and free text, with /ask and /back; results, export, quit and resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, OptionList, RadioButton, SelectionList

pytest.importorskip("agent.session")

from advisor import real_store_factory  # noqa: E402
from agent.settings import Settings  # noqa: E402
from tui.app import AdvisorApp  # noqa: E402
from tui.screens.interview import InterviewScreen  # noqa: E402
from tui.screens.results import ResultsScreen  # noqa: E402
from tui.widgets.question_panel import QuestionPanel  # noqa: E402
from tui_helpers import send, settle  # noqa: E402

MAX_QUESTIONS = 60


def offline_app(tmp_path: Path) -> AdvisorApp:
    settings = Settings(offline=True, data_dir=tmp_path / "data")
    return AdvisorApp(
        real_store_factory(settings),
        model=settings.model,
        offline=True,
        drafts_dir=settings.drafts_dir,
        export_dir=tmp_path,
    )


async def new_session(pilot, client: str, title: str = "") -> None:
    await pilot.press("ctrl+n")
    pilot.app.screen.query_one("#client", Input).value = client
    pilot.app.screen.query_one("#title", Input).value = title
    pilot.app.screen.query_one("#title", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


def question(app):
    return app.screen.query_one(QuestionPanel).question


async def answer_by_widget(pilot) -> None:
    """Answer the pending question with its own widgets where it has some, else in words."""
    screen = pilot.app.screen
    if screen.query("#q-buttons"):
        screen.query_one("#q-choice-0", Button).press()
    elif screen.query("#q-options"):
        options = screen.query_one("#q-options", OptionList)
        options.highlighted = 1
        options.action_select()
    elif screen.query("#q-multi"):
        screen.query_one("#q-multi", SelectionList).select(0)
        screen.query_one("#q-send", Button).press()
    else:
        await send(pilot, "Manual order entry and slow answers to customers")
    await settle(pilot)


async def test_whole_offline_interview_on_the_real_agent(tmp_path: Path):
    app = offline_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "offline — guided mode" in app.status.render().plain
        await new_session(pilot, "Acme Retail", "Workshop")
        assert isinstance(app.screen, InterviewScreen)
        first = question(app)
        assert first is not None
        # free text for the first answer, then /ask keeps it pending, /back returns to it
        await send(pilot, "/ask what is retrieval augmented generation?")
        assert question(app).id == first.id
        await send(pilot, "retail" if first.id == "organization.sector" else "Acme Retail")
        second = question(app)
        assert second.id != first.id
        await send(pilot, "/back")
        assert question(app).id == first.id
        await send(pilot, "retail" if first.id == "organization.sector" else "Acme Retail")
        for _ in range(MAX_QUESTIONS):
            if app.screen.done:
                break
            await answer_by_widget(pilot)
        assert app.screen.done and app.assessment is not None
        assert app.screen.query_one("#side-maturity").render().plain.startswith("Maturity\nLevel ")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#fmt-json", RadioButton).value = True
        app.screen.query_one("#ok", Button).press()
        await settle(pilot)
        exported = json.loads((tmp_path / "acme-retail-genai-roadmap.json").read_text())
        assert exported["maturity"]["level"] == app.assessment.maturity.level
        await pilot.press("ctrl+q")

    again = offline_app(tmp_path)
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        table = again.screen.query_one("#sessions", DataTable)
        assert table.get_row_at(0)[0].plain == "Acme Retail"
        assert table.get_row_at(0)[3].plain == "done"
        await pilot.press("enter")
        await settle(pilot)
        assert again.screen.done and again.assessment is not None
        assert again.screen.query(".msg.user")


async def test_quit_mid_interview_resumes_at_the_pending_question(tmp_path: Path):
    app = offline_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await new_session(pilot, "Initech")
        await send(pilot, "/skip")
        await answer_by_widget(pilot)
        pending = question(app)
        app.screen.query_one("#prompt", Input).value = "not sent yet"
        await pilot.press("ctrl+q")

    again = offline_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert question(again).id == pending.id
        assert again.screen.query_one("#prompt", Input).value == "not sent yet"
