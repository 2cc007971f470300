"""The words of one report: its language's catalogue, the methodology's names in that language,
and dates, numbers and percentages formatted for the locale (Babel).

Every renderer receives one `Words` and asks it for every word it writes, so a report is in one
language from its title to its footer. The advice is computed on the English methodology
(`tools.assess`); the methodology's texts a report shows (level names, use-case titles, strategy
names, KPIs, governance measures...) are looked up here by id in the localized methodology, and
the texts the tools wrote (rationales, gates, warnings) arrive already in the report's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

from knowledge.i18n import SOURCE_LANGUAGE, Language, load_texts, localize, localized_methodology
from knowledge.locales import BABEL_LOCALES, format_date, translations
from knowledge.methodology import load_methodology
from knowledge.schema import Methodology

DOMAIN = "reports"
# French sets a narrow no-break space before a semicolon (as the methodology catalogue does).
SEMICOLONS: dict[Language, str] = {"en": "; ", "fr": "\u202f; "}


@dataclass(frozen=True)
class Words:
    language: Language
    m: Methodology  # the methodology's names and texts in `language`, for display
    # English text -> its translation, for the methodology texts the tools copy into an assessment
    _texts: dict[str, str] = field(default_factory=dict, repr=False)

    def _(self, message: str, **values: object) -> str:
        """`message` in the report's language, its `{placeholders}` filled after translation."""
        text = translations(self.language, DOMAIN).gettext(message)
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """`_()` for a word whose translation depends on what it names ("Basic" track / level)."""
        text = translations(self.language, DOMAIN).pgettext(context, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        text = translations(self.language, DOMAIN).ngettext(singular, plural, count)
        return text.format(count=count, **values)

    def pair(self, label: str, text: str) -> str:
        """ "Label: text", with the language's typography ("Libellé : texte")."""
        # TRANSLATORS: a label and what follows it, as in "KPIs: hours saved"; French puts a
        # non-breaking space before the colon.
        return self._("{label}: {text}", label=label, text=text)

    def score(self, value: float) -> str:
        """A 0–1 score with two decimals: "0.75" / "0,75"."""
        # Rounded as Python rounds the float (0.665 -> 0.67), so that every language shows the
        # same figure; Babel alone would round its decimal repr half-even (0.665 -> 0.66).
        return format_decimal(Decimal(f"{value:.2f}"), format="0.00", locale=self.locale)

    def percent(self, ratio: float) -> str:
        """ "47%" / "47 %", rounded as `score()` is."""
        return format_percent(Decimal(f"{ratio:.0%}".rstrip("%")) / 100, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """ "1 December 2026" / "1 décembre 2026"."""
        return format_date(day, self.language, "long")

    def month(self, day: dt.date) -> str:
        """ "December 2026" / "décembre 2026"."""
        return _babel_date(day, format="LLLL y", locale=self.locale)

    @property
    def semicolon(self) -> str:
        return SEMICOLONS[self.language]

    @property
    def locale(self) -> str:
        return BABEL_LOCALES[self.language]

    @property
    def tag(self) -> str:
        """The BCP 47 tag documents carry: "en-GB", "fr-FR"."""
        return self.locale.replace("_", "-")

    def text(self, english: str) -> str:
        """A methodology text the tools copied into the assessment (a KPI, a governance measure,
        a solution) in the report's language; a text that is not the methodology's is kept."""
        return self._texts.get(english, english)

    def texts(self, english: list[str]) -> list[str]:
        return [self.text(t) for t in english]

    def use_case_title(self, case_id: str, fallback: str) -> str:
        if self.language == SOURCE_LANGUAGE:
            return fallback
        return next((u.title for u in self.m.use_cases if u.id == case_id), fallback)

    def strategy_title(self, name: str, fallback: str) -> str:
        if self.language == SOURCE_LANGUAGE:
            return fallback
        return next((s.title for s in self.m.strategies if s.name == name), fallback)

    def sector_name(self, key: str | None, said: str | None) -> str | None:
        """The sector as the client said it; in a translation, the catalogue's name for it."""
        if self.language == SOURCE_LANGUAGE or key is None:
            return said
        return next((s.name for s in self.m.sectors if s.key == key), said)


def words_for(language: Language = SOURCE_LANGUAGE, m: Methodology | None = None) -> Words:
    """The words of a report in `language`; `m` is the methodology the advice was computed on."""
    if m is None:
        return _shipped(language)
    if language == SOURCE_LANGUAGE:
        return Words(language, m)
    shown = localize(m, load_texts(language))
    return Words(language, shown, dict(_counterparts(m, shown, language)))


@cache
def _shipped(language: Language) -> Words:
    english = load_methodology()
    if language == SOURCE_LANGUAGE:
        return Words(language, english)
    shown = localized_methodology(language)
    return Words(language, shown, dict(_counterparts(english, shown, language)))


def _counterparts(english: Methodology, shown: Methodology, language: Language) -> Iterator[tuple[str, str]]:
    """English text -> translated text for the methodology texts the tools copy verbatim into an
    assessment: use-case KPIs, levels' governance measures and solutions ("kind: examples")."""
    pair = translations(language, DOMAIN).gettext("{label}: {text}")
    for en_case, case in zip(english.use_cases, shown.use_cases, strict=True):
        yield from zip(en_case.kpis, case.kpis, strict=False)
    for en_level, lvl in zip(english.levels, shown.levels, strict=True):
        yield from zip(en_level.governance_measures, lvl.governance_measures, strict=False)
        for en_sol, sol in zip(en_level.solutions, lvl.solutions, strict=False):
            yield en_sol.kind, sol.kind
            yield (
                f"{en_sol.kind}: {', '.join(en_sol.examples)}",
                pair.format(label=sol.kind, text=", ".join(sol.examples)),
            )
