"""The interview graph's nodes and routing functions (the wiring is in `agent.graph`).

- `plan` picks the next question (pure planner) and, with a model, phrases it — here and never in
  `ask`, because a node that interrupts runs again from its top when resumed.
- `ask` only interrupts.
- `route_input` sends the reply to `understand`, or to a command node (`skip`, `explain`,
  `report`, `help`, `present`).
- `understand` reads the answer into the profile with its evidence, or re-asks with choices.

Nodes talk to the interface through the custom stream (`agent.events` objects). Model failures
never escape a node: they switch the session to guided mode and the node carries on without it.
"""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import ValidationError

from agent import faithful, report
from agent.events import (
    AnswerRecorded,
    AssessmentUpdated,
    AssistantText,
    ModeChanged,
    Notice,
    ProfileUpdated,
    Question,
)
from agent.language import language_of
from agent.model import ModelUnavailable
from agent.planner import next_question
from agent.questions import (
    YESNO_CHOICES,
    BankQuestion,
    bank,
    completeness,
    find as find_question,
    question as bank_question,
)
from agent.state import Context, InterviewState, message
from agent.understand import Understood, looks_like_question, parse_command, understand as read_answer
from tools.assess import assess
from tools.profile import Evidence, Profile

HELP = """Answer with a choice (its number or its words), a number, yes or no, or in your own words.
Commands:
  /skip            leave this question unanswered (counted as unknown)
  /back [QUESTION] go back to the previous question, or to an earlier one, and answer it again
  /assess          show the assessment so far
  /ask QUESTION    ask about the methodology or a conclusion ("why level 2?"); a question ending with ? works too
  /unknowns        answer the questions skipped or left unknown (also after the results)
  /done            stop here and see the assessment, strategy and roadmap
  /help            this help"""

MAX_EVIDENCE = 500  # characters of an answer kept as evidence
REVIEW = "interview.unknowns"  # the closing offer to answer what was skipped or left unknown
PASSAGES = 3  # passages an answer cites
REVIEW_READER = BankQuestion(REVIEW, "", "organization", "Answer them now?", "yesno", YESNO_CHOICES)


# --- planning and asking -----------------------------------------------------------------------

def plan(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    ctx = runtime.context
    transcript = _recover(ctx)
    profile = Profile.model_validate(state.get("profile") or {})
    asked = state.get("asked", [])
    settled = state.get("settled", [])
    reopen = state.get("reopen", [])
    revisit = state.get("revisit", [])
    if revisit:  # /back QUESTION: that one question again, answered or not; the rest stays
        return _ask_again(ctx, state, bank_question(revisit[0]), len(asked) + 1, transcript) | {
            "revisit": revisit[1:]}
    chosen = next_question(profile, asked, settled, reopen=reopen)
    update: dict[str, Any] = {"settled": settled + list(chosen.settled)} if chosen.settled else {}
    if chosen.question is not None and chosen.question.id in reopen:
        update["reopen"] = [q for q in reopen if q != chosen.question.id]
    if chosen.question is None:
        open_ids = open_questions(state, profile)
        if open_ids and not state.get("offered"):
            pending = review_question(open_ids, len(asked) + 1)
            return update | {"pending": pending, "offered": True, "mode": _mode(ctx),
                             "transcript": [*transcript, message("advisor", pending["text"])]}
        return update | {"pending": None, "stop_reason": chosen.reason, "transcript": transcript}
    question = chosen.question
    text = question.text
    # Phrasing is optional: one model call per turn at most, none when the model proved slow,
    # and the bank's words whenever the rewording is doubtful.
    if ctx.lm is not None and ctx.turn_calls == 0 and ctx.lm.phrasing:
        try:
            ctx.turn_calls += 1
            text = ctx.lm.phrase(question.text, state.get("profile", {}).get("organization", {}),
                                 _previous_exchange(state)) or question.text
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error))
    help_text_ = ("You skipped this earlier: answer it now, or /skip to leave it unknown."
                  if question.id in reopen else None)
    pending = question.event(len(asked) + 1, text=text, help=help_text_).model_dump(mode="json")
    return update | {"pending": pending, "mode": _mode(ctx),
                     "transcript": [*transcript, message("advisor", text)]}


