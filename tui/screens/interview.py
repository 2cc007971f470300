"""The interview / chat screen: the conversation, the pending question with its choices, a prompt
that takes answers, questions and `/` commands, and a side panel that fills in live.

It renders session events and sends answers; what an answer means is the session's business.
"""

from __future__ import annotations

from contextlib import aclosing
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, OptionList, SelectionList, Static

from agent.contract import (
    COMMANDS,
    AnswerRecorded,
    Assessment,
    AssessmentUpdated,
    AssistantText,
    Event,
    InterviewDone,
    LanguageChanged,
    ModeChanged,
    Notice,
    ProfileUpdated,
    Question,
    QuestionAsked,
    Session,
    parse_command,
)
from tui.sanitize import one_line
from tui.widgets.conversation import Conversation
from tui.widgets.question_panel import QuestionPanel
from tui.widgets.side_panel import SidePanel
from tui.widgets.status_bar import StatusBar
from tui.words import N_, Relabelled, words_for, words_of

if TYPE_CHECKING:
    from tui.app import AdvisorApp

# The prompt's suggestions and hints: the contract's commands (quit is ctrl+q here).
PROMPT_COMMANDS = {f"/{spec.name}": spec.summary for spec in COMMANDS if spec.name != "quit"}
CANCEL_HINT_DELAY = 0.3  # seconds a reply runs before Esc is offered under the prompt
PLACEHOLDER = N_("Answer, ask a question, or / for commands")


def command_summary(summary: str, language: str) -> str:
    """A command's help line in `language`: the commands are the contract's, so are their words."""
    return words_of("interview", language)(summary)


class PromptInput(Relabelled, Input):
    """The prompt: Tab accepts the suggested `/` command, as in a shell."""

    BINDINGS = [Binding("tab", "complete", N_("Complete"), show=False)]

    def on_mount(self) -> None:
        self.keep_english_bindings()
        self.relabel()

    def relabel(self) -> None:
        _ = words_for(self)
        self.relabel_bindings(_)
        self.placeholder = _(PLACEHOLDER)

    def action_complete(self) -> None:
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


