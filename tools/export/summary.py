"""The executive summary every human export opens with, read off the assessment.

It restates; it never decides. The three decisions put to the board are the assessment's own
conclusions phrased as choices: adopt the recommended strategy, fund the first phase of each
track, start the first use cases (or, when the assessment warns, settle its doubts first).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from knowledge.schema import Methodology
from tools.assessment import Assessment, Phase, UseCaseAssessment
from tools.export.labels import (
    QUADRANT_LABELS,
    capability_name,
    field_label,
    level_name,
    percent,
    value_label,
)

TOP_IN_SUMMARY = 3


class ReportInfo(BaseModel):
    """Who prepared the report, for which engagement, and when: the cover line of every report."""

    prepared_by: str = "the GenAI adoption advisor"
    engagement: str | None = None  # e.g. "Board review, December 2026"
    prepared_on: dt.date = Field(default_factory=dt.date.today)


class UseCaseLine(BaseModel):
    rank: int
    title: str
    value: float
    quadrant: str
    needs: str  # what it takes: the phase that delivers it, its level, what blocks it


class TrackLine(BaseModel):
    name: str
    phases: list[str]  # "Quick wins and foundations (0-6 months)"


class ExecutiveSummary(BaseModel):
    client: str
    prepared_by: str
    engagement: str | None
    prepared_on: str  # "1 December 2026"
    warnings: list[str]
    level_sentence: str
    decisions: list[str]
    top_use_cases: list[UseCaseLine]
    strategy: str
    strategy_sentence: str
    tracks: list[TrackLine]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def tracks_of(phases: list[Phase]) -> dict[str, list[Phase]]:
    """Phases grouped by track, tracks in order of first appearance."""
    tracks: dict[str, list[Phase]] = {}
    for phase in phases:
        tracks.setdefault(phase.track, []).append(phase)
    return tracks


def track_label(name: str) -> str:
    return "Main track" if name == "main" else name[:1].upper() + name[1:]


def executive_summary(a: Assessment, m: Methodology, info: ReportInfo) -> ExecutiveSummary:
    client = a.organization.name or "Your organisation"
    return ExecutiveSummary(
        client=client,
        prepared_by=info.prepared_by,
        engagement=info.engagement,
        prepared_on=long_date(info.prepared_on),
        warnings=list(a.warnings),
        level_sentence=level_sentence(a, m, client),
        decisions=decisions(a, m),
        top_use_cases=[
            _use_case_line(rank, u, a, m) for rank, u in enumerate(planned_use_cases(a)[:TOP_IN_SUMMARY], start=1)
        ],
        strategy=a.strategy.title,
        strategy_sentence=a.strategy.rationale,
        tracks=[
            TrackLine(name=track_label(name), phases=[f"{p.name} ({p.horizon})" for p in phases])
            for name, phases in tracks_of(a.roadmap.phases).items()
        ],
    )


def planned_use_cases(a: Assessment) -> list[UseCaseAssessment]:
    """Use cases to start, in priority order: what already runs is evidence, not a proposal."""
    return [u for u in a.use_cases if not u.in_place]


def level_sentence(a: Assessment, m: Methodology, client: str) -> str:
    r = a.maturity
    position = (
        f"{percent(r.progress)} of the way to level {r.next_level} ({level_name(m, r.next_level)})"
        if r.next_level
        else "the top of the scale"
    )
    rests = _rests_on(a, m)
    return (
        f"{client} is at level {r.level} of 5 ({r.name}), {position}; confidence "
        f"{percent(r.confidence)}, resting on {len(r.evidence)} profile findings{rests}."
    )


def _rests_on(a: Assessment, m: Methodology) -> str:
    defining = (
        m.levels[a.maturity.level - 1].defining_capability.value if 1 <= a.maturity.level <= len(m.levels) else ""
    )
    finding = next((f for f in a.maturity.evidence if f.field == f"capabilities.{defining}"), None)
    if finding is None:
        return ""
    return f", chiefly {field_label(m, finding.field)}: {value_label(finding.value).lower()}"


def decisions(a: Assessment, m: Methodology) -> list[str]:
    tracks = tracks_of(a.roadmap.phases)
    strategy = f"Adopt the recommended strategy, {a.strategy.title}"
    if len(tracks) > 1:
        strategy += f", running {len(tracks)} tracks in parallel: " + ", ".join(track_label(t) for t in tracks)
    chosen = [strategy + "."]
    firsts = [phases[0] for phases in tracks.values()]
    if firsts:
        funded = "; ".join(_phase_ask(p, m) for p in firsts)
        chosen.append(f"Fund the first phase{'s' if len(firsts) > 1 else ''}: {funded}.")
    if a.warnings:
        chosen.append("Before committing, settle what the warnings above question: " + a.warnings[0].rstrip(".") + ".")
    else:
        starts = [u.title for u in planned_use_cases(a) if u.blocker is None][:2]
        if starts:
            chosen.append("Sponsor the first use cases and name their owners: " + " and ".join(starts) + ".")
    return chosen


def _phase_ask(phase: Phase, m: Methodology) -> str:
    builds = ", ".join(capability_name(m, k) for k in phase.capabilities[:3])
    return f"{phase.name} ({phase.horizon}, to level {phase.target_level})" + (f", building {builds}" if builds else "")


def _use_case_line(rank: int, u: UseCaseAssessment, a: Assessment, m: Methodology) -> UseCaseLine:
    return UseCaseLine(
        rank=rank, title=u.title, value=u.value, quadrant=QUADRANT_LABELS[u.quadrant], needs=use_case_needs(u, a, m)
    )


def use_case_needs(u: UseCaseAssessment, a: Assessment, m: Methodology) -> str:
    """What a use case takes, in the assessment's own terms."""
    parts = []
    phase = next((p for p in a.roadmap.phases if u.id in p.use_cases), None)
    if phase is not None:
        parts.append(f"phase {phase.name} ({phase.horizon})")
    elif u.id in a.roadmap.later:
        parts.append("beyond the roadmap's horizon")
    reached = u.min_level <= a.maturity.level
    parts.append(
        f"level {u.min_level} ({level_name(m, u.min_level)})" + (", reached" if reached else ", not yet reached")
    )
    if u.blocker:
        parts.append(f"blocked: {u.blocker}")
    return "; ".join(parts)
