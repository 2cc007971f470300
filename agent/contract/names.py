"""What an interface shows for the methodology's keys, in a language: a value-chain function's
name, a strategy's title, a capability's name, a profile field and its value. They come from the
methodology data and vocabulary, translated there (`knowledge/data/fr/`, the methodology
catalogue), so an interface never translates methodology itself.

An unknown key comes back as it is: a newer assessment never breaks an older interface.
"""

from __future__ import annotations

from knowledge.i18n import Language, localized_methodology
from knowledge.vocabulary import Adoption, GovernanceKey, GovernanceLevel, label


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


def field_name(field: str, language: Language) -> str:
    """ "capabilities.rag" -> the capability's name, "governance.ai_policy" -> the measure's; any
    other profile field as its key (keys are the contract)."""
    section, _, key = field.partition(".")
    if section == "capabilities":
        return capability_name(key, language)
    if section == "governance" and key in GovernanceKey.__members__:
        return label(GovernanceKey(key), language)
    return field


def value_word(field: str, value: str, language: Language) -> str:
    """A capability's or a governance measure's state in words: ("capabilities.rag", "pilot") ->
    "pilot" / "en pilote"; any other value (or "unknown") as it is."""
    section = field.partition(".")[0]
    if section == "capabilities" and value in Adoption.__members__:
        return label(Adoption(value), language)
    if section == "governance" and value in GovernanceLevel.__members__:
        return label(GovernanceLevel(value), language)
    return value


__all__ = ["capability_name", "field_name", "function_name", "strategy_title", "value_word"]
