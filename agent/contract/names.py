"""What an interface shows for the methodology's keys, in a language: a value-chain function's
name, a strategy's title, a capability's name. They come from the methodology data, translated
there (`knowledge/data/fr/`), so an interface never translates methodology itself.

An unknown key comes back as it is: a newer assessment never breaks an older interface.
"""

from __future__ import annotations

from knowledge.i18n import Language, localized_methodology


def function_name(key: str, language: Language) -> str:
    """ "marketing_sales" -> "Marketing and sales" / "Marketing et ventes"."""
    names = {str(f.key): f.name for f in localized_methodology(language).functions}
    return names.get(key, key)


def strategy_title(name: str, language: Language) -> str:
    """ "incremental" -> "Incremental and evolutive" / "Approche incrémentale et évolutive"."""
    titles = {str(s.name): s.title for s in localized_methodology(language).strategies}
    return titles.get(name, name)


def capability_name(key: str, language: Language) -> str:
    """ "rag" -> the capability's name in `language`."""
    names = {str(c.key): c.name for c in localized_methodology(language).capabilities}
    return names.get(key, key)


__all__ = ["capability_name", "function_name", "strategy_title"]
