"""The interview graph's nodes and routing functions (the wiring is in `agent.graph`).

- `plan` picks the next question (pure planner) and, with a model, phrases it — here and never in
  `ask`, because a node that interrupts runs again from its top when resumed.
- `ask` only interrupts.
- `route_input` sends the reply to `understand`, or to a command node (`skip`, `explain` in
  `agent.answers`, `review`, `unknowns` and `revisit` in `agent.coverage`, `report`, `help`,
  `present`); `route_start` takes follow-up questions after the results.
- `understand` reads the answer into the profile with its evidence, or re-asks with choices.

Nodes talk to the interface through the custom stream (`agent.events` objects). Model failures
never escape a node: they switch the session to guided mode and the node carries on without it.
"""

from __future__ import annotations

import json
from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import ValidationError

from agent import report
from agent.coverage import REVIEW, ask_again, is_unknowns_command, open_questions, review_question
from agent.events import (
    AnswerRecorded,
    AssessmentUpdated,
    AssistantText,
    ProfileUpdated,
)
from agent.extraction import extra_keys
from agent.labels import field_label, shown_question, value_label
from agent.model import ModelUnavailable
from agent.modes import go_guided as _go_guided
from agent.modes import mode as _mode
from agent.modes import recover as _recover
from agent.planner import next_question
from agent.questions import BankQuestion, completeness
from agent.questions import question as bank_question
from agent.reading.proposal import judge
from agent.reading.record import apply_fields, unknown_fields
from agent.state import Context, InterviewState, message
from agent.understand import Understood, looks_like_question, parse_command
from agent.understand import understand as read_answer
from knowledge.i18n import Language
from knowledge.locales import N_, gettext_for
from tools.assess import assess
from tools.profile import Evidence, Profile

REOPENED = N_("You skipped this earlier: answer it now, or /skip to leave it unknown.")
MAX_EVIDENCE = 500  # characters of an answer kept as evidence


# --- planning and asking -----------------------------------------------------------------------


def plan(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    ctx = runtime.context
    transcript = _recover(ctx, ctx.language)
    profile = Profile.model_validate(state.get("profile") or {})
    asked = state.get("asked", [])
    settled = state.get("settled", [])
    reopen = state.get("reopen", [])
    revisit = state.get("revisit", [])
    if revisit:  # /back QUESTION: that one question again, answered or not; the rest stays
        return ask_again(ctx, state, bank_question(revisit[0]), len(asked) + 1, transcript) | {"revisit": revisit[1:]}
    chosen = next_question(profile, asked, settled, reopen=reopen)
    update: dict[str, Any] = {"settled": settled + list(chosen.settled)} if chosen.settled else {}
    if chosen.question is not None and chosen.question.id in reopen:
        update["reopen"] = [q for q in reopen if q != chosen.question.id]
    if chosen.question is None:
        open_ids = open_questions(state, profile)
        if open_ids and not state.get("offered"):
            pending = review_question(open_ids, len(asked) + 1, ctx.language)
            return update | {
                "pending": pending,
                "offered": True,
                "mode": _mode(ctx),
                "transcript": [*transcript, message("advisor", pending["text"])],
            }
        return update | {"pending": None, "stop_reason": chosen.reason, "transcript": transcript}
    question = chosen.question
    shown = shown_question(question.id, ctx.language)  # the bank's words in the session's language
    text = shown.text
    # Phrasing is optional: one model call per turn at most, none when the model proved slow,
    # and the bank's words whenever the rewording is doubtful.
    if ctx.lm is not None and ctx.turn_calls == 0 and ctx.lm.phrasing:
        try:
            ctx.turn_calls += 1
            organisation = state.get("profile", {}).get("organization", {})
            text = (
                ctx.lm.phrase(shown.text, organisation, _previous_exchange(state), language=ctx.language) or shown.text
            )
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error), ctx.language)
    help_text_ = gettext_for(ctx.language, "interview")(REOPENED) if question.id in reopen else None
    pending = shown.event(len(asked) + 1, text=text, help=help_text_).model_dump(mode="json")
    pending["language"] = ctx.language  # what it was written in, so a later /lang can rewrite it
    return update | {"pending": pending, "mode": _mode(ctx), "transcript": [*transcript, message("advisor", text)]}


def after_plan(state: InterviewState) -> str:
    return "ask" if state.get("pending") else "present"


def route_start(state: InterviewState) -> str:
    """A new run of the thread: a new session plans its first question; a finished interview
    takes follow-up questions (`/ask`, a question) and `/unknowns` (see `follows_up`)."""
    if not state.get("done"):
        return "plan"
    text = state.get("last_input", "")
    if is_unknowns_command(text):
        return "unknowns"
    return "explain"


def follows_up(text: str) -> bool:
    """Whether `text`, typed after the results, is for the graph: a question (`/ask …`, or one
    ending with "?") or `/unknowns`. The session then resumes the finished thread with
    `{"last_input": text}`; anything else is the session's to answer."""
    command = parse_command(text)
    return (
        is_unknowns_command(text)
        or (command is not None and command.name == "ask")
        or (command is None and looks_like_question(text))
    )


