"""The store of interview sessions: `SqliteSessionStore` implements the contract's `SessionStore`
over the sessions database (`agent.sessions_db`), the session lock (`agent.session_lock`) and the
interview graph; each session it opens is a `GraphSession` (`agent.graph_session`).
"""

from __future__ import annotations

import importlib.util
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from agent.contract import SessionInfo, SessionStoreError, StoreStatus
from agent.contract.text import one_line
from agent.graph import build_graph
from agent.graph_session import GraphSession, thread_config
from agent.model import LanguageModel, ModelStatus, chat_model, preflight
from agent.retrieval import KnowledgeBaseRetriever, Retriever
from agent.session_lock import SessionClaims
from agent.sessions_db import Row, SessionsBackend, SessionsDatabase
from agent.settings import Settings
from agent.state import message
from agent.transcript import Transcripts
from knowledge.i18n import SOURCE_LANGUAGE, Language, parse_language
from knowledge.locales import N_, gettext_for
from knowledge.methodology import load_methodology
from tools.classify import staged_level
from tools.profile import Profile

if TYPE_CHECKING:
    from agent.postgres_lock import PostgresClaims

AUTO: Any = object()  # "decide with a preflight": the default for the store's model
COLUMNS = "id, client, title, created, updated, level, status, questions_asked, language"
MAX_NAME = 200  # characters of a client name or title
OFFLINE = N_("offline mode: no language model is used")  # said in the session's language


def now() -> datetime:
    return datetime.now(UTC)


NOT_TEXT = {
    "client name": N_("the client name is not valid text (invalid UTF-8); type it again"),
    "title": N_("the title is not valid text (invalid UTF-8); type it again"),
}


