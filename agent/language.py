"""The language a question is written in (English or French), so the answer uses it too."""

from __future__ import annotations

import re

# Frequent words that are one language's and not the other's (no accents needed: "est", "les").
_FRENCH = frozenset(
    "le la les des du un une est et en que qui quoi quel quelle quels quelles pourquoi comment "
    "nous vous notre votre nos vos sont avec pour dans sur pas ce cette ces au aux faut entre "
    "niveau qu est-ce je suis sommes etes avons avez".split()
)
_ENGLISH = frozenset(
    "the a an is are and of what which why how we you our your do does with for in on not "
    "this that these to at level be between".split()
)
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ'-]+")


def language_of(text: str) -> str:
    """ "fr" when the text reads as French, otherwise "en"."""
    words = [w for part in _WORD.findall(text.lower()) for w in part.replace("'", " ").split()]
    french = sum(w in _FRENCH for w in words) + 2 * bool(re.search(r"[àâçéèêîôûœ]", text.lower()))
    english = sum(w in _ENGLISH for w in words)
    return "fr" if french > english else "en"
