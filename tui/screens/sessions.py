"""The first screen: sessions (client, title, level, last updated), search, new, resume, rename,
delete. It asks the app for every store call; the app runs them off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tui.sanitize import one_line, plain
from tui.widgets.status_bar import StatusBar
from tui.words import N_, Relabelled, language_of, words_for

if TYPE_CHECKING:
    from agent.contract import SessionInfo
    from tui.app import AdvisorApp

SEARCH_DELAY = 0.25
COLUMNS = {
    "client": N_("Client"),
    "title": N_("Title"),
    "level": N_("Level"),
    "status": N_("Status"),
    "updated": N_("Updated"),
}


class SessionsScreen(Relabelled, Screen):
    BINDINGS = [
        Binding("n", "app.new_session", N_("New"), show=False),
        Binding("r", "rename", N_("Rename")),
        Binding("d,delete", "delete", N_("Delete")),
        Binding("slash", "search", N_("Search")),
        Binding("escape", "focus_table", N_("Sessions"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.keep_english_bindings()
        self._infos: dict[str, SessionInfo] = {}
        self._search_timer: Any = None
        self._store_error: str | None = None
        self._listed = False  # whether the store has listed the sessions yet

    def compose(self) -> ComposeResult:
        _ = words_for(self)
        yield StatusBar(classes="status")
        yield Input(placeholder=_("Search by client or title…"), id="search")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(Content.styled(_("Opening the session store…"), "$text-muted"), id="sessions-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.relabel_bindings(words_for(self))
        self._add_columns()
        self.query_one("#sessions", DataTable).focus()

    def _add_columns(self) -> None:
        _ = words_for(self)
        table = self.query_one("#sessions", DataTable)
        for key, label in COLUMNS.items():
            table.add_column(Text(_(label)), key=key)

    def relabel(self) -> None:
        """The list in the app's language: headings, dates, messages (the selection stays)."""
        self.relabel_bindings(words_for(self))
        _ = words_for(self)
        self.query_one("#search", Input).placeholder = _("Search by client or title…")
        selected = self.selected_id
        self.query_one("#sessions", DataTable).clear(columns=True)
        self._add_columns()
        if self._store_error is not None:
            self.show_store_error(self._store_error)
        elif self._listed:
            self.show_sessions(list(self._infos.values()), selected)

    # --- what the app tells it ---------------------------------------------------------------
    @property
    def advisor(self) -> AdvisorApp:
        return cast("AdvisorApp", self.app)

    def show_sessions(self, sessions: list[SessionInfo], selected: str | None = None) -> None:
        from agent.contract.language import format_date  # the agent is loaded by now

        _ = words_for(self)
        language = language_of(self)
        table = self.query_one("#sessions", DataTable)
        selected = selected or self.selected_id
        self._listed = True
        self._infos = {info.id: info for info in sessions}
        table.clear()
        for info in sessions:
            table.add_row(  # rich Text, never markup: client and title are user text
                Text(one_line(info.client, 28)),
                Text(one_line(info.title, 30)),
                Text("—" if info.level is None else str(info.level), justify="center"),
                Text(_("done"), style="green")
                if info.status == "done"
                else Text(_("Q{number}").format(number=info.questions_asked)),
                # The day as the locale writes it, the time on 24 hours (as both locales do).
                Text(f"{format_date(info.updated, language, 'medium')} {info.updated:%H:%M}"),
                key=info.id,
            )
        if selected in self._infos:
            table.move_cursor(row=table.get_row_index(selected))
        empty = self.query_one("#sessions-empty", Static)
        searching = bool(self.query_one("#search", Input).value.strip())
        if searching:
            message = _("No session matches.")
        else:
            message = _("No sessions yet: press n (or ctrl+n) to start one.")
        empty.update(Content.styled(message, "$text-muted"))
        empty.display = not sessions

    def show_store_error(self, error: str) -> None:
        self._store_error = error
        empty = self.query_one("#sessions-empty", Static)
        _ = words_for(self)
        message = _("The session store could not be opened: {error}").format(error=error)
        empty.update(plain(message, "$error"))
        empty.display = True

    @property
    def selected_id(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not self._infos or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    # --- actions ----------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.advisor.open_session(event.row_key.value)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.request_list)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.request_list()
        self.query_one("#sessions", DataTable).focus()

    def request_list(self) -> None:
        self.advisor.list_sessions(self.query_one("#search", Input).value.strip() or None)

    def action_rename(self) -> None:
        session_id = self.selected_id
        if session_id is not None:
            info = self._infos[session_id]
            self.advisor.ask_rename(session_id, info.title, info.client)

    def action_delete(self) -> None:
        session_id = self.selected_id
        if session_id is not None:
            info = self._infos[session_id]
            self.advisor.ask_delete(session_id, f"{info.client} · {info.title}")
