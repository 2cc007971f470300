"""Start a session: the client's name (required) and a title."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.sanitize import one_line


class NewSessionScreen(ModalScreen[tuple[str, str | None] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("New session", "bold"), classes="dialog-title")
            yield Label("Client")
            yield Input(placeholder="e.g. Acme Retail", id="client")
            yield Label("Title (optional)")
            yield Input(placeholder="e.g. Discovery workshop", id="title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted, "#client")  # Enter starts the session: the title is optional
    @on(Input.Submitted, "#title")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        client = one_line(self.query_one("#client", Input).value, 120)
        title = one_line(self.query_one("#title", Input).value, 120) or None
        if not client:
            self.notify("Name the client first.", severity="warning", markup=False)
            self.query_one("#client", Input).focus()
            return
        self.dismiss((client, title))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
