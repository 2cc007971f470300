"""Coverage that follows the method (issue 10, items 1 and 4): the value chain is mapped, regulated
data and governance are asked, the interview does not stop below its confidence floor, what was
skipped is offered again before the results and with /unknowns, and questions keep working after
the results."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.coverage import REVIEW
from agent.events import AnswerRecorded, AssistantText, InterviewDone, Notice, QuestionAsked
from agent.planner import CONFIDENCE_FLOOR, next_question
from agent.questions import bank
from agent.simulate import simulate
from agent_fakes import last_question, say, store_for
from tools.assess import assess
from tools.profile import Profile
from tools.profile_io import load_profile

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))

# A French hospital group, answered the way its CIO talks.
HOSPITAL = {
    "organization.sector": "hospital group",
    "capabilities.public_llm_use": "quelques médecins essaient ChatGPT",
    "capabilities.llm_api_apps": "none",
    "organization.objectives": "customer experience, risk and compliance",
    "value_chain.key_functions": "operations, service",
    "value_chain.operations.importance": "5",
    "value_chain.service.importance": "4",
    "organization.budget": "low",
    "organization.risk_appetite": "low",
    "organization.regulated": "oui, des données de santé",
    "value_chain.operations.pain_points": "les comptes rendus de consultation prennent des heures",
    "value_chain.operations.data": "documents",
    "value_chain.service.pain_points": "la prise de rendez-vous au téléphone sature",
    "value_chain.service.data": "customer data",
}


def interview(tmp_path, answers: dict[str, str], default: str = "/skip", limit: int = 40):
    store = store_for(tmp_path)
    session = store.create("Groupe Hospitalier Sud")
    question, _ = last_question(session.start())
    seen: list[str] = []
    for _ in range(limit):
        if question is None or question.id == REVIEW:
            break
        seen.append(question.id)
        question, _ = last_question(session.answer(answers.get(question.id, default)))
    return store, session, question, seen


def test_the_value_chain_is_mapped_for_each_key_function(tmp_path):
    store, session, _, seen = interview(tmp_path, HOSPITAL)
    for function in ("operations", "service"):
        assert f"value_chain.{function}.pain_points" in seen
        assert f"value_chain.{function}.data" in seen
    chain = session.profile().value_chain
    assert chain["operations"].pain_points and chain["service"].pain_points
    store.close()


def test_regulated_data_and_then_governance_are_asked(tmp_path):
    store, session, _, seen = interview(tmp_path, HOSPITAL)
    assert "organization.regulated" in seen
    assert session.profile().organization.regulated is True
    for field in ("monitoring", "ai_policy", "data_governance"):
        assert f"governance.{field}" in seen  # level 1, but health data is regulated
    store.close()


def test_governance_is_asked_from_level_two_without_regulated_data():
    profile = Profile.model_validate(
        {
            "organization": {
                "sector": "retail",
                "objectives": ["cost_reduction"],
                "budget": "medium",
                "risk_appetite": "medium",
                "regulated": False,
            },
            "value_chain": {"service": {"importance": 2}},
            "capabilities": {"public_llm_use": "production", "llm_api_apps": "pilot", "rag": "none"},
        }
    )
    asked = [
        "organization.sector",
        "capabilities.public_llm_use",
        "capabilities.llm_api_apps",
        "capabilities.rag",
        "organization.objectives",
        "value_chain.key_functions",
        "value_chain.service.importance",
        "organization.budget",
        "organization.risk_appetite",
        "organization.regulated",
    ]
    plan = next_question(profile, asked)
    assert plan.question.id == "governance.monitoring" and "governance" in plan.reason


def test_the_interview_does_not_stop_below_the_confidence_floor():
    """Everything a value-of-information rule would call settled, yet little is known: the
    planner keeps asking while confidence is under the floor."""
    profile = Profile.model_validate(
        {
            "organization": {
                "sector": "retail",
                "objectives": ["cost_reduction"],
                "budget": "low",
                "risk_appetite": "low",
                "regulated": False,
            },
            "value_chain": {"service": {"importance": 2}},
            "capabilities": {"public_llm_use": "none"},
        }
    )
    assert assess(profile).maturity.confidence < CONFIDENCE_FLOOR
    asked = [
        "organization.sector",
        "capabilities.public_llm_use",
        "organization.objectives",
        "value_chain.key_functions",
        "value_chain.service.importance",
        "organization.budget",
        "organization.risk_appetite",
        "organization.regulated",
    ]
    everything_settled = list(bank())  # as if no answer could change the conclusion
    plan = next_question(profile, asked, everything_settled)
    assert plan.question is not None and "below the floor" in plan.reason
    assert plan.question.id not in asked


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_simulated_interviews_still_agree_with_assess(path):
    source = load_profile(path)
    result = simulate(source)
    expected = assess(source)
    assert result.assessment.maturity.level == expected.maturity.level
    assert result.assessment.strategy.name == expected.strategy.name
    assert result.questions_asked <= 25


def test_the_median_simulated_interview_stays_within_twenty_questions():
    counts = sorted(simulate(load_profile(path)).questions_asked for path in EXAMPLES)
    assert counts[len(counts) // 2] <= 20


def test_skipped_questions_are_offered_before_the_results(tmp_path):
    answers = {k: v for k, v in HOSPITAL.items() if k != "organization.budget"}
    store, session, question, seen = interview(tmp_path, answers)
    assert question is not None and question.id == REVIEW
    assert "budget" in question.text and question.kind == "yesno"
    question, _ = last_question(session.answer("oui"))
    assert question.id == "organization.budget"
    assert "skipped this earlier" in (question.help or "")
    question, events = last_question(session.answer("low"))
    assert session.profile().organization.budget.value == "low"
    while question is not None and question.id != REVIEW:
        question, events = last_question(session.answer("/skip"))
    if question is not None:  # other open questions are offered once, never twice
        question, events = last_question(session.answer("no"))
    assert question is None and any(isinstance(e, InterviewDone) for e in events)
    store.close()


def test_declining_the_offer_shows_the_results(tmp_path):
    answers = {k: v for k, v in HOSPITAL.items() if k != "organization.budget"}
    store, session, question, _ = interview(tmp_path, answers)
    question, events = last_question(session.answer("non merci"))
    assert question is None and any(isinstance(e, InterviewDone) for e in events)
    assert session.profile().organization.budget is None
    store.close()


def test_after_the_results_questions_are_answered_and_unknowns_reopened(tmp_path):
    answers = {k: v for k, v in HOSPITAL.items() if k != "organization.risk_appetite"}
    store, session, question, _ = interview(tmp_path, answers)
    question, _ = last_question(session.answer("no"))
    assert question is None and session.info.status == "done"
    # A follow-up question is answered from the method and the client's assessment.
    events = say(session, "/ask Pourquoi sommes-nous au niveau 1 ?")
    final = [e for e in events if isinstance(e, AssistantText) and e.final][-1]
    assert final.text.startswith("Votre niveau actuel est 1")
    events = say(session, "what does level 3 need?")
    assert any(isinstance(e, AssistantText) and e.final and e.sources for e in events)
    assert not any(isinstance(e, QuestionAsked) for e in events)
    # /unknowns reopens what the results list as unknown, starting with what was skipped.
    question, events = last_question(session.answer("/unknowns"))
    assert question is not None and question.id == "organization.risk_appetite"
    question, events = last_question(session.answer("low"))
    recorded = [e for e in events if isinstance(e, AnswerRecorded)]
    assert recorded and recorded[0].field == "organization.risk_appetite"
    while question is not None:
        question, events = last_question(session.answer("/skip" if question.id != REVIEW else "no"))
    assert session.profile().organization.risk_appetite.value == "low"
    assert session.info.status == "done"
    store.close()


def test_unknowns_mid_interview_says_when_nothing_is_open(tmp_path):
    store = store_for(tmp_path)
    session = store.create("Acme")
    last_question(session.start())
    question, events = last_question(session.answer("/unknowns"))
    assert any(isinstance(e, AssistantText) and "Nothing was skipped" in e.text for e in events)
    assert question.id == "organization.sector"
    say(session, "retail")
    say(session, "/skip")  # public assistants: unknown
    question, events = last_question(session.answer("/unknowns"))
    assert question.id == "capabilities.public_llm_use"
    question, _ = last_question(session.answer("production"))
    assert question.id == "organization.objectives"  # the question that was pending comes back
    assert not any(isinstance(e, Notice) and e.level == "error" for e in events)
    store.close()


def test_back_to_an_earlier_question_in_the_graph_keeps_every_other_answer():
    """`/back QUESTION` resumed into the graph (what the session's /back can route to): the one
    question is asked again, the answers after it stay, and the interview returns where it was."""
    from langgraph.checkpoint.memory import InMemorySaver
    from langgraph.types import Command

    from agent.graph import build_graph
    from agent.retrieval import BuiltinRetriever
    from agent.state import Context

    graph = build_graph(InMemorySaver())
    config = {"configurable": {"thread_id": "t"}}
    context = Context(retriever=BuiltinRetriever())
    initial = {
        "profile": {},
        "asked": [],
        "skipped": [],
        "settled": [],
        "pending": None,
        "done": False,
        "transcript": [],
    }

    def pending_id(result):
        return result["__interrupt__"][0].value["id"]

    result = graph.invoke(initial, config, context=context)
    for answer in ("retail", "production", "pilot", "none"):
        result = graph.invoke(Command(resume=answer), config, context=context)
    waiting = pending_id(result)
    assert waiting == "organization.objectives"
    result = graph.invoke(Command(resume="/back sector"), config, context=context)
    assert pending_id(result) == "organization.sector"
    assert "Answered before: Retail" in result["__interrupt__"][0].value["help"]
    result = graph.invoke(Command(resume="banking"), config, context=context)
    assert pending_id(result) == waiting  # straight back to where the interview was
    values = graph.get_state(config).values
    profile = Profile.model_validate(values["profile"])
    assert profile.organization.sector == "banking"
    assert profile.capabilities["llm_api_apps"].value == "pilot"  # nothing after it was undone


def test_a_question_at_the_closing_offer_is_answered_and_the_offer_stands(tmp_path):
    answers = {k: v for k, v in HOSPITAL.items() if k != "organization.budget"}
    store, session, question, _ = interview(tmp_path, answers)
    assert question.id == REVIEW
    question, events = last_question(session.answer("what is RAG?"))
    assert any(isinstance(e, AssistantText) and e.final and e.sources for e in events)
    assert question is not None and question.id == REVIEW
    store.close()