def _ask_again(ctx: Context, state: InterviewState, question: BankQuestion, number: int,
               transcript: list[dict[str, Any]]) -> dict[str, Any]:
    current = question.current(Profile.model_validate(state.get("profile") or {}))
    shown = "unknown" if current is None else (", ".join(current) if isinstance(current, list) else str(current))
    pending = question.event(number, help=None if current is None else
                             f"Answered before: {shown}. Answer again, or /skip to keep it.")
    return {"pending": pending.model_dump(mode="json"), "mode": _mode(ctx),
            "transcript": [*transcript, message("advisor", question.text)]}


def revisit(state: InterviewState) -> dict[str, Any]:
    """`/back QUESTION` handled in the graph: ask that earlier question again and keep every
    other answer (a fork of the thread, the session's `/back`, undoes everything after it)."""
    text = state.get("last_input", "")
    command = parse_command(text)
    target = find_question(command.argument) if command is not None and command.argument else None
    pending = state.get("pending") or {}
    writer = get_stream_writer()
    transcript = [message("user", text)]
    if target is None or target.id not in state.get("asked", []):
        note = f"No earlier question matches {command.argument if command else text!r}."
        writer(Notice(level="warning", text=note))
        return {"transcript": [*transcript, message("advisor", note)]}
    back = [pending["id"]] if pending.get("id") in bank() and pending["id"] != target.id else []
    return {"revisit": [target.id, *back], "pending": None, "transcript": transcript}


def after_revisit(state: InterviewState) -> str:
    return "plan" if state.get("revisit") else "ask"


def open_questions(state: InterviewState, profile: Profile) -> list[str]:
    """Questions skipped or left unknown that the results would list: the skipped ones, then the
    unknowns the assessment names, each still unanswered and in the bank."""
    b = bank()
    ids = list(dict.fromkeys(state.get("skipped", [])))
    ids += [f for f in assess(profile).maturity.unknown if f in state.get("asked", [])]
    return [i for i in dict.fromkeys(ids) if i in b and not b[i].is_known(profile)]


def review_question(open_ids: list[str], number: int) -> dict[str, Any]:
    """The offer, before the results, to answer what was skipped or left unknown."""
    names = [_short_name(bank()[i]) for i in open_ids[:4]]
    more = f" and {len(open_ids) - 4} more" if len(open_ids) > 4 else ""
    text = (f"Before the results: {len(open_ids)} question{'s are' if len(open_ids) > 1 else ' is'} still "
            f"unanswered ({', '.join(names)}{more}). Answer {'them' if len(open_ids) > 1 else 'it'} now?")
    return Question(id=REVIEW, field="", section="organization", text=text, kind="yesno",
                    choices=list(YESNO_CHOICES), number=number,
                    help="Yes to answer them one by one (/skip leaves one unknown), no to see the results. "
                         "/unknowns reopens them later.").model_dump(mode="json")


def _short_name(question: BankQuestion) -> str:
    return question.id.split(".", 1)[1].replace("_", " ").replace(".", " ")


def review(state: InterviewState) -> dict[str, Any]:
    """The answer to the closing offer: yes reopens the open questions, anything else finishes."""
    text = state.get("last_input", "")
    profile = Profile.model_validate(state.get("profile") or {})
    reading = read_answer(REVIEW_READER, text)
    transcript = [message("user", text)]
    if reading.status == "value" and reading.value is True:
        return {"reopen": open_questions(state, profile), "pending": None, "transcript": transcript}
    return {"pending": None, "transcript": transcript}


def unknowns(state: InterviewState) -> dict[str, Any]:
    """`/unknowns`: ask the skipped and unknown questions again, then carry on (or finish)."""
    text = state.get("last_input", "/unknowns")
    profile = Profile.model_validate(state.get("profile") or {})
    ids = open_questions(state, profile)
    writer = get_stream_writer()
    transcript = [message("user", text)]
    if not ids:
        note = "Nothing was skipped or left unknown."
        writer(AssistantText(text=note))
        return {"transcript": [*transcript, message("advisor", note)]}
    pending = state.get("pending") or {}
    reopen = ids + ([pending["id"]] if pending.get("id") in bank() and pending["id"] not in ids else [])
    note = f"{len(ids)} question{'s' if len(ids) > 1 else ''} to answer again: /skip leaves one unknown."
    writer(AssistantText(text=note))
    return {"reopen": reopen, "pending": None, "done": False, "offered": True,
            "transcript": [*transcript, message("advisor", note)]}


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
    return (is_unknowns_command(text) or (command is not None and command.name == "ask")
            or (command is None and looks_like_question(text)))


