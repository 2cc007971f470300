"""Choose the next question: a pure, deterministic function of the profile and of what was asked.

The interview is adaptive in three ways:

1. **Staged climb.** The maturity level depends only on the defining capability of each level,
   and levels are staged, so the planner asks about level 1's defining capability, then level 2's
   only if level 1 is reached, and so on; it stops climbing at the first level not reached. A firm
   that does not use public chatbots is never asked about fine-tuning.
2. **Settled details are skipped.** Nothing is asked that the profile already holds (from a seed
   or an earlier answer), and no details are asked about functions the firm ranks unimportant
   (importance 2 or less, or not among the functions that matter most).
3. **Value of information.** Beyond the essential questions (sector, the climb, objectives, the
   functions that matter and their weight, a pain point and the data kinds of each key function,
   budget, risk appetite, regulated data, and governance when data is regulated or the level is 2
   or more), a question is asked only if
   one of its plausible answers would change the conclusion: the maturity level or the top use
   cases (a swap between use cases within `TIE` of each other does not count) and, for the
   organisation facts, the strategy. A question that cannot change it is *settled*.
4. **A confidence floor.** Settled is not known: the interview stops only when nothing left could
   change the conclusion *and* the assessment's confidence has reached `CONFIDENCE_FLOOR`; below
   it, the settled and open questions are asked in the same order until the floor is reached or
   nothing is left to ask.

Candidates are visited in a fixed order that follows the weights of the methodology (function
importance weighs most in a use case's value, then objectives, pain points and sector; risk and
budget shape feasibility and the strategy), so "what most changes the conclusion" comes first
without scoring every question on every turn. The check is myopic — one question at a time —
except for the organisation facts whose strategy points add up (`JOINT`), which are judged
together. A settled question stays settled: checking each question once keeps turns cheap, and
the order puts the questions that give context first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from agent.questions import KEY_FUNCTIONS, BankQuestion, bank
from knowledge.methodology import load_methodology
from knowledge.schema import Methodology
from knowledge.vocabulary import CapabilityKey, FunctionKey, GovernanceKey
from tools.classify import classify_maturity, reaches
from tools.evaluate import PRIORITY_WEIGHTS, VALUE_WEIGHTS, evaluate_use_cases
from tools.profile import Profile
from tools.strategy import recommend_strategy

BUDGET = 25  # never more questions than this in one interview
TOP_USE_CASES = 3  # the use cases whose ranking the stop rule protects
UNIMPORTANT = 3  # functions weighted this or lower (of 5) get no detail questions: a 25-question ceiling cannot detail every function
TIE = 0.02  # use cases closer than this in priority are a tie: swapping them changes nothing
ESSENTIAL_FACTS = ("budget", "risk_appetite", "regulated")  # strategy rules and risk read them: always asked
CONFIDENCE_FLOOR = 0.7  # the interview does not stop below this confidence while questions remain
KEY_DETAILS = 2  # the heaviest functions (weighted 4 or more) whose pain point and data are always asked
GOVERNANCE_FROM_LEVEL = 2  # governance is always asked from this level, or when data is regulated
# Organisation facts whose effects on the strategy add up: judged together (see could_change).
JOINT = ("organization.regulated", "organization.size")


@dataclass(frozen=True)
class Conclusion:
    """What the interview must settle before it stops."""

    level: int
    top: frozenset[str]
    strategy: str
    priorities: dict[str, float]

    def differs(self, other: Conclusion, strategy: bool = True) -> bool:
        """A different level or strategy, or a use case entering the top that beats one leaving
        it by more than a tie."""
        if self.level != other.level or (strategy and self.strategy != other.strategy):
            return True
        if self.top == other.top:
            return False
        entering = min(other.priorities[i] for i in other.top - self.top)
        leaving = max(other.priorities.get(i, 0.0) for i in self.top - other.top)
        return entering - leaving > TIE


@dataclass(frozen=True)
class Plan:
    question: BankQuestion | None  # None: stop and present the assessment
    reason: str
    settled: tuple[str, ...] = ()  # questions found unable to change the conclusion


def conclusion(profile: Profile, m: Methodology | None = None) -> Conclusion:
    m = m or load_methodology()
    maturity = classify_maturity(profile, m)
    use_cases = evaluate_use_cases(profile, maturity, m)
    strategy = recommend_strategy(profile, maturity, use_cases, m)
    return Conclusion(
        level=maturity.level,
        top=frozenset(u.id for u in use_cases[:TOP_USE_CASES]),
        strategy=strategy.name.value,
        priorities={u.id: u.priority for u in use_cases},
    )


def next_question(
    profile: Profile,
    asked: Collection[str],
    settled: Collection[str] = (),
    *,
    m: Methodology | None = None,
    budget: int = BUDGET,
    reopen: Collection[str] = (),
) -> Plan:
    """The next question to ask, or None with the reason to stop. `reopen`: questions asked
    before (skipped or unknown) that the respondent chose to answer now: they come first, and
    the budget does not count them twice."""
    m = m or load_methodology()
    b = bank(m)
    for question_id in reopen:
        if question_id in b and not b[question_id].is_known(profile):
            return Plan(b[question_id], "asked again: it was skipped or left unknown")
    if len(asked) >= budget:
        return Plan(None, f"the question budget ({budget}) is spent")
    base: Conclusion | None = None
    newly_settled: list[str] = []
    for candidate, essential in candidates(profile, asked, settled, m):
        if essential:
            return Plan(candidate, "essential: " + _why_essential(candidate), tuple(newly_settled))
        base = base or conclusion(profile, m)
        if could_change(candidate, profile, base, m, asked):
            return Plan(
                candidate, "an answer could change the level, the top use cases or the strategy", tuple(newly_settled)
            )
        newly_settled.append(candidate.id)
    confidence = classify_maturity(profile, m).confidence
    if confidence < CONFIDENCE_FLOOR:
        for candidate, _ in candidates(profile, asked, (), m):
            return Plan(
                candidate,
                f"confidence {confidence:.0%} is below the floor of {CONFIDENCE_FLOOR:.0%}",
                tuple(newly_settled),
            )
    return Plan(
        None,
        "no remaining answer would change the level, the top use cases or the strategy, "
        f"and confidence is {confidence:.0%}",
        tuple(newly_settled),
    )


def could_change(
    candidate: BankQuestion, profile: Profile, base: Conclusion, m: Methodology, asked: Collection[str] = ()
) -> bool:
    """Whether one plausible answer to `candidate` changes the conclusion.

    The organisation facts that steer the strategy add up (each rule adds points), so two of them
    may change it together when neither does alone: those are judged jointly, with every
    combination of plausible answers to the other facts still open."""
    variants = [profile]
    if candidate.id in JOINT:
        b = bank(m)
        for other in JOINT:
            question = b[other]
            if other != candidate.id and other not in asked and not question.is_known(profile):
                variants = [
                    question.apply(v, answer) for v in variants for answer in question.plausible_answers(profile, m)
                ]
    strategy = candidate.section == "organization"
    answers = (
        _pain_points_within_reach(candidate, base, m)
        if candidate.detail == "pain_points"
        else candidate.plausible_answers(profile, m)
    )
    return any(
        base.differs(conclusion(candidate.apply(variant, answer), m), strategy)
        for variant in variants
        for answer in answers
    )


def _pain_points_within_reach(candidate: BankQuestion, base: Conclusion, m: Methodology) -> list[str]:
    """Pain points worth trying: those of use cases a matching pain point could lift into the top.

    A matching pain point adds a fixed amount to a use case's priority; a use case already in the
    top, or too far below it to get there, cannot change the top with it."""
    gain = VALUE_WEIGHTS["pain_points"] * PRIORITY_WEIGHTS["value"]
    third = min((base.priorities[i] for i in base.top), default=0.0)
    return [
        " ".join(case.keywords[:3] or [case.title])
        for case in m.use_cases
        if case.function == candidate.function
        and case.id in base.priorities
        and case.id not in base.top
        and base.priorities[case.id] + gain > third + TIE
    ]


def candidates(
    profile: Profile, asked: Collection[str], settled: Collection[str], m: Methodology
) -> Iterator[tuple[BankQuestion, bool]]:
    """Open questions in the order to consider them, each flagged essential or not (once each)."""
    seen: set[str] = set()
    for question, essential in _ordered(profile, asked, m):
        if question.id in seen or question.id in asked or question.id in settled or question.is_known(profile):
            continue
        seen.add(question.id)
        yield question, essential


def _ordered(profile: Profile, asked: Collection[str], m: Methodology) -> Iterator[tuple[BankQuestion, bool]]:
    b = bank(m)
    yield b["organization.sector"], True
    for spec in m.levels:  # the staged climb
        key = spec.defining_capability
        adoption = profile.capability(key)
        if adoption is None:
            if f"capabilities.{key.value}" not in asked:
                yield b[f"capabilities.{key.value}"], True
            break  # unknown counts as not reached: the climb stops here
        if not reaches(spec.number, adoption):
            break
    yield b["organization.objectives"], True
    yield b[KEY_FUNCTIONS], True

    listed = _functions_by_weight(profile)
    for function in listed:  # how much each function that matters weighs: the heaviest term of value
        yield b[f"value_chain.{function.value}.importance"], True
    for field in ESSENTIAL_FACTS:
        yield b[f"organization.{field}"], True
    key_functions = [k for k in listed if (profile.value_chain[k].importance or 0) >= 4][:KEY_DETAILS]
    for function in key_functions:  # mapping the value chain: what hurts and what data each key function has
        for detail in ("pain_points", "data"):
            yield b[f"value_chain.{function.value}.{detail}"], True
    current = classify_maturity(profile, m).level
    if profile.organization.regulated or current >= GOVERNANCE_FROM_LEVEL:
        for gov in (GovernanceKey.monitoring, GovernanceKey.ai_policy, GovernanceKey.data_governance):
            yield b[f"governance.{gov.value}"], True
    yield b["organization.size"], False
    for function in listed:
        importance = profile.value_chain[function].importance
        if importance is not None and importance <= UNIMPORTANT:
            continue
        for detail in ("pain_points", "data", "genai_today"):
            yield b[f"value_chain.{function.value}.{detail}"], False
    yield b[f"governance.{GovernanceKey.monitoring.value}"], False
    yield b[f"capabilities.{CapabilityKey.io_filters.value}"], False
    for capability in m.capabilities:
        if not capability.defining and capability.level in (current, current + 1):
            yield b[f"capabilities.{capability.key.value}"], False
    for governance in (GovernanceKey.ai_policy, GovernanceKey.data_governance):
        yield b[f"governance.{governance.value}"], False


def _functions_by_weight(profile: Profile) -> list[FunctionKey]:
    """The functions the value chain lists, heaviest first (unknown weight counts as 3)."""
    order = list(FunctionKey)
    return sorted(profile.value_chain, key=lambda k: (-(profile.value_chain[k].importance or 3), order.index(k)))


def _why_essential(question: BankQuestion) -> str:
    if question.section == "capabilities":
        return "the defining capability of the next level decides the maturity level"
    if question.id == KEY_FUNCTIONS:
        return "the functions that matter most weigh most in every use case's value"
    if question.field in ("organization.budget", "organization.risk_appetite", "organization.regulated"):
        return "budget, risk appetite and regulated data steer the strategy and the risk of every use case"
    if question.section == "governance":
        return "governance is part of the method once data is regulated or the level is 2 or more"
    if question.detail in ("pain_points", "data"):
        return "mapping the value chain: a key function's pain points and data decide its use cases"
    if question.detail == "importance":
        return "a function's weight is the heaviest term of its use cases' value"
    if question.id == "organization.objectives":
        return "the objectives decide which use cases are worth most"
    return "the sector decides which use cases fit"
