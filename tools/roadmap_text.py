"""The roadmap's words: each phase's objective and gate, the notes, and what each track delivers.

Kept apart from the planning (`tools.roadmap`), which decides what goes where; this module only
says it, in the client's own terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.locales import N_
from knowledge.vocabulary import CapabilityKey, StrategyName
from tools.assessment import MaturityResult, Phase, Roadmap, UseCaseAssessment
from tools.constraints import public_assistants_barred
from tools.profile import Profile
from tools.wording import Wording, sentence

if TYPE_CHECKING:
    from tools.roadmap import _Slot as Slot

LOW_CONFIDENCE = 0.3  # below this confidence the plan starts by learning what it does not know
# How a text names each track of the roadmap (a phase's `track` stays the key).
TRACKS = {"main": N_("the main track"), "basic": N_("the basic track"), "advanced": N_("the advanced track")}


def gate(
    slot: Slot,
    next_slot: Slot | None,
    capabilities: list[str],
    learn_first: bool,
    maturity: MaturityResult,
    w: Wording,
) -> str:
    _ = w.gettext
    conditions = []
    if learn_first:
        conditions.append(_("the unknown facts are confirmed ({fields})").format(fields=w.fields(maturity.unknown[:4])))
    if slot.cases:
        titles = ", ".join(c.title for c in slot.cases)
        if slot.cases[0].kpis:
            conditions.append(
                _('{titles} in use with "{kpi}" measured against its baseline').format(
                    titles=titles, kpi=slot.cases[0].kpis[0]
                )
            )
        else:
            conditions.append(_("{titles} in use with a measured baseline").format(titles=titles))
    if capabilities:
        names = w.labels(CapabilityKey(key) for key in capabilities)
        conditions.append(_("{capabilities} at pilot or better").format(capabilities=names))
    if slot.guards:
        conditions.append(_("monitoring at least basic and filters in front of every application"))
    if not conditions:
        conditions.append(_("level {level} capabilities and governance consolidated").format(level=slot.target))
    said = w.clauses(conditions)
    if next_slot:
        return sentence(_("{conditions}, before '{phase}' starts").format(conditions=said, phase=next_slot.title))
    return sentence(_("{conditions}, before the portfolio is reviewed").format(conditions=said))


def previous_on_track(slots: list[Slot], slot: Slot) -> Slot | None:
    before = [s for s in slots if s.track == slot.track and s.end <= slot.start]
    return before[-1] if before else None


def objective(
    slot: Slot, previous: Slot | None, flagship: UseCaseAssessment | None, strategy: StrategyName, w: Wording
) -> str:
    _ = w.gettext
    said = {"level": slot.target, "name": w.level_name(slot.target)}
    titles = [c.title for c in slot.cases]
    if not titles and previous is not None and previous.cases:
        earlier = ", ".join(c.title for c in previous.cases)
        return _(
            "Take {earlier} from pilot to production and to more teams; consolidate level {level} ({name}) "
            "capabilities and governance"
        ).format(earlier=earlier, **said)
    if not titles:
        return _("Consolidate level {level} ({name}) capabilities and governance").format(**said)
    if flagship is not None and flagship.id in [c.id for c in slot.cases]:
        rest = [t for t in titles if t != flagship.title]
        if rest:
            return _("Deliver {flagship} on a level {level} ({name}) pattern, with {others}").format(
                flagship=flagship.title, others=", ".join(rest), **said
            )
        return _("Deliver {flagship} on a level {level} ({name}) pattern").format(flagship=flagship.title, **said)
    if strategy == StrategyName.focused and slot.start == 0 and flagship is not None:
        return _("Build the level {level} ({name}) capabilities {flagship} stands on, delivering {titles}").format(
            flagship=flagship.title, titles=", ".join(titles), **said
        )
    return _("Deliver {titles} on a level {level} ({name}) pattern").format(titles=", ".join(titles), **said)


def notes(
    profile: Profile,
    maturity: MaturityResult,
    use_cases: list[UseCaseAssessment],
    selected: list[UseCaseAssessment],
    placed: dict[str, Slot],
    comebacks: list[tuple[UseCaseAssessment, Slot]],
    by_id: dict[str, UseCaseAssessment],
    w: Wording,
) -> list[str]:
    _ = w.gettext
    notes = []
    if maturity.confidence < LOW_CONFIDENCE:
        unknown = w.fields(maturity.unknown[:5]) or _("the value chain")
        notes.append(
            _("Before committing budget, learn: {unknown}; the first phase is a discovery phase until then").format(
                unknown=unknown
            )
        )
    running = [u.title for u in use_cases if u.in_place]
    if running:
        notes.append(_("Already in place, not planned again: {titles}").format(titles=", ".join(running)))
    for case in selected:
        base = by_id.get(case.evolves_from or "")
        if base is not None and case.id in placed and (base.id in placed or base.in_place):
            notes.append(
                _("{title} follows {base}: it raises the same need to level {level}").format(
                    title=case.title, base=base.title, level=case.min_level
                )
            )
    guarding = min((slot for _case, slot in comebacks), key=lambda slot: slot.start, default=None)
    for case, slot in comebacks:
        said = {"title": case.title, "phase": slot.title}
        if guarding is None or slot is guarding:
            text = _(
                "{title} comes back in '{phase}': it waited for monitoring and filters on regulated data, "
                "which that phase puts in place"
            ).format(**said)
        else:
            text = _(
                "{title} comes back in '{phase}': it waited for monitoring and filters on regulated data, "
                "in place from '{guarding}'"
            ).format(guarding=guarding.title, **said)
        notes.append(text)
    barred = public_assistants_barred(profile, w.language)
    if barred:
        notes.append(
            _("Public assistants are barred ({why}): level 1 work runs on a private assistant").format(why=barred)
        )
    return notes


def track_summary(roadmap: Roadmap, titles: dict[str, str], w: Wording) -> str:
    """What each track delivers, for a rationale: 'the basic track delivers A, B (up to level 1); ...'."""
    _ = w.gettext
    tracks: dict[str, list[Phase]] = {}
    for phase in roadmap.phases:
        tracks.setdefault(phase.track, []).append(phase)
    parts = []
    for track, phases in tracks.items():
        names = [titles[c] for ph in phases for c in ph.use_cases][:4]
        said = {"track": _(TRACKS[track]), "top": max(ph.target_level for ph in phases)}
        if names:
            parts.append(_("{track} delivers {titles} (up to level {top})").format(titles=", ".join(names), **said))
        else:
            parts.append(_("{track} delivers consolidation only (up to level {top})").format(**said))
    return w.clauses(parts)
