"""The interview / chat screen: the conversation, the pending question with its choices, a prompt
that takes answers, questions and `/` commands, and a side panel that fills in live.

It renders session events and sends answers; what an answer means is the session's business.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import aclosing
from functools import partial
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Static

from tui.sanitize import one_line
from tui.widgets.conversation import Conversation
from tui.widgets.question_panel import QuestionPanel
from tui.widgets.side_panel import SidePanel
from tui.widgets.status_bar import StatusBar

COMMANDS = {
    "/ask": "ask the advisor a question",
    "/skip": "leave this question unanswered",
    "/back": "return to the previous question",
    "/assess": "assess now and show the results",
    "/done": "finish now and see the assessment",
    "/export": "export the assessment",
    "/help": "keys and commands",
}
LOCAL_COMMANDS = {"/export", "/help"}  # handled by the interface, not sent to the session
CANCEL_HINT_DELAY = 0.3  # seconds a reply runs before Esc is offered under the prompt


def with_assessments(events: Iterator[Any]) -> Iterator[tuple[Any, Any]]:
    """Runs on the agent thread: pairs each event with its validated `Assessment`, None when it
    carries none, or the `ValueError` that says why it could not be read."""
    try:
        for event in events:
            yield event, _assessment_of(event)
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()


def _assessment_of(event: Any) -> Any:
    data = getattr(event, "assessment", None)
    if not isinstance(data, dict):
        return data
    from tools.assessment import Assessment  # after the first frame, on the agent thread

    try:
        return Assessment.model_validate(data)
    except ValueError as error:  # not shown, said once; the interview goes on
        return error


class PromptInput(Input):
    """The prompt: Tab accepts the suggested `/` command, as in a shell."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def action_complete(self) -> None:
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


