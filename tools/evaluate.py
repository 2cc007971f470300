"""Evaluate and prioritise the catalogue's use cases for one organisation.

Each use case gets three scores in 0..1, then a priority and a quadrant:
- value: how much the function weighs, fit with the objectives, the stated pain points (in any
  function), the sector;
- feasibility: the gap between its minimum level and the current level, the data it needs,
  the skills in place, the effort against the budget and the size of the organisation;
- risk: its own risks; regulation, risk appetite and governance weigh in proportion to what is at
  stake in that use case (customer-facing, regulated data, high-risk under the EU AI Act).
The weights are named constants below so a consultant can read and explain them
(docs/methodology.md walks through each).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from knowledge.i18n import Language
from knowledge.locales import N_
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
    Size,
    readiness,
)
from tools.assessment import MaturityResult, UseCaseAssessment
from tools.constraints import public_assistants_barred
from tools.matching import PainMatch, Words, in_place, pain_match, pains_of, stem_frequencies
from tools.profile import Profile
from tools.wording import Wording, sentence, wording

VALUE_WEIGHTS = {"importance": 0.30, "objectives": 0.15, "pain_points": 0.20, "sector": 0.35}
# Sector fit: a case written for the client's sector, a generic one, one written for other sectors
# (which counts against: lesson plans are not a hospital's business).
# The gap between "fits" and "generic" (0.8 × 0.35 × 0.5 = 0.14 of priority) outweighs one level
# of distance (0.06) and a medium effort, so among otherwise similar cases the sector decides.
SECTOR_FIT = {"fits": 1.0, "generic": 0.2, "other": -0.6, "unknown": 0.5}
FEASIBILITY_WEIGHTS = {"level_gap": 0.45, "data": 0.20, "skills": 0.20, "effort": 0.15}
PRIORITY_WEIGHTS = {"value": 0.5, "feasibility": 0.3, "safety": 0.2}  # safety = 1 - risk
LEVEL_GAP_FACTOR = (1.0, 0.55, 0.3, 0.15, 0.05)  # by how many levels the use case is above today
# Ease of low, medium and high effort by size: a 120-person firm cannot staff what a group can.
EFFORT_EASE: dict[Size | None, dict[Effort, float]] = {
    Size.micro: {Effort.low: 1.0, Effort.medium: 0.4, Effort.high: 0.0},
    Size.small: {Effort.low: 1.0, Effort.medium: 0.5, Effort.high: 0.15},
    Size.medium: {Effort.low: 1.0, Effort.medium: 0.65, Effort.high: 0.35},
    Size.large: {Effort.low: 1.0, Effort.medium: 0.75, Effort.high: 0.55},
    None: {Effort.low: 1.0, Effort.medium: 0.6, Effort.high: 0.3},
}
QUADRANT_THRESHOLD = 0.5  # value from which a use case counts as high value
BLOCKED_PRIORITY_CAP = 0.25
BUILDS_ON_IN_PLACE = 0.1  # feasibility gained by a case whose predecessor already runs
DATA_FIT_UNKNOWN = 0.7  # the data a function holds is unknown: likely there, to be confirmed

# Risk: what is at stake in the case (0..1) scales the organisation's side of risk.
STAKES = {"customer_facing": 0.6, "regulated_data": 0.8, "ai_act_high_risk": 1.0}
AI_ACT_EXPOSURE = 0.1  # a high-risk use under the EU AI Act carries obligations whatever the firm
REGULATED_SHIFT = 0.2  # regulated organisation, case on regulated data (0.08 if only sensitive)
APPETITE_SHIFT = {Appetite.low: 0.2, Appetite.high: -0.12}  # times the stakes
GOVERNANCE_FLOOR = 0.4  # share of governance's mitigation that applies even at zero stakes

# Importance assumed for a function the profile does not describe.
IMPORTANCE_WHEN_NO_VALUE_CHAIN = 3
IMPORTANCE_WHEN_NOT_LISTED = 0.5  # the client named its functions and left this one out
IMPORTANCE_WHEN_LISTED_WITHOUT_WEIGHT = 3


class Blocker(StrEnum):
    """Why a use case cannot start, whatever its score."""

    unguarded = "unguarded"  # high stakes on regulated data, with no monitoring and no filters
    out_of_reach = "out_of_reach"  # three or more levels above today, on a low budget


BLOCKER_UNGUARDED = N_("regulated data with neither monitoring nor input/output filters, for a high-risk use case")


@dataclass(frozen=True)
class _Context:
    """What the evaluation needs from the profile, read once."""

    level: int
    sector: str | None
    sector_text: str | None
    objectives: frozenset[Objective] | None
    importance: dict[FunctionKey, float]
    data: dict[FunctionKey, frozenset[DataKind]]
    all_data: frozenset[DataKind] | None
    pains: dict[FunctionKey, tuple[str, Words]]
    frequencies: dict[str, int]
    regulated: bool | None
    budget: Appetite | None
    risk_appetite: Appetite | None
    size: Size | None
    in_place: dict[str, str]
    public_barred: bool
    mitigation: float  # what governance and filters take off a case's risk at full stakes


def evaluate_use_cases(
    profile: Profile, maturity: MaturityResult, m: Methodology, language: Language = "en"
) -> list[UseCaseAssessment]:
    """Every use case that fits the organisation, highest priority first; texts in `language`."""
    ctx = _context(profile, maturity, m)
    w = wording(m, language)
    results = [_evaluate(case, profile, ctx, m, w) for case in m.use_cases if _fits(case, ctx)]
    return sorted(results, key=lambda r: (-r.priority, r.id))


def _context(profile: Profile, maturity: MaturityResult, m: Methodology) -> _Context:
    chain = profile.value_chain
    importance: dict[FunctionKey, float] = {}
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
        sector_text=org.sector.strip() if org.sector else None,
        objectives=frozenset(org.objectives) if org.objectives else None,
        importance=importance,
        data=data,
        all_data=frozenset().union(*data.values()) if data else None,
        pains=pains_of(profile),
        frequencies=stem_frequencies(m) if any(f.pain_points for f in chain.values()) else {},
        regulated=org.regulated,
        budget=org.budget,
        risk_appetite=org.risk_appetite,
        size=org.size,
        in_place=in_place(profile, m),
        public_barred=public_assistants_barred(profile) is not None,
        mitigation=_mitigation(profile),
    )


def _mitigation(profile: Profile) -> float:
    mitigation = 0.0
    for key, per_rank in (
        (GovernanceKey.monitoring, 0.08),
        (GovernanceKey.ai_policy, 0.05),
        (GovernanceKey.data_governance, 0.05),
    ):
        have = profile.governance_level(key)
        mitigation += per_rank * (have.rank if have else 0)
    return mitigation + 0.07 * readiness(profile.capability(CapabilityKey.io_filters))


def _fits(case: UseCase, ctx: _Context) -> bool:
    # A sector-specific use case (molecule generation) is offered to its sectors only; when the
    # sector is unknown it stays in, with a low sector fit, so nothing relevant is hidden.
    return not (case.sector_specific and ctx.sector is not None and ctx.sector not in case.sectors)


def _evaluate(case: UseCase, profile: Profile, ctx: _Context, m: Methodology, w: Wording) -> UseCaseAssessment:
    _ = w.gettext
    value, value_reasons = _value(case, ctx, w)
    feasibility, feasibility_reasons = _feasibility(case, profile, ctx, m, w)
    risk, risk_reasons = _risk(case, profile, ctx, w)
    priority = (
        PRIORITY_WEIGHTS["value"] * value
        + PRIORITY_WEIGHTS["feasibility"] * feasibility
        + PRIORITY_WEIGHTS["safety"] * (1 - risk)
    )
    blocked = blocker_of(case, profile, ctx.level)
    blocker = None if blocked is None else _blocker_text(blocked, case, w)
    if blocker is not None:
        priority = min(priority, BLOCKED_PRIORITY_CAP)
        quadrant = Quadrant.deprioritize
    else:
        quadrant = _quadrant(value, case.min_level, ctx.level)
    text = w.case(case.id)
    rationale = sentence(w.clauses(filter(None, [value_reasons, feasibility_reasons, risk_reasons])))
    if text.deployments:
        known = _("known deployments: {deployments}").format(deployments=", ".join(text.deployments))
        rationale = w.clauses([rationale, known])
    running = case.id in ctx.in_place
    if running:
        rationale = _('In place ("{said}"): counted as evidence, not planned again. {rationale}').format(
            said=ctx.in_place[case.id], rationale=rationale
        )
    elif blocker is not None:
        rationale = _("Blocked: {blocker}. {rationale}").format(blocker=blocker, rationale=rationale)
    return UseCaseAssessment(
        id=case.id,
        title=text.title,
        function=case.function,
        min_level=case.min_level,
        value=round(value, 3),
        feasibility=round(feasibility, 3),
        risk=round(risk, 3),
        priority=round(priority, 3),
        quadrant=quadrant,
        rationale=rationale + ".",
        blocker=blocker,
        evolves_from=case.evolves_from,
        description=text.description,
        in_place=running,
        kpis=list(text.kpis),
    )


def _value(case: UseCase, ctx: _Context, w: Wording) -> tuple[float, str]:
    _ = w.gettext
    pain: PainMatch | None = pain_match(case, ctx.pains, ctx.frequencies)
    own = ctx.importance[case.function]
    # A pain point stated elsewhere carries the weight of the function where the client felt it.
    weight = max(own, ctx.importance[pain.function]) if pain else own
    if ctx.objectives is None:
        objective_fit, served = 0.5, []
    else:
        served = [o for o in case.objectives if o in ctx.objectives]
        objective_fit = min(1.0, len(served) / min(2, len(case.objectives))) if case.objectives else 0.0
    if ctx.sector is None:
        sector_fit = SECTOR_FIT["unknown"]
    elif ctx.sector in case.sectors:
        sector_fit = SECTOR_FIT["fits"]
    else:
        sector_fit = SECTOR_FIT["other"] if case.sectors else SECTOR_FIT["generic"]
    value = (
        VALUE_WEIGHTS["importance"] * weight / 5
        + VALUE_WEIGHTS["objectives"] * objective_fit
        + VALUE_WEIGHTS["pain_points"] * (pain is not None)
        + VALUE_WEIGHTS["sector"] * sector_fit
    )
    name = w.function_name(case.function)
    if own == IMPORTANCE_WHEN_NOT_LISTED:
        reasons = [_("{function} is not among the functions the client named").format(function=name)]
    else:
        reasons = [_("{function} weighs {importance}/5").format(function=name, importance=w.number(own))]
    if served:
        reasons.append(_("serves {objectives}").format(objectives=w.labels(served)))
    if pain is not None:
        said = {"pain": _quote(pain.text), "words": ", ".join(pain.words)}
        if pain.function == case.function:
            reasons.append(_('answers the pain point "{pain}" on {words}').format(**said))
        else:
            where = w.function_name(pain.function)
            reasons.append(
                _('answers the pain point "{pain}" (stated under {where}) on {words}').format(where=where, **said)
            )
    if ctx.sector is not None and ctx.sector in case.sectors:
        reasons.append(_("fits the client's sector ({sector})").format(sector=ctx.sector_text))
    elif ctx.sector is not None and case.sectors:
        reasons.append(_("written for other sectors than {sector}").format(sector=ctx.sector_text))
    return min(1.0, max(0.0, value)), ", ".join(reasons)


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _feasibility(case: UseCase, profile: Profile, ctx: _Context, m: Methodology, w: Wording) -> tuple[float, str]:
    _ = w.gettext
    gap = max(0, case.min_level - ctx.level)
    level_fit = _level_fit(case.min_level, profile, ctx, m)
    needed = [d for d in case.data if d != DataKind.none]
    missing: list[DataKind]
    available = ctx.data.get(case.function, ctx.all_data)
    if not needed:
        data_fit, missing = 1.0, []
    elif available is None:
        data_fit, missing = DATA_FIT_UNKNOWN, []
    else:
        missing = [d for d in needed if d not in available]
        data_fit = 1 - len(missing) / len(needed)
    skills = capabilities_of_level(m, case.min_level)
    capability_fit = sum(readiness(profile.capability(c.key)) for c in skills) / len(skills)
    function_profile = profile.value_chain.get(case.function)
    in_use = readiness(function_profile.genai_today) if function_profile else 0.0
    skills_fit = 0.7 * capability_fit + 0.3 * in_use
    ease = EFFORT_EASE[ctx.size][case.effort]
    if ctx.budget == Appetite.high:
        ease = min(1.0, ease + 0.2)
    elif ctx.budget == Appetite.low:
        ease = max(0.0, ease - 0.1)
    feasibility = (
        FEASIBILITY_WEIGHTS["level_gap"] * level_fit
        + FEASIBILITY_WEIGHTS["data"] * data_fit
        + FEASIBILITY_WEIGHTS["skills"] * skills_fit
        + FEASIBILITY_WEIGHTS["effort"] * ease
    )
    if gap == 0:
        reasons = [_("needs level {level}, already reached").format(level=case.min_level)]
    else:
        reasons = [
            _("needs level {level}, {gap} above today's level {current}").format(
                level=case.min_level, gap=gap, current=ctx.level
            )
        ]
    if case.evolves_from is not None and case.evolves_from in ctx.in_place:
        feasibility = min(1.0, feasibility + BUILDS_ON_IN_PLACE)
        reasons.append(_("builds on {title}, already in place").format(title=w.case(case.evolves_from).title))
    if missing:
        reasons.append(_("lacks the data it needs ({data})").format(data=w.labels(missing)))
    if case.effort == Effort.high and ctx.size in (Size.micro, Size.small):
        reasons.append(_("a heavy build for a {size} organisation").format(size=w.label(ctx.size)))
    if ctx.public_barred and case.min_level == 1:
        reasons.append(_("on a private assistant since public ones are barred"))
    return feasibility, ", ".join(reasons)


def _level_fit(min_level: int, profile: Profile, ctx: _Context, m: Methodology) -> float:
    """The level-gap factor; a level whose defining capability is unknown counts as half a level
    away, since unknown is not "no" (a profile giving only its sector is not known to be at level 1)."""
    gap = 0.0
    for spec in m.levels[ctx.level : min_level]:
        gap += 0.5 if profile.capability(spec.defining_capability) is None else 1.0
    low = int(gap)
    if low >= len(LEVEL_GAP_FACTOR) - 1:
        return LEVEL_GAP_FACTOR[-1]
    return LEVEL_GAP_FACTOR[low] + (gap - low) * (LEVEL_GAP_FACTOR[low + 1] - LEVEL_GAP_FACTOR[low])


def stakes(case: UseCase) -> float:
    """What is at stake in a use case, 0..1: from its risk profile, else from its own severities."""
    flagged = [weight for field, weight in STAKES.items() if getattr(case, field)]
    sensitive = max(case.risks.get(RiskKind.regulatory, 0), case.risks.get(RiskKind.confidentiality, 0))
    from_severity = 0.25 * max(0, sensitive - 1)  # severity 3 on regulation or confidentiality: 0.5
    return max([from_severity, *flagged])


def _risk(case: UseCase, profile: Profile, ctx: _Context, w: Wording) -> tuple[float, str]:
    _ = w.gettext
    severities = {kind: level / 3 for kind, level in case.risks.items()}
    if severities:
        exposure = 0.5 * max(severities.values()) + 0.3 * sum(severities.values()) / len(severities)
    else:
        exposure = 0.1
    at_stake = stakes(case)
    if case.ai_act_high_risk:
        exposure += AI_ACT_EXPOSURE
    sensitive = bool({RiskKind.regulatory, RiskKind.confidentiality} & severities.keys())
    on_regulated = bool(ctx.regulated) and (case.regulated_data or case.ai_act_high_risk)
    if on_regulated:
        exposure += REGULATED_SHIFT
    elif ctx.regulated and sensitive:
        exposure += 0.4 * REGULATED_SHIFT
    mitigation = ctx.mitigation * (GOVERNANCE_FLOOR + (1 - GOVERNANCE_FLOOR) * at_stake)
    appetite_shift = APPETITE_SHIFT.get(ctx.risk_appetite, 0.0) * at_stake if ctx.risk_appetite else 0.0
    risk = min(1.0, max(0.0, exposure - mitigation + appetite_shift))
    level = _("low risk") if risk < 0.34 else _("moderate risk") if risk < 0.67 else _("high risk")
    top = [kind for kind, _severity in sorted(case.risks.items(), key=lambda kv: (-kv[1], kv[0].value))[:2]]
    reason = f"{level} ({w.labels(top)})" if top else level
    traits = [
        text
        for flag, text in (
            (case.customer_facing, _("customer-facing")),
            (case.regulated_data, _("on regulated data")),
            (case.ai_act_high_risk, _("high-risk under the EU AI Act")),
        )
        if flag
    ]
    if traits:
        reason += ", " + ", ".join(traits)
    elif ctx.regulated and sensitive:
        reason += " " + _("on regulated data")
    if ctx.risk_appetite == Appetite.low and at_stake >= 0.5:
        reason += ", " + _("weighed against a low risk appetite")
    return risk, reason


def blocker_of(case: UseCase, profile: Profile, level: int) -> Blocker | None:
    """What keeps a use case from starting at today's `level`, or None."""
    org = profile.organization
    high_stakes = (
        case.risks.get(RiskKind.regulatory, 0) >= 3
        or case.risks.get(RiskKind.confidentiality, 0) >= 3
        or case.ai_act_high_risk
        or (case.regulated_data and case.customer_facing)
    )
    monitoring = profile.governance_level(GovernanceKey.monitoring)
    filters = profile.capability(CapabilityKey.io_filters)
    unguarded = (monitoring is None or monitoring.rank == 0) and filters not in (Adoption.pilot, Adoption.production)
    if org.regulated and high_stakes and unguarded:
        return Blocker.unguarded
    if org.budget == Appetite.low and case.min_level - level >= 3:
        return Blocker.out_of_reach
    return None


def _blocker_text(blocker: Blocker, case: UseCase, w: Wording) -> str:
    _ = w.gettext
    if blocker == Blocker.unguarded:
        return _(BLOCKER_UNGUARDED)
    return _("needs level {level}, three or more levels above today, on a low budget").format(level=case.min_level)


def _quadrant(value: float, min_level: int, level: int) -> Quadrant:
    """As knowledge/docs/adoption.md defines them: feasible means at today's level."""
    valuable = value >= QUADRANT_THRESHOLD
    feasible = min_level <= level
    if valuable:
        return Quadrant.quick_win if feasible else Quadrant.strategic_bet
    return Quadrant.fill_in if feasible else Quadrant.deprioritize
