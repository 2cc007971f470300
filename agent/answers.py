"""Questions answered during and after the interview (`/ask`, a question ending with "?"), in the
question's language. The advisor's own answer is the ground: the key facts the question calls for,
from the methodology data and the computed assessment (`report.ground`). The model gets them
first, with a few short passages, and explains them citing the passages; its answer is shown only
when it contradicts neither the methodology nor the assessment and says every key fact asked for.
Otherwise the advisor's own answer is shown, with its passages, and the respondent is told why in
one line."""

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
from knowledge.i18n import Language
from knowledge.locales import N_, gettext_for
from tools.assess import assess
from tools.assessment import Assessment
from tools.profile import Profile

PASSAGES = 3  # passages an answer cites
# The notices said when the advisor's own answer replaces the model's (marked for translation).
CONTRADICTED = N_(
    "The model's answer contradicted the assessment or the method ({problem}): here is the advisor's own answer instead."
)
LEFT_OUT = N_("The model's answer left out {problem}: here is the advisor's own answer instead.")


def explain(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Answer a methodology or "why?" question from the knowledge base and the client's own
    assessment, then re-ask (or, after the results, wait for the next one).

    The advisor's own answer comes first: the key facts the question calls for, from the
    methodology data and the computed assessment (`report.ground`). The model is given them with
    a few short passages and explains them in the question's language; an answer that
    contradicts the methodology or the assessment, or leaves out a key fact, is replaced by the
    advisor's own, and the respondent is told so in one line."""
    ctx = runtime.context
    writer = get_stream_writer()
    text = state.get("last_input", "")
    command = parse_command(text)
    query = command.argument if command is not None else text.strip()
    # The question's language; the session's for an empty /ask.
    language: Language = ("fr" if language_of(query) == "fr" else "en") if query else ctx.language
    _ = gettext_for(language, "answers")
    transcript = _recover(ctx, language)
    transcript.append(message("user", text))
    if not query:
        hint = _("Ask your question after /ask, for example: /ask why does RAG come at level 3?")
        writer(AssistantText(text=hint))
        return {"transcript": [*transcript, message("advisor", hint)]}
    retrieved = ctx.retriever.search(query, k=PASSAGES + 1, client=ctx.client)
    if retrieved.problem:
        writer(Notice(level="warning", text=retrieved.said(language) or retrieved.problem))
    passages = _distinct(retrieved.passages)[:PASSAGES]
    # The same conclusions in any language; the reasons and titles in the question's.
    assessment = assess(Profile.model_validate(state.get("profile") or {}), language=language)
    key = report.ground(query, assessment, language)
    answer = ""
    if ctx.lm is not None:
        try:
            answer = ctx.lm.answer(
                query,
                [Source(p.citation, p.text, p.document) for p in passages],
                report.facts_for(query, assessment, brief=bool(key)),
                language=language,
                on_chunk=lambda chunk: writer(AssistantText(text=chunk, final=False)),
                ground=[fact.text for fact in key],
            )
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error), language)
    if answer:
        note = replacement_notice(answer, assessment, key, language)
        if note:
            writer(Notice(level="warning", text=note))
            transcript.append(message("system", note))
            answer = ""
    if not answer:
        answer = report.guided_answer(query, passages, assessment, language, key)
    document = _(" (client document)")
    sources = [p.citation + (document if p.document else "") for p in passages]
    writer(AssistantText(text=answer, final=True, sources=sources))
    listed = "; ".join(f"[{i}] {s}" for i, s in enumerate(sources, 1))
    shown = answer + ("\n" + _("Sources: {sources}").format(sources=listed) if sources else "")
    return {"transcript": [*transcript, message("advisor", shown)], "mode": _mode(ctx)}


def replacement_notice(answer: str, assessment: Assessment, key: list[faithful.KeyFact], language: Language) -> str:
    """The one line that says why the model's answer is not shown, or "" when it can be:
    first what it contradicts, then the key fact it leaves out."""
    _ = gettext_for(language, "answers")
    wrong = check_answer(answer, assessment)
    if wrong:
        return _(CONTRADICTED).format(problem=wrong[0].said(language))
    missing = faithful.omissions(answer, key)
    if missing:
        return _(LEFT_OUT).format(problem=dict(missing[0].params)["about"])
    return ""


def replaced(notice: str) -> bool:
    """Whether a notice says the advisor's own answer replaced the model's (in any language)."""
    languages: tuple[Language, ...] = ("en", "fr")
    endings = {
        gettext_for(lang, "answers")(m).rsplit(":", 1)[-1] for m in (CONTRADICTED, LEFT_OUT) for lang in languages
    }
    return any(notice.endswith(end) for end in endings)


def check_answer(answer: str, assessment: Assessment) -> list[faithful.Problem]:
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
