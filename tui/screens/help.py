"""F1: keys, commands and what each screen does."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

from agent.contract import COMMANDS

HELP = """\
**GenAI Advisor.** An interview about the organisation leads to its **maturity level**, the **use cases** worth
doing on its value chain, a **strategy** and a **roadmap**.

### Keys

- `ctrl+n` new session · `ctrl+o` back to the sessions
- `ctrl+e` export the assessment · `ctrl+r` results
- `ctrl+p` command palette: every action
- `esc` cancel a reply being generated; close a dialog
- `F1` this help · `ctrl+q` quit (answers are saved as you go)
- `pageup` / `pagedown` scroll the conversation

### Commands in the interview

{commands}

Choices can be clicked or typed; free text is always accepted.
Without a language model the advisor runs in **guided mode**: the same questions, the same
assessment, no free-form replies.
"""


def help_text() -> str:
    """The help, its commands from the contract (the one list both interfaces show)."""
    lines = [f"- `{spec.usage}` {spec.summary}" for spec in COMMANDS if spec.name != "quit"]
    return HELP.format(commands="\n".join(lines))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            with VerticalScroll():
                yield Markdown(help_text())
            yield Button("Close", id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
