"""The session API every interface talks to; `agent.sessions` implements it over LangGraph and
tests use a fake with the same shape (`tests/fake_session.py`).

All calls are synchronous and yield typed events as they happen; an interface runs them in a
worker thread. Nothing here raises on a model failure: a failed model call becomes a
`ModeChanged` to guided mode and the interview carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel

from agent.contract.events import Event, Message, Question, SessionInfo
from agent.contract.formats import ExportFormat
from knowledge.i18n import Language
from tools.assessment import Assessment
from tools.profile import Profile


class SessionStoreError(RuntimeError):
    """The sessions database cannot be used; the message says why, in one line."""


class SessionBusy(RuntimeError):
    """The session is being answered in another process."""


class StoreStatus(BaseModel):
    """For a status bar: the model, Ollama's state, guided mode, the knowledge base."""

    model: str | None = None
    ollama: str | None = None  # ready | not used (offline) | unreachable | model not pulled | ...
    guided: bool | None = None
    reason: str = ""
    kb: str | None = None


class Session(Protocol):
    @property
    def info(self) -> SessionInfo: ...

    def start(self) -> Iterator[Event]:
        """Begin, or resume where it stopped: ends with the pending question (or InterviewDone)."""
        ...

    def answer(self, text: str) -> Iterator[Event]:
        """Answer the pending question: a choice value, a number, yes/no, or free text.

        Text starting with "/" is a command (`agent.contract.commands`). A text ending with "?"
        that does not answer the question is treated as `/ask`.
        """
        ...

    def transcript(self) -> list[Message]:
        """The conversation so far, to redraw it when the session is reopened."""
        ...

    def pending_question(self) -> Question | None: ...

    def profile(self) -> Profile: ...

    def assessment(self) -> Assessment: ...

    def export(self, fmt: ExportFormat, path: Path, force: bool = False) -> Path:
        """Write the current assessment; refuses to overwrite unless `force` (FileExistsError)."""
        ...

    def close(self) -> None:
        """Leave the session (its answers are already saved); another process may then take it."""
        ...


class SessionStore(Protocol):
    def list(self, search: str | None = None) -> list[SessionInfo]: ...

    def create(
        self, client: str, title: str | None = None, seed: Profile | None = None, language: Language | None = None
    ) -> Session:
        """A new session in `language` (None: the store's, from the settings)."""
        ...

    def open(self, session_id: str) -> Session:
        """Raises KeyError for an unknown id (a unique prefix of an id is accepted)."""
        ...

    def rename(self, session_id: str, title: str, client: str | None = None) -> SessionInfo:
        """A new title, and a corrected client name when `client` is given."""
        ...

    def delete(self, session_id: str) -> None: ...

    def status(self) -> StoreStatus:
        """May run the model preflight once, so call it off the interface thread."""
        ...

    def close(self) -> None: ...


StoreFactory = Callable[[], SessionStore]


class InterfaceOptions(BaseModel):
    """What the composition root tells the interface besides the store: plain values only."""

    model: str | None = None
    offline: bool = False
    drafts_dir: Path | None = None  # unsent text is kept here; None keeps it in memory only
    export_dir: Path | None = None
    language: Language = "en"  # the interface's own words until a session says otherwise


StoreState = Literal["loading", "ready", "error"]
