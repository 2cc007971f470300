"""The interface's own words in the user's language: the "tui" gettext catalogue.

The language is the app's (`AdvisorApp.language`): the one the options gave at start, then the
open session's. Words are looked up when they are drawn, never at import, so a `LanguageChanged`
can redraw the chrome in place (`relabel`) without losing what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import BindingsMap

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from agent.contract.language import Language

DOMAIN = "tui"
SOURCE_LANGUAGE: Language = "en"
Gettext = Callable[[str], str]


def N_(message: str) -> str:
    """Marks a constant for translation where it is shown (the same marker as
    `agent.contract.language.N_`, defined here so that importing the app stays Textual only)."""
    return message


def _same(message: str) -> str:
    return message


def words(language: Language | str) -> Gettext:
    """`gettext` of the interface's catalogue in `language`. English is the source language: it
    needs no catalogue, so an English interface loads none before its first frame."""
    return words_of(DOMAIN, language)


def words_of(domain: str, language: Language | str) -> Gettext:
    """The words of another area that the interface shows as they are, in their own catalogue:
    the contract's commands ("interview"), the exports' format names ("reports")."""
    if language == SOURCE_LANGUAGE:
        return _same
    from agent.contract.language import gettext_for

    return gettext_for(language, domain)  # type: ignore[arg-type]


def language_of(node: DOMNode) -> Language:
    """The language of the app hosting `node` (English in an app that has none: tests, bench)."""
    language: Language = getattr(node.app, "language", SOURCE_LANGUAGE)
    return language


def words_for(node: DOMNode) -> Gettext:
    return words(language_of(node))


def translated_bindings(english: BindingsMap, _: Gettext) -> BindingsMap:
    """`english` with every description and tooltip in the language; keys and actions unchanged.

    Textual keeps one map of bindings per node, copied from its class's at construction (and the
    footer reads the descriptions from it): a node in another language swaps in a translated copy
    of the English map it was built with."""
    keys: dict[str, Any] = {
        key: [
            replace(b, description=_(b.description) if b.description else "", tooltip=_(b.tooltip) if b.tooltip else "")
            for b in bindings
        ]
        for key, bindings in english.key_to_bindings.items()
    }
    return BindingsMap.from_keys(keys)


class Relabelled:
    """A screen (or the app) whose own words follow the app's language: it keeps the English
    bindings it was built with and redraws its words in `relabel`."""

    _bindings: BindingsMap

    def keep_english_bindings(self) -> None:
        self._english_bindings = self._bindings.copy()

    def relabel_bindings(self, _: Gettext) -> None:
        self._bindings = translated_bindings(self._english_bindings, _)

    def relabel(self) -> None:
        """Redraw this node's words in the app's language (what was typed stays)."""
