"""One interview: `GraphSession` implements the contract's `Session` over a LangGraph thread, its
metadata row and its transcript rows.

Every step is checkpointed synchronously (`durability="sync"`, WAL journal), so a crash or a kill
at any moment loses no answer already given: reopening the session continues at the pending
question. Going back is in `agent.going_back`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.types import Command, StateSnapshot

from agent.contract import (
    AssessmentUpdated,
    Event,
    ExportFormat,
    InterviewDone,
    Message,
    ModeChanged,
    Notice,
    Question,
    QuestionAsked,
    SessionInfo,
    SessionStoreError,
    parse_command,
)
from agent.going_back import go_back
from agent.nodes import follows_up, profile_events
from agent.questions import find as find_question
from agent.sessions_db import database_problem
from agent.state import Context, message
from agent.switching import in_language, switch_language
from knowledge.i18n import Language
from knowledge.locales import N_, gettext_for
from knowledge.methodology import load_methodology
from tools.assess import assess
from tools.assessment import Assessment
from tools.classify import staged_level
from tools.profile import Profile

if TYPE_CHECKING:
    from agent.session_store import SqliteSessionStore

DONE_NOTICE = N_(
    "The interview is complete: ask questions with /ask, /unknowns answers what was left unknown, "
    "/back changes the last answer, /assess shows the assessment; "
    "export it with /export (ctrl+e) in the interface or `advisor sessions export` on the "
    "command line."
)
RESUMED = N_("The session resumed where it stopped: please answer the question above.")


def thread_config(session_id: str) -> RunnableConfig:
    return {"configurable": {"thread_id": session_id}}


def in_flight(snapshot: StateSnapshot) -> bool:
    """Steps remain: scheduled ones (`next`), or a step whose results were saved just before a
    crash but not yet applied - LangGraph lists it in `tasks` and no longer in `next`, and
    resuming with no input applies them and carries on."""
    return bool(snapshot.next or snapshot.tasks)


class GraphSession:
    """One interview: a LangGraph thread plus its metadata row and transcript."""

    def __init__(self, store: SqliteSessionStore, info: SessionInfo):
        self.info = info
        self.store = store
        self.graph = store.graph
        self.config = thread_config(info.id)
        self._context: Context | None = None
        self._announced = False

    # --- the Session protocol ----------------------------------------------------------------

    def start(self) -> Iterator[Event]:
        """Begin, or resume where it stopped: ends with the pending question (or InterviewDone)."""
        self._claim()
        yield from self._announce()
        snapshot = self.snapshot()
        yield from profile_events(self.profile(), self.info.language)
        if snapshot.interrupts:
            yield QuestionAsked(question=self._shown(snapshot.interrupts[0].value, snapshot))
        elif in_flight(snapshot):  # a new session, or one stopped between two steps: carry on
            yield from self.run(None)
        else:
            yield self._done_event(snapshot)

    def answer(self, text: str) -> Iterator[Event]:
        self._claim()
        yield from self._announce()
        context = self.context()
        context.turn_calls = 0
        command = parse_command(text)  # read once here; the graph sees the text as typed
        if command is not None and command.name == "lang":  # the session's, never the graph's
            yield from switch_language(self, command.argument)
            return
        if command is not None and command.name == "back":
            target = find_question(command.argument) if command.argument else None
            snapshot = self.snapshot()
            if target is not None and snapshot.interrupts and target.id in snapshot.values.get("asked", []):
                # `/back QUESTION`: the graph asks that one question again and keeps every other answer
                yield from self.run(Command(resume=text))
            else:
                yield from go_back(self, command.argument)
            return
        if command is not None and command.name == "fix":
            yield from self._fix(command.argument)
            return
        snapshot = self.snapshot()
        if not snapshot.interrupts and in_flight(snapshot):
            # Stopped between two steps (a crash): the answer in hand may not be for the question
            # that comes next, so reach that question, show it, and let the respondent answer it.
            yield from self.run(None)
            yield Notice(text=self._(RESUMED))
            return
        if snapshot.interrupts:
            yield from self.run(Command(resume=text))
        elif follows_up(text):  # after the results: /ask, a question, /unknowns (the graph's)
            # The results stand as shown: a follow-up adds an answer, not a second InterviewDone.
            yield from (e for e in self.run({"last_input": text}) if not isinstance(e, InterviewDone))
        elif command is not None and command.name == "assess":
            yield AssessmentUpdated(assessment=self.assessment())
        else:
            yield Notice(text=self._(DONE_NOTICE))

    def close(self) -> None:
        """Leave the session: another process may answer it from now on."""
        self.store.claims.release(self.info.id)

    def transcript(self) -> list[Message]:
        stored = self.store.transcripts.read(self.info.id)
        if stored:
            return stored
        # A session saved before transcripts had their own table: its state holds them all.
        return [Message.model_validate(m) for m in self.snapshot().values.get("transcript", [])]

    def pending_question(self) -> Question | None:
        snapshot = self.snapshot()
        return self._shown(snapshot.interrupts[0].value, snapshot) if snapshot.interrupts else None

    def profile(self) -> Profile:
        return Profile.model_validate(self.snapshot().values.get("profile") or {})

    def assessment(self) -> Assessment:
        """The assessment so far, its texts in the session's language."""
        return assess(self.profile(), language=self.info.language)

    def export(self, fmt: ExportFormat, path: Path, force: bool = False) -> Path:
        """The report in the session's language (refuses to overwrite unless `force`)."""
        from tools.export import export_file

        return export_file(self.assessment(), fmt, path, force, language=self.info.language)

    # --- beyond the protocol -------------------------------------------------------------------

    @property
    def questions_asked(self) -> int:
        return len(self.snapshot().values.get("asked", []))

    @property
    def guided(self) -> bool:
        return self.context().guided

    @property
    def model_calls(self) -> int:
        lm = self.context().lm
        return lm.calls if lm is not None else 0

    # --- for going back and the store ----------------------------------------------------------

    def context(self) -> Context:
        if self._context is None:
            lm, reason = self.store.language_model()
            self._context = Context(
                lm=lm,
                retriever=self.store.retriever,
                client=self.info.client,
                guided_reason="" if lm is not None else reason,
                language=self.info.language,
            )
        return self._context

    def speak(self, language: Language) -> None:
        """From now on the session speaks `language` (saved with the session at once)."""
        self.info = self.info.model_copy(update={"language": language})
        self.context().language = language
        self.store.save_info(self.info)

    def question_again(self, note_it: bool = False) -> Iterator[Event]:
        """The pending question once more, as the session speaks now (after `/lang`, a refusal
        to go back...); `note_it` writes it to the transcript too."""
        snapshot = self.snapshot()
        if snapshot.interrupts:
            question = self._shown(snapshot.interrupts[0].value, snapshot)
            if note_it:
                self.store.transcripts.append(self.info.id, [message("advisor", question.text)])
            yield QuestionAsked(question=question)

    def _(self, text: str) -> str:
        """`text` in the session's language (the interview's catalogue)."""
        return gettext_for(self.info.language, "interview")(text)

    def _shown(self, pending: Any, snapshot: StateSnapshot) -> Question:
        return in_language(pending, snapshot.values, self.info.language)

    def snapshot(self) -> StateSnapshot:
        return self.graph.get_state(self.config)

    def run(self, graph_input: Any) -> Iterator[Event]:
        """Advance the graph; its events as they come, then the next question (or the end)."""
        context = self.context()
        pending = None
        try:
            for part in self.graph.stream(
                graph_input, self.config, stream_mode=["custom", "updates"], context=context, durability="sync"
            ):
                mode, chunk = cast("tuple[str, Any]", part)  # several stream modes: (mode, chunk) pairs
                if mode == "custom":
                    yield chunk
                elif "__interrupt__" in chunk:
                    pending = chunk["__interrupt__"][0].value
                else:
                    self._keep_transcript(chunk)
        except sqlite3.Error as error:  # a full disk, a vanished file: one line, answers before it kept
            raise SessionStoreError(database_problem(self.store.path, error)) from None
        snapshot = self.snapshot()
        self._refresh_info(snapshot)
        if pending is not None:
            yield QuestionAsked(question=self._shown(pending, snapshot))
        elif not in_flight(snapshot):
            yield self._done_event(snapshot)

    def note(self, config: RunnableConfig, messages: list[dict[str, Any]], as_node: str) -> None:
        """Write `messages` to the state (as `as_node` did) and to the transcript."""
        self.graph.update_state(config, {"transcript": messages}, as_node=as_node)
        self.store.transcripts.append(self.info.id, messages)

    # --- internals -----------------------------------------------------------------------------

    def _claim(self) -> None:
        self.store.claims.claim(self.info.id, f"{self.info.id} ({self.info.client})")

    def _announce(self) -> Iterator[Event]:
        context = self.context()
        if self._announced:
            return
        self._announced = True
        if context.guided:
            yield ModeChanged(guided=True, reason=self._(context.guided_reason))  # known reasons translated
        else:
            settings = self.store.settings
            yield ModeChanged(guided=False, reason=f"{settings.model} on {settings.ollama_host}")

    def _keep_transcript(self, updates: dict[str, Any]) -> None:
        for update in updates.values():
            if isinstance(update, dict) and update.get("transcript"):
                self.store.transcripts.append(self.info.id, update["transcript"])

    def _fix(self, answer: str) -> Iterator[Event]:
        """`/fix ANSWER`: the last answer replaced at once (back one question, answer it again)."""
        yield from go_back(self, "")
        if answer and self.snapshot().interrupts:
            yield from self.run(Command(resume=answer))

    def _done_event(self, snapshot: StateSnapshot) -> InterviewDone:
        values = snapshot.values
        assessment = assess(Profile.model_validate(values.get("profile") or {}), language=self.info.language)
        return InterviewDone(
            assessment=assessment, summary=values.get("summary", ""), questions_asked=len(values.get("asked", []))
        )

    def _refresh_info(self, snapshot: StateSnapshot) -> None:
        values = snapshot.values
        profile = Profile.model_validate(values.get("profile") or {})
        self.info = self.info.model_copy(
            update={
                "updated": datetime.now(UTC),
                "level": staged_level(profile, load_methodology())[0],
                "status": "done" if values.get("done") and not in_flight(snapshot) else "in_progress",
                "questions_asked": len(values.get("asked", [])),
            }
        )
        self.store.save_info(self.info)
