"""The planner: staged climb, skipping what is settled, the question budget and the stop rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.planner import BUDGET, CONFIDENCE_FLOOR, Conclusion, conclusion, could_change, next_question
from agent.questions import KEY_FUNCTIONS, bank, completeness
from agent.simulate import simulated_answer
from knowledge.methodology import load_methodology
from knowledge.vocabulary import Adoption, CapabilityKey, FunctionKey
from tools.assess import assess
from tools.profile import Profile


def run_planner(source: Profile, budget: int = BUDGET) -> tuple[list[str], Profile, str]:
    """Answer the planner's questions from `source` (unknown where it is silent), as the
    simulated respondent would, without the graph."""
    b = bank()
    learned, asked, settled = Profile(), [], []
    while True:
        plan = next_question(learned, asked, settled, budget=budget)
        settled += plan.settled
        if plan.question is None:
            return asked, learned, plan.reason
        question = plan.question
        asked.append(question.id)
        if question.id == KEY_FUNCTIONS:
            chosen = [k.value for k, f in source.value_chain.items() if f.importance is None or f.importance >= 3]
            if chosen:
                learned = question.apply(learned, chosen)
            continue
        value = b[question.id].current(source)
        if value is not None:
            learned = question.apply(learned, value)


def profile(**capabilities: str) -> Profile:
    return Profile.model_validate({"organization": {"sector": "retail"}, "capabilities": capabilities})


def test_first_question_is_the_sector_then_the_climb_starts_at_level_one():
    assert next_question(Profile(), []).question.id == "organization.sector"
    assert next_question(Profile(), ["organization.sector"]).question.id == "capabilities.public_llm_use"


def test_no_fine_tuning_question_for_a_firm_without_public_chatbots():
    asked, _, _ = run_planner(profile(public_llm_use="none", fine_tuning="production", rag="production"))
    assert "capabilities.public_llm_use" in asked
    for higher in ("llm_api_apps", "rag", "fine_tuning", "custom_models"):
        assert f"capabilities.{higher}" not in asked


def test_the_climb_stops_at_the_first_level_not_reached():
    asked, _, _ = run_planner(
        profile(public_llm_use="production", llm_api_apps="pilot", rag="exploring", fine_tuning="production")
    )
    climbed = [
        q
        for q in asked
        if q in {f"capabilities.{c}" for c in ("public_llm_use", "llm_api_apps", "rag", "fine_tuning", "custom_models")}
    ]
    assert climbed == ["capabilities.public_llm_use", "capabilities.llm_api_apps", "capabilities.rag"]


def test_a_skipped_defining_capability_stops_the_climb():
    asked = ["organization.sector", "capabilities.public_llm_use"]
    plan = next_question(Profile(), asked)
    assert plan.question.id == "organization.objectives"


def test_known_fields_are_never_asked():
    seed = Profile.model_validate(
        {
            "organization": {
                "sector": "banking",
                "objectives": ["cost_reduction"],
                "budget": "low",
                "risk_appetite": "low",
            },
            "value_chain": {"service": {"importance": 5}},
            "capabilities": {"public_llm_use": "production", "llm_api_apps": "none"},
        }
    )
    learned, asked_ids, settled = seed, [], []
    while (plan := next_question(learned, asked_ids, settled)).question is not None:
        settled += plan.settled
        assert not plan.question.is_known(learned), plan.question.id
        asked_ids.append(plan.question.id)
    for known in (
        "organization.sector",
        "organization.objectives",
        "organization.budget",
        "organization.risk_appetite",
        "capabilities.public_llm_use",
        "capabilities.llm_api_apps",
        KEY_FUNCTIONS,
        "value_chain.service.importance",
    ):
        assert known not in asked_ids


def test_no_details_on_functions_ranked_unimportant():
    source = Profile.model_validate(
        {
            "organization": {"sector": "retail", "objectives": ["cost_reduction"]},
            "value_chain": {
                "marketing_sales": {"importance": 5, "pain_points": "slow campaign content"},
                "procurement": {"importance": 3, "pain_points": "supplier contracts"},
            },
            "capabilities": {"public_llm_use": "production"},
        }
    )
    # the respondent names procurement among the key functions, then ranks it 2
    learned = bank()[KEY_FUNCTIONS].apply(
        source.model_copy(update={"value_chain": {}}), ["marketing_sales", "procurement"]
    )
    learned = bank()["value_chain.procurement.importance"].apply(learned, 2)
    asked = [
        "organization.sector",
        "capabilities.public_llm_use",
        "capabilities.llm_api_apps",
        "organization.objectives",
        KEY_FUNCTIONS,
        "value_chain.procurement.importance",
    ]
    settled: list[str] = []
    while (plan := next_question(learned, asked, settled)).question is not None:
        settled += plan.settled
        assert not plan.question.id.startswith("value_chain.procurement."), plan.question.id
        asked.append(plan.question.id)


def test_the_budget_caps_the_interview():
    source = Profile.model_validate(
        {"organization": {"sector": "pharma"}, "capabilities": {c.value: "production" for c in CapabilityKey}}
    )
    asked, _, reason = run_planner(source, budget=6)
    assert len(asked) == 6 and "budget" in reason


def test_the_stop_rule_leaves_no_question_that_could_change_the_conclusion():
    source = Profile.model_validate(
        {
            "organization": {
                "sector": "retail",
                "objectives": ["customer_experience"],
                "budget": "medium",
                "risk_appetite": "low",
                "size": "large",
                "regulated": True,
            },
            "value_chain": {
                "marketing_sales": {"importance": 5, "pain_points": "slow campaign content production"},
                "service": {"importance": 4},
            },
            "capabilities": {
                "public_llm_use": "production",
                "llm_api_apps": "pilot",
                "rag": "none",
                "io_filters": "pilot",
                "private_cloud_ai": "none",
                "vector_data": "none",
            },
            "governance": {"monitoring": "basic", "ai_policy": "basic", "data_governance": "basic"},
        }
    )
    asked, learned, reason = run_planner(source)
    assert "no remaining answer" in reason
    assert assess(learned).maturity.confidence >= CONFIDENCE_FLOOR
    base = conclusion(learned)
    b = bank()
    for question in b.values():  # every open question, checked one by one
        if question.id in asked or question.is_known(learned):
            continue
        if question.section == "organization":
            continue  # judged jointly with the other facts (see could_change)
        if question.function is not None and question.function not in learned.value_chain:
            continue
        assert not could_change(question, learned, base, load_methodology(), asked), question.id


def test_conclusion_ignores_a_swap_within_a_tie():
    base = Conclusion(1, frozenset({"a", "b", "c"}), "incremental", {"a": 0.8, "b": 0.7, "c": 0.6, "d": 0.59})
    swapped = Conclusion(1, frozenset({"a", "b", "d"}), "incremental", {"a": 0.8, "b": 0.7, "c": 0.6, "d": 0.61})
    beaten = Conclusion(1, frozenset({"a", "b", "d"}), "incremental", {"a": 0.8, "b": 0.7, "c": 0.5, "d": 0.65})
    assert not base.differs(swapped)
    assert base.differs(beaten)
    assert base.differs(Conclusion(2, base.top, "incremental", base.priorities))
    assert base.differs(Conclusion(1, base.top, "hybrid", base.priorities))
    assert not base.differs(Conclusion(1, base.top, "hybrid", base.priorities), strategy=False)


def test_completeness_per_section():
    seed = Profile.model_validate(
        {
            "organization": {"sector": "retail", "size": "large"},
            "value_chain": {"service": {"importance": 4}},
            "capabilities": {"rag": "none"},
            "governance": {"monitoring": "basic"},
        }
    )
    shares = completeness(seed)
    assert shares["organization"] == round(2 / 6, 3)
    assert 0.25 < shares["value_chain"] < 1
    assert shares["capabilities"] == round(1 / 13, 3)
    assert shares["governance"] == round(1 / 3, 3)
    assert completeness(Profile()) == {"organization": 0.0, "value_chain": 0.0, "capabilities": 0.0, "governance": 0.0}


adoption = st.sampled_from([None, *[a.value for a in Adoption]])


@st.composite
def profiles(draw) -> Profile:
    capabilities = {key.value: value for key in CapabilityKey if (value := draw(adoption)) is not None}
    functions = draw(st.lists(st.sampled_from(list(FunctionKey)), max_size=4, unique=True))
    chain = {f.value: {"importance": draw(st.one_of(st.none(), st.integers(1, 5)))} for f in functions}
    return Profile.model_validate(
        {
            "organization": {
                "sector": draw(st.sampled_from([None, "retail", "banking", "pharma", "shipbuilding"])),
                "budget": draw(st.sampled_from([None, "low", "medium", "high"])),
            },
            "value_chain": chain,
            "capabilities": capabilities,
        }
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_gets_the_same_level_within_the_budget(source: Profile):
    asked, learned, _ = run_planner(source)
    assert len(asked) <= BUDGET
    assert len(asked) == len(set(asked))
    assert assess(learned).maturity.level == assess(source).maturity.level


def test_simulated_answers_are_words_the_parser_reads():
    b = bank()
    source = Profile.model_validate(
        {
            "organization": {"regulated": True, "objectives": ["innovation"]},
            "value_chain": {"service": {"importance": 2}, "operations": {}},
        }
    )
    assert simulated_answer(b["organization.regulated"].event(1), source) == "yes"
    assert simulated_answer(b["organization.objectives"].event(1), source) == "innovation"
    assert simulated_answer(b[KEY_FUNCTIONS].event(1), source) == "operations"
    assert simulated_answer(b["organization.size"].event(1), source) == "I don't know"
