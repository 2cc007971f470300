"""Reading the choices of a question: the stages an answer names (adoption, governance) and the
words that name each item of a pick-several question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent.reading import words as w
from agent.reading.text import mentions, normalise

if TYPE_CHECKING:
    from agent.questions import BankQuestion


def stages(raw: str, norm: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[list[str], bool]:
    """The stages said without negation, and whether the answer says none or negates a stage."""
    positive: list[str] = []
    negative = False
    for value, phrases in vocabulary.items():
        for phrase in phrases:
            if (
                value == "none"
                and phrase in ("no", "non")
                and len(norm.split()) > 1
                and not norm.startswith(phrase + " ")
            ):
                continue  # a "no" inside a sentence is noise ("no later than"); a leading one is not
            said, plain = mentions(raw, phrase)
            if value == "none":
                negative = negative or said
            elif plain and value not in positive:
                positive.append(value)
            elif said and not plain:
                negative = True
    return positive, negative


def item_phrases(question: BankQuestion, value: str) -> tuple[str, ...]:
    """The words that name one choice of a pick-several question."""
    from agent.labels import every_label  # the bank's words in every language (imports the bank)

    labels = [normalise(label.split(" (")[0].split(":")[0]) for label in every_label(question, value)]
    phrases = (normalise(value), normalise(value.replace("_", " ")), *labels, *w.MULTI_ALIASES.get(value, ()))
    return tuple(dict.fromkeys(p for p in phrases if p))
