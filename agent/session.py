"""Sessions over the interview graph: `SqliteSessionStore` and `GraphSession` implement the
`SessionStore` and `Session` protocols of `agent.session_api`.

One SQLite file in the user data directory (mode 0600) holds both LangGraph's checkpoints (one
thread per session) and a small `sessions` table of metadata, upgraded by `PRAGMA user_version`.
Every step is checkpointed synchronously (`durability="sync"`, WAL journal), so a crash or a kill
at any moment loses no answer already given: reopening the session continues at the pending
question. Going back is a fork of the thread from the checkpoint where the earlier question was
pending (LangGraph state history).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command, StateSnapshot

from agent.events import (
    AssessmentUpdated,
    Event,
    InterviewDone,
    Message,
    ModeChanged,
    Notice,
    Question,
    QuestionAsked,
    SessionInfo,
)
from agent.graph import build_graph
from agent.model import LanguageModel, ModelStatus, chat_model, preflight
from agent.nodes import follows_up, profile_events
from agent.questions import find as find_question
from agent.retrieval import KnowledgeBaseRetriever, Retriever
from agent.session_api import ExportFormat
from agent.session_lock import SessionClaims
from agent.settings import Settings
from agent.state import Context, message
from agent.understand import parse_command
from knowledge.methodology import load_methodology
from tools.assess import assess
from tools.assessment import Assessment
from tools.classify import staged_level
from tools.profile import Profile

AUTO: Any = object()  # "decide with a preflight": the default for the store's model

# Schema upgrades of the metadata table, applied in order; PRAGMA user_version counts them.
MIGRATIONS = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        title TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        level INTEGER,
        status TEXT NOT NULL DEFAULT 'in_progress',
        questions_asked INTEGER NOT NULL DEFAULT 0
    )""",
)
COLUMNS = "id, client, title, created, updated, level, status, questions_asked"


