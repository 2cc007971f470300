"""Questions answered during and after the interview (`/ask`, a question ending with "?"): a few
short passages and the client's facts bearing on the question, in the question's language; a
model's answer that contradicts the methodology or the assessment is replaced by the advisor's
own, and the respondent is told so."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from agent import faithful, report
from agent.events import AssistantText, Notice
from agent.language import language_of
from agent.model import ModelUnavailable
from agent.modes import go_guided as _go_guided
from agent.modes import mode as _mode
from agent.modes import recover as _recover
from agent.prompts import Source
from agent.state import Context, InterviewState, message
from agent.understand import parse_command
from tools.assess import assess
from tools.profile import Profile

PASSAGES = 3  # passages an answer cites


def explain(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Answer a methodology or "why?" question from the knowledge base and the client's own
    assessment, then re-ask (or, after the results, wait for the next one).

    The model gets a few short passages and the facts bearing on the question, and answers in
    the question's language; an answer that contradicts the methodology or the assessment is
    replaced by the deterministic one, and the respondent is told so."""
    ctx = runtime.context
    writer = get_stream_writer()
    transcript = _recover(ctx)
    text = state.get("last_input", "")
    command = parse_command(text)
    query = command.argument if command is not None else text.strip()
    transcript.append(message("user", text))
    if not query:
        hint = "Ask your question after /ask, for example: /ask why does RAG come at level 3?"
        writer(AssistantText(text=hint))
        return {"transcript": [*transcript, message("advisor", hint)]}
    language = language_of(query)
    retrieved = ctx.retriever.search(query, k=PASSAGES + 1, client=ctx.client)
    if retrieved.problem:
        writer(Notice(level="warning", text=retrieved.problem))
    passages = _distinct(retrieved.passages)[:PASSAGES]
    assessment = assess(Profile.model_validate(state.get("profile") or {}))
    answer = ""
    if ctx.lm is not None:
        try:
            answer = ctx.lm.answer(
                query,
                [Source(p.citation, p.text, p.document) for p in passages],
                report.facts_for(query, assessment),
                language=language,
                on_chunk=lambda chunk: writer(AssistantText(text=chunk, final=False)),
            )
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error))
    if answer:
        wrong = check_answer(answer, assessment)
        if wrong:
            note = (
                "The model's answer contradicted the assessment or the method ("
                + wrong[0].detail
                + "): here is the advisor's own answer instead."
            )
            writer(Notice(level="warning", text=note))
            transcript.append(message("system", note))
            answer = ""
    if not answer:
        answer = report.guided_answer(query, passages, assessment, language)
    sources = [p.citation + (" (client document)" if p.document else "") for p in passages]
    writer(AssistantText(text=answer, final=True, sources=sources))
    shown = answer + ("\nSources: " + "; ".join(f"[{i}] {s}" for i, s in enumerate(sources, 1)) if sources else "")
    return {"transcript": [*transcript, message("advisor", shown)], "mode": _mode(ctx)}


def check_answer(answer: str, assessment: Any) -> list[faithful.Problem]:
    return faithful.problems(answer, assessment)


def _distinct(passages: list[Any]) -> list[Any]:
    """Passages with the same text (the knowledge base and the built-in data overlap) once each."""
    seen: set[str] = set()
    kept = []
    for passage in passages:
        key = " ".join(passage.text.split())[:200].lower()
        if key not in seen:
            seen.add(key)
            kept.append(passage)
    return kept


def after_explain(state: InterviewState) -> str:
    return "ask" if state.get("pending") else "end"
