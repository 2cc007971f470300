"""Yes / no before anything destructive (deleting a session, overwriting a file)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.sanitize import plain
from tui.words import N_, Relabelled, words_for


class ConfirmScreen(Relabelled, ModalScreen[bool]):
    """`title`, `message` and `yes` come in the app's language (the caller's words)."""

    BINDINGS = [Binding("escape", "answer(False)", N_("Cancel")), Binding("y", "answer(True)", N_("Yes"), show=False)]

    def __init__(self, title: str, message: str, yes: str | None = None) -> None:
        super().__init__()
        self.keep_english_bindings()
        self._title = title
        self._message = message
        self._yes = yes

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self._title, "bold"), classes="dialog-title")
            yield Static(plain(self._message))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes or _("Yes"), id="yes", variant="error")
                yield Button(_("Cancel"), id="no")

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
