"""Changing the session's language mid-interview (`/lang fr`, `/lang en`), and the pending
question shown in whatever language the session speaks now.

The language is the session's (its row in the sessions table and the runtime context), not the
graph state's: going back to an earlier checkpoint keeps the language chosen last. A question
written before a `/lang` is written again in the new language when it is shown; nothing is
answered, undone or recomputed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from agent.contract import AssessmentUpdated, Event, LanguageChanged, Notice, Question
from agent.coverage import open_questions, review_question
from agent.labels import shown_question
from agent.nodes import REOPENED
from agent.questions import REVIEW, bank
from agent.state import InterviewState, message
from knowledge.i18n import LANGUAGES, SOURCE_LANGUAGE, Language, TranslationError, parse_language
from knowledge.locales import N_, gettext_for
from tools.profile import Profile

if TYPE_CHECKING:
    from agent.graph_session import GraphSession

LANGUAGE_NAMES: dict[Language, str] = {"en": N_("English"), "fr": N_("French")}


def in_language(pending: dict[str, Any], values: dict[str, Any], language: Language) -> Question:
    """The pending question (a state dump) as the session shows it in `language`: the bank's
    words, its choices' labels and its help in that language when it was written in another one."""
    written: Language = pending.get("language") or SOURCE_LANGUAGE
    if written == language:
        return Question.model_validate(pending)
    if pending.get("id") == REVIEW:
        profile = Profile.model_validate(values.get("profile") or {})
        rewritten = review_question(
            open_questions(cast(InterviewState, values), profile), pending.get("number", 1), language
        )
        return Question.model_validate(rewritten)
    if pending.get("id") not in bank():
        return Question.model_validate(pending)
    shown = shown_question(pending["id"], language)
    help_text = shown.help
    if pending.get("help") and pending["help"] == gettext_for(written, "interview")(REOPENED):
        help_text = gettext_for(language, "interview")(REOPENED)
    return shown.event(pending.get("number", 1), help=help_text)


def switch_language(session: GraphSession, argument: str) -> Iterator[Event]:
    """`/lang fr|en`: from now on the session speaks that language; the pending question again,
    in it. `/lang` alone, or a language the advisor does not speak, lists the languages."""
    try:
        language = parse_language(argument) if argument.strip() else None
    except TranslationError:
        language = None
    if language is None:
        _ = gettext_for(session.info.language, "interview")
        choices = ", ".join(f"/lang {code} ({_(LANGUAGE_NAMES[code])})" for code in LANGUAGES)
        yield Notice(text=_("The interview speaks these languages: {choices}.").format(choices=choices))
        yield from session.question_again()
        return
    _ = gettext_for(language, "interview")
    if language == session.info.language:
        note = _("The interview already speaks {language}.").format(language=_(LANGUAGE_NAMES[language]))
    else:
        session.speak(language)
        yield LanguageChanged(language=language)
        yield AssessmentUpdated(assessment=session.assessment())  # its texts in the new language
        note = _("From now on the interview speaks {language}; every answer is kept.").format(
            language=_(LANGUAGE_NAMES[language])
        )
    session.store.transcripts.append(session.info.id, [message("system", note)])
    yield Notice(text=note)
    yield from session.question_again(note_it=True)
