"""The vocabulary's words in both languages: English as every text already shows them, French
from the methodology catalogue."""

from __future__ import annotations

from enum import StrEnum
from typing import get_args

import pytest

from knowledge.vocabulary import (
    Adoption,
    DataKind,
    GovernanceLevel,
    Objective,
    Size,
    StrategyName,
    Vocabulary,
    label,
    labels,
)

VOCABULARIES: tuple[type[StrEnum], ...] = get_args(Vocabulary)
MEMBERS = [value for vocabulary in VOCABULARIES for value in vocabulary]


@pytest.mark.parametrize("value", MEMBERS, ids=lambda v: f"{type(v).__name__}.{v.value}")
def test_english_says_the_key_in_words_and_french_has_its_own(value):
    assert label(value) == label(value, "en") == value.value.replace("_", " ")
    french = label(value, "fr")
    assert french.strip() and french == french.strip()


def test_french_words_follow_the_papers_vocabulary():
    assert label(Objective.cost_reduction, "fr") == "réduction des coûts"
    assert label(StrategyName.incremental, "fr") == "incrémentale"
    assert labels([Size.small, Size.large], "fr") == ["petite", "grande"]


def test_the_same_key_says_different_things_in_different_vocabularies():
    """ "none" is no use, no data or no governance: the catalogue tells them apart by context."""
    nones = {label(Adoption.none, "fr"), label(DataKind.none, "fr"), label(GovernanceLevel.none, "fr")}
    assert len(nones) == 3


def test_most_french_words_differ_from_the_english():
    """A catalogue left untranslated would give the English back; a few words are the same."""
    same = [v for v in MEMBERS if label(v, "fr") == label(v, "en")]
    assert len(same) <= len(MEMBERS) // 5, same
