"""The user's language for an interface: the catalogues and the locale's formats, re-exported so
that an interface translates its own words without importing the knowledge package itself."""

from __future__ import annotations

from knowledge.locales import LANGUAGES, N_, Language, format_date, format_number, gettext_for, translations

__all__ = ["LANGUAGES", "N_", "Language", "format_date", "format_number", "gettext_for", "translations"]