def ask(state: InterviewState) -> dict[str, Any]:
    """Interrupt with the pending question; nothing else (this node re-runs on resume)."""
    return {"last_input": str(interrupt(state["pending"]))}


def route_input(state: InterviewState) -> str:
    text = state.get("last_input", "")
    pending = state.get("pending") or {}
    if is_unknowns_command(text):
        return "unknowns"
    command = parse_command(text)
    if command is not None:
        if pending.get("id") == REVIEW and command.name == "skip":
            return "review"
        if command.name == "back" and command.argument:
            return "revisit"
        return {"skip": "skip", "assess": "report", "ask": "explain", "done": "present"}.get(command.name, "help")
    if pending.get("id") == REVIEW:
        plain_reply = text.strip().lower().startswith(("yes", "no", "oui", "non"))  # "yes?" answers it
        return "explain" if looks_like_question(text) and not plain_reply else "review"
    if looks_like_question(text):  # a question, unless it plainly answers ("pilot?")
        reading = read_answer(bank_question(pending["id"]), text)
        if reading.status == "unclear" or not reading.exact:
            return "explain"
    return "understand"


# --- answers -----------------------------------------------------------------------------------


def understand(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read the answer once (guided first), ask the model only where it adds something, record
    every field the answer gives — the asked one always under the asked field."""
    ctx = runtime.context
    pending = state["pending"] or {}
    question = bank_question(pending["id"])
    text = state.get("last_input", "")
    transcript = [message("user", text)]
    reading = read_answer(question, text, ctx.language)
    follow_up: str | None = None
    notes: list[str] = []
    if ctx.lm is not None and ctx.turn_calls == 0 and _model_adds(question, reading, state.get("profile") or {}):
        try:
            ctx.turn_calls += 1
            reading, follow_up, notes = _model_reading(ctx, question, pending["text"], text, reading)
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error), ctx.language)
    writer = get_stream_writer()
    _ = gettext_for(ctx.language, "interview")
    said = [reading.hint] if reading.status == "unknown" and reading.hint else notes
    for note in said:  # "noted as unknown, /skip…", "I kept pilot from your words…"
        writer(AssistantText(text=note))
        transcript.append(message("advisor", note))
    if reading.status == "unknown":
        return _skipped(state, question, text, transcript, ctx.language) | {"mode": _mode(ctx)}
    if reading.status == "value":
        evidence = Evidence(question=pending["text"], answer=text[:MAX_EVIDENCE])
        try:
            profile = question.apply(Profile.model_validate(state.get("profile") or {}), reading.value, evidence)
        except ValidationError:
            reading = Understood("unclear", hint=_("That value does not fit this question."))
        else:
            profile = _record_also(question, profile, dict(reading.also), evidence, text, ctx.language)
            return _recorded(state, question, profile, reading.value, text, transcript, ctx.language) | {
                "mode": _mode(ctx)
            }
    # Not understood: re-ask the same question, with its choices and a hint.
    hint = follow_up or reading.hint or _("Could you say that differently, or /skip?")
    writer(AssistantText(text=hint))
    return {
        "pending": {**_as_spoken(pending, ctx.language), "help": hint},
        "mode": _mode(ctx),
        "transcript": [*transcript, message("advisor", hint)],
    }


def _as_spoken(pending: dict[str, Any], language: Language) -> dict[str, Any]:
    """The pending question as the session now speaks it (after a `/lang` since it was asked),
    so that a hint in the new language never sits under a question in the old one."""
    if (pending.get("language") or "en") == language:
        return pending
    shown = shown_question(pending["id"], language).event(pending.get("number", 1))
    return shown.model_dump(mode="json") | {"language": language}


def _record_also(
    question: BankQuestion, profile: Profile, also: dict[str, Any], evidence: Evidence, text: str, language: Language
) -> Profile:
    """The other fields the answer gives, each announced; only fields still unknown, and any
    value the contract refuses is left out rather than failing the turn."""
    writer = get_stream_writer()
    for path, value in unknown_fields(profile, also).items():
        try:
            profile = apply_fields(profile, {path: value}, evidence)
        except ValidationError:
            continue
        writer(recorded_event(path, value, evidence.question, text, language))
    return profile


def recorded_event(field: str, value: Any, question: str, answer: str, language: Language) -> AnswerRecorded:
    """The event for one recorded field, with its label and value in the session's language."""
    return AnswerRecorded(
        field=field,
        value=value,
        question=question,
        answer=answer,
        label=field_label(field, language),
        value_text=value_label(field, value, language),
    )


def after_understand(state: InterviewState) -> str:
    return "plan" if state.get("pending") is None else "ask"


def skip(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    pending = state["pending"] or {}
    return _skipped(
        state,
        bank_question(pending["id"]),
        state.get("last_input", "/skip"),
        [message("user", state.get("last_input", "/skip"))],
        runtime.context.language,
    )


def profile_events(profile: Profile, language: Language = "en") -> list[ProfileUpdated | AssessmentUpdated]:
    """What an interface shows live after every change: the profile and the assessment so far
    (a few milliseconds of the deterministic tools, so the side panel never lags a turn)."""
    return [
        ProfileUpdated(profile=profile.model_dump(mode="json"), completeness=completeness(profile)),
        AssessmentUpdated(assessment=assess(profile, language=language).model_dump(mode="json")),
    ]


def _recorded(
    state: InterviewState,
    question: BankQuestion,
    profile: Profile,
    value: Any,
    text: str,
    transcript: list[dict[str, Any]],
    language: Language,
) -> dict[str, Any]:
    writer = get_stream_writer()
    pending = state["pending"] or {}
    writer(recorded_event(question.field, value, pending.get("text", question.text), text, language))
    for event in profile_events(profile, language):
        writer(event)
    return {
        "profile": profile.model_dump(mode="json", exclude_none=True),
        "asked": [*state.get("asked", []), question.id],
        "pending": None,
        "transcript": transcript,
    }


def _skipped(
    state: InterviewState, question: BankQuestion, text: str, transcript: list[dict[str, Any]], language: Language
) -> dict[str, Any]:
    writer = get_stream_writer()
    pending = state["pending"] or {}
    writer(recorded_event(question.field, None, pending.get("text", question.text), text, language))
    return {
        "asked": [*state.get("asked", []), question.id],
        "skipped": [*state.get("skipped", []), question.id],
        "pending": None,
        "transcript": transcript,
    }


def _model_reading(
    ctx: Context, question: BankQuestion, asked: str, text: str, guided: Understood
) -> tuple[Understood, str | None, list[str]]:
    """The guided reading, completed by one model extraction and checked against the words:
    (reading, follow-up question, notes for the respondent). The guided reading is the floor."""
    assert ctx.lm is not None
    extraction = ctx.lm.extract(question, question.help or question.text, asked, text, hints=_hints(question, guided))
    if extraction is None:
        return guided, None, []
    judged = judge(question, text, guided, extraction, ctx.language)
    follow_up = None
    if judged.reading.status == "unclear" and not extraction.understood:
        follow_up = _clean_follow_up(extraction.follow_up)
    return judged.reading, follow_up, judged.notes


def _model_adds(question: BankQuestion, reading: Understood, profile: dict[str, Any]) -> bool:
    """Whether a model could add to the guided reading: a value it could not read, items of a
    list, or organisation facts the answer may carry that are still unknown. A clear guided
    reading of a single value is left alone (the model would only cost a turn's time)."""
    if reading.exact or reading.status == "unknown" or question.kind == "text":
        return False
    if reading.status == "unclear" or question.kind == "multi":
        return True
    known = {**(profile.get("organization") or {}), **{p.rsplit(".", 1)[-1]: v for p, v in reading.also}}
    return any(known.get(key) in (None, "", []) for key in extra_keys(question))


def _hints(question: BankQuestion, guided: Understood) -> str:
    """What the guided reader found, in a few words for the prompt."""
    parts = [f"value={json.dumps(guided.value, ensure_ascii=False)}"] if guided.status == "value" else []
    parts += [f"{path.rsplit('.', 1)[-1]}={json.dumps(value, ensure_ascii=False)}" for path, value in guided.also]
    return ", ".join(parts) or "nothing found"


def _clean_follow_up(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if 0 < len(text) <= 300 else None


# --- commands ----------------------------------------------------------------------------------


def present(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The end: the assessment, strategy and roadmap, with a short narrative summary."""
    ctx = runtime.context
    transcript: list[dict[str, Any]] = []
    stop_reason = state.get("stop_reason") or ""
    if state.get("pending") is not None:  # /done while a question was pending
        transcript.append(message("user", state.get("last_input", "/done")))
        stop_reason = "the respondent asked to finish"
    assessment = assess(Profile.model_validate(state.get("profile") or {}), language=ctx.language)
    summary = report.summary_text(assessment, ctx.language)
    if ctx.lm is not None:
        try:
            ctx.turn_calls += 1
            written = ctx.lm.summarise(report.facts(assessment), ctx.language)
            if written and report.faithful(written, assessment):
                summary = written
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error), ctx.language)
    return {
        "done": True,
        "summary": summary,
        "pending": None,
        "stop_reason": stop_reason,
        "mode": _mode(ctx),
        "transcript": [*transcript, message("advisor", summary)],
    }


# --- helpers -----------------------------------------------------------------------------------


def _previous_exchange(state: InterviewState) -> tuple[str, str] | None:
    transcript = state.get("transcript", [])
    for i in range(len(transcript) - 1, 0, -1):
        if transcript[i]["role"] == "user" and transcript[i - 1]["role"] == "advisor":
            return transcript[i - 1]["text"], transcript[i]["text"]
    return None
