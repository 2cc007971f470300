"""Use-case evaluation and prioritisation."""

from __future__ import annotations

from hypothesis import given, settings

from conftest import EXAMPLES
from knowledge.methodology import load_methodology
from knowledge.schema import UseCase
from knowledge.vocabulary import Adoption, FunctionKey, GovernanceKey, Quadrant
from strategies import profiles
from tools.classify import classify_maturity
from tools.evaluate import evaluate_use_cases
from tools.profile import Profile
from tools.profile_io import load_profile


def evaluate(profile: Profile, m):
    return evaluate_use_cases(profile, classify_maturity(profile, m), m)


def test_catalogue_size_and_spread(methodology):
    cases = methodology.use_cases
    assert len(cases) >= 63
    for key in FunctionKey:
        assert sum(c.function == key for c in cases) >= 5, key
    assert {c.min_level for c in cases} == {1, 2, 3, 4, 5}


def test_source_examples_are_in_the_catalogue(methodology):
    ids = {c.id: c for c in methodology.use_cases}
    assert ids["customer_chatbot_finetuned"].evolves_from == "customer_chatbot_rag"
    assert ids["customer_chatbot_rag"].min_level == 3 and ids["customer_chatbot_finetuned"].min_level == 4
    assert ids["ecommerce_recommendation_finetuned"].min_level == 4
    assert ids["molecule_generation"].sectors == ["pharma"]
    assert {"faq_automation", "marketing_content_generation", "code_assistant"} <= ids.keys()


def targeted_profile(case: UseCase) -> Profile:
    """A profile written for one use case: its function, data, objectives, sector and level."""
    capabilities = {}
    for spec in load_methodology().levels:
        if spec.number <= case.min_level:
            capabilities[spec.defining_capability] = Adoption.production
    return Profile.model_validate(
        {
            "organization": {
                "sector": case.sectors[0] if case.sectors else None,
                "objectives": [o.value for o in case.objectives],
                "budget": "high",
                "risk_appetite": "high",
                "regulated": False,
            },
            "value_chain": {
                case.function.value: {
                    "importance": 5,
                    "data": [d.value for d in case.data],
                    "pain_points": " ".join(case.keywords),
                }
            },
            "capabilities": {k.value: v.value for k, v in capabilities.items()},
            "governance": {k.value: "advanced" for k in GovernanceKey},
        }
    )


def test_every_use_case_is_reachable_in_some_top_ten(methodology):
    unreachable = []
    for case in methodology.use_cases:
        ranked = [r.id for r in evaluate(targeted_profile(case), methodology)]
        if case.id not in ranked[:10]:
            unreachable.append((case.id, ranked.index(case.id) if case.id in ranked else None))
    assert unreachable == []


def test_sector_specific_cases_are_offered_to_their_sector_only(methodology):
    pharma = Profile.model_validate({"organization": {"sector": "Pharmaceuticals"}})
    retail = Profile.model_validate({"organization": {"sector": "retail"}})
    assert "molecule_generation" in {r.id for r in evaluate(pharma, methodology)}
    assert "molecule_generation" not in {r.id for r in evaluate(retail, methodology)}


def test_pain_points_raise_the_matching_use_case(methodology):
    plain = Profile.model_validate({"value_chain": {"procurement": {"importance": 4}}})
    pained = Profile.model_validate(
        {"value_chain": {"procurement": {"importance": 4, "pain_points": "too many supplier contracts to review"}}}
    )
    before = {r.id: r for r in evaluate(plain, methodology)}["supplier_contract_review"]
    after = {r.id: r for r in evaluate(pained, methodology)}["supplier_contract_review"]
    assert after.value > before.value
    assert "pain point" in after.rationale


def test_regulated_data_without_guardrails_blocks_high_risk_cases(methodology):
    facts = {
        "organization": {"regulated": True},
        "capabilities": {"public_llm_use": "production", "llm_api_apps": "production"},
        "governance": {"monitoring": "none"},
    }
    unguarded = Profile.model_validate(facts)
    guarded = Profile.model_validate({**facts, "governance": {"monitoring": "basic"}})
    blocked = {r.id: r for r in evaluate(unguarded, methodology)}["cv_screening"]
    assert blocked.blocker and blocked.quadrant == Quadrant.deprioritize and blocked.priority <= 0.25
    assert blocked.rationale.startswith("Blocked:")
    assert {r.id: r for r in evaluate(guarded, methodology)}["cv_screening"].blocker is None


def test_higher_level_means_more_feasible(methodology):
    low = Profile.model_validate({"capabilities": {"public_llm_use": "pilot"}})
    high = Profile.model_validate(
        {"capabilities": {"public_llm_use": "pilot", "llm_api_apps": "pilot", "rag": "production"}}
    )
    case = "customer_chatbot_rag"
    assert {r.id: r for r in evaluate(high, methodology)}[case].feasibility > {
        r.id: r for r in evaluate(low, methodology)
    }[case].feasibility


def test_examples_rank_their_stated_needs_near_the_top(methodology):
    acme = load_profile(next(p for p in EXAMPLES if p.name == "acme-retail.yaml"))
    top = [r.id for r in evaluate(acme, methodology)[:5]]
    assert "faq_automation" in top and "marketing_content_generation" in top


@settings(max_examples=80, deadline=None)
@given(profiles)
def test_any_profile_gives_sorted_bounded_explained_priorities(profile):
    m = load_methodology()
    results = evaluate(profile, m)
    priorities = [r.priority for r in results]
    assert priorities == sorted(priorities, reverse=True)
    for r in results:
        assert all(0 <= x <= 1 for x in (r.value, r.feasibility, r.risk, r.priority))
        assert r.rationale.endswith(".") and len(r.rationale) > 20
    assert evaluate(profile, m) == results
