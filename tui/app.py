"""The Textual interface: `advisor` with no arguments.

It knows the agent only through the typed contract (`agent.contract`): the composition root
(`advisor.py`) hands it a store factory and plain options. Only Textual is imported when this
module loads, and of the screens only the first one: the others are imported when first opened.
The agent (LangGraph, Ollama, Qdrant) is imported by the store factory, which runs on the agent
thread after the first frame is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.agent_thread import AgentThread
from tui.drafts import Drafts
from tui.sanitize import one_line
from tui.screens.sessions import SessionsScreen
from tui.widgets.status_bar import Status, StatusBar

if TYPE_CHECKING:
    from agent.contract import Assessment, InterfaceOptions, Session, SessionInfo, SessionStore, StoreFactory

CLOSE_WAIT = 2.0  # seconds given to the store to close when quitting
T = TypeVar("T")


class Failed:
    """What a store call returns when it failed (and the user was told)."""


FAILED = Failed()


class AdvisorApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "GenAI Advisor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+n", "new_session", "New", priority=True),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("f1", "help", "Help"),
    ]

    def __init__(
        self,
        store_factory: StoreFactory,
        *,
        model: str | None = None,
        offline: bool = False,
        drafts_dir: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store_factory = store_factory
        self.agent_thread = AgentThread()
        self.status = Status(model=model, guided=True if offline else None)
        self.drafts = Drafts(drafts_dir)
        self.export_dir = export_dir
        self.store: SessionStore | None = None
        self.session: Session | None = None
        self.assessment: Assessment | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.session is None:
            return False  # nothing to export: not offered in the footer
        return True

    def get_default_screen(self) -> Screen:
        return SessionsScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self.open_store)  # heavy imports wait for the first frame

    # --- store --------------------------------------------------------------------------------
    @work(exclusive=True, group="store-open", exit_on_error=False)
    async def open_store(self) -> None:
        try:
            store = await self.agent_thread.call(self.store_factory)
            sessions = await self.agent_thread.call(store.list)
        except Exception as error:  # no store: the app stays up and says why
            self.status.store = "error"
            self.update_status()
            self._sessions_screen().show_store_error(one_line(error, 300))
            self.notify(
                f"Could not open the sessions: {one_line(error, 200)}",
                title="Error",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.store = store
        self.store_ready(sessions)
        self.fetch_status()

    def store_ready(self, sessions: list[SessionInfo]) -> None:
        """The app is interactive: sessions are listed (a hook for the benchmark too)."""
        self.status.store = "ready"
        self.update_status()
        self._sessions_screen().show_sessions(sessions)

    @work(exclusive=True, group="status", exit_on_error=False)
    async def fetch_status(self) -> None:
        if self.store is None:
            return
        try:
            self.status.absorb(await self.agent_thread.call(self.store.status))
        except Exception as error:
            self.notify(f"Could not read the model status: {one_line(error, 200)}", severity="warning", markup=False)
        self.update_status()

    async def _store_call(self, doing: str, call: Callable[[SessionStore], T]) -> T | Failed:
        """`call(store)` on the agent thread; `FAILED` (and a notification) on error."""
        store = self.store
        if store is None:
            self._store_not_ready()
            return FAILED
        try:
            return await self.agent_thread.call(call, store)
        except Exception as error:
            self.notify(f"Could not {doing}: {one_line(error, 200)}", title="Error", severity="error", markup=False)
            return FAILED

    @work(exclusive=True, group="store-list", exit_on_error=False)
    async def list_sessions(self, search: str | None = None) -> None:
        sessions = await self._store_call("list the sessions", lambda store: store.list(search))
        if not isinstance(sessions, Failed):
            self._sessions_screen().show_sessions(sessions)

    @work(group="store", exit_on_error=False)
    async def open_session(self, session_id: str) -> None:
        session = await self._store_call("open the session", lambda store: store.open(session_id))
        if not isinstance(session, Failed):
            await self._enter(session)

    @work(group="store", exit_on_error=False)
    async def create_session(self, client: str, title: str | None) -> None:
        session = await self._store_call("create the session", lambda store: store.create(client, title))
        if not isinstance(session, Failed):
            await self._enter(session)

    @work(group="store", exit_on_error=False)
    async def rename_session(self, session_id: str, title: str, client: str | None = None) -> None:
        await self._store_call("rename the session", lambda store: store.rename(session_id, title, client))
        self._sessions_screen().request_list()

    @work(group="store", exit_on_error=False)
    async def delete_session(self, session_id: str) -> None:
        if not isinstance(await self._store_call("delete the session", lambda store: store.delete(session_id)), Failed):
            self.drafts.set(session_id, "")
        self._sessions_screen().request_list()

    def ask_rename(self, session_id: str, title: str, client: str) -> None:
        def renamed(result: tuple[str, str] | None) -> None:
            if result:
                self.rename_session(session_id, result[0], result[1])

        from tui.screens.rename import RenameScreen

        self.push_screen(RenameScreen(title, client), renamed)

    def ask_delete(self, session_id: str, label: str) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.delete_session(session_id)

        from tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen("Delete session", f"Delete “{label}” and its answers? This cannot be undone.", yes="Delete"),
            confirmed,
        )

    async def _enter(self, session: Session) -> None:
        self.drafts.flush()
        await self._back_to_sessions()
        self._leave_session()
        self.session = session
        self.assessment = None
        self.status.session = one_line(f"{session.info.client} · {session.info.title}", 44)
        self.update_status()
        self.refresh_bindings()
        from tui.screens.interview import InterviewScreen

        await self.push_screen(InterviewScreen(session))

    def _leave_session(self) -> None:
        """Release the session being left, so another process may answer it (its answers are
        saved already). Closing only drops a file lock: safe from the interface thread."""
        if self.session is not None:
            self.session.close()

    async def _back_to_sessions(self) -> None:
        while not isinstance(self.screen, SessionsScreen) and len(self.screen_stack) > 1:
            await self.pop_screen()

    def _sessions_screen(self) -> SessionsScreen:
        return next(s for s in self.screen_stack if isinstance(s, SessionsScreen))

    def _store_not_ready(self) -> None:
        message = (
            "The sessions could not be opened."
            if self.status.store == "error"
            else "The session store is still opening."
        )
        self.notify(message, severity="warning", markup=False)

    # --- status -------------------------------------------------------------------------------
    def update_status(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query(StatusBar):
                bar.show(self.status)

    def set_mode(self, guided: bool, reason: str) -> None:
        """From a session's `ModeChanged`: guided (no model) or model-backed."""
        if guided and self.status.guided is False:
            self.notify(
                one_line(reason, 200) or "The model is unavailable: guided mode.",
                title="Guided mode",
                severity="warning",
                markup=False,
            )
        self.status.guided = guided
        self.status.reason = reason
        if not guided and self.status.ollama in (None, "offline", "unreachable", "unavailable"):
            self.status.ollama = "ready"
        elif guided and self.status.ollama == "ready":
            self.status.ollama = "unavailable"  # the model dropped mid-session
        self.update_status()

    # --- actions ------------------------------------------------------------------------------
    def action_new_session(self) -> None:
        if self.store is None:
            self._store_not_ready()
            return

        def chosen(result: tuple[str, str | None] | None) -> None:
            if result:
                self.create_session(*result)

        from tui.screens.new_session import NewSessionScreen

        self.push_screen(NewSessionScreen(), chosen)

    async def action_sessions(self) -> None:
        self.drafts.flush()
        await self._back_to_sessions()
        self._leave_session()
        self.session = None
        self.assessment = None
        self.status.session = None
        self.update_status()
        self.refresh_bindings()
        self._sessions_screen().request_list()

    def action_results(self) -> None:
        if self.assessment is None:
            self.notify("No assessment yet: answer a few questions, or type /assess.", severity="warning", markup=False)
            return
        from tui.screens.results import ResultsScreen

        if not isinstance(self.screen, ResultsScreen):
            self.push_screen(ResultsScreen(self.assessment))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_export(self) -> None:
        if self.session is None:
            self.notify("Open a session to export its assessment.", severity="warning", markup=False)
            return
        from tui.screens.export import ExportScreen

        if isinstance(self.screen, ExportScreen):
            return

        def chosen(result: tuple[str, Path] | None) -> None:
            if result:
                self.export(result[0], result[1])

        self.push_screen(ExportScreen(self.session.info.client, self.export_dir), chosen)

    @work(exclusive=True, group="export", exit_on_error=False)
    async def export(self, fmt: str, path: Path, force: bool = False) -> None:
        session = self.session
        if session is None:
            return
        if path.exists() and not force:
            if not await self._confirm_overwrite(path):
                return
            force = True
        while True:
            try:
                written = await self.agent_thread.call(session.export, fmt, path, force)
                break
            except FileExistsError as error:  # appeared since the check (ExportExists is one)
                if not force:
                    if not await self._confirm_overwrite(path):
                        return
                    force = True
                    continue
                self.notify(f"Export failed: {one_line(error, 200)}", title="Error", severity="error", markup=False)
                return
            except Exception as error:
                self.notify(f"Export failed: {one_line(error, 200)}", title="Error", severity="error", markup=False)
                return
        self.notify(f"Written {written}", title="Exported", markup=False, timeout=8)

    async def _confirm_overwrite(self, path: Path) -> bool:
        from tui.screens.confirm import ConfirmScreen

        confirm = ConfirmScreen("Overwrite?", f"{path} already exists. Replace it?", yes="Overwrite")
        replace: bool = await self.push_screen_wait(confirm)
        return replace

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The safety net: a worker that failed anyway is a notification, never a traceback."""
        if event.state == WorkerState.ERROR:
            self.notify(
                f"Something went wrong: {one_line(event.worker.error, 200)}",
                title="Error",
                severity="error",
                markup=False,
            )

    def on_unmount(self) -> None:
        """However the app ends: keep the drafts, close the store, end the agent thread."""
        self.drafts.flush()
        store = self.store
        closing = self.agent_thread.submit(store.close) if store is not None else None
        self.agent_thread.stop(0)
        if closing is not None:
            try:
                closing.result(timeout=CLOSE_WAIT)
            except Exception:  # a store that cannot close in time: answers were saved as given
                pass

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.screens.interview import InterviewScreen

        yield SystemCommand("New session", "Start an interview with a client (ctrl+n)", self.action_new_session)
        yield SystemCommand("Sessions", "List, search, resume, rename or delete sessions", self.action_sessions)
        if self.session is not None:
            yield SystemCommand(
                "Export", "Write the assessment as Markdown, HTML, JSON or CSV (ctrl+e)", self.action_export
            )
            yield SystemCommand("Results", "Maturity, use cases, strategy and roadmap (ctrl+r)", self.action_results)
        if isinstance(screen, InterviewScreen):
            yield SystemCommand("Cancel reply", "Stop the reply being generated (esc)", screen.action_cancel)
            yield SystemCommand(
                "Toggle side panel", "Show or hide the live assessment (ctrl+b)", screen.action_toggle_panel
            )
        if isinstance(screen, SessionsScreen):
            yield SystemCommand("Search sessions", "Filter by client or title (/)", screen.action_search)
            yield SystemCommand("Rename session", "Rename the selected session (r)", screen.action_rename)
            yield SystemCommand("Delete session", "Delete the selected session (d)", screen.action_delete)
        yield SystemCommand("Help", "Keys and commands (F1)", self.action_help)
        yield from super().get_system_commands(screen)


def run(store_factory: StoreFactory, options: InterfaceOptions) -> int:
    """Open the interface on the store `store_factory` builds; the exit code for the command line."""
    app = AdvisorApp(
        store_factory,
        model=options.model,
        offline=options.offline,
        drafts_dir=options.drafts_dir,
        export_dir=options.export_dir,
    )
    app.run()
    return app.return_code or 0
