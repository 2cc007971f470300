"""Evaluate and prioritise the catalogue's use cases for one organisation.

Each use case gets three scores in 0..1, then a priority and a quadrant:
- value: how much the function weighs, fit with the objectives, the stated pain points, the sector;
- feasibility: the gap between its minimum level and the current level, the data it needs,
  the skills in place, the effort against the budget;
- risk: its own risks, raised by regulated data and a low risk appetite, lowered by governance.
The weights are named constants below so a consultant can read and explain them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from knowledge.methodology import capabilities_of_level, sector_key
from knowledge.schema import Methodology, UseCase
from knowledge.vocabulary import (
    Adoption,
    Appetite,
    CapabilityKey,
    DataKind,
    Effort,
    FunctionKey,
    GovernanceKey,
    Objective,
    Quadrant,
    RiskKind,
    readiness,
)
from tools.assessment import MaturityResult, UseCaseAssessment
from tools.profile import Profile

VALUE_WEIGHTS = {"importance": 0.40, "objectives": 0.30, "pain_points": 0.15, "sector": 0.15}
FEASIBILITY_WEIGHTS = {"level_gap": 0.50, "data": 0.20, "skills": 0.20, "effort": 0.10}
PRIORITY_WEIGHTS = {"value": 0.5, "feasibility": 0.3, "safety": 0.2}  # safety = 1 - risk
LEVEL_GAP_FACTOR = (1.0, 0.55, 0.3, 0.15, 0.05)  # by how many levels the use case is above today
EFFORT_EASE = {Effort.low: 1.0, Effort.medium: 0.6, Effort.high: 0.3}
QUADRANT_THRESHOLD = 0.5
BLOCKED_PRIORITY_CAP = 0.25

# Importance assumed for a function the profile does not describe.
IMPORTANCE_WHEN_NO_VALUE_CHAIN = 3
IMPORTANCE_WHEN_NOT_LISTED = 2
IMPORTANCE_WHEN_LISTED_WITHOUT_WEIGHT = 3


@dataclass(frozen=True)
class _Context:
    """What the evaluation needs from the profile, read once."""

    level: int
    sector: str | None
    objectives: frozenset[Objective] | None
    importance: dict[FunctionKey, int]
    data: dict[FunctionKey, frozenset[DataKind]]
    all_data: frozenset[DataKind] | None
    pain_stems: dict[FunctionKey, frozenset[str]]
    regulated: bool | None
    budget: Appetite | None
    risk_appetite: Appetite | None
    function_names: dict[FunctionKey, str]


def evaluate_use_cases(profile: Profile, maturity: MaturityResult, m: Methodology) -> list[UseCaseAssessment]:
    """Every use case that fits the organisation, highest priority first."""
    ctx = _context(profile, maturity, m)
    results = [_evaluate(case, profile, ctx, m) for case in m.use_cases if _fits(case, ctx)]
    return sorted(results, key=lambda r: (-r.priority, r.id))


def _context(profile: Profile, maturity: MaturityResult, m: Methodology) -> _Context:
    chain = profile.value_chain
    importance = {}
    for key in FunctionKey:
        if not chain:
            importance[key] = IMPORTANCE_WHEN_NO_VALUE_CHAIN
        elif key not in chain:
            importance[key] = IMPORTANCE_WHEN_NOT_LISTED
        else:
            importance[key] = chain[key].importance or IMPORTANCE_WHEN_LISTED_WITHOUT_WEIGHT
    data = {key: frozenset(f.data) for key, f in chain.items() if f.data is not None}
    org = profile.organization
    return _Context(
        level=maturity.level,
        sector=sector_key(m, org.sector),
        objectives=frozenset(org.objectives) if org.objectives else None,
        importance=importance,
        data=data,
        all_data=frozenset().union(*data.values()) if data else None,
        pain_stems={key: frozenset(stems(f.pain_points)) for key, f in chain.items() if f.pain_points},
        regulated=org.regulated,
        budget=org.budget,
        risk_appetite=org.risk_appetite,
        function_names={f.key: f.name for f in m.functions},
    )


def _fits(case: UseCase, ctx: _Context) -> bool:
    # A sector-specific use case (molecule generation) is offered to its sectors only; when the
    # sector is unknown it stays in, with a low sector fit, so nothing relevant is hidden.
    return not (case.sector_specific and ctx.sector is not None and ctx.sector not in case.sectors)


def _evaluate(case: UseCase, profile: Profile, ctx: _Context, m: Methodology) -> UseCaseAssessment:
    value, value_reasons = _value(case, ctx)
    feasibility, feasibility_reasons = _feasibility(case, profile, ctx, m)
    risk, risk_reasons = _risk(case, profile, ctx)
    priority = (PRIORITY_WEIGHTS["value"] * value + PRIORITY_WEIGHTS["feasibility"] * feasibility
                + PRIORITY_WEIGHTS["safety"] * (1 - risk))
    blocker = _blocker(case, profile, ctx)
    if blocker is not None:
        priority = min(priority, BLOCKED_PRIORITY_CAP)
        quadrant = Quadrant.deprioritize
    else:
        quadrant = _quadrant(value, feasibility)
    rationale = "; ".join(filter(None, [value_reasons, feasibility_reasons, risk_reasons]))
    if blocker is not None:
        rationale = f"Blocked: {blocker}. {rationale[0].upper()}{rationale[1:]}"
    else:
        rationale = f"{rationale[0].upper()}{rationale[1:]}"
    return UseCaseAssessment(
        id=case.id, title=case.title, function=case.function, min_level=case.min_level,
        value=round(value, 3), feasibility=round(feasibility, 3), risk=round(risk, 3),
        priority=round(priority, 3), quadrant=quadrant, rationale=rationale + ".",
        blocker=blocker, evolves_from=case.evolves_from, description=case.description,
    )


def _value(case: UseCase, ctx: _Context) -> tuple[float, str]:
    weight = ctx.importance[case.function]
    if ctx.objectives is None:
        objective_fit, served = 0.5, []
    else:
        served = [o for o in case.objectives if o in ctx.objectives]
        objective_fit = min(1.0, len(served) / min(2, len(case.objectives))) if case.objectives else 0.0
    pain = bool(ctx.pain_stems.get(case.function, frozenset()) & _case_stems(case))
    if ctx.sector is None:
        sector_fit = 0.3
    elif ctx.sector in case.sectors:
        sector_fit = 1.0
    else:
        sector_fit = 0.6 if not case.sectors else 0.2
    value = (VALUE_WEIGHTS["importance"] * weight / 5 + VALUE_WEIGHTS["objectives"] * objective_fit
             + VALUE_WEIGHTS["pain_points"] * pain + VALUE_WEIGHTS["sector"] * sector_fit)
    reasons = [f"{ctx.function_names[case.function]} weighs {weight}/5"]
    if served:
        reasons.append("serves " + ", ".join(o.value.replace("_", " ") for o in served))
    if pain:
        reasons.append("answers the stated pain point")
    if ctx.sector is not None and ctx.sector in case.sectors:
        reasons.append(f"fits the {ctx.sector.replace('_', ' ')} sector")
    return value, ", ".join(reasons)


def _feasibility(case: UseCase, profile: Profile, ctx: _Context, m: Methodology) -> tuple[float, str]:
    gap = max(0, case.min_level - ctx.level)
    level_fit = LEVEL_GAP_FACTOR[gap]
    needed = [d for d in case.data if d != DataKind.none]
    available = ctx.data.get(case.function, ctx.all_data)
    if not needed:
        data_fit, missing = 1.0, []
    elif available is None:
        data_fit, missing = 0.5, []
    else:
        missing = [d for d in needed if d not in available]
        data_fit = 1 - len(missing) / len(needed)
    skills = capabilities_of_level(m, case.min_level)
    capability_fit = sum(readiness(profile.capability(c.key)) for c in skills) / len(skills)
    function_profile = profile.value_chain.get(case.function)
    in_use = readiness(function_profile.genai_today) if function_profile else 0.0
    skills_fit = 0.7 * capability_fit + 0.3 * in_use
    ease = EFFORT_EASE[case.effort]
    if ctx.budget == Appetite.high:
        ease = min(1.0, ease + 0.2)
    elif ctx.budget == Appetite.low:
        ease = max(0.0, ease - 0.1)
    feasibility = (FEASIBILITY_WEIGHTS["level_gap"] * level_fit + FEASIBILITY_WEIGHTS["data"] * data_fit
                   + FEASIBILITY_WEIGHTS["skills"] * skills_fit + FEASIBILITY_WEIGHTS["effort"] * ease)
    if gap == 0:
        reason = f"needs level {case.min_level}, already reached"
    else:
        reason = f"needs level {case.min_level}, {gap} above today's level {ctx.level}"
    if missing:
        reason += ", lacks the data it needs (" + ", ".join(d.value.replace("_", " ") for d in missing) + ")"
    return feasibility, reason


def _risk(case: UseCase, profile: Profile, ctx: _Context) -> tuple[float, str]:
    severities = {kind: level / 3 for kind, level in case.risks.items()}
    if severities:
        exposure = 0.5 * max(severities.values()) + 0.3 * sum(severities.values()) / len(severities)
    else:
        exposure = 0.1
    sensitive = {RiskKind.regulatory, RiskKind.confidentiality} & severities.keys()
    if ctx.regulated and sensitive:
        exposure += 0.1
    mitigation = 0.0
    for key, per_rank in ((GovernanceKey.monitoring, 0.08), (GovernanceKey.ai_policy, 0.05),
                          (GovernanceKey.data_governance, 0.05)):
        have = profile.governance_level(key)
        mitigation += per_rank * (have.rank if have else 0)
    mitigation += 0.07 * readiness(profile.capability(CapabilityKey.io_filters))
    appetite_shift = {Appetite.low: 0.08, Appetite.high: -0.08}.get(ctx.risk_appetite, 0.0)
    risk = min(1.0, max(0.0, exposure - mitigation + appetite_shift))
    label = "low" if risk < 0.34 else "moderate" if risk < 0.67 else "high"
    top = sorted(case.risks.items(), key=lambda kv: (-kv[1], kv[0].value))[:2]
    reason = f"{label} risk"
    if top:
        reason += " (" + ", ".join(kind.value for kind, _ in top) + ")"
    if ctx.regulated and sensitive:
        reason += " on regulated data"
    return risk, reason


def _blocker(case: UseCase, profile: Profile, ctx: _Context) -> str | None:
    high_stakes = case.risks.get(RiskKind.regulatory, 0) >= 3 or case.risks.get(RiskKind.confidentiality, 0) >= 3
    monitoring = profile.governance_level(GovernanceKey.monitoring)
    filters = profile.capability(CapabilityKey.io_filters)
    unguarded = (monitoring is None or monitoring.rank == 0) and filters not in (Adoption.pilot, Adoption.production)
    if ctx.regulated and high_stakes and unguarded:
        return "regulated data with neither monitoring nor input/output filters, for a high-risk use case"
    if ctx.budget == Appetite.low and case.min_level - ctx.level >= 3:
        return f"needs level {case.min_level}, three or more levels above today, on a low budget"
    return None


def _quadrant(value: float, feasibility: float) -> Quadrant:
    valuable = value >= QUADRANT_THRESHOLD
    feasible = feasibility >= QUADRANT_THRESHOLD
    if valuable:
        return Quadrant.quick_win if feasible else Quadrant.strategic_bet
    return Quadrant.fill_in if feasible else Quadrant.deprioritize


_WORD = re.compile(r"[a-zà-ÿ0-9]+")
# Words that say nothing about a need; without them "the" in a title would match any pain point.
_STOP_WORDS = frozenset("""
the and for with our too are not from that this into all any has have had was were can cannot
too many much more most less very lot lots some they them their its out over under use used using
les des une est pas pour avec dans sur par qui que trop
""".split())


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def stems(text: str | None) -> list[str]:
    """Stemmed lowercase words of at least three letters, for matching pain points to use cases."""
    if not text:
        return []
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in _STOP_WORDS]
    return _stemmer().stemWords(words)


@cache
def _case_stems_of(case_id: str, keywords: tuple[str, ...], title: str) -> frozenset[str]:
    return frozenset(stems(" ".join(keywords)) + stems(title))


def _case_stems(case: UseCase) -> frozenset[str]:
    return _case_stems_of(case.id, tuple(case.keywords), case.title)
