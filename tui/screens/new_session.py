"""Start a session: the client's name (required), a title, and the language of the interview."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.sanitize import one_line
from tui.words import N_, Relabelled, words_for

if TYPE_CHECKING:
    from agent.contract.language import Language

# Each language in its own name, as language menus show them.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


class NewSessionScreen(Relabelled, ModalScreen[tuple[str, str | None, "Language"] | None]):
    """Dismisses with (client, title or None, language)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, language: Language = "en") -> None:
        super().__init__()
        self.keep_english_bindings()
        self._language = language

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        with Vertical(classes="dialog"):
            yield Static(Content.styled(_("New session"), "bold"), classes="dialog-title")
            yield Label(_("Client"))
            yield Input(placeholder=_("e.g. Acme Retail"), id="client")
            yield Label(_("Title (optional)"))
            yield Input(placeholder=_("e.g. Discovery workshop"), id="title")
            yield Label(_("Language of the interview"))
            with RadioSet(id="language"):
                for code, name in LANGUAGE_NAMES.items():
                    yield RadioButton(name, value=code == self._language, id=f"lang-{code}")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Start"), id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))

    @on(RadioSet.Changed, "#language")
    def _language_chosen(self, event: RadioSet.Changed) -> None:
        self._language = cast("Language", (event.pressed.id or "lang-en").removeprefix("lang-"))

    @on(Input.Submitted, "#client")  # Enter starts the session: the title is optional
    @on(Input.Submitted, "#title")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        client = one_line(self.query_one("#client", Input).value, 120)
        title = one_line(self.query_one("#title", Input).value, 120) or None
        if not client:
            _ = words_for(self)
            self.notify(_("Name the client first."), severity="warning", markup=False)
            self.query_one("#client", Input).focus()
            return
        self.dismiss((client, title, self._language))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
