"""Every user-visible string in the user's language: gettext catalogues managed with Babel, and
dates and numbers formatted for the locale.

Methodology texts (levels, capabilities, questions, use cases, strategies...) are translated in
the methodology data itself (`knowledge/i18n.py`); this module is for the words the code writes:
prompts, hints, help, labels, report headings, rationales.

A module marks its strings with `_()` from `translations(language, DOMAIN).gettext`, or with
`N_()` where the string is a constant translated later (a choice label defined at import). The
catalogues live in `knowledge/locale/<lang>/LC_MESSAGES/<domain>.po`, one domain per area of the
code (`DOMAINS`), compiled to `.mo` next to them by `make translations`; the tests fail when a
marked string has no French, or a `.mo` is older than its `.po`.

English is the source language: it needs no catalogue.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

from knowledge.i18n import LANGUAGES, SOURCE_LANGUAGE, Language, TranslationError, parse_language

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ROOT = LOCALE_DIR.parent.parent

# Each area of the code has its own catalogue, so work on one never conflicts with another.
# A file belongs to the first domain one of whose patterns it matches (paths from the project root).
DOMAINS: dict[str, tuple[str, ...]] = {
    "reports": ("tools/export/**/*.py", "tools/export/templates/**/*"),
    "methodology": ("tools/*.py", "knowledge/*.py"),
    "cli": (
        "advisor.py",
        "agent/cli.py",
        "agent/commands/common.py",
        "agent/commands/kb.py",
        "agent/commands/kb_terminal.py",
        "agent/commands/sessions.py",
        "agent/settings.py",
    ),
    "answers": (
        "agent/answers.py",
        "agent/faithful.py",
        "agent/report.py",
        "agent/modes.py",
        "agent/phrasing.py",
        "agent/extraction.py",
        "agent/model.py",
        "agent/budget.py",
        "agent/prompts.py",
        "agent/kb.py",
        "agent/retrieval.py",
    ),
    "interview": ("agent/**/*.py",),  # the graph, the contract, the reader, the plain interview
    "tui": ("tui/**/*.py",),
}

# The Babel locale each language's dates and numbers follow.
BABEL_LOCALES: dict[Language, str] = {"en": "en_GB", "fr": "fr_FR"}

# Environment variables that say the user's language, most specific first (POSIX order).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def N_(message: str) -> str:
    """Marks a constant for translation without translating it: translate it where it is shown."""
    return message


@cache
def translations(language: Language, domain: str) -> gettext.NullTranslations:
    """The catalogue of `domain` in `language` (loaded once per process). English, or a domain
    with no catalogue yet, gives the strings back unchanged."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown translation domain {domain!r}")
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)


def gettext_for(language: Language, domain: str) -> Callable[[str], str]:
    """Shorthand: `_ = gettext_for(language, "interview")`."""
    return translations(language, domain).gettext


def default_language(environ: Mapping[str, str] | None = None) -> Language:
    """The user's language from the locale variables (LC_ALL, LC_MESSAGES, LANG), English when
    none names a language the advisor speaks ("C", "POSIX" and unknown ones included)."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if not value:
            continue
        try:
            return parse_language(value)
        except TranslationError:
            return SOURCE_LANGUAGE  # the most specific variable decides, even when it is "C"
    return SOURCE_LANGUAGE


def babel_locale(language: Language) -> Locale:
    return Locale.parse(BABEL_LOCALES[language])


def format_date(day: date | datetime, language: Language, form: str = "long") -> str:
    """ "1 December 2026" / "1 décembre 2026"."""
    return _babel_date(day, format=form, locale=BABEL_LOCALES[language])


def format_number(value: float, language: Language, decimals: int = 2) -> str:
    """ "1,234.5" / "1 234,5" (at most `decimals` decimals, no trailing zeros)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return _babel_decimal(value, format=pattern, locale=BABEL_LOCALES[language])


def format_percent(ratio: float, language: Language) -> str:
    """0.25 -> "25%" / "25 %"."""
    return _babel_percent(ratio, locale=BABEL_LOCALES[language])


__all__ = [
    "DOMAINS",
    "LANGUAGES",
    "N_",
    "Language",
    "babel_locale",
    "default_language",
    "format_date",
    "format_number",
    "format_percent",
    "gettext_for",
    "translations",
]
