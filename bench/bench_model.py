"""The model path with a real model, when one answers (`OLLAMA_HOST`, `ADVISOR_MODEL`): time to
the first token of `/ask` on the known-answer questions (tests/data/known_answers.yaml), the share
answered faithfully, the interview turn time, and the prompt tokens the server reports per call
kind against each kind's budget (agent/budget.py). Prints "no model" and measures nothing else
when none answers. Passages come from the built-in methodology data, so the figures do not depend
on the state of a knowledge base."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure

TURNS = {  # a short interview in the words people use
    "organization.sector": "we are a mid-size retailer, about 1,200 people",
    "capabilities.public_llm_use": "everyone uses ChatGPT or Copilot for drafting emails, it's daily routine now",
    "capabilities.llm_api_apps": "a couple of teams are trialling a chatbot we built on an API",
    "capabilities.rag": "no",
    "organization.objectives": "customer experience",
    "value_chain.key_functions": "marketing, service",
}


def run() -> list[Figure]:
    from agent.model import preflight
    from agent.settings import Settings

    settings = Settings()
    status = preflight(settings)
    if not status.ok:
        print(f"model path: no model ({status.reason})")
        return [
            Figure(
                area="model", name="a model answers (0: no model, nothing measured)", value=0, unit="", better="higher"
            )
        ]
    print(f"model path: {settings.model} on {settings.ollama_host}")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        first_tokens, faithful, replaced, records, n = _ask(settings, data)
        turns, turn_records = _turns(settings, data)
    records += turn_records
    figures = [
        Figure(
            area="model",
            name=f"/ask time to first token, median of {n} known questions",
            unit="s",
            value=statistics.median(first_tokens) if first_tokens else -1,
            target=5,
        ),
        Figure(area="model", name="/ask time to first token, max", unit="s", value=max(first_tokens, default=-1)),
        Figure(
            area="model",
            name="known questions answered faithfully by the model",
            unit="share",
            value=faithful / n,
            target=0.9,
            better="higher",
        ),
        Figure(area="model", name="model answers replaced by the advisor's own", unit="share", value=replaced / n),
        Figure(
            area="model",
            name=f"interview turn with the model, median of {len(turns)}",
            unit="s",
            value=statistics.median(turns),
            target=4,
        ),
        Figure(area="model", name="interview turn with the model, max", unit="s", value=max(turns)),
    ]
    figures += _prompt_figures(records)
    return figures


def _store(settings: Any, data: Path) -> Any:
    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore

    return SqliteSessionStore(
        settings.model_copy(update={"data_dir": data}), path=":memory:", retriever=BuiltinRetriever()
    )


def _ask(settings: Any, data: Path) -> tuple[list[float], int, int, list[Any], int]:
    from agent.events import AssistantText, Notice
    from bench.known_answers import judge, load_known_answers
    from tools.assess import assess
    from tools.profile_io import load_profile

    known = load_known_answers()
    seed = load_profile(known.client_path).model_copy(update={"governance": {}})  # a question stays pending
    store = _store(settings, data)
    session = store.create(seed.organization.name or "Client", seed=seed)
    list(session.start())
    assessment = assess(seed)
    first_tokens: list[float] = []
    faithful = replaced = 0
    for entry in known.questions:
        started, first, final, notices = time.perf_counter(), None, "", []
        for event in session.answer("/ask " + entry.question):
            if isinstance(event, AssistantText) and not event.final and first is None:
                first = time.perf_counter() - started
            elif isinstance(event, AssistantText) and event.final:
                final = event.text
            elif isinstance(event, Notice):
                notices.append(event.text)
        if first is not None:
            first_tokens.append(first)
        was_replaced = any("advisor's own answer" in n for n in notices)
        replaced += was_replaced
        if session.guided:
            break  # the model failed (its answer was not shown): the rest would measure nothing
        faithful += first is not None and not was_replaced and not judge(final, entry, assessment)
    lm = session.context().lm or session.context().suspended
    records = list(lm.usage.records) if lm is not None else []
    store.close()
    return first_tokens, faithful, replaced, records, len(known.questions)


def _turns(settings: Any, data: Path) -> tuple[list[float], list[Any]]:
    from agent.events import QuestionAsked

    store = _store(settings, data)
    session = store.create("Bench Retail")
    pending = [e.question for e in session.start() if isinstance(e, QuestionAsked)]
    times: list[float] = []
    for _ in range(len(TURNS) + 2):
        if not pending or pending[-1].id not in TURNS:
            break
        started = time.perf_counter()
        pending = [e.question for e in session.answer(TURNS[pending[-1].id]) if isinstance(e, QuestionAsked)]
        times.append(time.perf_counter() - started)
    lm = session.context().lm or session.context().suspended
    records = list(lm.usage.records) if lm is not None else []
    store.close()
    return times or [-1.0], records


def _prompt_figures(records: list[Any]) -> list[Figure]:
    from agent.budget import BUDGETS

    figures = []
    for kind in ("phrase", "extract", "answer", "summary"):
        counted = [r.prompt_tokens for r in records if r.kind == kind and r.prompt_tokens]
        if not counted:
            continue
        figures.append(
            Figure(
                area="model",
                name=f"prompt tokens per {kind} call (server count), max of {len(counted)}",
                unit="tokens",
                value=max(counted),
                target=BUDGETS.get(kind),
            )
        )
        ttft = [r.first_token_s for r in records if r.kind == kind and r.first_token_s is not None]
        if ttft:
            figures.append(
                Figure(
                    area="model",
                    name=f"time to first token per {kind} call, median",
                    unit="s",
                    value=statistics.median(ttft),
                )
            )
    return figures
