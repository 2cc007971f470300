"""The roadmap's words: each phase's objective and gate, the notes, and what each track delivers.

Kept apart from the planning (`tools.roadmap`), which decides what goes where; this module only
says it, in the client's own terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.methodology import level as level_spec
from knowledge.schema import Methodology
from knowledge.vocabulary import StrategyName
from tools.assessment import MaturityResult, Phase, Roadmap, UseCaseAssessment
from tools.constraints import public_assistants_barred
from tools.profile import Profile

if TYPE_CHECKING:
    from tools.roadmap import _Slot as Slot

LOW_CONFIDENCE = 0.3  # below this confidence the plan starts by learning what it does not know


def gate(
    slot: Slot, next_slot: Slot | None, capabilities: list[str], learn_first: bool, maturity: MaturityResult
) -> str:
    conditions = []
    if learn_first:
        conditions.append("the unknown facts are confirmed (" + ", ".join(maturity.unknown[:4]) + ")")
    if slot.cases:
        conditions.append(
            ", ".join(c.title for c in slot.cases)
            + " in use with "
            + (
                f'"{slot.cases[0].kpis[0]}" measured against its baseline'
                if slot.cases[0].kpis
                else "a measured baseline"
            )
        )
    if capabilities:
        conditions.append(", ".join(k.replace("_", " ") for k in capabilities) + " at pilot or better")
    if slot.guards:
        conditions.append("monitoring at least basic and filters in front of every application")
    if not conditions:
        conditions.append(f"level {slot.target} capabilities and governance consolidated")
    what = f"before '{next_slot.name}' starts" if next_slot else "before the portfolio is reviewed"
    gate = f"{'; '.join(conditions)}, {what}"
    return gate[0].upper() + gate[1:]


def previous_on_track(slots: list[Slot], slot: Slot) -> Slot | None:
    before = [s for s in slots if s.track == slot.track and s.end <= slot.start]
    return before[-1] if before else None


def objective(
    slot: Slot, previous: Slot | None, flagship: UseCaseAssessment | None, strategy: StrategyName, m: Methodology
) -> str:
    name = level_spec(m, slot.target).name
    titles = [c.title for c in slot.cases]
    if not titles and previous is not None and previous.cases:
        earlier = ", ".join(c.title for c in previous.cases)
        return (
            f"Take {earlier} from pilot to production and to more teams; consolidate level "
            f"{slot.target} ({name}) capabilities and governance"
        )
    if not titles:
        return f"Consolidate level {slot.target} ({name}) capabilities and governance"
    if flagship is not None and flagship.id in [c.id for c in slot.cases]:
        rest = [t for t in titles if t != flagship.title]
        return f"Deliver {flagship.title} on a level {slot.target} ({name}) pattern" + (
            ", with " + ", ".join(rest) if rest else ""
        )
    if strategy == StrategyName.focused and slot.start == 0 and flagship is not None:
        return (
            f"Build the level {slot.target} ({name}) capabilities {flagship.title} stands on, delivering "
            + ", ".join(titles)
        )
    return f"Deliver {', '.join(titles)} on a level {slot.target} ({name}) pattern"


def notes(
    profile: Profile,
    maturity: MaturityResult,
    use_cases: list[UseCaseAssessment],
    selected: list[UseCaseAssessment],
    placed: dict[str, Slot],
    comebacks: list[tuple[UseCaseAssessment, Slot]],
    by_id: dict[str, UseCaseAssessment],
) -> list[str]:
    notes = []
    if maturity.confidence < LOW_CONFIDENCE:
        notes.append(
            "Before committing budget, learn: "
            + ", ".join(maturity.unknown[:5] or ["the value chain"])
            + "; the first phase is a discovery phase until then"
        )
    running = [u.title for u in use_cases if u.in_place]
    if running:
        notes.append("Already in place, not planned again: " + ", ".join(running))
    for case in selected:
        base = by_id.get(case.evolves_from or "")
        if base is not None and case.id in placed and (base.id in placed or base.in_place):
            notes.append(f"{case.title} follows {base.title}: it raises the same need to level {case.min_level}")
    guarding = min((slot for _, slot in comebacks), key=lambda slot: slot.start, default=None)
    for case, slot in comebacks:
        where = (
            "which that phase puts in place"
            if guarding is None or slot is guarding
            else f"in place from '{guarding.name}'"
        )
        notes.append(
            f"{case.title} comes back in '{slot.name}': it waited for monitoring and filters on regulated data, {where}"
        )
    barred = public_assistants_barred(profile)
    if barred:
        notes.append(f"Public assistants are barred ({barred}): level 1 work runs on a private assistant")
    return notes


def track_summary(roadmap: Roadmap, titles: dict[str, str]) -> str:
    """What each track delivers, for a rationale: 'basic track: A, B (level 1); advanced: ...'."""
    tracks: dict[str, list[Phase]] = {}
    for phase in roadmap.phases:
        tracks.setdefault(phase.track, []).append(phase)
    parts = []
    for track, phases in tracks.items():
        delivered = [titles[c] for ph in phases for c in ph.use_cases]
        top = max(ph.target_level for ph in phases)
        parts.append(
            f"the {track} track delivers {', '.join(delivered[:4]) or 'consolidation only'} (up to level {top})"
        )
    return "; ".join(parts)
