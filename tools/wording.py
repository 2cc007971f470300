"""The words of an assessment in the reader's language.

The advice is computed once, on the English methodology, whatever the language: only what it says
changes. A `Wording` gives the tools the texts of the methodology in the reader's language, looked
up by id (level names, capability names, use-case titles and KPIs...), the code's own sentences
from the methodology catalogue, the vocabulary's words, and numbers as the language writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from knowledge.i18n import SOURCE_LANGUAGE, Language, load_texts, localize, localized_methodology
from knowledge.locales import format_number, format_percent, gettext_for, translations
from knowledge.methodology import load_methodology
from knowledge.schema import Methodology, Strategy, UseCase
from knowledge.vocabulary import CapabilityKey, FunctionKey, GovernanceKey, StrategyName, Vocabulary, label

DOMAIN = "methodology"
# Between clauses of one sentence; French typography wants a narrow no-break space before ";".
CLAUSE_SEPARATORS: dict[Language, str] = {"en": "; ", "fr": "\u202f; "}


@dataclass(frozen=True)
class Wording:
    language: Language
    texts: Methodology  # the methodology with its texts in `language`: same ids, keys and numbers
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    cases: dict[str, UseCase]
    strategies: dict[StrategyName, Strategy]

    def level_name(self, number: int) -> str:
        return self.texts.levels[number - 1].name

    def capability_name(self, key: CapabilityKey) -> str:
        return next(c.name for c in self.texts.capabilities if c.key == key)

    def function_name(self, key: FunctionKey) -> str:
        return next(f.name for f in self.texts.functions if f.key == key)

    def case(self, case_id: str) -> UseCase:
        return self.cases[case_id]

    def label(self, value: Vocabulary) -> str:
        return label(value, self.language)

    def labels(self, values: Iterable[Vocabulary]) -> str:
        """Vocabulary words as a list in a sentence: "cost reduction, innovation"."""
        return ", ".join(label(value, self.language) for value in values)

    def references(self, values: Iterable[Vocabulary]) -> str:
        """Values a text cites as references: English has always printed their keys
        ("public_llm_use"), which its readers search for; other languages print their words."""
        if self.language == SOURCE_LANGUAGE:
            return ", ".join(value.value for value in values)
        return self.labels(values)

    def fields(self, fields: Iterable[str]) -> str:
        """Profile fields a text asks about ("capabilities.rag"): English has always printed the
        fields themselves; other languages name what they record, since the keys are English."""
        if self.language == SOURCE_LANGUAGE:
            return ", ".join(fields)
        return ", ".join(self._field_name(field) for field in fields)

    def _field_name(self, field: str) -> str:
        group, _, key = field.partition(".")
        try:
            if group == "capabilities":
                return self.label(CapabilityKey(key))
            if group == "governance":
                return self.label(GovernanceKey(key))
        except ValueError:  # not a key of the vocabulary: shown as it is
            pass
        return field

    def clauses(self, parts: Iterable[str]) -> str:
        """Clauses of one sentence: "value is high; risk is low"."""
        return CLAUSE_SEPARATORS[self.language].join(parts)

    def percent(self, ratio: float) -> str:
        # English keeps Python's rounding, which its texts have always shown; French follows Babel
        # ("25 %"), rounded the same way first so both languages show the same figure.
        return f"{ratio:.0%}" if self.language == SOURCE_LANGUAGE else format_percent(round(ratio, 2), self.language)

    def number(self, value: float) -> str:
        """5 -> "5", 0.5 -> "0.5" / "0,5"."""
        return f"{value:g}" if self.language == SOURCE_LANGUAGE else format_number(value, self.language)


def sentence(text: str) -> str:
    """`text` with a capital first letter, as a sentence starting on a placeholder needs."""
    return text[:1].upper() + text[1:]


def wording(m: Methodology, language: Language = SOURCE_LANGUAGE) -> Wording:
    """The words for assessing on `m` in `language`; `m` itself gives the English texts."""
    if m is load_methodology():
        return _shipped(language)
    return _build(m, language)


@cache
def _shipped(language: Language) -> Wording:
    return _build(load_methodology(), language)


def _build(m: Methodology, language: Language) -> Wording:
    if language == SOURCE_LANGUAGE:
        texts = m
    elif m is load_methodology():
        texts = localized_methodology(language)
    else:  # a methodology edited or built for a test: its own ids, the shipped translations
        texts = localize(m, load_texts(language))
    return Wording(
        language=language,
        texts=texts,
        gettext=gettext_for(language, DOMAIN),
        ngettext=translations(language, DOMAIN).ngettext,
        cases={c.id: c for c in texts.use_cases},
        strategies={s.name: s for s in texts.strategies},
    )
