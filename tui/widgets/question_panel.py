"""The pending question and its choices: buttons, a select list, a 1–5 scale or yes/no.

Free text is always accepted by the prompt below it; the panel only offers shortcuts. A choice
sends its `value` (what the profile stores), and the conversation shows its `label`.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from tui.sanitize import one_line, plain
from tui.widgets.side_panel import SECTION_LABELS
from tui.words import words_for

MAX_BUTTONS = 5
MAX_BUTTON_TEXT = 56  # total label length that still fits one row at 80 columns


class QuestionPanel(Vertical):
    class Chosen(Message):
        def __init__(self, value: str, label: str) -> None:
            super().__init__()
            self.value = value
            self.label = label

    class ResultsWanted(Message):
        pass

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question: Any | None = None
        self._values: list[tuple[str, str]] = []
        self._done = False

    def compose(self) -> ComposeResult:
        yield Static(id="q-header")
        yield Static(id="q-text")
        yield Static(id="q-help")
        yield Vertical(id="q-choices")

    def on_mount(self) -> None:
        self.display = False

    async def show(self, question: Any) -> None:
        """Show an `agent.events.Question`."""
        self.question = question
        self._done = False
        self.display = True
        self._header()
        self.query_one("#q-text", Static).update(plain(question.text))
        help_text = self.query_one("#q-help", Static)
        help_text.update(plain(question.help or "", "$text-muted"))
        help_text.display = bool(question.help)
        self._values = [(c.value, one_line(c.label, 60)) for c in question.choices]
        if question.kind == "scale" and not self._values:
            self._values = [(str(n), str(n)) for n in range(1, 6)]
        if question.kind == "yesno" and not self._values:
            _ = words_for(self)
            self._values = [("yes", _("Yes")), ("no", _("No"))]
        await self._mount_choices(question.kind)

    def _header(self) -> None:
        question = self.question
        if question is None:
            return
        _ = words_for(self)
        section = _(SECTION_LABELS[question.section]) if question.section in SECTION_LABELS else question.section
        number = _("Question {number}").format(number=question.number)
        self.query_one("#q-header", Static).update(Content.assemble((number, "bold $accent"), " · ", section))

    def relabel(self) -> None:
        """The panel's own words in the app's language (the question's are the session's: it asks
        again in its new language)."""
        _ = words_for(self)
        if self._done:
            self._show_done_words()
            for button in self.query("#q-results").results(Button):
                button.label = _("View results")
        else:
            self._header()
        for button in self.query("#q-send").results(Button):
            button.label = _("Send")

    def _show_done_words(self) -> None:
        _ = words_for(self)
        self.query_one("#q-header", Static).update(Content.styled(_("Interview complete"), "bold $success"))
        self.query_one("#q-text", Static).update(
            _("The assessment is ready. Ask follow-up questions below, or open the results.")
        )

    async def show_done(self) -> None:
        self.question = None
        self._done = True
        self.display = True
        self._show_done_words()
        self.query_one("#q-help", Static).display = False
        choices = self.query_one("#q-choices", Vertical)
        await choices.remove_children()
        _ = words_for(self)
        label = _("View results")
        await choices.mount(Button(label, id="q-results", variant="primary", compact=True))

    async def clear(self) -> None:
        self.question = None
        self._done = False
        self.display = False
        await self.query_one("#q-choices", Vertical).remove_children()

    async def _mount_choices(self, kind: str) -> None:
        choices = self.query_one("#q-choices", Vertical)
        await choices.remove_children()
        if not self._values or kind == "text":
            return
        labels = [label for _, label in self._values]
        if kind == "multi":
            selection = SelectionList[int](*[(Content(label), i) for i, label in enumerate(labels)], id="q-multi")
            _ = words_for(self)
            send = Button(_("Send"), id="q-send", variant="primary", compact=True)
            await choices.mount(selection, send)
        elif len(labels) <= MAX_BUTTONS and sum(len(x) + 4 for x in labels) <= MAX_BUTTON_TEXT:
            row = Horizontal(
                *[Button(Content(label), id=f"q-choice-{i}", compact=True) for i, label in enumerate(labels)],
                id="q-buttons",
            )
            await choices.mount(row)
        else:
            options = OptionList(*[Option(Content(label), id=str(i)) for i, label in enumerate(labels)], id="q-options")
            await choices.mount(options)
            options.highlighted = None  # Enter picks only a choice the user moved to, never a default

    def focus_choices(self) -> bool:
        """Move focus to the first choice; False when the question has none."""
        for widget in self.query("#q-choices Button, #q-choices OptionList, #q-choices SelectionList"):
            widget.focus()
            return True
        return False

    def _choose(self, indexes: list[int]) -> None:
        picked = [self._values[i] for i in indexes if 0 <= i < len(self._values)]
        if picked:
            self.post_message(self.Chosen(", ".join(v for v, _ in picked), ", ".join(label for _, label in picked)))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "q-results":
            self.post_message(self.ResultsWanted())
        elif button_id == "q-send":
            self._choose(sorted(self.query_one("#q-multi", SelectionList).selected))
        elif button_id.startswith("q-choice-"):
            self._choose([int(button_id.removeprefix("q-choice-"))])

    @on(OptionList.OptionSelected, "#q-options")
    def _option(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose([int(event.option.id or -1)])
