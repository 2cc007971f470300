"""The model path with a real model, when one answers (`OLLAMA_HOST`, `ADVISOR_MODEL`): time to
the first token of `/ask` on the known-answer questions (tests/data/known_answers.yaml), the share
answered faithfully, the interview turn time, and the prompt tokens the server reports per call
kind against each kind's budget (agent/budget.py). Prints "no model" and measures nothing else
when none answers. Passages come from the built-in methodology data, so the figures do not depend
on the state of a knowledge base."""

from __future__ import annotations

import os
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
    from bench.known_answers import load_known_answers

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
        first_tokens, own, shown, replaced, records, n = _ask(settings, data)
        turns, turn_records = _turns(settings, data)
    records += turn_records
    if n < len(load_known_answers().questions):
        print(f"model path: shares over the {n} questions answered before the model failed")
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
            name=f"known questions answered faithfully by the model on its own, of {n}",
            unit="share",
            value=own / n,
            target=0.9,
            better="higher",
        ),
        Figure(
            area="model",
            name="known questions answered right as shown to the user",
            unit="share",
            value=shown / n,
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


def _ask(settings: Any, data: Path) -> tuple[list[float], int, int, int, list[Any], int]:
    """Each known question once: time to the first streamed word, whether the model's own
    answer is right (not replaced, and it passes the known answer's must / must_not), whether
    the answer shown (the model's or the advisor's own) is right, and the replacements."""
    from agent.answers import replaced as replacement
    from agent.events import AssistantText, Notice
    from bench.known_answers import judge, load_known_answers
    from tools.assess import assess
    from tools.profile_io import load_profile

    known = load_known_answers()
    seed = load_profile(known.client_path).model_copy(update={"governance": {}})  # a question stays pending
    store = _store(settings, data)
    session = store.create(seed.organization.name or "Client", seed=seed)
    list(session.start())
    _keep_prompts(session)
    assessment = assess(seed)
    first_tokens: list[float] = []
    own = shown = replaced = asked = 0
    for entry in known.questions:
        started, first, streamed, final, notices = time.perf_counter(), None, "", "", []
        for event in session.answer("/ask " + entry.question):
            if isinstance(event, AssistantText) and not event.final:
                first = time.perf_counter() - started if first is None else first
                streamed += event.text
            elif isinstance(event, AssistantText) and event.final:
                final = event.text
            elif isinstance(event, Notice):
                notices.append(event.text)
        if first is not None:
            first_tokens.append(first)
        was_replaced = any(replacement(n) for n in notices)
        replaced += was_replaced
        if session.guided:  # the model failed (its answer was not shown): the rest would measure nothing
            print(f"model path: the model failed at {entry.id}: {session.context().guided_reason}")
            break
        asked += 1
        right = first is not None and not was_replaced and not judge(streamed, entry, assessment)
        own += right
        shown += not judge(final, entry, assessment)
        if os.environ.get("BENCH_MODEL_VERBOSE"):
            print(f"{entry.id}: {'right' if right else 'WRONG'}{' (replaced)' if was_replaced else ''}: {streamed!r}")
    records = _records(session, settings)
    store.close()
    return first_tokens, own, shown, replaced, records, max(asked, 1)


def _keep_prompts(session: Any) -> None:
    lm = session.context().lm
    if lm is not None:
        lm.usage.keep_prompts = True


def _records(session: Any, settings: Any) -> list[Any]:
    """The session's call records, with the prompt tokens of the streamed calls the server did
    not count counted by the server itself (the same prompt sent unstreamed for one token)."""
    lm = session.context().lm or session.context().suspended
    records = list(lm.usage.records) if lm is not None else []
    for record in records:
        if not record.prompt_tokens and record.prompt:
            record.prompt_tokens = _server_count(settings, record.prompt)
    return records


def _server_count(settings: Any, messages: list[Any]) -> int | None:
    import ollama

    roles = {"system": "system", "human": "user", "ai": "assistant"}
    client = ollama.Client(host=settings.ollama_host, timeout=settings.ollama_timeout)
    try:
        reply = client.chat(
            model=settings.model,
            messages=[{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages],
            stream=False,
            options={"num_predict": 1, "num_ctx": settings.num_ctx, "temperature": 0},
        )
        return int(reply.prompt_eval_count or 0) or None
    except Exception:  # a count is a figure, never a reason to fail the bench
        return None
    finally:
        client._client.close()


def _idle(settings: Any, wait_s: float = 120.0) -> None:
    """Wait until the server answers its preflight again: it serves one request at a time, and a
    reply the advisor gave up on (past its deadline) keeps it busy for a while."""
    from agent.model import preflight

    deadline = time.monotonic() + wait_s
    while not preflight(settings).ok and time.monotonic() < deadline:
        time.sleep(2)


def _turns(settings: Any, data: Path) -> tuple[list[float], list[Any]]:
    from agent.events import QuestionAsked

    _idle(settings)
    store = _store(settings, data)
    session = store.create("Bench Retail")
    pending = [e.question for e in session.start() if isinstance(e, QuestionAsked)]
    _keep_prompts(session)
    times: list[float] = []
    for _ in range(len(TURNS) + 2):
        if not pending or pending[-1].id not in TURNS:
            break
        started = time.perf_counter()
        pending = [e.question for e in session.answer(TURNS[pending[-1].id]) if isinstance(e, QuestionAsked)]
        times.append(time.perf_counter() - started)
    records = _records(session, settings)
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
