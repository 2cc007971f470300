"""Understanding answers: the respondents of tests/data/respondents interviewed through the real
graph, in guided mode and (when a model answers at OLLAMA_HOST) with the model. Reports the share
of a careful listener's fields recorded, the level agreement, the turn time, model calls per turn
and the prompt tokens of each extraction as the server reports them (prompt_eval_count).

`BENCH_READING_PEOPLE=3` limits the model run to the first three respondents (the real model
serves one request at a time); `BENCH_READING_MODEL=0` skips it."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.figures import Figure, percentile

ROOT = Path(__file__).resolve().parent.parent


def run() -> list[Figure]:
    sys.path.insert(0, str(ROOT / "tests"))  # the respondents live with the tests, as data
    from respondents import interview, load_respondents, read_every_answer

    people = load_respondents()
    if not people:
        return []
    figures = _figures("guided", [interview(p, _store(None)) for p in people], target=0.85)
    every = [read_every_answer(p) for p in people]
    figures.append(
        Figure(
            area="reading",
            name=f"guided reader, every answer of {len(people)} respondents, fields right",
            value=_recall(every),
            unit="share",
            target=0.85,
            better="higher",
        )
    )
    if os.environ.get("BENCH_READING_MODEL", "1") == "0":
        print("bench_reading: with model: skipped (BENCH_READING_MODEL=0)")
        return figures
    model = _model()
    if model is None:
        print("bench_reading: with model: no model (nothing answers at OLLAMA_HOST); model figures skipped")
        return figures
    limit = int(os.environ.get("BENCH_READING_PEOPLE", len(people)))
    outcomes = []
    for person in people[:limit]:
        outcome = interview(person, _store(model))
        if outcome.ended_guided:  # a timeout or an outage: the figures would describe guided mode
            print(f"bench_reading: the model failed during {person.key}'s interview; model figures skipped")
            return figures
        outcomes.append(outcome)
    figures += _figures(f"model {model.settings.model if model.settings else ''}".strip(), outcomes, target=0.9)
    turns = [s for o in outcomes for s in o.turn_seconds]
    extracts = model.usage.of("extract")
    tokens = [r.prompt_tokens for r in extracts if r.prompt_tokens]
    estimated = not tokens
    if estimated:  # a server that reports no prompt_eval_count (the llm shim's streamed replies)
        print(
            "bench_reading: the server reported no prompt tokens; figures are the advisor's own estimate "
            "(the shim also adds the JSON schema to the system prompt, which the estimate does not count)"
        )
        tokens = [r.estimated_tokens for r in extracts]
    figures += [
        Figure(area="reading", name="with model: turn time, p50", value=statistics.median(turns), unit="s", target=4),
        Figure(area="reading", name="with model: turn time, p95", value=percentile(turns, 95), unit="s"),
        Figure(
            area="reading",
            name="with model: model calls per turn, max",
            value=max(c for o in outcomes for c in o.calls_per_turn),
            unit="calls",
            target=1,
        ),
        Figure(area="reading", name="with model: extractions", value=len(extracts), unit="calls"),
    ]
    figures.append(
        Figure(
            area="reading",
            name="with model: extraction time, p50",
            value=statistics.median([r.total_s for r in extracts]) if extracts else 0.0,
            unit="s",
        )
    )
    if tokens:
        figures += [
            Figure(
                area="reading",
                name=f"with model: prompt tokens per extraction{' (estimated)' if estimated else ''}, p50 of {len(tokens)}",
                value=statistics.median(tokens),
                unit="tokens",
            ),
            Figure(
                area="reading", name="with model: prompt tokens per extraction, max", value=max(tokens), unit="tokens"
            ),
        ]
    return figures


def _figures(mode: str, outcomes: list[Any], target: float) -> list[Figure]:
    n = len(outcomes)
    return [
        Figure(
            area="reading",
            name=f"{mode}: fields a careful listener records, {n} respondents",
            value=_recall(outcomes),
            unit="share",
            target=target,
            better="higher",
        ),
        Figure(
            area="reading",
            name=f"{mode}: right maturity level",
            value=sum(o.level == o.respondent.level for o in outcomes) / n,
            unit="share",
            target=1.0,
            better="higher",
        ),
        Figure(
            area="reading",
            name=f"{mode}: questions asked, median",
            value=statistics.median(len(o.asked) for o in outcomes),
            unit="questions",
        ),
    ]


def _recall(outcomes: list[Any]) -> float:
    right = sum(len(o.right) for o in outcomes)
    total = right + sum(len(o.wrong) for o in outcomes)
    return right / total if total else 1.0


def _store(model: Any) -> Any:
    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore
    from agent.settings import Settings

    settings = Settings(offline=model is None, data_dir=Path(tempfile.gettempdir()) / "bench-reading")
    return SqliteSessionStore(
        settings, path=":memory:", model=model, retriever=BuiltinRetriever(), guided_reason="bench: guided reading"
    )


def _model() -> Any:
    """The real model behind OLLAMA_HOST, or None when nothing answers there."""
    from agent.model import LanguageModel, chat_model, preflight
    from agent.settings import Settings

    settings = Settings()
    status = preflight(settings)
    if not status.ok:
        return None
    return LanguageModel(
        chat_model(settings, thinking="thinking" in status.capabilities),
        settings,
        can_call_tools="tools" in status.capabilities,
    )


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name}: {figure.value:.4g} {figure.unit}")
