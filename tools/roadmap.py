"""Plan the roadmap: phases over 24 months that follow the recommended strategy.

The method's rule is to choose the path that maximises value while optimising investment, so:
- use cases are placed by priority, each in the earliest phase whose level allows it, after the
  one it evolves from;
- a phase's target level is the highest level its use cases (and those before it on its track)
  need: the roadmap never climbs to a level nothing selected stands on;
- incremental and focused run one track; hybrid runs a basic track (quick wins at today's level)
  beside an advanced one (what is tailored to the firm's data or needs a higher level), in parallel;
- a case blocked for want of guardrails comes back in the phase that puts them in place;
- every phase carries the KPIs of its use cases and a gate: what must be true to go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.i18n import Language
from knowledge.locales import N_
from knowledge.methodology import capabilities_of_level, use_case
from knowledge.methodology import level as level_spec
from knowledge.schema import Methodology
from knowledge.vocabulary import Adoption, CapabilityKey, GovernanceKey, GovernanceLevel, Quadrant, StrategyName
from tools.assessment import MaturityResult, Phase, Roadmap, StrategyRecommendation, UseCaseAssessment
from tools.classify import governance_short_of
from tools.constraints import public_assistants_barred
from tools.evaluate import PRIORITY_WEIGHTS, Blocker, blocker_of
from tools.profile import Profile
from tools.roadmap_text import LOW_CONFIDENCE, gate, notes, objective, previous_on_track
from tools.strategy import situation
from tools.wording import Wording, sentence, wording

SELECTED = 8  # use cases the roadmap carries, besides the flagship and the evolves_from chains
PER_PHASE = 4  # a phase that delivers more than this rarely delivers any of it well
COMEBACKS = 3  # cases blocked for want of guardrails that may come back with them
KPIS_PER_CASE = 2
GUARD = N_("Raise monitoring to basic and put input/output filters in front of every application")
PUBLIC_ASSISTANTS = "Public AI assistants"  # the level-1 solution a client that bars them replaces
PRIVATE_ASSISTANT = (
    N_("Private AI assistants (public ones are barred)"),
    [N_("Microsoft 365 Copilot within the tenant"), N_("Azure OpenAI or Mistral behind the firm's own access")],
)
CLIMB = N_("Climb one level")
# A governance item of a phase: the (field, level) it raises to, or None for a measure of the level.
GovernanceItem = tuple[tuple[GovernanceKey, GovernanceLevel] | None, str]


@dataclass
class _Slot:
    """A phase being planned: its place on its track and what it may carry."""

    name: str  # the English name, marked for translation; `title` is what the reader sees
    track: str
    start: int
    end: int
    allowed: int  # the highest level the strategy lets this phase reach
    cases: list[UseCaseAssessment] = field(default_factory=list)
    guards: bool = False  # raises the guardrails a blocked case waits for
    target: int = 1
    climb_to: int | None = None  # a climbing phase names the level it reaches
    title: str = ""


def _shape(strategy: StrategyName, current: int, aim: int) -> list[_Slot]:
    step = min(current + 1, 5)
    if strategy == StrategyName.incremental:
        return [
            _Slot(N_("Learn and consolidate"), "main", 0, 6, current),
            _Slot(CLIMB, "main", 6, 12, step),
            _Slot(N_("Scale what works"), "main", 12, 24, min(current + 2, 5)),
        ]
    if strategy == StrategyName.focused:
        return [
            _Slot(N_("Build the foundations"), "main", 0, 6, min(step, aim)),
            _Slot(N_("Deliver the flagship"), "main", 6, 12, aim),
            _Slot(N_("Extend and industrialise"), "main", 12, 24, aim),
        ]
    return [
        _Slot(N_("Quick wins"), "basic", 0, 6, current),
        _Slot(N_("Spread what works"), "basic", 6, 12, current),
        _Slot(N_("Advanced foundations and pilots"), "advanced", 0, 12, max(aim, step)),
        _Slot(N_("Advanced cases in production"), "advanced", 12, 24, max(aim, step)),
    ]


def plan_roadmap(
    profile: Profile,
    maturity: MaturityResult,
    use_cases: list[UseCaseAssessment],
    strategy: StrategyRecommendation,
    m: Methodology,
    language: Language = "en",
) -> Roadmap:
    """The phases that follow `strategy`, with their texts in `language`."""
    w = wording(m, language)
    current = maturity.level
    open_cases = [u for u in use_cases if not u.in_place]
    flagship = situation(profile, maturity, use_cases).flagship
    aim = max(current, flagship.min_level if flagship else current)
    slots = _shape(strategy.name, current, aim)
    by_id = {u.id: u for u in use_cases}
    # The cases that only wait for guardrails, decided on the catalogue, not on the blocker's words.
    unguarded = {u.id for u in use_cases if blocker_of(use_case(m, u.id), profile, current) == Blocker.unguarded}
    selected = _select(open_cases, flagship, by_id, unguarded)
    placed: dict[str, _Slot] = {}
    later: list[str] = []
    for case in selected:
        _place(case, slots, placed, later, by_id, current, strategy.name, unguarded)
    comebacks = [(case, placed[case.id]) for case in use_cases if case.blocker is not None and case.id in placed]
    _set_targets(slots, current)
    _name_climbs(slots)
    for slot in slots:
        slot.title = _title(slot, w)
    slots.sort(key=lambda s: (s.start, s.track != "basic"))  # parallel tracks read in calendar order
    said = notes(profile, maturity, use_cases, selected, placed, comebacks, by_id, w)
    phases = _phases(profile, m, slots, current, flagship, strategy.name, maturity, w)
    return Roadmap(phases=phases, later=[c for c in later if c not in placed], notes=said)


def _worth(case: UseCaseAssessment) -> bool:
    return case.blocker is None and case.quadrant != Quadrant.deprioritize and not case.in_place


def _select(
    open_cases: list[UseCaseAssessment],
    flagship: UseCaseAssessment | None,
    by_id: dict[str, UseCaseAssessment],
    unguarded: set[str],
) -> list[UseCaseAssessment]:
    """The best cases worth doing, the flagship, and the evolves_from chains of the top case and of
    the flagship (what each grows out of, and its next steps), highest priority first."""
    # A case blocked only for want of guardrails competes on its unblocked priority: the phase that
    # carries it puts the guardrails in place.
    waiting = sorted((u for u in open_cases if u.id in unguarded), key=lambda u: (-_uncapped(u), u.id))[:COMEBACKS]
    pool = [u for u in open_cases if _worth(u)] + waiting
    chosen = sorted(pool, key=lambda u: (-_effective(u, unguarded), u.id))[:SELECTED]
    heads = [u for u in (chosen[0] if chosen else None, flagship) if u is not None]
    for head in heads:
        if head not in chosen:
            chosen.append(head)
        for link in _chain(head, by_id):
            if link not in chosen and link.blocker is None and not link.in_place:
                chosen.append(link)
    return sorted(chosen, key=lambda u: (-_effective(u, unguarded), u.id))


def _chain(head: UseCaseAssessment, by_id: dict[str, UseCaseAssessment]) -> list[UseCaseAssessment]:
    chain = []
    base = by_id.get(head.evolves_from or "")
    while base is not None and base not in chain:
        chain.append(base)
        base = by_id.get(base.evolves_from or "")
    step = head
    while True:
        # The next step worth taking: the best successor that is not put aside.
        successor = max(
            (
                u
                for u in by_id.values()
                if u.evolves_from == step.id and u not in chain and u.quadrant != Quadrant.deprioritize
            ),
            key=lambda u: (u.priority, u.id),
            default=None,
        )
        if successor is None:
            return chain
        chain.append(successor)
        step = successor


def _track_of(case: UseCaseAssessment, current: int, strategy: StrategyName) -> str:
    if strategy != StrategyName.hybrid:
        return "main"
    # As the paper's hybrid: assistants and simple API apps on the basic track, what is tailored to
    # the firm's own data or models on the advanced one. Beyond level 2 the basic track keeps the
    # levels below today's, so a level-3 firm still runs its RAG cases as the advanced track.
    basic_ceiling = current if current <= 2 else current - 1
    return "advanced" if case.min_level > basic_ceiling else "basic"


def _place(
    case: UseCaseAssessment,
    slots: list[_Slot],
    placed: dict[str, _Slot],
    later: list[str],
    by_id: dict[str, UseCaseAssessment],
    current: int,
    strategy: StrategyName,
    unguarded: set[str],
) -> _Slot | None:
    """Earliest phase of the case's track that its level allows, after its predecessor's phase;
    a case that waits for guardrails makes its phase put them in place."""
    guard = case.id in unguarded
    if case.id in placed or case.id in later:
        return placed.get(case.id)
    base = by_id.get(case.evolves_from or "")
    after = 0
    # A predecessor comes first only while its successor needs a level not reached yet: a firm
    # already at the successor's level may build it straight away.
    if base is not None and not base.in_place and case.min_level > current:
        base_slot = (
            _place(base, slots, placed, later, by_id, current, strategy, unguarded)
            if base.blocker is None or base.id in unguarded
            else None
        )
        if base_slot is None:
            later.append(case.id)  # its foundation is not on the roadmap: it cannot be either
            return None
        after = base_slot.end
    track = _track_of(case, current, strategy)
    for slot in slots:
        if (
            slot.track == track
            and slot.start >= after
            and slot.allowed >= case.min_level
            and len(slot.cases) < PER_PHASE
        ):
            slot.cases.append(case)
            slot.guards = slot.guards or guard
            placed[case.id] = slot
            return slot
    later.append(case.id)
    return None


def _effective(case: UseCaseAssessment, unguarded: set[str]) -> float:
    return _uncapped(case) if case.id in unguarded else case.priority


def _uncapped(case: UseCaseAssessment) -> float:
    return (
        PRIORITY_WEIGHTS["value"] * case.value
        + PRIORITY_WEIGHTS["feasibility"] * case.feasibility
        + PRIORITY_WEIGHTS["safety"] * (1 - case.risk)
    )


def _set_targets(slots: list[_Slot], current: int) -> None:
    """Each phase reaches the highest level its own cases, or its track's earlier ones, need."""
    reached: dict[str, int] = {}
    for slot in slots:
        needed = max((c.min_level for c in slot.cases), default=current)
        slot.target = max(reached.get(slot.track, current), needed)
        reached[slot.track] = slot.target


