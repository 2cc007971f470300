"""Hypothesis strategies for profiles: any combination of the contract's fields, unknowns included."""

from __future__ import annotations

from hypothesis import strategies as st

from knowledge.vocabulary import (
    Adoption,
    Appetite,
    CapabilityKey,
    DataKind,
    FunctionKey,
    GovernanceKey,
    GovernanceLevel,
    Objective,
    Size,
)
from tools.profile import FunctionProfile, Organization, Profile

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


def maybe(strategy):
    return st.none() | strategy


organizations = st.builds(
    Organization,
    name=maybe(text),
    sector=maybe(st.sampled_from(["retail", "pharma", "bank", "insurance", "unknown sector"]) | text),
    size=maybe(st.sampled_from(list(Size))),
    objectives=maybe(st.lists(st.sampled_from(list(Objective)), unique=True, max_size=4)),
    budget=maybe(st.sampled_from(list(Appetite))),
    risk_appetite=maybe(st.sampled_from(list(Appetite))),
    regulated=maybe(st.booleans()),
)

function_profiles = st.builds(
    FunctionProfile,
    importance=maybe(st.integers(1, 5)),
    pain_points=maybe(text),
    data=maybe(st.lists(st.sampled_from(list(DataKind)), unique=True, max_size=4)),
    genai_today=maybe(st.sampled_from(list(Adoption))),
)

profiles = st.builds(
    Profile,
    organization=organizations,
    value_chain=st.dictionaries(st.sampled_from(list(FunctionKey)), function_profiles, max_size=9),
    capabilities=st.dictionaries(st.sampled_from(list(CapabilityKey)), st.sampled_from(list(Adoption))),
    governance=st.dictionaries(st.sampled_from(list(GovernanceKey)), st.sampled_from(list(GovernanceLevel))),
)
