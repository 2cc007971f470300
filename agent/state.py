"""The interview's graph state and runtime context.

The state is plain JSON (dicts, lists, strings, numbers) so every checkpoint is readable and
survives library upgrades; pydantic objects are dumped before they enter it. Things that are not
data — the model and the knowledge base — travel in the runtime `Context`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypedDict

from agent.model import LanguageModel
from agent.retrieval import BuiltinRetriever, Retriever
from knowledge.i18n import SOURCE_LANGUAGE, Language

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
    offered: bool  # the skipped and unknown questions were offered before finishing
    reopen: list[str]  # ids to ask again, first (skipped ones the respondent chose to answer)
    revisit: list[str]  # ids to ask again even though answered (/back QUESTION), then the one pending


FIRST_PROBE = 5.0  # seconds after a failure before the model is tried again
MAX_PROBE = 120.0  # the backoff doubles up to this


@dataclass
class Context:
    """What the nodes need besides the state. `lm` is None in guided mode.

    A model that *failed* is kept aside (`suspended`) and probed again with backoff (5 s, 10 s,
    20 s … up to 2 min) at the start of the next turns; when it answers, `recover()` puts it back.
    A session guided from the start (offline, no server) has nothing to probe.
    Interfaces read `guided`, `guided_reason` and `next_probe_in()` for their status line."""

    lm: LanguageModel | None = None
    retriever: Retriever = field(default_factory=BuiltinRetriever)
    guided_reason: str = ""
    turn_calls: int = 0  # model calls in the current turn (one answer): the budget is one
    suspended: LanguageModel | None = None  # the model that failed, probed again with backoff
    probe_at: float = 0.0
    probe_delay: float = FIRST_PROBE
    clock: Callable[[], float] = time.monotonic
    recovered_at: float | None = None
    client: str | None = None  # the session's client: scopes the knowledge-base search to its documents
    # What the session speaks. Kept here, not in the state, so that going back to an earlier
    # checkpoint never brings the earlier language back (`/lang` holds until the next `/lang`).
    language: Language = SOURCE_LANGUAGE

    @property
    def guided(self) -> bool:
        return self.lm is None

    def go_guided(self, reason: str) -> None:
        if self.lm is not None:
            self.suspended = self.lm
            # A model that fails again soon after coming back (a server that lists its models
            # but cannot chat) keeps its longer wait instead of being probed every 5 s.
            recent = self.recovered_at is not None and self.clock() - self.recovered_at < MAX_PROBE
            self.probe_delay = min(self.probe_delay * 2, MAX_PROBE) if recent else FIRST_PROBE
            self.probe_at = self.clock() + self.probe_delay
        self.lm = None
        self.guided_reason = reason

    def next_probe_in(self) -> float | None:
        """Seconds until the failed model is tried again; None when there is nothing to try."""
        if self.suspended is None:
            return None
        return max(0.0, self.probe_at - self.clock())

    def recover(self) -> bool:
        """Probe the failed model if it is time; True when it answers and is back in use."""
        if self.suspended is None or self.clock() < self.probe_at:
            return False
        if self.suspended.probe():
            self.lm, self.suspended, self.guided_reason = self.suspended, None, ""
            self.recovered_at = self.clock()
            return True
        self.probe_delay = min(self.probe_delay * 2, MAX_PROBE)
        self.probe_at = self.clock() + self.probe_delay
        return False


def message(role: Literal["advisor", "user", "system"], text: str) -> dict[str, Any]:
    return {"role": role, "text": text, "at": datetime.now(UTC).isoformat(timespec="seconds")}