def _name_climbs(slots: list[_Slot]) -> None:
    """A phase planned to climb says where it goes, or that it spreads what works when nothing
    selected needs a higher level."""
    for before, slot in zip(slots, slots[1:], strict=False):
        if slot.name == CLIMB and slot.track == before.track:
            if slot.target > before.target:
                slot.climb_to = slot.target
            else:
                slot.name = N_("Extend what works")


def _title(slot: _Slot, w: Wording) -> str:
    if slot.climb_to is not None:
        return w.gettext("Climb to level {level} ({name})").format(
            level=slot.climb_to, name=w.level_name(slot.climb_to)
        )
    return w.gettext(slot.name)


def _phases(
    profile: Profile,
    m: Methodology,
    slots: list[_Slot],
    current: int,
    flagship: UseCaseAssessment | None,
    strategy: StrategyName,
    maturity: MaturityResult,
    w: Wording,
) -> list[Phase]:
    _ = w.gettext
    barred = public_assistants_barred(profile) is not None
    built: set[str] = set()
    raised: set[tuple[GovernanceKey, GovernanceLevel]] = set()
    guarded = False
    phases = []
    for index, slot in enumerate(slots):
        capabilities = [key for key in _to_build(profile, m, range(current, slot.target + 1)) if key not in built]
        if (
            barred
            and index == 0
            and CapabilityKey.private_cloud_ai.value not in capabilities
            and profile.capability(CapabilityKey.private_cloud_ai) not in (Adoption.pilot, Adoption.production)
        ):
            capabilities.append(CapabilityKey.private_cloud_ai.value)  # the allowed way to use assistants
        if (
            slot.guards
            and not guarded
            and CapabilityKey.io_filters.value not in built | set(capabilities)
            and profile.capability(CapabilityKey.io_filters) not in (Adoption.pilot, Adoption.production)
        ):
            capabilities.append(CapabilityKey.io_filters.value)
        built |= set(capabilities)
        items = [(to, text) for to, text in _governance(profile, m, slot.target, w) if to is None or to not in raised]
        raised |= {to for to, _text in items if to is not None}
        if slot.guards and not guarded:  # the guard says it all for monitoring
            items = [(None, _(GUARD)), *((to, t) for to, t in items if to is None or to[0] != GovernanceKey.monitoring)]
            raised.add((GovernanceKey.monitoring, GovernanceLevel.basic))
        governance = [text for _to, text in items]
        guarded = guarded or slot.guards
        spec = level_spec(m, slot.target)
        solutions = [(said.kind, said.examples) for said in w.texts.levels[slot.target - 1].solutions]
        if barred and slot.target == 1:
            private = (_(PRIVATE_ASSISTANT[0]), [_(example) for example in PRIVATE_ASSISTANT[1]])
            solutions = [
                private if english.kind == PUBLIC_ASSISTANTS else said
                for english, said in zip(spec.solutions, solutions, strict=True)
            ]
        ids = [c.id for c in slot.cases]
        next_slot = next((s for s in slots[index + 1 :] if s.track == slot.track), None)
        phases.append(
            Phase(
                name=slot.title,
                horizon=_("{start}-{end} months").format(start=slot.start, end=slot.end),
                start_month=slot.start,
                end_month=slot.end,
                target_level=slot.target,
                use_cases=ids,
                capabilities=capabilities,
                pattern=list(spec.pattern_blocks),
                governance=governance,
                solutions=[
                    _("{kind}: {examples}").format(kind=kind, examples=", ".join(examples))
                    for kind, examples in solutions
                ],
                objective=objective(slot, previous_on_track(slots, slot), flagship, strategy, w),
                track=slot.track,
                kpis=_kpis(slot.cases),
                gate=gate(
                    slot, next_slot, capabilities, index == 0 and maturity.confidence < LOW_CONFIDENCE, maturity, w
                ),
            )
        )
    return phases


def _to_build(profile: Profile, m: Methodology, levels: range) -> list[str]:
    keys = []
    for number in levels:
        for cap in capabilities_of_level(m, number):
            if profile.capability(cap.key) not in (Adoption.pilot, Adoption.production):
                keys.append(cap.key.value)
    return keys


def _governance(profile: Profile, m: Methodology, target: int, w: Wording) -> list[GovernanceItem]:
    """What a phase reaching `target` does for governance: raise the fields below the level's
    expectations, then the level's own measures."""
    raise_to: list[GovernanceItem] = [
        (
            (key, wanted),
            sentence(w.gettext("Raise {governance} to {level}").format(governance=w.label(key), level=w.label(wanted))),
        )
        for key, _, wanted in governance_short_of(profile, level_spec(m, target))
    ]
    return raise_to + [(None, text) for text in w.texts.levels[target - 1].governance_measures]


def _kpis(cases: list[UseCaseAssessment]) -> list[str]:
    kpis: list[str] = []
    for case in cases:
        for kpi in case.kpis[:KPIS_PER_CASE]:
            if kpi not in kpis:
                kpis.append(kpi)
    return kpis
