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
from tui.words import N_, Relabelled, words_for


class RenameScreen(Relabelled, ModalScreen[tuple[str, str] | None]):
    """Dismisses with (title, client)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, client: str) -> None:
        super().__init__()
        self.keep_english_bindings()
        self._title = title
        self._client = client

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        with Vertical(classes="dialog"):
            yield Static(Content.styled(_("Rename session"), "bold"), classes="dialog-title")
            yield Label(_("Title"))
            yield Input(value=self._title, placeholder=_("Session title"), id="title")
            yield Label(_("Client"))
            yield Input(value=self._client, placeholder=_("Client name"), id="client")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Rename"), id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        title = one_line(self.query_one("#title", Input).value, 120)
        client = one_line(self.query_one("#client", Input).value, 120)
        _ = words_for(self)
        if not title:
            self.notify(_("A title cannot be empty."), severity="warning", markup=False)
        elif not client:
            self.notify(_("A client name cannot be empty."), severity="warning", markup=False)
        else:
            self.dismiss((title, client))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
