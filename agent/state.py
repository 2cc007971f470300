"""The interview's graph state and runtime context.

The state is plain JSON (dicts, lists, strings, numbers) so every checkpoint is readable and
survives library upgrades; pydantic objects are dumped before they enter it. Things that are not
data — the model and the knowledge base — travel in the runtime `Context`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Annotated, Any, Literal, TypedDict

from agent.model import LanguageModel
from agent.retrieval import BuiltinRetriever, Retriever

Mode = Literal["model", "guided"]
RECENT_MESSAGES = 8  # the tail of the conversation the nodes see (the whole one is stored once, apart)
RECENT_TEXT = 2000  # characters of each of those messages


def recent(kept: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The transcript channel's reducer: the last few messages, each cut short, so a checkpoint
    never carries the whole conversation again (`agent.transcript` keeps it, once)."""
    tail = [*kept, *new][-RECENT_MESSAGES:]
    return [m if len(m.get("text", "")) <= RECENT_TEXT else {**m, "text": m["text"][:RECENT_TEXT]} for m in tail]


class InterviewState(TypedDict, total=False):
    profile: dict[str, Any]  # Profile.model_dump(mode="json", exclude_none=True), with evidence
    asked: list[str]  # ids of the questions asked (answered or skipped), in order
    skipped: list[str]  # ids answered "skip" or "don't know"
    settled: list[str]  # ids the planner found unable to change the conclusion
    pending: dict[str, Any] | None  # events.Question dump of the question awaiting an answer
    last_input: str  # what the respondent typed at the last interrupt
    transcript: Annotated[list[dict[str, Any]], recent]  # events.Message dumps: the recent tail
    mode: Mode  # how the last question was handled; announced to the interface
    stop_reason: str  # why the planner stopped
    summary: str  # the narrative summary, once presented
    done: bool


@dataclass
class Context:
    """What the nodes need besides the state. `lm` is None in guided mode."""

    lm: LanguageModel | None = None
    retriever: Retriever = field(default_factory=BuiltinRetriever)
    guided_reason: str = ""
    turn_calls: int = 0  # model calls in the current turn (one answer): the budget is one

    @property
    def guided(self) -> bool:
        return self.lm is None

    def go_guided(self, reason: str) -> None:
        self.lm = None
        self.guided_reason = reason


def message(role: Literal["advisor", "user", "system"], text: str) -> dict[str, Any]:
    return {"role": role, "text": text, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
