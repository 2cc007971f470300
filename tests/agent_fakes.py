"""Test doubles for the agent: a LangChain fake chat model that understands the advisor's four
kinds of prompts, with structured output and tool calls, and helpers to run sessions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import RunnableLambda
from pydantic import ValidationError

from agent import prompts
from agent.events import InterviewDone, Question, QuestionAsked
from agent.model import LanguageModel
from agent.retrieval import BuiltinRetriever
from agent.session import SqliteSessionStore
from agent.settings import Settings

Reply = AIMessage | str | BaseException


def kind_of(messages: list[BaseMessage]) -> str:
    """Which of the advisor's prompts this is: phrase, extract, answer or summary."""
    system = next((m.content for m in messages if m.type == "system"), "")
    return {
        prompts.PHRASE_SYSTEM: "phrase",
        prompts.EXTRACT_SYSTEM: "extract",
        prompts.ANSWER_SYSTEM: "answer",
        prompts.SUMMARY_SYSTEM: "summary",
    }.get(system, "other")


def default_reply(kind: str, messages: list[BaseMessage]) -> Reply:
    if kind == "phrase":
        question = messages[-1].content.rsplit("Question to rewrite: ", 1)[-1]
        return f"So, tell me: {question}"
    if kind == "extract":
        return json.dumps({"understood": False, "value": None, "follow_up": "Could you say how far it has gone?"})
    if kind == "answer":
        return "RAG retrieves the organisation's own passages at question time [1]."
    if kind == "summary":
        return "A model-written summary of the assessment."
    return "ok"


class FakeAdvisorChat(GenericFakeChatModel):
    """GenericFakeChatModel driven by a responder instead of a fixed list, with the structured
    output and tool binding the stock fakes refuse. Every call is recorded in `calls`."""

    responder: Callable[[str, list[BaseMessage]], Reply | None] | None = None
    calls: list[tuple[str, list[BaseMessage]]] = []
    disable_streaming: bool = True

    def __init__(self, responder: Callable[[str, list[BaseMessage]], Reply | None] | None = None, **kwargs: Any):
        super().__init__(messages=iter(()), responder=responder, calls=[], **kwargs)

    def _reply(self, messages: list[BaseMessage]) -> AIMessage:
        kind = kind_of(messages)
        self.calls.append((kind, list(messages)))
        reply = self.responder(kind, messages) if self.responder else None
        if reply is None:
            reply = default_reply(kind, messages)
        if isinstance(reply, BaseException):
            raise reply
        return reply if isinstance(reply, AIMessage) else AIMessage(content=reply)

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._reply(messages))])

    def bind_tools(self, tools: Any, **kwargs: Any) -> FakeAdvisorChat:  # type: ignore[override]
        return self

    def with_structured_output(
        self, schema: Any, *, method: str = "json_schema", include_raw: bool = False, **kwargs: Any
    ) -> Any:
        def run(messages: list[BaseMessage]) -> Any:
            raw = self._reply(messages)
            try:
                parsed, error = schema.model_validate_json(raw.content), None
            except (ValidationError, ValueError) as problem:
                parsed, error = None, problem
            if include_raw:
                return {"raw": raw, "parsed": parsed, "parsing_error": error}
            if error is not None:
                raise error
            return parsed

        return RunnableLambda(run)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.calls]


def extract_value(value: Any) -> str:
    return json.dumps({"understood": True, "value": value, "follow_up": None})


def offline_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=tmp_path / "data", offline=True, **overrides)


def store_for(tmp_path: Path, chat: FakeAdvisorChat | None = None, **options: Any) -> SqliteSessionStore:
    settings = offline_settings(tmp_path)
    model = LanguageModel(chat, settings) if chat is not None else None
    return SqliteSessionStore(settings, model=model, retriever=options.pop("retriever", BuiltinRetriever()), **options)


def last_question(events: Iterable[Any]) -> tuple[Question | None, list[Any]]:
    """The last question asked in `events` (None if the interview ended), and all events."""
    seen = list(events)
    question = None
    for event in seen:
        if isinstance(event, QuestionAsked):
            question = event.question
        elif isinstance(event, InterviewDone):
            question = None
    return question, seen


def say(session: Any, text: str) -> list[Any]:
    """Answer and run the turn to its end (`answer` is a generator: nothing happens unread)."""
    return list(session.answer(text))


def answer_all(
    session: Any, answers: dict[str, str], default: str = "I don't know", limit: int = 40
) -> tuple[Question | None, list[Any]]:
    """Answer each pending question from `answers` (by question id) until the interview ends."""
    question, seen = last_question(session.start())
    everything = list(seen)
    for _ in range(limit):
        if question is None:
            break
        question, seen = last_question(session.answer(answers.get(question.id, default)))
        everything += seen
    return question, everything