class SessionStoreError(RuntimeError):
    """The sessions database cannot be used; the message says why."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SqliteSessionStore:
    """Sessions in one SQLite file. `model`: AUTO (preflight Ollama unless offline), None (guided
    mode) or a `LanguageModel` (tests, benchmarks); `retriever`: the knowledge-base seam."""

    def __init__(self, settings: Settings | None = None, *, path: Path | str | None = None,
                 model: LanguageModel | None = AUTO, retriever: Retriever | None = None,
                 guided_reason: str = "no language model"):
        self.settings = settings or Settings()
        self.path = str(path) if path is not None else str(self.settings.sessions_db)
        self._model = model
        self._guided_reason = guided_reason
        self._model_decided = model is not AUTO
        self._decide_lock = threading.Lock()
        self.retriever = retriever or KnowledgeBaseRetriever(self.settings)
        self.model_status: ModelStatus | None = None
        self._team_db = None
        if path is None and self.settings.database_url:  # a team's PostgreSQL (postgres_sessions.py)
            from agent.postgres_sessions import PostgresSessionsDatabase

            self._team_db = PostgresSessionsDatabase(self.settings.database_url)
            self.path, self.claims, self._saver = self._team_db.path, self._team_db.claims, self._team_db.saver
            self.graph = build_graph(self._saver)
            return
        self._conn = self._connect()
        self.claims = SessionClaims(None if self.path == ":memory:" else Path(self.path).parent / "locks")
        self._saver = SqliteSaver(self._conn)
        self._lock = self._saver.lock  # one lock for every statement on the shared connection
        try:
            self._saver.setup()
            self._migrate()
        except sqlite3.Error as error:
            self._conn.close()
            raise SessionStoreError(_database_problem(self.path, error)) from None
        self.graph = build_graph(self._saver)

    # --- the database ------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            db = Path(self.path)
            try:
                db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                if not db.exists():
                    os.close(os.open(db, os.O_CREAT | os.O_WRONLY, 0o600))
                os.chmod(db, 0o600)
            except OSError as error:
                raise SessionStoreError(f"{db}: {error.strerror or error}") from None
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across a process kill
            conn.execute("PRAGMA busy_timeout=5000")
        except sqlite3.Error as error:
            raise SessionStoreError(_database_problem(self.path, error)) from None
        return conn

    def _migrate(self) -> None:
        with self._lock:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            for number, statement in enumerate(MIGRATIONS, 1):
                if number > version:
                    self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {number}")
            self._conn.commit()

    def _execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self._team_db is not None:
            return self._team_db.execute(sql, params)
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
            self._conn.commit()
            return rows

    @staticmethod
    def _info(row: tuple) -> SessionInfo:
        return SessionInfo(id=row[0], client=row[1], title=row[2], created=row[3], updated=row[4],
                           level=row[5], status=row[6], questions_asked=row[7])

    # --- the model -----------------------------------------------------------------------------

    def language_model(self) -> tuple[LanguageModel | None, str]:
        """The model sessions use, decided once per store: (model or None, why guided)."""
        with self._decide_lock:
            if not self._model_decided:
                self._model_decided = True
                if self.settings.offline:
                    self._model, self._guided_reason = None, "offline mode: no language model is used"
                else:
                    status = self.model_status = preflight(self.settings)
                    if status.ok:
                        chat = chat_model(self.settings, thinking="thinking" in status.capabilities)
                        self._model = LanguageModel(chat, self.settings,
                                                    can_call_tools="tools" in status.capabilities)
                    else:
                        hint = f" ({status.hint})" if status.hint else ""
                        self._model, self._guided_reason = None, status.reason + hint
                if isinstance(self.retriever, KnowledgeBaseRetriever):  # no dense search without Ollama
                    self.retriever.use_ollama = self._model is not None
            return self._model, self._guided_reason

    def status(self) -> dict[str, Any]:
        """For an interface's status bar: the model, Ollama's state, guided mode, the knowledge base.
        Runs the preflight if it has not run yet (up to a few seconds when Ollama is slow)."""
        import importlib.util

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
        return {"model": self.settings.model, "ollama": ollama, "guided": lm is None, "reason": reason,
                "kb": "on demand" if importlib.util.find_spec("qdrant_client") else "not installed"}

    # --- the SessionStore protocol ----------------------------------------------------------------

    def list(self, search: str | None = None) -> list[SessionInfo]:
        sql = f"SELECT {COLUMNS} FROM sessions"
        params: tuple = ()
        if search:
            sql += " WHERE client LIKE ? OR title LIKE ? OR id LIKE ?"
            like = f"%{search}%"
            params = (like, like, like)
        return [self._info(row) for row in self._execute(sql + " ORDER BY updated DESC, rowid DESC", params)]

    def create(self, client: str, title: str | None = None, seed: Profile | None = None) -> GraphSession:
        client = " ".join(client.split()) or "Unnamed client"
        profile = seed.model_copy(deep=True) if seed is not None else Profile()
        if profile.organization.name is None:
            profile.organization.name = client
        now = _now()
        info = SessionInfo(id=uuid.uuid4().hex[:12], client=client,
                           title=" ".join((title or "").split()) or f"{client}, {now:%Y-%m-%d}",
                           created=now, updated=now, level=staged_level(profile, load_methodology())[0])
        initial = {"profile": profile.model_dump(mode="json", exclude_none=True), "asked": [], "skipped": [],
                   "settled": [], "pending": None, "done": False, "transcript": []}
        if seed is not None:
            initial["transcript"] = [message("system", "Started from a profile: known answers are not asked again.")]
        self.graph.update_state(_config(info.id), initial, as_node="__start__")
        self._execute(f"INSERT INTO sessions ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (info.id, info.client, info.title, info.created.isoformat(), info.updated.isoformat(),
                       info.level, info.status, info.questions_asked))
        return GraphSession(self, info)

    def open(self, session_id: str) -> GraphSession:
        return GraphSession(self, self._find(session_id))

    def rename(self, session_id: str, title: str) -> SessionInfo:
        info = self._find(session_id)
        title = " ".join(title.split())
        if not title:
            raise ValueError("a title cannot be empty")
        self._execute("UPDATE sessions SET title = ?, updated = ? WHERE id = ?", (title, _now().isoformat(), info.id))
        return self._find(info.id)

    def delete(self, session_id: str) -> None:
        info = self._find(session_id)
        # Never pull a session from under a process that is answering it.
        self.claims.claim(info.id, f"{info.id} ({info.client})")
        self._saver.delete_thread(info.id)
        self._execute("DELETE FROM sessions WHERE id = ?", (info.id,))
        self.claims.release(info.id, forget=True)

    def close(self) -> None:
        if self._team_db is not None:
            self._team_db.close()
            return
        with self._lock:
            self._conn.close()
        self.claims.release_all()

    def __enter__(self) -> SqliteSessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _find(self, session_id: str) -> SessionInfo:
        """An exact id or a unique prefix of one; KeyError with a readable message otherwise."""
        wanted = session_id.strip()
        rows = self._execute(f"SELECT {COLUMNS} FROM sessions WHERE id = ?", (wanted,)) if wanted else []
        if not rows and wanted:
            rows = self._execute(f"SELECT {COLUMNS} FROM sessions WHERE id LIKE ? ORDER BY created",
                                 (wanted.replace("%", "").replace("_", "") + "%",))
        if not rows:
            raise KeyError(f"no session matches {session_id!r}")
        if len(rows) > 1:
            raise KeyError(f"{session_id!r} matches {len(rows)} sessions: " + ", ".join(r[0] for r in rows[:5]))
        return self._info(rows[0])

    def _save_info(self, info: SessionInfo) -> None:
        self._execute("UPDATE sessions SET updated = ?, level = ?, status = ?, questions_asked = ? WHERE id = ?",
                      (info.updated.isoformat(), info.level, info.status, info.questions_asked, info.id))


def _database_problem(path: str, error: sqlite3.Error) -> str:
    """One line that says what is wrong with the sessions file, not just that something is."""
    if isinstance(error, sqlite3.OperationalError):
        if "locked" in str(error):
            return f"{path}: the sessions database is locked by another process; try again in a moment"
        return f"{path}: cannot open the sessions database ({error})"
    return f"{path}: not a sessions database ({error})"


def _in_flight(snapshot: StateSnapshot) -> bool:
    """Steps remain: scheduled ones (`next`), or a step whose results were saved just before a
    crash but not yet applied - LangGraph lists it in `tasks` and no longer in `next`, and
    resuming with no input applies them and carries on."""
    return bool(snapshot.next or snapshot.tasks)


def _config(session_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": session_id}}


class GraphSession:
    """One interview: a LangGraph thread plus its metadata row."""

    def __init__(self, store: SqliteSessionStore, info: SessionInfo):
        self.info = info
        self._store = store
        self._graph = store.graph
        self._config = _config(info.id)
        self._context: Context | None = None
        self._announced = False

    # --- the Session protocol ----------------------------------------------------------------

    def start(self) -> Iterator[Event]:
        """Begin, or resume where it stopped: ends with the pending question (or InterviewDone)."""
        self._store.claims.claim(self.info.id, f"{self.info.id} ({self.info.client})")
        yield from self._announce()
        snapshot = self._snapshot()
        yield from profile_events(self.profile())
        if snapshot.interrupts:
            yield QuestionAsked(question=Question.model_validate(snapshot.interrupts[0].value))
        elif _in_flight(snapshot):  # a new session, or one stopped between two steps: carry on
            yield from self._run(None)
        else:
            yield self._done_event(snapshot)

    def answer(self, text: str) -> Iterator[Event]:
        self._store.claims.claim(self.info.id, f"{self.info.id} ({self.info.client})")
        yield from self._announce()
        context = self._ensure_context()
        context.turn_calls = 0
        command = parse_command(text)
        if command is not None and command.name == "back":
            yield from self._back(command.argument)
            return
        snapshot = self._snapshot()
        if not snapshot.interrupts and _in_flight(snapshot):
            # Stopped between two steps (a crash): the answer in hand may not be for the question
            # that comes next, so reach that question, show it, and let the respondent answer it.
            yield from self._run(None)
            yield Notice(text="The session resumed where it stopped: please answer the question above.")
            return
        if snapshot.interrupts:
            yield from self._run(Command(resume=text))
        elif follows_up(text):  # after the results: /ask, a question, /unknowns (the graph's)
            # The results stand as shown: a follow-up adds an answer, not a second InterviewDone.
            yield from (e for e in self._run({"last_input": text}) if not isinstance(e, InterviewDone))
        elif command is not None and command.name == "assess":
            yield AssessmentUpdated(assessment=self.assessment().model_dump(mode="json"))
        else:
            yield Notice(text="The interview is complete: ask questions with /ask, /unknowns answers what "
                              "was left unknown, /back changes the last answer, "
                              "/assess shows the assessment; export it with /export (ctrl+e) in the "
                              "interface or `advisor sessions export` on the command line.")

    def close(self) -> None:
        """Leave the session: another process may answer it from now on."""
        self._store.claims.release(self.info.id)

    def transcript(self) -> list[Message]:
        return [Message.model_validate(m) for m in self._snapshot().values.get("transcript", [])]

    def pending_question(self) -> Question | None:
        snapshot = self._snapshot()
        return Question.model_validate(snapshot.interrupts[0].value) if snapshot.interrupts else None

    def profile(self) -> Profile:
        return Profile.model_validate(self._snapshot().values.get("profile") or {})

    def export(self, fmt: ExportFormat, path: Path, force: bool = False) -> Path:
        from tools.export import render, write_export

        return write_export(render(self.assessment(), fmt), path, force)

    # --- beyond the protocol -------------------------------------------------------------------

    def assessment(self) -> Assessment:
        return assess(self.profile())

    @property
    def questions_asked(self) -> int:
        return len(self._snapshot().values.get("asked", []))

    @property
    def guided(self) -> bool:
        return self._ensure_context().guided

    @property
    def model_calls(self) -> int:
        lm = self._ensure_context().lm
        return lm.calls if lm is not None else 0

    # --- internals -----------------------------------------------------------------------------

    def _ensure_context(self) -> Context:
        if self._context is None:
            lm, reason = self._store.language_model()
            self._context = Context(lm=lm, retriever=self._store.retriever, client=self.info.client,
                                    guided_reason="" if lm is not None else reason)
        return self._context

    def _announce(self) -> Iterator[Event]:
        context = self._ensure_context()
        if self._announced:
            return
        self._announced = True
        if context.guided:
            yield ModeChanged(guided=True, reason=context.guided_reason)
        else:
            settings = self._store.settings
            yield ModeChanged(guided=False, reason=f"{settings.model} on {settings.ollama_host}")

    def _snapshot(self) -> StateSnapshot:
        return self._graph.get_state(self._config)

    def _run(self, graph_input: Any) -> Iterator[Event]:
        context = self._ensure_context()
        pending = None
        for mode, chunk in self._graph.stream(graph_input, self._config, stream_mode=["custom", "updates"],
                                              context=context, durability="sync"):
            if mode == "custom":
                yield chunk
            elif "__interrupt__" in chunk:
                pending = chunk["__interrupt__"][0].value
        snapshot = self._snapshot()
        self._refresh_info(snapshot)
        if pending is not None:
            yield QuestionAsked(question=Question.model_validate(pending))
        elif pending is None and not _in_flight(snapshot):
            yield self._done_event(snapshot)

    def _done_event(self, snapshot: StateSnapshot) -> InterviewDone:
        values = snapshot.values
        assessment = assess(Profile.model_validate(values.get("profile") or {}))
        return InterviewDone(assessment=assessment.model_dump(mode="json"), summary=values.get("summary", ""),
                             questions_asked=len(values.get("asked", [])))

    def _refresh_info(self, snapshot: StateSnapshot) -> None:
        values = snapshot.values
        profile = Profile.model_validate(values.get("profile") or {})
        self.info = self.info.model_copy(update={
            "updated": _now(), "level": staged_level(profile, load_methodology())[0],
            "status": "done" if values.get("done") and not _in_flight(snapshot) else "in_progress",
            "questions_asked": len(values.get("asked", []))})
        self._store._save_info(self.info)

    def _back(self, reference: str) -> Iterator[Event]:
        """Fork the thread from the checkpoint where an earlier question was pending."""
        snapshot = self._snapshot()
        asked: list[str] = snapshot.values.get("asked", [])
        if not asked:
            yield Notice(text="There is no earlier question to go back to.")
            yield from self._repeat_question(snapshot)
            return
        if reference:
            question = find_question(reference)
            if question is None or question.id not in asked:
                yield Notice(level="warning", text=f"No earlier question matches {reference!r}.")
                yield from self._repeat_question(snapshot)
                return
            target, position = question.id, asked.index(question.id)
        else:
            target, position = asked[-1], len(asked) - 1
        fork = self._checkpoint_asking(snapshot, target, position)
        if fork is None:
            yield Notice(level="warning", text="That question cannot be found in this session's history.")
            yield from self._repeat_question(snapshot)
            return
        undone = len(asked) - position
        note = (f"Back to question {position + 1}: {undone} answer{'s' if undone > 1 else ''} undone.")
        self._graph.update_state(fork.config, {"transcript": [message("system", note)]}, as_node="plan")
        yield Notice(text=note)
        yield from profile_events(Profile.model_validate(fork.values.get("profile") or {}))
        yield from self._run(None)

    def _checkpoint_asking(self, head: StateSnapshot, question_id: str, position: int) -> StateSnapshot | None:
        """The earliest checkpoint of the current branch where `question_id` was pending with
        `position` questions asked before it."""
        by_id = {s.config["configurable"]["checkpoint_id"]: s for s in self._graph.get_state_history(self._config)}
        found = None
        current: StateSnapshot | None = head
        while current is not None:
            values = current.values
            if len(values.get("asked", [])) < position:
                break  # the branch only grows: everything further back is older than the question
            if (current.next == ("ask",) and (values.get("pending") or {}).get("id") == question_id
                    and len(values.get("asked", [])) == position):
                found = current
            parent = (current.parent_config or {}).get("configurable", {}).get("checkpoint_id")
            current = by_id.get(parent)
        return found

    def _repeat_question(self, snapshot: StateSnapshot) -> Iterator[Event]:
        if snapshot.interrupts:
            yield QuestionAsked(question=Question.model_validate(snapshot.interrupts[0].value))


# The names the interfaces import: `from agent.session import SessionStore`.
SessionStore = SqliteSessionStore
Session = GraphSession


def open_store(settings: Settings | None = None, **options: Any) -> SqliteSessionStore:
    """The sessions of this user (`settings.sessions_db`); options as for `SqliteSessionStore`."""
    return SqliteSessionStore(settings, **options)