def clean_name(text: str, what: Literal["client name", "title"], language: Language = SOURCE_LANGUAGE) -> str:
    """One line of readable text, or ValueError with a one-line reason in `language` (invalid
    UTF-8 from a terminal arrives as lone surrogates, which SQLite cannot store)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(gettext_for(language, "interview")(NOT_TEXT[what])) from None
    return one_line(text, MAX_NAME)  # terminal escapes and controls never reach the database


class SqliteSessionStore:
    """Sessions in one SQLite file. `model`: AUTO (preflight Ollama unless offline), None (guided
    mode) or a `LanguageModel` (tests, benchmarks); `retriever`: the knowledge-base seam;
    `language`: what new sessions speak unless `create` says otherwise (None: the settings')."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        path: Path | str | None = None,
        model: LanguageModel | None = AUTO,
        retriever: Retriever | None = None,
        guided_reason: str = "no language model",
        language: Language | None = None,
    ):
        self.settings = settings or Settings()
        self.language: Language = language or self.settings.language
        self.path = str(path) if path is not None else str(self.settings.sessions_db)
        self._model = model
        self._guided_reason = guided_reason
        self._model_decided = model is not AUTO
        self._decide_lock = threading.Lock()
        self.retriever = retriever or KnowledgeBaseRetriever(self.settings)
        self.model_status: ModelStatus | None = None
        if path is None and self.settings.database_url:  # a team's PostgreSQL (postgres_sessions.py)
            from agent.postgres_sessions import PostgresSessionsDatabase

            team = PostgresSessionsDatabase(self.settings.database_url)
            self.db: SessionsBackend = team
            self.path = team.path
            self.claims: SessionClaims | PostgresClaims = team.claims  # advisory locks, across machines
        else:
            local = SessionsDatabase(self.path)
            self.db = local
            try:
                self.claims = SessionClaims(local.file, local.holder_of, local.note_holder)
            except OSError as error:
                local.close()
                raise SessionStoreError(f"{self.path}: {error.strerror or error}") from None
        self.transcripts = Transcripts(self.db)
        self.graph = build_graph(self.db.saver)

    # --- the model -----------------------------------------------------------------------------

    def language_model(self) -> tuple[LanguageModel | None, str]:
        """The model sessions use, decided once per store: (model or None, why guided)."""
        with self._decide_lock:
            if not self._model_decided:
                self._model_decided = True
                if self.settings.offline:
                    self._model, self._guided_reason = None, OFFLINE
                else:
                    status = self.model_status = preflight(self.settings)
                    if status.ok:
                        chat = chat_model(self.settings, thinking="thinking" in status.capabilities)
                        self._model = LanguageModel(chat, self.settings, can_call_tools="tools" in status.capabilities)
                    else:
                        hint = f" ({status.hint})" if status.hint else ""
                        self._model, self._guided_reason = None, status.reason + hint
                if isinstance(self.retriever, KnowledgeBaseRetriever):  # no dense search without Ollama
                    self.retriever.use_ollama = self._model is not None
            return self._model, self._guided_reason

    def status(self) -> StoreStatus:
        """For an interface's status bar. Runs the preflight if it has not run yet (up to a few
        seconds when Ollama is slow)."""
        lm, reason = self.language_model()
        if self.settings.offline:
            ollama = "not used (offline)"
        elif lm is not None:
            ollama = "ready"
        elif self.model_status is not None and not self.model_status.reachable:
            ollama = "unreachable"
        elif self.model_status is not None and not self.model_status.model_present:
            ollama = "model not pulled"
        else:
            ollama = "unavailable"
        return StoreStatus(
            model=self.settings.model,
            ollama=ollama,
            guided=lm is None,
            reason=reason,
            kb="on demand" if importlib.util.find_spec("qdrant_client") else "not installed",
        )

    # --- the SessionStore protocol ----------------------------------------------------------------

    def list(self, search: str | None = None) -> list[SessionInfo]:
        sql = f"SELECT {COLUMNS} FROM sessions"
        params: tuple[str, ...] = ()
        if search:
            sql += " WHERE client LIKE ? OR title LIKE ? OR id LIKE ?"
            like = f"%{search}%"
            params = (like, like, like)
        return [_info(row) for row in self.db.execute(sql + " ORDER BY updated DESC, rowid DESC", params)]

    def create(
        self, client: str, title: str | None = None, seed: Profile | None = None, language: Language | None = None
    ) -> GraphSession:
        spoken = language or self.language
        _ = gettext_for(spoken, "interview")
        client = clean_name(client, "client name", spoken) or _("Unnamed client")
        title = clean_name(title or "", "title", spoken)
        profile = seed.model_copy(deep=True) if seed is not None else Profile()
        if profile.organization.name is None:
            profile.organization.name = client
        created = now()
        info = SessionInfo(
            id=uuid.uuid4().hex[:12],
            client=client,
            title=title or f"{client}, {created:%Y-%m-%d}",
            created=created,
            updated=created,
            level=staged_level(profile, load_methodology())[0],
            language=spoken,
        )
        initial: dict[str, Any] = {
            "profile": profile.model_dump(mode="json", exclude_none=True),
            "asked": [],
            "skipped": [],
            "settled": [],
            "pending": None,
            "done": False,
            "transcript": [],
        }
        self.graph.update_state(thread_config(info.id), initial, as_node="__start__")
        self.db.execute(
            f"INSERT INTO sessions ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                info.id,
                info.client,
                info.title,
                info.created.isoformat(),
                info.updated.isoformat(),
                info.level,
                info.status,
                info.questions_asked,
                info.language,
            ),
        )
        if seed is not None:
            self.transcripts.append(
                info.id, [message("system", _("Started from a profile: known answers are not asked again."))]
            )
        return GraphSession(self, info)

    def open(self, session_id: str) -> GraphSession:
        return GraphSession(self, self.find(session_id))

    def rename(self, session_id: str, title: str, client: str | None = None) -> SessionInfo:
        info = self.find(session_id)
        _ = gettext_for(self.language, "interview")
        title = clean_name(title, "title", self.language)
        if not title:
            raise ValueError(_("a title cannot be empty"))
        new_client = info.client if client is None else clean_name(client, "client name", self.language)
        if not new_client:
            raise ValueError(_("a client name cannot be empty"))
        self.db.execute(
            "UPDATE sessions SET title = ?, client = ?, updated = ? WHERE id = ?",
            (title, new_client, now().isoformat(), info.id),
        )
        return self.find(info.id)

    def delete(self, session_id: str) -> None:
        info = self.find(session_id)
        # Never pull a session from under a process that is answering it.
        self.claims.claim(info.id, f"{info.id} ({info.client})")
        self.db.saver.delete_thread(info.id)
        self.transcripts.delete(info.id)
        self.db.execute("DELETE FROM claims WHERE session_id = ?", (info.id,))
        self.db.execute("DELETE FROM sessions WHERE id = ?", (info.id,))
        self.claims.release(info.id)

    def close(self) -> None:
        self.claims.release_all()
        self.db.close()

    def __enter__(self) -> SqliteSessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- for the sessions it opens -------------------------------------------------------------

    def find(self, session_id: str) -> SessionInfo:
        """An exact id or a unique prefix of one; KeyError with a readable message otherwise."""
        wanted = session_id.strip()
        rows = self.db.execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", (wanted,)) if wanted else []
        if not rows and wanted:
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM sessions WHERE id LIKE ? ORDER BY created",
                (wanted.replace("%", "").replace("_", "") + "%",),
            )
        _ = gettext_for(self.language, "interview")
        if not rows:
            raise KeyError(_("no session matches {reference}").format(reference=repr(session_id)))
        if len(rows) > 1:
            raise KeyError(
                _("{reference} matches {count} sessions: {ids}").format(
                    reference=repr(session_id), count=len(rows), ids=", ".join(r[0] for r in rows[:5])
                )
            )
        return _info(rows[0])

    def save_info(self, info: SessionInfo) -> None:
        self.db.execute(
            "UPDATE sessions SET updated = ?, level = ?, status = ?, questions_asked = ?, language = ? WHERE id = ?",
            (info.updated.isoformat(), info.level, info.status, info.questions_asked, info.language, info.id),
        )


def _info(row: Row) -> SessionInfo:
    return SessionInfo(
        id=row[0],
        client=row[1],
        title=row[2],
        created=row[3],
        updated=row[4],
        level=row[5],
        status=row[6],
        questions_asked=row[7],
        language=_language(row[8]),
    )


def _language(stored: object) -> Language:
    """The stored language; a value this version does not speak (written by a newer one) reads as
    English rather than making the session unopenable."""
    try:
        return parse_language(str(stored or SOURCE_LANGUAGE))
    except ValueError:
        return SOURCE_LANGUAGE
