"""The staged classification rule of the contract, on named cases and on any profile."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from knowledge.vocabulary import Adoption, CapabilityKey
from strategies import profiles
from tools.classify import classify_maturity
from tools.profile import Profile
from tools.profile_io import parse_profile

DEFINING = [
    CapabilityKey.public_llm_use,
    CapabilityKey.llm_api_apps,
    CapabilityKey.rag,
    CapabilityKey.fine_tuning,
    CapabilityKey.custom_models,
]


def caps(**values: str) -> Profile:
    return Profile(capabilities={CapabilityKey(k): Adoption(v) for k, v in values.items()})


def test_no_genai_at_all_is_level_one_with_zero_progress(methodology):
    result = classify_maturity(Profile(), methodology)
    assert (result.level, result.name, result.progress) == (1, "Exploratory", 0.0)
    assert result.next_level == 1
    assert "capabilities.public_llm_use" in [gap.item for gap in result.gaps]


def test_exploring_is_enough_for_level_one_but_not_above(methodology):
    assert classify_maturity(caps(public_llm_use="exploring"), methodology).level == 1
    assert classify_maturity(caps(public_llm_use="pilot", llm_api_apps="exploring"), methodology).level == 1
    assert classify_maturity(caps(public_llm_use="pilot", llm_api_apps="pilot"), methodology).level == 2


def test_higher_capability_without_the_lower_level_is_ahead_never_raising(methodology):
    result = classify_maturity(caps(public_llm_use="production", rag="production", fine_tuning="pilot"), methodology)
    assert result.level == 1
    assert {a.item for a in result.ahead} >= {"capabilities.rag", "capabilities.fine_tuning"}
    gap = next(g for g in result.gaps if g.item == "capabilities.llm_api_apps")
    assert gap.level == 2 and gap.current == "unknown"


def test_full_stack_is_expert_with_no_gaps(methodology):
    everything = Profile(
        capabilities={key: Adoption.production for key in CapabilityKey},
        governance={k: "advanced" for k in ("monitoring", "ai_policy", "data_governance")},
    )
    result = classify_maturity(everything, methodology)
    assert (result.level, result.next_level, result.gaps, result.ahead) == (5, None, [], [])
    assert result.progress == 1.0


def test_supporting_capabilities_raise_progress_not_level(methodology):
    base = caps(public_llm_use="production", llm_api_apps="pilot")
    richer = caps(
        public_llm_use="production",
        llm_api_apps="pilot",
        io_filters="production",
        vector_data="pilot",
        data_pipelines="pilot",
    )
    low, high = classify_maturity(base, methodology), classify_maturity(richer, methodology)
    assert low.level == high.level == 2
    assert high.progress > low.progress


def test_confidence_grows_with_what_is_known(methodology):
    sparse = caps(public_llm_use="production")
    full = parse_profile(open("tests/data/contract_profile.yaml").read())
    assert classify_maturity(sparse, methodology).confidence < 0.5
    assert classify_maturity(full, methodology).confidence == pytest.approx(1.0)


def test_evidence_names_fields_and_interview_sources(methodology):
    profile = Profile.model_validate(
        {
            "capabilities": {"public_llm_use": "production", "llm_api_apps": "pilot"},
            "evidence": {
                "capabilities.llm_api_apps": {"question": "Own apps on LLM APIs?", "answer": "yes, a pilot chatbot"}
            },
        }
    )
    result = classify_maturity(profile, methodology)
    by_field = {f.field: f for f in result.evidence}
    assert "level 2 (Beginner) reached" in by_field["capabilities.llm_api_apps"].conclusion
    assert "a pilot chatbot" in by_field["capabilities.llm_api_apps"].source
    assert by_field["capabilities.public_llm_use"].source == "profile"
    assert "not reached" in by_field["capabilities.rag"].conclusion


def expected_level(profile: Profile) -> int:
    """The contract's rule, restated independently of the implementation."""
    level = 0
    for number, key in enumerate(DEFINING, start=1):
        value = profile.capabilities.get(key)
        needed = {"exploring", "pilot", "production"} if number == 1 else {"pilot", "production"}
        if value is None or value.value not in needed:
            break
        level = number
    return max(level, 1)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_staged_rule_holds_for_any_profile(profile):
    from knowledge.methodology import load_methodology

    result = classify_maturity(profile, load_methodology())
    assert result.level == expected_level(profile)
    assert 0.0 <= result.progress <= 1.0 and 0.0 <= result.confidence <= 1.0
    # Anything reported ahead belongs to a level above the one worked towards.
    assert all(a.level > (result.next_level or 6) for a in result.ahead)
    # The same profile always gives the same result.
    assert classify_maturity(profile, load_methodology()) == result


def test_governance_evidence_says_whether_it_is_in_place(methodology):
    profile = Profile.model_validate({"governance": {"monitoring": "basic", "ai_policy": "none"}})
    by_field = {f.field: f.conclusion for f in classify_maturity(profile, methodology).evidence}
    assert by_field["governance.monitoring"].startswith("governance in place")
    assert by_field["governance.ai_policy"].startswith("no such governance yet")
