"""F1: keys, commands and what each screen does."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

from agent.contract import COMMANDS
from tui.words import N_, Gettext, Relabelled, language_of, words, words_for, words_of

INTRO = N_(
    "**GenAI Advisor.** An interview about the organisation leads to its **maturity level**, the **use cases** "
    "worth doing on its value chain, a **strategy** and a **roadmap**."
)
KEYS = (
    N_("`ctrl+n` new session · `ctrl+o` back to the sessions"),
    N_("`ctrl+e` export the assessment · `ctrl+r` results"),
    N_("`ctrl+p` command palette: every action"),
    N_("`esc` cancel a reply being generated; close a dialog"),
    N_("`F1` this help · `ctrl+q` quit (answers are saved as you go)"),
    N_("`pageup` / `pagedown` scroll the conversation"),
)
CHOICES = N_("Choices can be clicked or typed; free text is always accepted.")
GUIDED = N_(
    "Without a language model the advisor runs in **guided mode**: the same questions, the same "
    "assessment, no free-form replies."
)


def help_text(language: str = "en") -> str:
    """The help in `language`, its commands from the contract (the one list both interfaces show;
    their summaries are the interview's words, in its catalogue)."""
    _: Gettext = words(language)
    summary = words_of("interview", language)
    commands = [f"- `{spec.usage}` {summary(spec.summary)}" for spec in COMMANDS if spec.name != "quit"]
    return "\n".join(
        [
            _(INTRO),
            "",
            "### " + _("Keys"),
            "",
            *(f"- {_(line)}" for line in KEYS),
            "",
            "### " + _("Commands in the interview"),
            "",
            *commands,
            "",
            _(CHOICES),
            _(GUIDED),
            "",
        ]
    )


class HelpScreen(Relabelled, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", N_("Close"))]

    def __init__(self) -> None:
        super().__init__()
        self.keep_english_bindings()

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        with Vertical(classes="dialog help"):
            with VerticalScroll():
                yield Markdown(help_text(language_of(self)))
            yield Button(_("Close"), id="close")

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