class InterviewScreen(Screen):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel reply", show=False),  # offered under the prompt
        Binding("ctrl+r", "app.results", "Results"),
        Binding("ctrl+o", "app.sessions", "Sessions"),
        Binding("ctrl+b", "toggle_panel", "Panel", show=False),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session
        self.busy = False
        self.done = False
        self._run = 0
        self._open_results = False
        self._unreadable = False
        self._hint_timer: Any = None
        self._cancel_offered = False

    @property
    def session_id(self) -> str:
        return self.session.info.id

    def compose(self) -> ComposeResult:
        yield StatusBar(classes="status")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Conversation(id="conversation")
                yield QuestionPanel(id="question")
                yield Static(id="hint")
                yield PromptInput(placeholder="Answer, ask a question, or / for commands",
                                  suggester=SuggestFromList([*COMMANDS], case_sensitive=False),
                                  id="prompt")
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        prompt = self.query_one("#prompt", PromptInput)
        prompt.value = self.app.drafts.get(self.session_id)
        prompt.focus()
        self.query_one("#hint", Static).display = False
        self.converse(None)

    # --- talking to the session ----------------------------------------------------------------
    @work(exclusive=True, group="agent", exit_on_error=False)
    async def converse(self, text: str | None) -> None:
        """Start (or resume) the session when `text` is None, else send `text` as an answer."""
        self._run += 1
        run = self._run
        self._set_busy(True)
        conversation = self.query_one(Conversation)
        recorded = False
        agent = self.app.agent_thread
        try:
            if text is None:
                await conversation.load(await agent.call(self.session.transcript))
            make = self.session.start if text is None else partial(self.session.answer, text)
            async with aclosing(agent.stream(lambda: with_assessments(make()))) as events:
                async for event, assessment in events:
                    recorded = recorded or event.type in ("answer", "done")
                    await self._show(event, assessment)
        except Exception as error:  # a failing session never takes the app down
            await conversation.cancel_stream()
            self.notify(f"The advisor hit an error: {one_line(error, 200)}", title="Error",
                        severity="error", markup=False)
            if text is not None and not recorded:
                self._restore(text)
        except BaseException:  # cancelled (Esc, a newer answer, or the screen closing)
            await conversation.cancel_stream()
            raise
        finally:
            if run == self._run:
                self._set_busy(False)
        if self._open_results:
            self._open_results = False
            self.app.action_results()

    async def _show(self, event: Any, assessment: Any) -> None:
        conversation = self.query_one(Conversation)
        kind = getattr(event, "type", None)
        if kind == "assistant":
            if event.final:
                await conversation.finish(event.text, event.sources)
            else:
                await conversation.stream(event.text)
        elif kind == "question":
            await self._show_question(event.question)
        elif kind == "answer":
            # The value as understood ("production"), not the keystrokes that chose it ("4").
            value = event.value
            understood = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            shown = "skipped" if value is None else one_line(understood, 60)
            await conversation.add_note(f"✓ {event.field}: {shown}", "recorded")
        elif kind == "profile":
            self.query_one(SidePanel).show_completeness(event.completeness)
        elif kind == "assessment":
            self._set_assessment(assessment)
        elif kind == "mode":
            self.app.set_mode(event.guided, event.reason)
        elif kind == "notice":
            await conversation.add_note(event.text, event.level)
            if event.level != "info":
                self.notify(one_line(event.text, 200), severity=event.level, markup=False)
        elif kind == "done":
            self.done = True
            self._set_assessment(assessment)
            await conversation.add_advisor(event.summary)
            await self.query_one(QuestionPanel).show_done()
        # other event types (newer sessions) are ignored rather than failing

    async def _show_question(self, question: Any) -> None:
        panel = self.query_one(QuestionPanel)
        current = panel.question
        repeated = current is not None and current.id == question.id and current.text == question.text
        conversation = self.query_one(Conversation)
        if not repeated and question.text != conversation.last_advisor_text:
            await conversation.add_advisor(question.text)
        self.done = False
        await panel.show(question)
        if self.focused is None:
            self.query_one("#prompt", PromptInput).focus()

    def _set_assessment(self, assessment: Any) -> None:
        if isinstance(assessment, ValueError):
            if not self._unreadable:
                self._unreadable = True
                self.notify(f"The assessment could not be read: {one_line(assessment, 160)}",
                            severity="warning", markup=False)
        elif assessment is not None:
            self.app.assessment = assessment
            self.query_one(SidePanel).show_assessment(assessment)

    def _set_busy(self, busy: bool) -> None:
        if busy == self.busy:
            return
        self.busy = busy
        if busy:  # Esc is offered once a reply takes long enough to be worth cancelling
            self._hint_timer = self.set_timer(CANCEL_HINT_DELAY, self._offer_cancel)
            return
        if self._hint_timer is not None:
            self._hint_timer.stop()
            self._hint_timer = None
        if self._cancel_offered:
            self._cancel_offered = False
            self.query_one("#prompt", PromptInput).remove_class("-busy")
            self._show_hint(self.query_one("#prompt", PromptInput).value)

    def _offer_cancel(self) -> None:
        self._hint_timer = None
        if self.busy and not self._cancel_offered:
            self._cancel_offered = True
            self.query_one("#prompt", PromptInput).add_class("-busy")  # not the whole screen
            hint = self.query_one("#hint", Static)
            hint.update(Content.assemble(("esc", "bold $accent"), " ", ("cancels the reply", "$text-muted")))
            hint.display = True

    def _restore(self, text: str) -> None:
        prompt = self.query_one("#prompt", PromptInput)
        if not prompt.value:
            prompt.value = text
            prompt.cursor_position = len(text)

    # --- input --------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    async def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        command = text.split()[0].lower()
        if command in LOCAL_COMMANDS:
            event.input.value = ""
            if command == "/export":
                self.app.action_export()
            else:
                self.app.action_help()
            return
        if await self.send(text, text):
            event.input.value = ""

    @on(QuestionPanel.Chosen)
    async def _chosen(self, event: QuestionPanel.Chosen) -> None:
        self.query_one("#prompt", PromptInput).focus()  # the choice buttons are about to go
        await self.send(event.value, event.label)

    @on(QuestionPanel.ResultsWanted)
    def _results(self) -> None:
        self.app.action_results()

    async def send(self, value: str, shown: str) -> bool:
        """Send an answer; False (and nothing lost) while the advisor is still replying."""
        if self.busy:
            self.notify("The advisor is still replying: wait, or press Esc to cancel.",
                        severity="warning", markup=False)
            return False
        self._open_results = value.split()[0].lower() == "/assess"
        await self.query_one(Conversation).add_user(shown)
        self.converse(value)
        return True

    @on(Input.Changed, "#prompt")
    def _typed(self, event: Input.Changed) -> None:
        self.app.drafts.set(self.session_id, event.value)
        self._show_hint(event.value)

    def _show_hint(self, value: str) -> None:
        """Under the prompt: the `/` commands matching what is typed (unless Esc is offered)."""
        if self._cancel_offered:
            return
        hint = self.query_one("#hint", Static)
        word = value.strip().lower()
        matches = [(c, d) for c, d in COMMANDS.items() if word.startswith("/") and " " not in word
                   and c.startswith(word)]
        if matches:
            hint.update(Content("   ").join(
                Content.assemble((c, "bold $accent"), " ", (d, "$text-muted")) for c, d in matches))
        hint.display = bool(matches)

    # --- actions ------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            self.workers.cancel_group(self, "agent")
            self._set_busy(False)
            # A cancelled turn can stop the graph between two steps: settle the session (start()
            # carries it to the pending question) so the next answer goes to the question shown.
            self.converse(None)

    def action_toggle_panel(self) -> None:
        side = self.query_one(SidePanel)
        side.display = not side.display
