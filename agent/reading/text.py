"""Text helpers for the guided reader: one normal form, phrases as whole words, negation by clause."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "nor",
        "nobody",
        "noone",
        "nothing",
        "none",
        "neither",
        "isn",
        "aren",
        "don",
        "doesn",
        "didn",
        "haven",
        "hasn",
        "won",
        "wasn",
        "weren",
        "cannot",
        "cant",
        "pas",
        "non",
        "aucun",
        "aucune",
        "jamais",
        "sans",
        "personne",
        "rien",
        "ni",
    }
)
# Where a clause ends: a negation in one clause says nothing about the next ("not yet, but a few try").
CLAUSE_BREAK = re.compile(r"[;:!?]|,|\.(?!\d)| but | mais | though | although | however | cependant | sauf | except ")


def normalise(text: str) -> str:
    """Lowercase, accents removed, punctuation turned into spaces (digits, / and & kept)."""
    # The ligatures have no accent to strip: "cœur" is "coeur", not "c ur".
    text = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("'", " ")
    text = re.sub(r"[^a-z0-9/&.,+ -]", " ", text)
    text = re.sub(r"(?<![0-9])[.,]|[.,](?![0-9])", " ", text)
    return " ".join(text.replace("-", " ").split())


@lru_cache(maxsize=256)
def clauses(raw: str) -> tuple[str, ...]:
    """The answer cut into clauses, each normalised (memoised: every vocabulary reads them)."""
    lowered = " " + raw.lower().replace("’", "'") + " "
    return tuple(c for c in (normalise(part) for part in CLAUSE_BREAK.split(lowered)) if c)


@lru_cache(maxsize=4096)
def pattern(phrase: str) -> re.Pattern[str]:
    """`phrase` as whole words."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")


def has(text: str, phrase: str) -> bool:
    return find(text, phrase) is not None


def find(text: str, phrase: str) -> re.Match[str] | None:
    return pattern(phrase).search(text)


def negated_in(clause: str, start: int) -> bool:
    """Whether a negation comes before position `start` in the same clause ("nobody uses it in
    production", "not in production", "pas encore en production")."""
    return any(word in NEGATIONS for word in clause[:start].split())


def mentions(raw: str, phrase: str) -> tuple[bool, bool]:
    """(said, said_without_negation): whether `phrase` occurs in the answer at all, and whether
    at least once in a clause that does not negate it."""
    said = plain = False
    for clause in clauses(raw):
        if phrase not in clause:  # the cheap test first: most phrases are absent
            continue
        for match in pattern(phrase).finditer(clause):
            said = True
            if not negated_in(clause, match.start()):
                plain = True
    return said, plain


def has_negation(raw: str) -> bool:
    return any(word in NEGATIONS for word in normalise(raw).split())
