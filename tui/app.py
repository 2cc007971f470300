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
from tui.palette import system_commands
from tui.sanitize import one_line
from tui.screens.sessions import SessionsScreen
from tui.widgets.status_bar import Status, StatusBar
from tui.words import N_, Relabelled, words

if TYPE_CHECKING:
    from agent.contract import Assessment, InterfaceOptions, Session, SessionInfo, SessionStore, StoreFactory
    from agent.contract.language import Language

CLOSE_WAIT = 2.0  # seconds given to the store to close when quitting
T = TypeVar("T")


class Failed:
    """What a store call returns when it failed (and the user was told)."""


FAILED = Failed()


class AdvisorApp(Relabelled, App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "GenAI Advisor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        Binding("ctrl+n", "new_session", N_("New"), priority=True),
        Binding("ctrl+e", "export", N_("Export"), priority=True),
        Binding("f1", "help", N_("Help")),
    ]
    # Textual's own binding for the command palette, added by `App.__init__`.
    TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"), N_("Search for commands…"))

    def __init__(
        self,
        store_factory: StoreFactory,
        *,
        model: str | None = None,
        offline: bool = False,
        drafts_dir: Path | None = None,
        export_dir: Path | None = None,
        language: Language = "en",
    ) -> None:
        super().__init__()
        self.home_language: Language = language  # the user's; an open session's may differ
        self.language: Language = language
        self.keep_english_bindings()
        self.relabel_bindings(words(language))
        self.store_factory = store_factory
        self.agent_thread = AgentThread()
        self.status = Status(model=model, guided=True if offline else None, language=language)
        self.drafts = Drafts(drafts_dir)
        self.export_dir = export_dir
        self.store: SessionStore | None = None
        self.session: Session | None = None
        self.assessment: Assessment | None = None

    @property
    def gettext(self) -> Callable[[str], str]:
        """The interface's words in its current language."""
        return words(self.language)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.session is None:
            return False  # nothing to export: not offered in the footer
        return True

    def get_default_screen(self) -> Screen:
        return SessionsScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self.open_store)  # heavy imports wait for the first frame

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            _ = self.gettext
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    # --- language -----------------------------------------------------------------------------
    def set_language(self, language: Language) -> None:
        """Speak `language` from now on: every screen's words redrawn in place (drafts, answers
        and the conversation stay as they are)."""
        if language == self.language:
            return
        self.language = language
        self.status.language = language
        self.relabel_bindings(words(language))
        for screen in self.screen_stack:
            if isinstance(screen, Relabelled):
                screen.relabel()
        self.update_status()
        self.refresh_bindings()

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
            self.notify_error(N_("Could not open the sessions: {error}"), error, timeout=10)
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
            message = self.gettext("Could not read the model status: {error}").format(error=one_line(error, 200))
            self.notify(message, severity="warning", markup=False)
        self.update_status()

    def notify_error(self, message: str, error: object, timeout: float | None = None) -> None:
        """A notification of `message` (an English msgid with `{error}`) in the language."""
        _ = self.gettext
        text = _(message).format(error=one_line(error, 200))
        if timeout is None:
            self.notify(text, title=_("Error"), severity="error", markup=False)
        else:
            self.notify(text, title=_("Error"), severity="error", markup=False, timeout=timeout)

    async def _store_call(self, failure: str, call: Callable[[SessionStore], T]) -> T | Failed:
        """`call(store)` on the agent thread; `FAILED` (and the `failure` notification) on error."""
        store = self.store
        if store is None:
            self._store_not_ready()
            return FAILED
        try:
            return await self.agent_thread.call(call, store)
        except Exception as error:
            self.notify_error(failure, error)
            return FAILED

    @work(exclusive=True, group="store-list", exit_on_error=False)
    async def list_sessions(self, search: str | None = None) -> None:
        sessions = await self._store_call(N_("Could not list the sessions: {error}"), lambda store: store.list(search))
        if not isinstance(sessions, Failed):
            self._sessions_screen().show_sessions(sessions)

    @work(group="store", exit_on_error=False)
    async def open_session(self, session_id: str) -> None:
        session = await self._store_call(
            N_("Could not open the session: {error}"), lambda store: store.open(session_id)
        )
        if not isinstance(session, Failed):
            await self._enter(session)

    @work(group="store", exit_on_error=False)
    async def create_session(self, client: str, title: str | None, language: Language | None = None) -> None:
        session = await self._store_call(
            N_("Could not create the session: {error}"),
            lambda store: store.create(client, title, language=language or self.language),
        )
        if not isinstance(session, Failed):
            await self._enter(session)

    @work(group="store", exit_on_error=False)
    async def rename_session(self, session_id: str, title: str, client: str | None = None) -> None:
        await self._store_call(
            N_("Could not rename the session: {error}"), lambda store: store.rename(session_id, title, client)
        )
        self._sessions_screen().request_list()

    @work(group="store", exit_on_error=False)
    async def delete_session(self, session_id: str) -> None:
        deleted = await self._store_call(
            N_("Could not delete the session: {error}"), lambda store: store.delete(session_id)
        )
        if not isinstance(deleted, Failed):
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

        _ = self.gettext
        question = _("Delete “{session}” and its answers? This cannot be undone.").format(session=label)
        self.push_screen(ConfirmScreen(_("Delete session"), question, yes=_("Delete")), confirmed)

    async def _enter(self, session: Session) -> None:
        self.drafts.flush()
        await self._back_to_sessions()
        self._leave_session()
        self.session = session
        self.assessment = None
        self.status.session = one_line(f"{session.info.client} · {session.info.title}", 44)
        self.set_language(session.info.language)  # the session's own, whatever the list spoke
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
        _ = self.gettext
        if self.status.store == "error":
            message = _("The sessions could not be opened.")
        else:
            message = _("The session store is still opening.")
        self.notify(message, severity="warning", markup=False)

    # --- status -------------------------------------------------------------------------------
    def update_status(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query(StatusBar):
                bar.show(self.status)

    def set_mode(self, guided: bool, reason: str) -> None:
        """From a session's `ModeChanged`: guided (no model) or model-backed."""
        if guided and self.status.guided is False:
            _ = self.gettext
            self.notify(
                one_line(reason, 200) or _("The model is unavailable: guided mode."),
                title=_("Guided mode"),
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

        def chosen(result: tuple[str, str | None, Language] | None) -> None:
            if result:
                self.create_session(*result)

        from tui.screens.new_session import NewSessionScreen

        self.push_screen(NewSessionScreen(self.language), chosen)

    async def action_sessions(self) -> None:
        self.drafts.flush()
        await self._back_to_sessions()
        self._leave_session()
        self.session = None
        self.assessment = None
        self.status.session = None
        self.set_language(self.home_language)  # the list is the user's, in the user's language
        self.update_status()
        self.refresh_bindings()
        self._sessions_screen().request_list()

    def action_results(self) -> None:
        if self.assessment is None:
            message = self.gettext("No assessment yet: answer a few questions, or type /assess.")
            self.notify(message, severity="warning", markup=False)
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
            self.notify(self.gettext("Open a session to export its assessment."), severity="warning", markup=False)
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
        if self.session is not None:
            from tui.exporting import write_export

            await write_export(self, self.session, fmt, path, force)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The safety net: a worker that failed anyway is a notification, never a traceback."""
        if event.state == WorkerState.ERROR:
            self.notify_error(N_("Something went wrong: {error}"), event.worker.error)

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
        yield from system_commands(self, screen, super().get_system_commands(screen))


def run(store_factory: StoreFactory, options: InterfaceOptions) -> int:
    """Open the interface on the store `store_factory` builds; the exit code for the command line."""
    app = AdvisorApp(
        store_factory,
        model=options.model,
        offline=options.offline,
        drafts_dir=options.drafts_dir,
        export_dir=options.export_dir,
        language=options.language,
    )
    app.run()
    return app.return_code or 0
