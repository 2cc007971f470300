"""Understand an answer without a language model: commands, numbers, choice labels, yes/no, level
words, head counts, sectors from whole sentences, hedges; in English and French.

`understand(question, text)` returns a value ready to store, "unknown" (the respondent does not
know), or "unclear" with a hint that says what was understood and what is missing. `exact` marks
answers that leave no doubt (a choice, a number, a plain yes or no): those never need a model.
`also` holds the other profile fields the same answer gives ("Assurances Horizon, 9,000 people"
answers the sector and the size). One answer is read once per turn: readings are memoised.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from agent.contract.commands import Command, parse_command  # the one definition; re-exported
from agent.labels import every_label
from agent.questions import KEY_FUNCTIONS, BankQuestion
from agent.questions import question as bank_question
from agent.reading import words as w
from agent.reading.asking import Reader, listed, numbered, refusal
from agent.reading.choices import item_phrases, stages
from agent.reading.facts import side_facts
from agent.reading.numbers import amount, head_count, size_band
from agent.reading.sector import read_sector
from agent.reading.text import clauses, has, has_negation, mentions, negated_in, normalise, pattern
from agent.reading.understood import Understood
from knowledge.i18n import SOURCE_LANGUAGE, Language, localized_methodology
from knowledge.locales import N_
from knowledge.methodology import function as function_spec
from knowledge.vocabulary import DataKind

MAX_TEXT = 500  # characters kept of a free-text answer
SHORT = 6  # words: "I don't know" inside an answer this short means the whole answer
ORDERED = {
    "adoption": ("none", "exploring", "pilot", "production"),
    "governance": ("none", "basic", "advanced"),
    "appetite": ("low", "medium", "high"),
}
SKIP_HINT = N_(
    "Noted as unknown for now. Type /skip to pass a question straight away; /back returns to it once you know."
)
INSTRUCTIONS = (
    "ignore previous",
    "ignore all",
    "ignore the above",
    "ignore your",
    "previous instructions",
    "system prompt",
    "set the maturity",
    "you are now",
    "disregard",
    "ignore les instructions",
    "oublie tes instructions",
    "oubliez les instructions",
)

normalise = normalise  # re-exported: callers read answers in the same normal form


def looks_like_question(text: str) -> bool:
    stripped = text.strip()
    first = normalise(stripped).split(" ", 1)[0] if stripped else ""
    return stripped.endswith("?") or first in {"why", "pourquoi"}


# --- the entry point ---------------------------------------------------------------------------


def understand(question: BankQuestion, text: str, language: Language = SOURCE_LANGUAGE) -> Understood:
    """Read `text` as an answer to `question` (memoised for the bank's own questions). The answer
    may be in English or French whatever `language` is; `language` is only that of the hints."""
    try:
        if bank_question(question.id) is question:
            return _understand_cached(question.id, text, language)
    except KeyError:
        pass
    return _understand(question, text, language)


@lru_cache(maxsize=512)
def _understand_cached(question_id: str, text: str, language: Language) -> Understood:
    return _understand(bank_question(question_id), text, language)


def _understand(question: BankQuestion, text: str, language: Language = SOURCE_LANGUAGE) -> Understood:
    r = Reader(question, language)
    _ = r._
    raw = text.strip()[: MAX_TEXT * 4]
    norm = normalise(raw)
    if not norm:
        return Understood("unclear", hint=_("The answer was empty."))
    if any(has(norm, phrase) for phrase in INSTRUCTIONS):
        return Understood(
            "unclear",
            hint=_("That reads like an instruction rather than an answer. {request}").format(request=refusal(r)),
        )
    words = norm.split()
    if norm in ("skip", "pass", "passer", "je passe"):
        return Understood("unknown", exact=True)
    if len(words) <= SHORT and any(has(norm, phrase) for phrase in w.UNKNOWN):
        return Understood("unknown", exact=True, hint=_(SKIP_HINT))
    reading = _read(r, raw, norm)
    doubtful = any(has(norm, phrase) for phrase in w.ASK_SOMEONE) or any(
        norm.startswith(opener) for opener in w.UNKNOWN_OPENERS
    )
    if doubtful:  # "I don't know, I'd have to ask IT"; "not sure, maybe a pilot" still says something
        if reading.status != "value" or question.kind == "text":
            return Understood("unknown", exact=True, hint=_(SKIP_HINT))
        reading = Understood("value", reading.value, exact=False, hint=reading.hint)
    facts = tuple((f, v) for f, v in side_facts(question, raw).items() if f != question.field)
    return Understood(reading.status, reading.value, reading.exact, reading.hint, facts)


def _read(r: Reader, raw: str, norm: str) -> Understood:
    reader = {"yesno": _yesno, "scale": _scale, "multi": _multi, "text": _text}.get(r.question.kind, _choice)
    return reader(r, raw, norm)


# --- readers per kind --------------------------------------------------------------------------


def _yesno(r: Reader, raw: str, norm: str) -> Understood:
    if norm in w.YES or norm == "1":  # the choices are listed as 1) Yes 2) No
        return Understood("value", True, exact=True)
    if norm in w.NO or norm == "2":
        return Understood("value", False, exact=True)
    said = yes_or_no(raw)
    if said is not None:
        return Understood("value", said)
    sensitive = [mentions(raw, phrase) for phrase in w.SENSITIVE]
    if any(plain for _, plain in sensitive):  # "only customer addresses, so some personal data"
        return Understood("value", True)
    nothing = (
        "nothing sensitive",
        "only public",
        "just public",
        "public data only",
        "rien de sensible",
        "que des donnees publiques",
        "donnees publiques uniquement",
    )
    if any(said for said, _ in sensitive) or any(has(norm, phrase) for phrase in nothing):
        return Understood("value", False)
    return Understood(
        "unclear", hint=r._("I could not tell whether that is a yes or a no. Please answer yes or no (1 or 2).")
    )


def yes_or_no(raw: str) -> bool | None:
    """A yes or a no said as a clause of its own, at its start or its end ("yes, health data",
    "I would say yes, more or less", "non, pas vraiment"); None when neither or both."""
    found: set[bool] = set()
    for clause in clauses(raw):
        for answer, words in ((True, w.YES), (False, w.NO)):
            if clause in words or any(
                len(word) > 1 and (clause.startswith(word + " ") or clause.endswith(" " + word)) for word in words
            ):
                found.add(answer)
    return found.pop() if len(found) == 1 else None


def _scale(r: Reader, raw: str, norm: str) -> Understood:
    number = re.fullmatch(r"([1-5])(?: ?/ ?5| out of 5| sur 5)?", norm)
    if number:
        return Understood("value", int(number.group(1)), exact=True)
    rated = re.search(r"(?<![0-9.,])([1-5])(?: ?/ ?5| out of 5| sur 5)(?![0-9.,])", norm)
    found = rated or re.search(r"(?<![0-9.,])([1-5])(?![0-9.,])", norm)
    if found and (rated or len(norm.split()) <= SHORT):  # in a long sentence a bare digit may mean anything
        return Understood("value", int(found.group(1)))
    for value, phrases in w.SCALE:
        for phrase in phrases:
            said, plain = mentions(raw, phrase)
            if plain:
                return Understood("value", value, exact=norm == phrase)
    if r.question.function is None:
        return Understood("unclear", hint=r._("Please give a number from 1 (marginal) to 5 (critical)."))
    subject = function_spec(localized_methodology(r.language), r.question.function).name.lower()
    return Understood(
        "unclear",
        hint=r._(
            "I could not tell how much {function} weighs from that. "
            "Please give a number from 1 (marginal) to 5 (critical)."
        ).format(function=subject),
    )


def _choice(r: Reader, raw: str, norm: str) -> Understood:
    question = r.question
    values = [c.value for c in question.choices]
    for choice in question.choices:  # the value or a label in either language, exactly
        labels = every_label(question, choice.value)
        if norm == normalise(choice.value) or any(norm in (normalise(x), normalise(x.split(":")[0])) for x in labels):
            return Understood("value", choice.value, exact=True)
    if re.fullmatch(r"\d{1,2}", norm) and 1 <= int(norm) <= len(values) and question.id != "organization.size":
        return Understood("value", values[int(norm) - 1], exact=True)
    if question.id == "organization.sector":
        return _sector(r, raw, norm)
    if question.id == "organization.size":
        return _size(r, raw, norm, values)
    scale = next((name for name, order in ORDERED.items() if set(order) == set(values)), None)
    if scale is None:
        return Understood("unclear", hint=refusal(r))
    if scale == "appetite":
        return _appetite(r, raw, norm)
    if norm in ("yes", "oui", "y") and scale == "adoption":
        return Understood("unclear", hint=r._("Yes, but how far has it gone: exploring, a pilot, or production?"))
    vocabulary = w.ADOPTION if scale == "adoption" else w.GOVERNANCE
    positive, negative = stages(raw, norm, vocabulary)
    order = ORDERED[scale]
    if positive:  # the most advanced stage said without negation wins: "a pilot but not in production"
        best = max(positive, key=order.index)
        return Understood("value", best, exact=len(norm.split()) <= 3)
    if negative or norm.split()[0] in ("no", "non", "nope", "nah"):
        return Understood("value", "none", exact=norm in w.NO or norm in vocabulary["none"])
    return Understood("unclear", hint=refusal(r))


def _appetite(r: Reader, raw: str, norm: str) -> Understood:
    """Low, medium or high from words and amounts: "a modest budget, maybe £200k", "fairly open,
    the CEO wants to move fast". Each signal scores 0..2 (a hedge only softens: "fairly open" is
    still open); a negation flips an end; the answer is the rounded mean."""
    order = ORDERED["appetite"]
    signals: list[float] = []
    for clause in clauses(raw):
        taken: list[tuple[int, int]] = []
        for value, phrases in w.APPETITE.items():
            for phrase in sorted(phrases, key=len, reverse=True):
                if phrase not in clause:
                    continue
                for match in pattern(phrase).finditer(clause):
                    if any(s < match.end() and match.start() < e for s, e in taken):
                        continue
                    taken.append((match.start(), match.end()))
                    score = float(order.index(value))
                    if negated_in(clause, match.start()) and score != 1:
                        score = 2 - score
                    signals.append(score)
    if r.question.id == "organization.budget":
        money = amount(raw, asked=True)
        if money is not None:
            signals.append(0.0 if money < 250_000 else 1.0 if money < 2_000_000 else 2.0)
    if not signals:
        return Understood("unclear", hint=refusal(r))
    mean = sum(signals) / len(signals)
    return Understood("value", order[int(mean + 0.5)], exact=len(norm.split()) <= 2)


def _sector(r: Reader, raw: str, norm: str) -> Understood:
    reading = read_sector(raw)
    decisive = reading.key is not None and reading.score > reading.runner_up
    if decisive:
        return Understood("value", reading.key, exact=len(norm.split()) <= 3)
    if reading.key is None and len(norm.split()) <= 5 and not has_negation(raw):  # an unknown sector is still a sector
        return Understood("value", " ".join(raw.split())[:80])
    sectors = {s.key: s.name for s in localized_methodology(r.language).sectors}
    named = [sectors.get(key, key.replace("_", " ")).lower() for key in reading.mentioned[:2]]
    if len(named) == 2:
        hint = r._(
            "I heard {first} or {second}, but not which one describes the organisation. "
            "Please name the sector in a few words, for example: insurance, banking."
        ).format(first=named[0], second=named[1])
    elif named:
        hint = r._(
            "I heard {sector}, but not whether it describes the organisation. "
            "Please name the sector in a few words, for example: insurance, banking."
        ).format(sector=named[0])
    else:
        hint = r._(
            "I did not recognise a sector in that. Please name the sector in a few words, for example: insurance, banking."
        )
    return Understood("unclear", hint=hint)


def _size(r: Reader, raw: str, norm: str, values: list[str]) -> Understood:
    if re.fullmatch(r"\d", norm) and 1 <= int(norm) <= len(values):  # a choice number
        return Understood("value", values[int(norm) - 1], exact=True)
    count = head_count(raw, asked_size=True)
    if count is not None:
        return Understood("value", size_band(count), exact=True)
    found = [value for value, phrases in w.SIZE.items() if any(mentions(raw, p)[1] for p in phrases)]
    if len(found) == 1:
        return Understood("value", found[0])
    return Understood(
        "unclear",
        hint=r._("I did not find a head count in that. About how many people work there? {request}").format(
            request=listed(r)
        ),
    )


def _multi(r: Reader, raw: str, norm: str) -> Understood:
    question = r.question
    values = [c.value for c in question.choices]
    real = [v for v in values if v != DataKind.none.value]
    if norm in w.ALL:
        return Understood("value", real, exact=True)
    if norm in w.NONE:
        none = [DataKind.none.value] if DataKind.none.value in values else []
        return Understood("value", none, exact=True)
    numbers = re.fullmatch(r"\d{1,2}(?:\s*(?:,|and|et|&|\s)\s*\d{1,2})*", norm)
    if numbers:
        picked = [int(n) for n in re.findall(r"\d+", norm)]
        if all(1 <= n <= len(values) for n in picked):
            return Understood("value", _dedupe(values[n - 1] for n in picked), exact=True)
    found = _items_said(question, raw)
    if re.search(r"\bIT\b", raw) and "technology_development" in values and "technology_development" not in found:
        found.append("technology_development")
    if DataKind.none.value in found and len(found) > 1:
        found.remove(DataKind.none.value)
    if not found:
        return Understood(
            "unclear",
            hint=r._(
                "I recognised none of the choices in that. Name one or more, or give their numbers: {choices}."
            ).format(choices=numbered(r)),
        )
    names = {normalise(c.value) for c in question.choices}
    names |= {normalise(label) for c in question.choices for label in every_label(question, c.value)}
    exact = all(normalise(part) in names for part in re.split(r",|;|\band\b|\bet\b", raw.lower()) if part.strip())
    if question.id == KEY_FUNCTIONS:
        exact = exact or len(norm.split()) <= 8
    return Understood("value", _ordered_as(values, found), exact=exact)


def _items_said(question: BankQuestion, raw: str) -> list[str]:
    """The choices an answer names without negation, longest phrase first so "business
    development" is sales, not technology development, and "legal work" is operations."""
    phrases = sorted(
        ((p, c.value) for c in question.choices for p in item_phrases(question, c.value)),
        key=lambda pair: -len(pair[0]),
    )
    found: list[str] = []
    for clause in clauses(raw):
        taken: list[tuple[int, int]] = []
        for phrase, value in phrases:
            if phrase not in clause:
                continue
            for match in pattern(phrase).finditer(clause):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                if not negated_in(clause, match.start()) and value not in found:
                    found.append(value)
    return found


def _text(r: Reader, raw: str, norm: str) -> Understood:
    text = " ".join(raw.split())
    if len(text) < 3:
        return Understood("unclear", hint=r._("A few words are enough, or /skip."))
    if norm in w.NO or norm in w.NONE:
        return Understood("unknown", exact=True)
    return Understood("value", text[:MAX_TEXT], exact=True)


# --- refusals in the question's own terms ------------------------------------------------------


def _ordered_as(values: list[str], found: list[str]) -> list[str]:
    return [v for v in values if v in found]


def _dedupe(items: Any) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


__all__ = ["Command", "Understood", "item_phrases", "looks_like_question", "parse_command", "stages", "understand"]
