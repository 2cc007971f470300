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

if TYPE_CHECKING:
    from agent.contract import SessionInfo
    from tui.app import AdvisorApp

SEARCH_DELAY = 0.25


class SessionsScreen(Screen):
    BINDINGS = [
        Binding("n", "app.new_session", "New", show=False),
        Binding("r", "rename", "Rename"),
        Binding("d,delete", "delete", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("escape", "focus_table", "Sessions", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._infos: dict[str, SessionInfo] = {}
        self._search_timer: Any = None

    def compose(self) -> ComposeResult:
        yield StatusBar(classes="status")
        yield Input(placeholder="Search by client or title…", id="search")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(Content.styled("Opening the session store…", "$text-muted"), id="sessions-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for label, key in (
            ("Client", "client"),
            ("Title", "title"),
            ("Level", "level"),
            ("Status", "status"),
            ("Updated", "updated"),
        ):
            table.add_column(label, key=key)
        table.focus()

    # --- what the app tells it ---------------------------------------------------------------
    @property
    def advisor(self) -> AdvisorApp:
        return cast("AdvisorApp", self.app)

    def show_sessions(self, sessions: list[SessionInfo]) -> None:
        table = self.query_one("#sessions", DataTable)
        selected = self.selected_id
        self._infos = {info.id: info for info in sessions}
        table.clear()
        for info in sessions:
            table.add_row(  # rich Text, never markup: client and title are user text
                Text(one_line(info.client, 28)),
                Text(one_line(info.title, 30)),
                Text("—" if info.level is None else str(info.level), justify="center"),
                Text("done", style="green") if info.status == "done" else Text(f"Q{info.questions_asked}"),
                Text(info.updated.strftime("%Y-%m-%d %H:%M")),
                key=info.id,
            )
        if selected in self._infos:
            table.move_cursor(row=table.get_row_index(selected))
        empty = self.query_one("#sessions-empty", Static)
        searching = bool(self.query_one("#search", Input).value.strip())
        empty.update(
            Content.styled(
                "No session matches." if searching else "No sessions yet: press n (or ctrl+n) to start one.",
                "$text-muted",
            )
        )
        empty.display = not sessions

    def show_store_error(self, error: str) -> None:
        empty = self.query_one("#sessions-empty", Static)
        empty.update(plain(f"The session store could not be opened: {error}", "$error"))
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
