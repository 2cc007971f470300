"""The reader's requests, in the respondent's language: what was not understood and how to
answer instead, in the question's own terms and with the choices as the respondent saw them."""

from __future__ import annotations

from agent.labels import shown_question
from agent.questions import REVIEW, BankQuestion
from agent.questions import question as bank_question
from knowledge.i18n import Language
from knowledge.locales import gettext_for


class Reader:
    """One reading: the question, the answer, and the language the hints are written in."""

    def __init__(self, question: BankQuestion, language: Language):
        self.question = question
        self.language = language
        self._ = gettext_for(language, "interview")

    def labels(self) -> list[str]:
        """The choices' labels as the respondent saw them."""
        q = self.question
        try:
            if q.id == REVIEW or bank_question(q.id) is q:
                return [c.label for c in shown_question(q.id, self.language).choices]
        except KeyError:
            pass
        return [c.label for c in q.choices]


def refusal(r: Reader) -> str:
    question, _ = r.question, r._
    if question.kind == "multi":
        return _("Name one or more, or give their numbers: {choices}.").format(choices=numbered(r))
    if question.kind == "yesno":
        return _("Please answer yes or no (1 or 2).")
    if question.kind == "scale":
        return _("Please give a number from 1 (marginal) to 5 (critical).")
    if question.kind == "text":
        return _("A sentence is enough, or /skip.")
    if question.id == "organization.budget":
        heard = _("I could not tell how much the organisation will invest from that. {request}")
    elif question.id == "organization.risk_appetite":
        heard = _("I could not tell how much risk the organisation will take from that. {request}")
    elif question.detail == "genai_today":
        heard = _("I could not tell how far this function has gone from that. {request}")
    elif question.section == "capabilities":
        heard = _("I could not tell how far this has gone from that. {request}")
    elif question.section == "governance":
        heard = _("I could not tell how far this goes from that. {request}")
    else:
        heard = _("I could not tell the answer from that. {request}")
    return heard.format(request=listed(r))


def listed(r: Reader) -> str:
    return r._("Please pick one: {choices}.").format(choices=numbered(r))


def numbered(r: Reader) -> str:
    # TRANSLATORS: between the numbered choices of a list; French puts a non-breaking space before ";".
    return r._("; ").join(f"{i}. {label}" for i, label in enumerate(r.labels(), 1))
