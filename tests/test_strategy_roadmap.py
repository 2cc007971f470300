"""Strategy rules and roadmap planning."""

from __future__ import annotations

from hypothesis import given, settings

from knowledge.methodology import load_methodology
from knowledge.vocabulary import StrategyName
from strategies import profiles
from tools.assess import assess
from tools.evaluate import BLOCKER_UNGUARDED
from tools.profile import Profile
from tools.roadmap import GUARD


def org(**facts) -> dict:
    return {"organization": facts}


def profile(**sections) -> Profile:
    return Profile.model_validate(sections)


def test_early_small_low_budget_firm_goes_incremental(methodology):
    p = profile(**org(size="small", budget="low", risk_appetite="low"), capabilities={"public_llm_use": "exploring"})
    result = assess(p, methodology).strategy
    assert result.name == StrategyName.incremental
    assert "low budget" in result.rationale
    assert [o.name for o in result.alternatives] and result.name not in [o.name for o in result.alternatives]


def test_rich_bold_firm_with_a_strategic_flagship_goes_focused(methodology):
    p = profile(
        **org(
            sector="ecommerce",
            size="medium",
            budget="high",
            risk_appetite="high",
            objectives=["revenue_growth", "customer_experience"],
        ),
        value_chain={
            "marketing_sales": {
                "importance": 5,
                "data": ["customer_data", "product_data"],
                "pain_points": "generic product recommendations",
            }
        },
        capabilities={"public_llm_use": "production", "llm_api_apps": "production"},
    )
    result = assess(p, methodology).strategy
    assert result.name == StrategyName.focused, result
    assert any("needs level" in reason for reason in result.reasons)


def test_large_firm_with_mixed_portfolio_goes_hybrid(methodology):
    p = profile(
        **org(size="large", budget="medium", risk_appetite="medium"),
        value_chain={
            "service": {"importance": 5},
            "technology_development": {"importance": 4},
            "marketing_sales": {"importance": 4},
        },
        capabilities={"public_llm_use": "production", "llm_api_apps": "production", "rag": "pilot"},
    )
    assert assess(p, methodology).strategy.name == StrategyName.hybrid


def phase_of(roadmap, case_id):
    return next((i for i, ph in enumerate(roadmap.phases) if case_id in ph.use_cases), None)


def test_roadmap_puts_successors_after_what_they_evolve_from(methodology):
    p = profile(
        **org(size="large", budget="high", objectives=["customer_experience"]),
        value_chain={
            "service": {
                "importance": 5,
                "data": ["documents", "customer_data"],
                "pain_points": "chatbot answers customer questions badly",
            }
        },
        capabilities={"public_llm_use": "production", "llm_api_apps": "production", "rag": "production"},
    )
    result = assess(p, methodology)
    by_id = {u.id: u for u in result.use_cases}
    where = {c: ph for ph in result.roadmap.phases for c in ph.use_cases}
    assert where["customer_chatbot_rag"].end_month <= where["customer_chatbot_finetuned"].start_month
    for case_id, phase in where.items():
        base = by_id[case_id].evolves_from
        # a base still to build comes first; at a level already reached both may run side by side
        if base in where and by_id[case_id].min_level > result.maturity.level:
            assert where[base].end_month <= phase.start_month, (case_id, base)


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_roadmap_invariants_for_any_profile(p):
    result = assess(p, load_methodology())
    phases = result.roadmap.phases
    current = result.maturity.level
    by_id = {u.id: u for u in result.use_cases}
    tracks: dict[str, list] = {}
    for ph in phases:
        tracks.setdefault(ph.track, []).append(ph)
    assert len(phases) >= 3
    if result.strategy.name == StrategyName.hybrid:
        assert len(tracks) >= 2
        first, second = (t[0] for t in list(tracks.values())[:2])
        assert first.start_month < second.end_month and second.start_month < first.end_month  # in parallel
    seen: set[str] = set()
    built: set[str] = set()
    guarded = False
    where: dict[str, object] = {}
    for ph in sorted(phases, key=lambda ph: ph.start_month):
        guarded = guarded or GUARD in ph.governance
        for case_id in ph.use_cases:
            case = by_id[case_id]
            assert case.min_level <= ph.target_level  # delivered on a pattern that can carry it
            assert case.blocker is None or (case.blocker == BLOCKER_UNGUARDED and guarded)
            assert not case.in_place
            assert case_id not in seen
            seen.add(case_id)
            where[case_id] = ph
        assert not built & set(ph.capabilities)  # each capability built once, in the first phase needing it
        built |= set(ph.capabilities)
        assert ph.start_month < ph.end_month
        assert ph.gate and (ph.kpis or not ph.use_cases)
    for case_id, ph in where.items():
        base = by_id[case_id].evolves_from
        if base in where and by_id[case_id].min_level > current:
            assert where[base].end_month <= ph.start_month, (case_id, base)
    for track in tracks.values():
        levels = [ph.target_level for ph in track]
        assert levels == sorted(levels) and levels[0] >= 1 and levels[-1] <= 5
        for i, ph in enumerate(track):
            upto = [by_id[c].min_level for earlier in track[: i + 1] for c in earlier.use_cases]
            assert ph.target_level == current or ph.target_level in upto  # never a level nothing needs
    if result.maturity.confidence < 0.3:
        assert result.warnings
