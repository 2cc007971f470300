"""The export dialog: a format and a target path. It only collects them; the app writes the file
through `Session.export` (which refuses to overwrite unless told to, after a confirmation)."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from agent.contract import EXPORT_FORMATS, format_name
from tui.sanitize import one_line
from tui.words import N_, Relabelled, language_of, words_for, words_of

# Every format the exports render, in the registry's order (the contract lists them once).
FORMATS = {fmt: format_name(fmt) for fmt in EXPORT_FORMATS}


def suggested_name(client: str, fmt: str) -> str:
    """`<client>-genai-roadmap.<fmt>`, the client's name made safe for a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", one_line(client).lower()).strip("-")[:60] or "assessment"
    return f"{slug}-genai-roadmap.{fmt}"


class ExportScreen(Relabelled, ModalScreen[tuple[str, Path] | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, client: str, directory: Path | None = None, fmt: str = "md") -> None:
        super().__init__()
        self.keep_english_bindings()
        self._client = client
        self._directory = directory or Path.cwd()
        self._fmt = fmt

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        with Vertical(classes="dialog export"):
            yield Static(Content.styled(_("Export the assessment"), "bold"), classes="dialog-title")
            with RadioSet(id="formats"):
                names = words_of("reports", language_of(self))  # the exports name their formats
                for fmt, name in FORMATS.items():
                    yield RadioButton(names(name), value=fmt == self._fmt, id=f"fmt-{fmt}")
            yield Label(_("Write to"))
            yield Input(value=str(self._directory / suggested_name(self._client, self._fmt)), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        if path.suffix.lstrip(".") in FORMATS:  # follow the format unless the user named it otherwise
            path_input.value = str(path.with_suffix(f".{fmt}"))
        self._fmt = fmt

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            _ = words_for(self)
            self.notify(_("Give a file to write."), severity="warning", markup=False)
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._directory / path
        self.dismiss((self._fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