class InterviewScreen(Relabelled, Screen):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel reply"), show=False),  # offered under the prompt
        Binding("ctrl+r", "app.results", N_("Results")),
        Binding("ctrl+o", "app.sessions", N_("Sessions")),
        Binding("ctrl+b", "toggle_panel", N_("Panel"), show=False),
        Binding("pageup", "scroll_conversation(-1)", N_("Scroll up"), show=False),
        Binding("pagedown", "scroll_conversation(1)", N_("Scroll down"), show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.keep_english_bindings()
        self.session = session
        self.busy = False
        self.done = False
        self._run = 0
        self._open_results = False
        self._recorded: list[AnswerRecorded] = []
        self._hint_timer: Any = None
        self._cancel_offered = False

    @property
    def advisor(self) -> AdvisorApp:
        return cast("AdvisorApp", self.app)

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
                yield PromptInput(
                    select_on_focus=False,
                    suggester=SuggestFromList([*PROMPT_COMMANDS], case_sensitive=False),
                    id="prompt",
                )
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))
        prompt = self.query_one("#prompt", PromptInput)
        prompt.value = self.advisor.drafts.get(self.session_id)
        prompt.focus()
        self.query_one("#hint", Static).display = False
        self.converse(None)

    def relabel(self) -> None:
        """The chrome in the app's language; the conversation and what is typed stay as they are
        (the session asks its question again in its new language)."""
        self.relabel_bindings(words_for(self))
        self.query_one("#prompt", PromptInput).relabel()
        self.query_one(SidePanel).relabel()
        self.query_one(QuestionPanel).relabel()
        if self._cancel_offered:
            self._cancel_offered = False
            self._offer_cancel()
        else:
            self._show_hint(self.query_one("#prompt", PromptInput).value)

    # --- talking to the session ----------------------------------------------------------------
    @work(exclusive=True, group="agent", exit_on_error=False)
    async def converse(self, text: str | None) -> None:
        """Start (or resume) the session when `text` is None, else send `text` as an answer."""
        self._run += 1
        run = self._run
        self._set_busy(True)
        conversation = self.query_one(Conversation)
        recorded = False
        agent = self.advisor.agent_thread
        try:
            if text is None:
                await conversation.load(await agent.call(self.session.transcript))
            make = self.session.start if text is None else partial(self.session.answer, text)
            async with aclosing(agent.stream(make)) as events:
                async for event in events:
                    recorded = recorded or isinstance(event, AnswerRecorded | InterviewDone)
                    await self._show(event)
            await self._flush_recorded()
        except Exception as error:  # a failing session never takes the app down
            await conversation.cancel_stream()
            _ = words_for(self)
            message = _("The advisor hit an error: {error}").format(error=one_line(error, 200))
            self.notify(message, title=_("Error"), severity="error", markup=False)
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
            self.advisor.action_results()

    async def _show(self, event: Event) -> None:
        conversation = self.query_one(Conversation)
        if not isinstance(event, AnswerRecorded):
            await self._flush_recorded()
        match event:
            case AssistantText(final=True):
                await conversation.finish(event.text, event.sources)
            case AssistantText():
                await conversation.stream(event.text)
            case QuestionAsked():
                await self._show_question(event.question)
            case AnswerRecorded():
                self._recorded.append(event)  # said on one line with the others of this answer
            case ProfileUpdated():
                self.query_one(SidePanel).show_completeness(event.completeness)
            case AssessmentUpdated():
                self._set_assessment(event.assessment)
            case ModeChanged():
                self.advisor.set_mode(event.guided, event.reason)
            case LanguageChanged():
                self.advisor.set_language(event.language)
            case Notice():
                await conversation.add_note(event.text, event.level)
                if event.level != "info":
                    self.notify(one_line(event.text, 200), severity=event.level, markup=False)
            case InterviewDone():
                self.done = True
                self._set_assessment(event.assessment)
                await conversation.add_advisor(event.summary)
                await self.query_one(QuestionPanel).show_done()

    async def _flush_recorded(self) -> None:
        """What the answer recorded, as understood ("✓ size: large, sector: insurance"), with the
        way to correct it at once."""
        if self._recorded:
            shown = ", ".join(f"{r.name}: {one_line(r.shown, 60)}" for r in self._recorded)
            self._recorded = []
            _ = words_for(self)
            note = _("✓ {answers}  (/fix ANSWER corrects it)").format(answers=shown)
            await self.query_one(Conversation).add_note(note, "recorded")

    async def _show_question(self, question: Question) -> None:
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

    def _set_assessment(self, assessment: Assessment) -> None:
        self.advisor.assessment = assessment
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
            _ = words_for(self)
            cancels = _("cancels the reply")
            hint.update(Content.assemble(("esc", "bold $accent"), " ", (cancels, "$text-muted")))
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
        command = parse_command(text)
        if command is not None and (
            command.name in ("export", "quit") or (command.name == "help" and not command.argument.startswith("/"))
        ):
            event.input.value = ""  # the interface's own commands, never sent to the session
            if command.name == "export":
                self.advisor.action_export()
            elif command.name == "quit":
                self.app.exit()
            else:
                self.advisor.action_help()
            return
        if await self.send(text, text):
            event.input.value = ""

    @on(QuestionPanel.Chosen)
    async def _chosen(self, event: QuestionPanel.Chosen) -> None:
        self.query_one("#prompt", PromptInput).focus()  # the choice buttons are about to go
        await self.send(event.value, event.label)

    @on(QuestionPanel.ResultsWanted)
    def _results(self) -> None:
        self.advisor.action_results()

    async def send(self, value: str, shown: str) -> bool:
        """Send an answer; False (and nothing lost) while the advisor is still replying."""
        if self.busy:
            _ = words_for(self)
            message = _("The advisor is still replying: wait, or press Esc to cancel.")
            self.notify(message, severity="warning", markup=False)
            return False
        command = parse_command(value)
        self._open_results = command is not None and command.name == "assess"
        await self.query_one(Conversation).add_user(shown)
        self.converse(value)
        return True

    @on(Input.Changed, "#prompt")
    def _typed(self, event: Input.Changed) -> None:
        self.advisor.drafts.set(self.session_id, event.value)
        self._show_hint(event.value)

    def _show_hint(self, value: str) -> None:
        """Under the prompt: the `/` commands matching what is typed (unless Esc is offered)."""
        if self._cancel_offered:
            return
        hint = self.query_one("#hint", Static)
        word = value.strip().lower()
        matches = [
            (c, d)
            for c, d in PROMPT_COMMANDS.items()
            if word.startswith("/") and " " not in word and c.startswith(word)
        ]
        if matches:
            language = self.advisor.language
            hint.update(
                Content("   ").join(
                    Content.assemble((c, "bold $accent"), " ", (command_summary(d, language), "$text-muted"))
                    for c, d in matches
                )
            )
        hint.display = bool(matches)

    # --- actions ------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            self.workers.cancel_group(self, "agent")
            self._set_busy(False)
            # A cancelled turn can stop the graph between two steps: settle the session (start()
            # carries it to the pending question) so the next answer goes to the question shown.
            self.converse(None)

    def action_scroll_conversation(self, pages: int) -> None:
        """Page through the conversation from the keyboard; at the bottom again, it follows new
        messages again (Textual re-anchors a scrolled log when it reaches the end)."""
        conversation = self.query_one(Conversation)
        if pages < 0:
            conversation.scroll_page_up(animate=False)
        else:
            conversation.scroll_page_down(animate=False)

    def on_key(self, event: events.Key) -> None:
        """Typed text always goes to the answer box: a key the focused choice list or button did not
        use is typed into the prompt (a space still ticks a box in a pick-several list)."""
        prompt = self.query_one("#prompt", PromptInput)
        character = event.character
        if self.focused is prompt or not event.is_printable or character is None or character == " ":
            return
        if not isinstance(self.focused, Button | OptionList | SelectionList):
            return
        event.stop()
        event.prevent_default()
        prompt.focus()
        prompt.insert_text_at_cursor(character)

    def action_toggle_panel(self) -> None:
        side = self.query_one(SidePanel)
        side.display = not side.display
