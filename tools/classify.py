"""Classify an organisation's GenAI maturity with the contract's staged rule.

- A level is reached when its defining capability is at pilot or production (exploring is
  enough for level 1).
- The maturity level is the highest level reached with every lower level reached too; level 1 is
  the floor. Anything reached above that is *ahead*, and never raises the level.
- Supporting capabilities and governance only feed progress, confidence and gaps.
"""

from __future__ import annotations

from knowledge.i18n import Language
from knowledge.methodology import capabilities_of_level
from knowledge.methodology import level as level_spec
from knowledge.schema import MaturityLevel, Methodology
from knowledge.vocabulary import Adoption, GovernanceKey, GovernanceLevel, readiness
from tools.assessment import Ahead, Finding, Gap, MaturityResult
from tools.in_place import with_cases_in_place
from tools.profile import Profile
from tools.wording import Wording, wording

TOP_LEVEL = 5


def reaches(level_number: int, adoption: Adoption | None) -> bool:
    """Whether a defining capability at `adoption` reaches its level."""
    if adoption is None:
        return False
    if level_number == 1:
        return adoption != Adoption.none
    return adoption in (Adoption.pilot, Adoption.production)


def staged_level(profile: Profile, m: Methodology) -> tuple[int, list[int]]:
    """The maturity level and the list of levels whose defining capability is reached."""
    reached = [spec.number for spec in m.levels if reaches(spec.number, profile.capability(spec.defining_capability))]
    current = 0
    while current + 1 in reached:
        current += 1
    return max(current, 1), reached


def classify_maturity(profile: Profile, m: Methodology, language: Language = "en") -> MaturityResult:
    """The maturity of `profile`; `language` is the language of its texts, never of its conclusions."""
    w = wording(m, language)
    profile, in_place_findings = with_cases_in_place(profile, m, w)
    current, reached = staged_level(profile, m)
    # The first level not reached is what the organisation works towards; it is level 1 itself
    # for an organisation with no GenAI use at all.
    first_unreached = next((n for n in range(1, TOP_LEVEL + 1) if n not in reached), None)
    return MaturityResult(
        level=current,
        name=w.level_name(current),
        progress=round(_progress(profile, m, current, first_unreached), 3),
        confidence=round(_confidence(profile, m, current), 3),
        evidence=_evidence(profile, m, current, reached, w) + in_place_findings,
        gaps=_gaps(profile, m, first_unreached, reached, w),
        ahead=_ahead(profile, m, first_unreached, w),
        next_level=first_unreached,
        unknown=_most_useful_unknowns(profile, m, current),
    )


def _governance_readiness(profile: Profile, key: GovernanceKey, expected: GovernanceLevel) -> float:
    have = profile.governance_level(key)
    if have is None or expected == GovernanceLevel.none:
        return 0.0 if have is None else 1.0
    return min(1.0, have.rank / expected.rank)


def _progress(profile: Profile, m: Methodology, current: int, target: int | None) -> float:
    """Half consolidation of the current level, half readiness for the level worked towards;
    at level 5 the whole measure is consolidation."""

    def level_readiness(number: int) -> float:
        spec = level_spec(m, number)
        parts = [readiness(profile.capability(c.key)) for c in capabilities_of_level(m, number)]
        parts += [_governance_readiness(profile, key, wanted) for key, wanted in spec.governance_expected.items()]
        return sum(parts) / len(parts)

    if target == current:  # level 1 not reached: no GenAI use yet, nothing to consolidate
        return 0.0
    consolidation = level_readiness(current)
    if target is None:
        return consolidation
    return 0.5 * consolidation + 0.5 * level_readiness(target)


def _confidence(profile: Profile, m: Methodology, current: int) -> float:
    """How much of what decides the conclusion is known, weighted by how much it matters.

    The defining capabilities up to the next level decide the level itself and weigh most; the
    supporting capabilities of the current and next level, governance, and the organisation facts
    that steer use cases and strategy weigh less.
    """
    horizon = min(current + 1, TOP_LEVEL)
    weighted: list[tuple[float, bool]] = []
    for spec in m.levels:
        if spec.number <= horizon:
            weighted.append((3.0, profile.capability(spec.defining_capability) is not None))
    for cap in m.capabilities:
        if not cap.defining and cap.level in (current, horizon):
            weighted.append((1.0, profile.capability(cap.key) is not None))
    weighted += [(1.0, profile.governance_level(key) is not None) for key in GovernanceKey]
    org = profile.organization
    weighted += [
        (2.0, bool(profile.value_chain)),
        (1.0, bool(org.objectives)),
        (0.5, org.sector is not None),
        (0.5, org.size is not None),
        (0.5, org.budget is not None),
        (0.5, org.risk_appetite is not None),
        (0.5, org.regulated is not None),
    ]
    total = sum(weight for weight, _ in weighted)
    return sum(weight for weight, known in weighted if known) / total


