"""The prompt budget and the deadline of every model call.

Each kind of call has a token budget for its prompt (system + human message), measured by the
server (`prompt_eval_count`, which ChatOllama reports as `usage_metadata.input_tokens`) and
kept before sending with a conservative estimate from the text length, so a 1.5B model on two
cores starts answering within seconds: at about 150 prompt tokens per second, every 100 tokens
cost 0.7 s before the first word.

| call kind | budget (tokens) | what fills it |
|---|---|---|
| phrase | 350 | the rules, the question, the client's name and the previous exchange (capped) |
| answer (`/ask`) | 700 | the rules, the advisor's key facts (at most three, capped), up to three short distinct passages (the client's facts instead of key facts when none apply), the question |
| summary | 650 | the rules and the assessment's facts |
| extract | the reading developer's | |

Measured with Qwen2.5's own tokenizer (the llama.cpp server's `/extras/tokenize`, plus about
five tokens a message for the chat template), the estimate runs 25-35 % above the real count:
`/ask` prompts come to 360-460 tokens (a 5,000-word question is cut to fit), phrasing to about
180, the summary to about 480 — on an idle 2-core machine at 150 tokens/s, 2.5-3 s before an
answer's first word and about 2 s for a phrased question.

A call also has an overall deadline (the settings' `ollama_timeout`): the HTTP timeout only
bounds the gap between two reads, so a server that drips empty chunks would otherwise hold the
interview for ever. The deadline is checked on every chunk the server sends.

Some servers (the measuring shim among them) report no prompt count on a streamed reply: the
bench then sends the same prompt once more unstreamed for one token, which a llama.cpp-based
server answers from its prompt cache, and records that count (`keep_prompts`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler

CallKind = Literal["phrase", "extract", "answer", "summary"]

BUDGETS: dict[str, int] = {"phrase": 350, "answer": 700, "summary": 650}
CHARS_PER_TOKEN = 3.2  # below what Qwen's tokenizer averages on English and French prose: errs on the safe side


def estimate_tokens(text: str) -> int:
    """A conservative estimate of the tokens `text` costs (plus a few per message for the template)."""
    return int(len(text) / CHARS_PER_TOKEN) + 8


def fit(text: str, max_tokens: int) -> str:
    """`text` cut at a word boundary so that it costs at most about `max_tokens`."""
    limit = max(0, int((max_tokens - 8) * CHARS_PER_TOKEN))
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


class DeadlineExceeded(TimeoutError):
    """The call ran past its overall deadline (`seconds`); said to the user by `agent.model`."""

    def __init__(self, seconds: float):
        super().__init__(f"the model did not finish within {seconds:g} s")
        self.seconds = seconds


class _QuietDeadline(logging.Filter):
    """LangChain logs a warning for every exception a callback raises, even one it is told to let
    through: the deadline is said to the user once, as the reason for guided mode."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "CallMeter" not in record.getMessage()


logging.getLogger("langchain_core.callbacks.manager").addFilter(_QuietDeadline())


@dataclass
class CallRecord:
    """One model call as the server saw it."""

    kind: str
    prompt_tokens: int | None = None  # the server's prompt_eval_count, when it reports one
    estimated_tokens: int = 0  # our estimate, made before sending
    first_token_s: float | None = None  # seconds to the first non-empty chunk
    total_s: float = 0.0
    ok: bool = True
    prompt: list[Any] = field(default_factory=list, repr=False)  # the messages, when `Usage.keep_prompts`


class CallMeter(BaseCallbackHandler):
    """Callbacks on one call: enforces the deadline on every chunk and records the timings and
    the prompt size the server reports. `raise_error` makes LangChain let our exception through,
    which closes the stream (and the HTTP response) where it is."""

    raise_error = True

    def __init__(self, record: CallRecord, deadline_s: float, clock: Callable[[], float] = time.monotonic):
        self.record = record
        self.clock = clock
        self.started = clock()
        self.deadline = self.started + deadline_s
        self.limit = deadline_s

    def on_llm_new_token(self, token: Any, *, run_id: UUID, **kwargs: Any) -> None:
        if token and self.record.first_token_s is None:
            self.record.first_token_s = self.clock() - self.started
        self.check()

    def check(self) -> None:
        if self.clock() > self.deadline:
            raise DeadlineExceeded(self.limit)

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self.record.total_s = self.clock() - self.started
        for generations in getattr(response, "generations", []):
            for generation in generations:
                usage = getattr(getattr(generation, "message", None), "usage_metadata", None)
                if usage and usage.get("input_tokens"):
                    self.record.prompt_tokens = int(usage["input_tokens"])


@dataclass
class Usage:
    """Every call a `LanguageModel` made, for `make bench` and tests."""

    records: list[CallRecord] = field(default_factory=list)
    keep_prompts: bool = False  # the bench re-counts the prompt of a streamed call the server did not count

    def of(self, kind: str) -> list[CallRecord]:
        return [r for r in self.records if r.kind == kind]
