"""The session API every interface talks to. `agent.session` implements it over LangGraph;
tests and the terminal interface may use a fake with the same shape.

All calls are synchronous and yield events as they happen; an interface runs them in a worker
thread. Nothing here raises on a model failure: a failed model call becomes a `ModeChanged` to
guided mode and the interview carries on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Protocol

from agent.events import Event, Message, Question, SessionInfo
from tools.profile import Profile

ExportFormat = Literal["json", "md", "html", "csv"]


class Session(Protocol):
    info: SessionInfo

    def start(self) -> Iterator[Event]:
        """Begin, or resume where it stopped: ends with the pending question (or InterviewDone)."""

    def answer(self, text: str) -> Iterator[Event]:
        """Answer the pending question: a choice value, a number, yes/no, or free text.

        Text starting with "/" is a command: `/skip`, `/back`, `/assess`, `/ask QUESTION`,
        `/help`. A text ending with "?" that does not answer the question is treated as `/ask`.
        """

    def transcript(self) -> list[Message]:
        """The conversation so far, to redraw it when the session is reopened."""

    def pending_question(self) -> Question | None: ...

    def profile(self) -> Profile: ...

    def export(self, fmt: ExportFormat, path: Path, force: bool = False) -> Path:
        """Write the current assessment; refuses to overwrite unless `force`."""

    def close(self) -> None:
        """Leave the session (its answers are already saved); another process may then take it."""


class SessionStore(Protocol):
    def list(self, search: str | None = None) -> list[SessionInfo]: ...

    def create(self, client: str, title: str | None = None, seed: Profile | None = None) -> Session: ...

    def open(self, session_id: str) -> Session:
        """Raises KeyError for an unknown id (a unique prefix of an id is accepted)."""

    def rename(self, session_id: str, title: str) -> SessionInfo: ...

    def delete(self, session_id: str) -> None: ...

    def status(self) -> dict[str, Any]:
        """For a status bar: `model`, `ollama`, `guided` (bool), `reason`, `kb`. May run the model
        preflight once, so call it off the interface thread."""

    def close(self) -> None: ...
