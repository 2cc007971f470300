"""Plan an adaptive roadmap: three phases, each with a target level, the use cases it delivers,
the capabilities and governance it builds, and the architecture pattern it runs on.

The strategy shapes the target levels: incremental climbs one level a phase; focused builds
straight towards the flagship use case's level; hybrid runs today's level and the flagship's
level side by side. Dependencies hold: a use case comes after the one it evolves from, and
capabilities are built in the first phase whose target level needs them.
"""

from __future__ import annotations

from knowledge.methodology import capabilities_of_level, level as level_spec
from knowledge.schema import Methodology
from knowledge.vocabulary import Adoption, Quadrant, StrategyName
from tools.assessment import MaturityResult, Phase, Roadmap, StrategyRecommendation, UseCaseAssessment
from tools.classify import governance_short_of
from tools.profile import Profile
from tools.strategy import situation

SELECTED = 8  # use cases the roadmap carries
PER_PHASE = 4  # a phase that delivers more than this rarely delivers any of it well
PHASE_MONTHS = ((0, 6), (6, 12), (12, 24))
PHASE_NAMES = {
    StrategyName.incremental: ("Learn and consolidate", "Climb one level", "Scale what works"),
    StrategyName.focused: ("Build the foundations", "Deliver the flagship", "Extend and industrialise"),
    StrategyName.hybrid: ("Quick wins and foundations", "Flagship and spread", "Converge and scale"),
}


def plan_roadmap(profile: Profile, maturity: MaturityResult, use_cases: list[UseCaseAssessment],
                 strategy: StrategyRecommendation, m: Methodology) -> Roadmap:
    current = maturity.level
    flagship = situation(profile, maturity, use_cases).flagship
    flagship_level = flagship.min_level if flagship else min(current + 1, 5)
    targets = _targets(strategy.name, current, flagship_level)
    selected = _select(use_cases, flagship)
    placement, later = _place(selected, targets)
    titles = {case.id: case.title for case in use_cases}
    notes = [f"{case.title} follows {titles[case.evolves_from]}: it raises the same need to level {case.min_level}"
             for case in selected if case.evolves_from in placement and case.id in placement]
    phases = []
    built_up_to = current
    for index, target in enumerate(targets):
        start, end = PHASE_MONTHS[index]
        # Phase one also closes the gaps of today's level: every later step stands on them.
        levels_to_build = range(current if index == 0 else built_up_to + 1, target + 1)
        built_up_to = max(built_up_to, target)
        names = PHASE_NAMES[strategy.name]
        ids = [c.id for c in selected if placement.get(c.id) == index]
        phases.append(Phase(
            name=names[index], horizon=f"{start}-{end} months", start_month=start, end_month=end,
            target_level=target, use_cases=ids,
            capabilities=_to_build(profile, m, levels_to_build),
            pattern=list(level_spec(m, target).pattern_blocks),
            governance=_governance(profile, m, target),
            solutions=[f"{s.kind}: {', '.join(s.examples)}" for s in level_spec(m, target).solutions],
            objective=_objective(index, target, ids, strategy.name, flagship, m),
        ))
    return Roadmap(phases=phases, later=later, notes=notes)


def _targets(strategy: StrategyName, current: int, flagship_level: int) -> list[int]:
    step = min(current + 1, 5)
    aim = max(flagship_level, step)
    if strategy == StrategyName.incremental:
        return [current, step, min(current + 2, 5)]
    if strategy == StrategyName.focused:
        return [step, aim, aim]
    return [current, aim, aim]


def _select(use_cases: list[UseCaseAssessment], flagship: UseCaseAssessment | None) -> list[UseCaseAssessment]:
    """The best use cases worth doing, the flagship among them, each with what it evolves from."""
    by_id = {u.id: u for u in use_cases}
    worth = [u for u in use_cases if u.blocker is None and u.quadrant != Quadrant.deprioritize]
    chosen = worth[:SELECTED]
    if flagship is not None and flagship not in chosen:
        chosen.append(flagship)
    for case in list(chosen):
        base = by_id.get(case.evolves_from or "")
        if base is not None and base not in chosen and base.blocker is None:
            chosen.append(base)
    return sorted(chosen, key=lambda u: (u.min_level, -u.priority, u.id))


def _place(selected: list[UseCaseAssessment], targets: list[int]) -> tuple[dict[str, int], list[str]]:
    """Earliest phase whose target level suffices, after the predecessor, within the phase size."""
    placement: dict[str, int] = {}
    later: list[str] = []
    load = [0] * len(targets)
    for case in selected:  # sorted by level, so a predecessor is always placed first
        earliest = placement[case.evolves_from] + 1 if case.evolves_from in placement else 0
        phase = next((i for i in range(earliest, len(targets))
                      if targets[i] >= case.min_level and load[i] < PER_PHASE), None)
        if phase is None:
            later.append(case.id)
        else:
            placement[case.id] = phase
            load[phase] += 1
    return placement, later


def _to_build(profile: Profile, m: Methodology, levels: range) -> list[str]:
    keys = []
    for number in levels:
        for cap in capabilities_of_level(m, number):
            adoption = profile.capability(cap.key)
            if adoption not in (Adoption.pilot, Adoption.production):
                keys.append(cap.key.value)
    return keys


def _governance(profile: Profile, m: Methodology, target: int) -> list[str]:
    spec = level_spec(m, target)
    raise_to = [f"Raise {key.value.replace('_', ' ')} to {wanted.value}"
                for key, _, wanted in governance_short_of(profile, spec)]
    return raise_to + list(spec.governance_measures)


def _objective(index: int, target: int, ids: list[str], strategy: StrategyName,
               flagship: UseCaseAssessment | None, m: Methodology) -> str:
    name = level_spec(m, target).name
    if strategy == StrategyName.focused and flagship is not None:
        if index == 0:
            return f"Build the level {target} ({name}) capabilities that {flagship.title} stands on"
        if flagship.id in ids:
            return f"Deliver {flagship.title} on a level {target} ({name}) pattern"
    if not ids:
        return f"Consolidate level {target} ({name}) capabilities and governance"
    return f"Deliver {len(ids)} use case{'s' if len(ids) > 1 else ''} on a level {target} ({name}) pattern"

