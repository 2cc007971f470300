"""Rename a session: its title, and the client's name (a typo in it can be corrected)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.sanitize import one_line


class RenameScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (title, client)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, client: str) -> None:
        super().__init__()
        self._title = title
        self._client = client

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Rename session", "bold"), classes="dialog-title")
            yield Label("Title")
            yield Input(value=self._title, placeholder="Session title", id="title")
            yield Label("Client")
            yield Input(value=self._client, placeholder="Client name", id="client")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Rename", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        title = one_line(self.query_one("#title", Input).value, 120)
        client = one_line(self.query_one("#client", Input).value, 120)
        if not title:
            self.notify("A title cannot be empty.", severity="warning", markup=False)
        elif not client:
            self.notify("A client name cannot be empty.", severity="warning", markup=False)
        else:
            self.dismiss((title, client))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