def after_unknowns(state: InterviewState) -> str:
    return "plan" if state.get("reopen") else ("ask" if state.get("pending") else "end")


def ask(state: InterviewState) -> dict[str, Any]:
    """Interrupt with the pending question; nothing else (this node re-runs on resume)."""
    return {"last_input": str(interrupt(state["pending"]))}


def is_unknowns_command(text: str) -> bool:
    return text.strip().lower().split(" ", 1)[0] in ("/unknowns", "/unknown", "/inconnues")


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
        return "review"
    if looks_like_question(text):  # a question, unless it plainly answers ("pilot?")
        reading = read_answer(bank_question(pending["id"]), text)
        if reading.status == "unclear" or not reading.exact:
            return "explain"
    return "understand"


# --- answers -----------------------------------------------------------------------------------

def understand(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    ctx = runtime.context
    pending = state["pending"] or {}
    question = bank_question(pending["id"])
    text = state.get("last_input", "")
    transcript = [message("user", text)]
    reading = read_answer(question, text)
    follow_up = None
    if ctx.lm is not None and not reading.exact and question.kind != "text" and ctx.turn_calls == 0:
        try:
            ctx.turn_calls += 1
            reading, follow_up = _model_reading(ctx, question, pending["text"], text, reading)
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error))
    if reading.status == "unknown":
        return _skipped(state, question, text, transcript) | {"mode": _mode(ctx)}
    if reading.status == "value":
        try:
            profile = question.apply(Profile.model_validate(state.get("profile") or {}), reading.value,
                                     Evidence(question=pending["text"], answer=text[:MAX_EVIDENCE]))
        except ValidationError:
            reading = Understood("unclear", hint="That value does not fit this question.")
        else:
            return _recorded(state, question, profile, reading.value, text, transcript) | {"mode": _mode(ctx)}
    # Not understood: re-ask the same question, with its choices and a hint.
    hint = follow_up or reading.hint or "Could you say that differently, or /skip?"
    writer = get_stream_writer()
    writer(AssistantText(text=hint))
    return {"pending": {**pending, "help": hint}, "mode": _mode(ctx),
            "transcript": [*transcript, message("advisor", hint)]}


def after_understand(state: InterviewState) -> str:
    return "plan" if state.get("pending") is None else "ask"


def skip(state: InterviewState) -> dict[str, Any]:
    pending = state["pending"] or {}
    return _skipped(state, bank_question(pending["id"]), state.get("last_input", "/skip"),
                    [message("user", state.get("last_input", "/skip"))])


def profile_events(profile: Profile) -> list[ProfileUpdated | AssessmentUpdated]:
    """What an interface shows live after every change: the profile and the assessment so far
    (a few milliseconds of the deterministic tools, so the side panel never lags a turn)."""
    return [ProfileUpdated(profile=profile.model_dump(mode="json"), completeness=completeness(profile)),
            AssessmentUpdated(assessment=assess(profile).model_dump(mode="json"))]


def _recorded(state: InterviewState, question: BankQuestion, profile: Profile, value: Any, text: str,
              transcript: list[dict[str, Any]]) -> dict[str, Any]:
    writer = get_stream_writer()
    pending = state["pending"] or {}
    writer(AnswerRecorded(field=question.field, value=value, question=pending.get("text", question.text),
                          answer=text))
    for event in profile_events(profile):
        writer(event)
    return {"profile": profile.model_dump(mode="json", exclude_none=True),
            "asked": [*state.get("asked", []), question.id], "pending": None, "transcript": transcript}


def _skipped(state: InterviewState, question: BankQuestion, text: str,
             transcript: list[dict[str, Any]]) -> dict[str, Any]:
    writer = get_stream_writer()
    pending = state["pending"] or {}
    writer(AnswerRecorded(field=question.field, value=None, question=pending.get("text", question.text),
                          answer=text))
    return {"asked": [*state.get("asked", []), question.id],
            "skipped": [*state.get("skipped", []), question.id], "pending": None, "transcript": transcript}


