"""Nothing left behind: the closing offer to answer what was skipped or left unknown, `/unknowns`,
and `/back QUESTION` (that one question again, every other answer kept)."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from agent.events import AssistantText, Notice, Question
from agent.labels import field_label, shown_question, value_label
from agent.modes import mode as _mode
from agent.questions import REVIEW, BankQuestion, bank
from agent.questions import REVIEW_QUESTION as REVIEW_READER
from agent.questions import find as find_question
from agent.state import Context, InterviewState, message
from agent.understand import parse_command
from agent.understand import understand as read_answer
from knowledge.i18n import Language
from knowledge.locales import gettext_for, translations
from tools.assess import assess
from tools.profile import Profile

__all__ = ["REVIEW", "ask_again", "open_questions", "review", "review_question", "revisit", "unknowns"]


def ask_again(
    ctx: Context, state: InterviewState, question: BankQuestion, number: int, transcript: list[dict[str, Any]]
) -> dict[str, Any]:
    current = question.current(Profile.model_validate(state.get("profile") or {}))
    _ = gettext_for(ctx.language, "interview")
    asked = shown_question(question.id, ctx.language)
    before = value_label(question.field, current, ctx.language)
    pending = asked.event(
        number,
        help=None
        if current is None
        else _("Answered before: {answer}. Answer again, or /skip to keep it.").format(answer=before),
    ).model_dump(mode="json")
    pending["language"] = ctx.language
    return {"pending": pending, "mode": _mode(ctx), "transcript": [*transcript, message("advisor", asked.text)]}


def revisit(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """`/back QUESTION` handled in the graph: ask that earlier question again and keep every
    other answer (a fork of the thread, the session's `/back`, undoes everything after it)."""
    text = state.get("last_input", "")
    command = parse_command(text)
    target = find_question(command.argument) if command is not None and command.argument else None
    pending = state.get("pending") or {}
    writer = get_stream_writer()
    transcript = [message("user", text)]
    if target is None or target.id not in state.get("asked", []):
        said = command.argument if command else text
        _ = gettext_for(runtime.context.language, "interview")
        note = _("No earlier question matches “{reference}”.").format(reference=said)
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


def review_question(open_ids: list[str], number: int, language: Language = "en") -> dict[str, Any]:
    """The offer, before the results, to answer what was skipped or left unknown."""
    words = translations(language, "interview")
    names = ", ".join(field_label(bank()[i].field, language) for i in open_ids[:4])
    count = len(open_ids)
    if count > 4:
        listed = words.gettext("{names} and {more} more").format(names=names, more=count - 4)
    else:
        listed = names
    # One message per form rather than ngettext: the counts here are never 0, where French and
    # English disagree, and the catalogue tooling reads singular/plural pairs badly.
    text = (
        words.gettext("Before the results: {count} question is still unanswered ({listed}). Answer it now?")
        if count == 1
        else words.gettext("Before the results: {count} questions are still unanswered ({listed}). Answer them now?")
    ).format(count=count, listed=listed)
    pending = Question(
        id=REVIEW,
        field="",
        section="organization",
        text=text,
        kind="yesno",
        choices=list(shown_question(REVIEW, language).choices),
        number=number,
        help=words.gettext(
            "Yes to answer them one by one (/skip leaves one unknown), no to see the results. "
            "/unknowns reopens them later."
        ),
    ).model_dump(mode="json")
    return pending | {"language": language}


def review(state: InterviewState) -> dict[str, Any]:
    """The answer to the closing offer: yes reopens the open questions, anything else finishes."""
    text = state.get("last_input", "")
    profile = Profile.model_validate(state.get("profile") or {})
    reading = read_answer(REVIEW_READER, text)
    transcript = [message("user", text)]
    if reading.status == "value" and reading.value is True:
        return {"reopen": open_questions(state, profile), "pending": None, "transcript": transcript}
    return {"pending": None, "transcript": transcript}


def unknowns(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """`/unknowns`: ask the skipped and unknown questions again, then carry on (or finish)."""
    words = translations(runtime.context.language, "interview")
    text = state.get("last_input", "/unknowns")
    profile = Profile.model_validate(state.get("profile") or {})
    ids = open_questions(state, profile)
    writer = get_stream_writer()
    transcript = [message("user", text)]
    if not ids:
        note = words.gettext("Nothing was skipped or left unknown.")
        writer(AssistantText(text=note))
        return {"transcript": [*transcript, message("advisor", note)]}
    pending = state.get("pending") or {}
    reopen = ids + ([pending["id"]] if pending.get("id") in bank() and pending["id"] not in ids else [])
    note = (
        words.gettext("{count} question to answer again: /skip leaves one unknown.")
        if len(ids) == 1
        else words.gettext("{count} questions to answer again: /skip leaves one unknown.")
    ).format(count=len(ids))
    writer(AssistantText(text=note))
    return {
        "reopen": reopen,
        "pending": None,
        "done": False,
        "offered": True,
        "transcript": [*transcript, message("advisor", note)],
    }


def after_unknowns(state: InterviewState) -> str:
    return "plan" if state.get("reopen") else ("ask" if state.get("pending") else "end")


def is_unknowns_command(text: str) -> bool:
    command = parse_command(text)
    return command is not None and command.name == "unknowns"
