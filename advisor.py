"""The composition root: the `advisor` entry point builds the real session store and hands it to
the terminal interface, or runs the command line. It is the one module that knows every layer;
below it the arrows point one way (tui -> agent.contract; agent -> tools, knowledge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.contract import SessionStore, StoreFactory
    from agent.settings import Settings


def real_store_factory(settings: Settings | None = None) -> StoreFactory:
    """Builds this user's sessions store when called: on the interface's agent thread, after the
    first frame, since importing it loads LangGraph and friends."""

    def make_store() -> SessionStore:
        from agent.session_store import SqliteSessionStore
        from agent.settings import Settings

        return SqliteSessionStore(settings or Settings())

    return make_store


def open_interface(settings: Settings) -> int:
    """The Textual interface on this user's sessions; the exit code for the command line."""
    from agent.contract import InterfaceOptions
    from tui.app import run

    options = InterfaceOptions(
        model=settings.model, offline=settings.offline, drafts_dir=settings.drafts_dir, language=settings.language
    )
    return run(real_store_factory(settings), options)


def main() -> None:
    from agent.cli import main as command_line

    command_line(open_interface)


if __name__ == "__main__":
    main()