def _model_reading(ctx: Context, question: BankQuestion, asked: str, text: str,
                   guided: Understood) -> tuple[Understood, str | None]:
    """The model's reading of a free-text answer; the guided reading when the model's replies
    were unusable twice."""
    assert ctx.lm is not None
    extraction = ctx.lm.extract(question, question.help or question.text, asked, text)
    if extraction is None:
        return guided, None
    if not extraction.understood or extraction.value in (None, [], ""):
        return Understood("unclear", hint=guided.hint), _clean_follow_up(extraction.follow_up)
    value = extraction.value
    if question.id == "organization.sector":
        value = read_answer(question, str(value)).value or str(value)[:80]
    elif question.kind == "multi":
        value = [v for i, v in enumerate(value) if v not in value[:i]]
        if len(value) > 1 and "none" in value:
            value.remove("none")
    return Understood("value", value), None


def _clean_follow_up(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if 0 < len(text) <= 300 else None


# --- commands ----------------------------------------------------------------------------------

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
            answer = ctx.lm.answer(query, [(p.citation, p.text, p.document) for p in passages],
                                   report.facts_for(query, assessment), language=language,
                                   on_chunk=lambda chunk: writer(AssistantText(text=chunk, final=False)))
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error))
    if answer:
        wrong = check_answer(answer, assessment)
        if wrong:
            note = ("The model's answer contradicted the assessment or the method (" + wrong[0].detail
                    + "): here is the advisor's own answer instead.")
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


def report_assessment(state: InterviewState) -> dict[str, Any]:
    """`/assess`: the assessment so far, then the same question again."""
    writer = get_stream_writer()
    assessment = assess(Profile.model_validate(state.get("profile") or {}))
    writer(AssessmentUpdated(assessment=assessment.model_dump(mode="json")))
    text = "So far: " + report.summary_text(assessment)
    writer(AssistantText(text=text))
    return {"transcript": [message("user", state.get("last_input", "/assess")), message("advisor", text)]}


def help_text(state: InterviewState) -> dict[str, Any]:
    writer = get_stream_writer()
    text = state.get("last_input", "")
    command = parse_command(text)
    shown = HELP
    # An unknown command comes back as help whose argument is the command itself ("/frobnicate");
    # "/help back" is help with an argument, not an unknown command.
    if command is not None and command.name == "help" and command.argument.startswith("/"):
        shown = f"Unknown command {text.split()[0]}.\n{HELP}"
    writer(AssistantText(text=shown))
    return {"transcript": [message("user", text), message("advisor", shown)]}


def present(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The end: the assessment, strategy and roadmap, with a short narrative summary."""
    ctx = runtime.context
    transcript: list[dict[str, Any]] = []
    stop_reason = state.get("stop_reason") or ""
    if state.get("pending") is not None:  # /done while a question was pending
        transcript.append(message("user", state.get("last_input", "/done")))
        stop_reason = "the respondent asked to finish"
    assessment = assess(Profile.model_validate(state.get("profile") or {}))
    summary = report.summary_text(assessment)
    if ctx.lm is not None:
        try:
            ctx.turn_calls += 1
            written = ctx.lm.summarise(report.facts(assessment))
            if written and report.faithful(written, assessment):
                summary = written
        except ModelUnavailable as error:
            transcript += _go_guided(ctx, str(error))
    return {"done": True, "summary": summary, "pending": None, "stop_reason": stop_reason,
            "mode": _mode(ctx), "transcript": [*transcript, message("advisor", summary)]}


# --- helpers -----------------------------------------------------------------------------------

def _go_guided(ctx: Context, reason: str) -> list[dict[str, Any]]:
    ctx.go_guided(reason)
    get_stream_writer()(ModeChanged(guided=True, reason=reason))
    return [message("system", f"Guided mode from here: {reason}.")]


def _recover(ctx: Context) -> list[dict[str, Any]]:
    """Back to model mode when a model that failed answers its probe again (with backoff); the
    answers already given stay as they are."""
    if not ctx.recover():
        return []
    note = "The model answers again: back to model mode."
    get_stream_writer()(ModeChanged(guided=False, reason=note))
    return [message("system", note)]


def _mode(ctx: Context) -> str:
    return "guided" if ctx.guided else "model"


def _previous_exchange(state: InterviewState) -> tuple[str, str] | None:
    transcript = state.get("transcript", [])
    for i in range(len(transcript) - 1, 0, -1):
        if transcript[i]["role"] == "user" and transcript[i - 1]["role"] == "advisor":
            return transcript[i - 1]["text"], transcript[i]["text"]
    return None


