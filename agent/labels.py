"""The interview in the respondent's language: the question bank as shown (texts from the
methodology's translation and the interview's catalogue), and what a profile field and a recorded
value are called: "✓ taille : Grande", not "✓ size: large"."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from agent.questions import (
    KEY_FUNCTIONS,
    REVIEW,
    REVIEW_QUESTION,
    YESNO_CHOICES,
    BankQuestion,
    bank,
    build_bank,
    translated_choices,
)
from knowledge.i18n import LANGUAGES, SOURCE_LANGUAGE, Language, localized_methodology
from knowledge.locales import N_, gettext_for
from knowledge.methodology import capability
from knowledge.methodology import function as function_spec
from knowledge.vocabulary import CapabilityKey, FunctionKey


@cache
def localized_bank(language: Language) -> dict[str, BankQuestion]:
    """The bank as a respondent in `language` reads it: the same ids, fields, kinds and choice
    values, with texts from the methodology's translation and the interview's catalogue. For
    showing only: answers are read against `bank()` (the reader knows both languages' words)."""
    if language == SOURCE_LANGUAGE:
        return bank()
    return build_bank(localized_methodology(language), gettext_for(language, "interview"))


def shown_question(question_id: str, language: Language) -> BankQuestion:
    """The question with its words in `language` (what is shown, never what is read against)."""
    if question_id == REVIEW:
        _ = gettext_for(language, "interview")
        return replace(REVIEW_QUESTION, text=_(REVIEW_QUESTION.text), choices=translated_choices(YESNO_CHOICES, _))
    return localized_bank(language)[question_id]


def field_label(field: str, language: Language = SOURCE_LANGUAGE) -> str:
    """What a profile field is called for a respondent in `language`: "size" / "taille", the
    capability's name, "service: importance" / "Services : importance"."""
    _ = gettext_for(language, "interview")
    m = localized_methodology(language)
    parts = field.split(".")
    if parts[0] == "capabilities" and len(parts) == 2:
        return capability(m, CapabilityKey(parts[1])).name
    if parts[0] == "value_chain" and len(parts) == 3:
        detail = _(FIELD_LABELS.get(parts[2], parts[2].replace("_", " ")))
        return _("{function}: {detail}").format(function=function_spec(m, FunctionKey(parts[1])).name, detail=detail)
    if parts[0] == "value_chain" and len(parts) == 2 and parts[1] in {f.value for f in FunctionKey}:
        return function_spec(m, FunctionKey(parts[1])).name
    name = field.rsplit(".", 1)[-1]
    return _(FIELD_LABELS.get(name, name.replace("_", " ")))


# The profile's own fields by their short name; capabilities and functions are named by the
# methodology.
FIELD_LABELS = {
    "name": N_("name"),
    "sector": N_("sector"),
    "size": N_("size"),
    "objectives": N_("objectives"),
    "budget": N_("budget"),
    "risk_appetite": N_("risk appetite"),
    "regulated": N_("regulated data"),
    "value_chain": N_("key functions"),
    "importance": N_("importance"),
    "pain_points": N_("pain points"),
    "data": N_("data"),
    "genai_today": N_("generative AI today"),
    "monitoring": N_("monitoring"),
    "ai_policy": N_("AI policy"),
    "data_governance": N_("data governance"),
}


def value_label(field: str, value: Any, language: Language = SOURCE_LANGUAGE) -> str:
    """A recorded value as a respondent in `language` reads it: the choice's label when the value
    is one of the field's choices (its short form, before any colon), else the value itself."""
    _ = gettext_for(language, "interview")
    if value is None:
        return _("skipped")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    questions = localized_bank(language)
    asked = questions.get(KEY_FUNCTIONS if field == "value_chain" else field)
    choices = {c.value: c.label for c in asked.choices} if asked is not None and asked.kind != "scale" else {}

    def one(item: Any) -> str:
        label = choices.get(str(item))
        return str(item).replace("_", " ") if label is None else label.split(":")[0].strip()

    if isinstance(value, list):
        return ", ".join(one(v) for v in value)
    return one(value)


# The levels a capability or governance measure is at, as a gap or a recorded answer says them.
LEVEL_WORDS = {
    "none": N_("none"),
    "exploring": N_("exploring"),
    "pilot": N_("pilot"),
    "production": N_("production"),
    "basic": N_("basic"),
    "advanced": N_("advanced"),
    "unknown": N_("unknown"),
}


def level_word(value: str, language: Language = SOURCE_LANGUAGE) -> str:
    """ "pilot" / "pilote": a level as words, the value itself when it is not one of them."""
    return gettext_for(language, "interview")(LEVEL_WORDS[value]) if value in LEVEL_WORDS else value


def every_label(question: BankQuestion, value: str) -> list[str]:
    """The labels a choice has in every language the advisor speaks, so that a respondent may
    answer with the words of either list whatever the session speaks ("Grande", "Large")."""
    labels = [c.label for c in question.choices if c.value == value]
    if question.id != REVIEW and bank().get(question.id) is not question:
        return labels  # a question built elsewhere (tests): its own words only
    for language in LANGUAGES:
        labels += [c.label for c in shown_question(question.id, language).choices if c.value == value]
    return list(dict.fromkeys(labels))