def _evidence(profile: Profile, m: Methodology, current: int, reached: list[int], w: Wording) -> list[Finding]:
    _ = w.gettext
    findings = []
    for spec in m.levels:
        key = spec.defining_capability
        field = f"capabilities.{key.value}"
        adoption = profile.capability(key)
        said = {"number": spec.number, "name": w.level_name(spec.number)}
        if adoption is None:
            if spec.number > current + 1:
                continue
            conclusion = _("level {number} ({name}) unknown, so counted as not reached").format(**said)
        elif spec.number in reached and spec.number <= current:
            conclusion = _("level {number} ({name}) reached").format(**said)
        elif spec.number in reached:
            conclusion = _("level {number} ({name}) capability in place, ahead of the staged level").format(**said)
        else:
            conclusion = _("level {number} ({name}) not reached").format(**said)
        findings.append(
            Finding(
                field=field,
                value=adoption.value if adoption else "unknown",
                conclusion=conclusion,
                source=profile.source_of(field),
            )
        )
    for governance in GovernanceKey:
        have = profile.governance_level(governance)
        if have is not None:
            field = f"governance.{governance.value}"
            conclusion = (
                _("no such governance yet: lowers progress, raises use-case risk")
                if have == GovernanceLevel.none
                else _("governance in place: feeds progress, lowers use-case risk")
            )
            findings.append(
                Finding(field=field, value=have.value, conclusion=conclusion, source=profile.source_of(field))
            )
    return findings


def _gaps(profile: Profile, m: Methodology, target: int | None, reached: list[int], w: Wording) -> list[Gap]:
    if target is None:
        return []
    _ = w.gettext
    spec = level_spec(m, target)
    said = {"number": target, "name": w.level_name(target)}
    gaps = []
    for cap in capabilities_of_level(m, target):
        adoption = profile.capability(cap.key)
        needed = Adoption.exploring if (cap.defining and target == 1) else Adoption.pilot
        if adoption is not None and adoption.readiness >= needed.readiness:
            continue
        if not cap.defining:
            why = _("supports level {number} ({name})").format(**said)
        elif any(n > target for n in reached):
            why = _(
                "defines level {number} ({name}); higher-level capabilities already in place count only once this is"
            ).format(**said)
        else:
            why = _("defines level {number} ({name})").format(**said)
        gaps.append(
            Gap(
                item=f"capabilities.{cap.key.value}",
                name=w.capability_name(cap.key),
                level=target,
                current=adoption.value if adoption else "unknown",
                needed=needed.value,
                why=why,
            )
        )
    for key, have, wanted in governance_short_of(profile, spec):
        gaps.append(
            Gap(
                item=f"governance.{key.value}",
                name=w.label(key),
                level=target,
                current=have.value if have else "unknown",
                needed=wanted.value,
                why=_("governance suited to level {number}").format(number=target),
            )
        )
    return gaps


def governance_short_of(
    profile: Profile, spec: MaturityLevel
) -> list[tuple[GovernanceKey, GovernanceLevel | None, GovernanceLevel]]:
    """The governance fields below what a level expects: (field, what the profile has, wanted)."""
    short = []
    for key, wanted in spec.governance_expected.items():
        have = profile.governance_level(key)
        if have is None or have.rank < wanted.rank:
            short.append((key, have, wanted))
    return short


def _ahead(profile: Profile, m: Methodology, target: int | None, w: Wording) -> list[Ahead]:
    if target is None:
        return []
    _ = w.gettext
    ahead = []
    for cap in m.capabilities:
        adoption = profile.capability(cap.key)
        if cap.level > target and adoption in (Adoption.pilot, Adoption.production):
            ahead.append(
                Ahead(
                    item=f"capabilities.{cap.key.value}",
                    name=w.capability_name(cap.key),
                    level=cap.level,
                    value=adoption.value,
                    note=_("level {level} capability in place before level {target} is reached").format(
                        level=cap.level, target=target
                    ),
                )
            )
    return ahead


def _most_useful_unknowns(profile: Profile, m: Methodology, current: int) -> list[str]:
    """Unknown fields in the order an interviewer should ask about them."""
    horizon = min(current + 1, TOP_LEVEL)
    unknown = [
        f"capabilities.{spec.defining_capability.value}"
        for spec in m.levels
        if spec.number <= horizon and profile.capability(spec.defining_capability) is None
    ]
    unknown += [
        f"capabilities.{c.key.value}"
        for c in m.capabilities
        if not c.defining and c.level in (current, horizon) and profile.capability(c.key) is None
    ]
    unknown += [f"governance.{k.value}" for k in GovernanceKey if profile.governance_level(k) is None]
    return unknown
