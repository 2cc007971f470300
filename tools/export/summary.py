"""The executive summary every human export opens with, read off the assessment.

It restates; it never decides. The three decisions put to the board are the assessment's own
conclusions phrased as choices: adopt the recommended strategy, fund the first phase of each
track, start the first use cases (or, when the assessment warns, settle its doubts first).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from knowledge.i18n import SOURCE_LANGUAGE
from knowledge.locales import N_
from tools.assessment import Assessment, Phase, UseCaseAssessment
from tools.export.labels import capability_name, field_label, level_name, quadrant_label, value_label
from tools.export.words import Words

TOP_IN_SUMMARY = 3
DEFAULT_AUTHOR = N_("the GenAI adoption advisor")


class ReportInfo(BaseModel):
    """Who prepared the report, for which engagement, and when: the cover line of every report."""

    prepared_by: str = DEFAULT_AUTHOR  # shown in the report's language when left as it is
    engagement: str | None = None  # e.g. "Board review, December 2026"
    prepared_on: dt.date = Field(default_factory=dt.date.today)


class UseCaseLine(BaseModel):
    rank: int
    title: str
    value: float
    shown_value: str  # "0.75" / "0,75"
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


def tracks_of(phases: list[Phase]) -> dict[str, list[Phase]]:
    """Phases grouped by track, tracks in order of first appearance."""
    tracks: dict[str, list[Phase]] = {}
    for phase in phases:
        tracks.setdefault(phase.track, []).append(phase)
    return tracks


def track_label(w: Words, name: str) -> str:
    """The roadmap's track keys as a reader says them; a track it does not know, capitalised."""
    if name == "main":
        return w._("Main track")
    if name == "basic":
        return w.pgettext("track", "Basic")
    if name == "advanced":
        return w.pgettext("track", "Advanced")
    return name[:1].upper() + name[1:]


def horizon(w: Words, phase: Phase) -> str:
    """ "0-6 months" as the roadmap says it; in a translation, from the phase's months."""
    if w.language == SOURCE_LANGUAGE:
        return phase.horizon
    return w._("{start}-{end} months", start=phase.start_month, end=phase.end_month)


def phase_line(w: Words, phase: Phase) -> str:
    return w._("{phase} ({horizon})", phase=phase.name, horizon=horizon(w, phase))


def author(w: Words, info: ReportInfo) -> str:
    return w._(DEFAULT_AUTHOR) if info.prepared_by == DEFAULT_AUTHOR else info.prepared_by


def client_name(w: Words, a: Assessment) -> str:
    return a.organization.name or w._("Your organisation")


def title_of(w: Words, u: UseCaseAssessment) -> str:
    return w.use_case_title(u.id, u.title)


def use_case_titles(w: Words, a: Assessment) -> dict[str, str]:
    return {u.id: title_of(w, u) for u in a.use_cases}


def strategy_title(w: Words, a: Assessment) -> str:
    return w.strategy_title(a.strategy.name, a.strategy.title)


def executive_summary(a: Assessment, w: Words, info: ReportInfo) -> ExecutiveSummary:
    client = client_name(w, a)
    return ExecutiveSummary(
        client=client,
        prepared_by=author(w, info),
        engagement=info.engagement,
        prepared_on=w.date(info.prepared_on),
        warnings=list(a.warnings),
        level_sentence=level_sentence(a, w, client),
        decisions=decisions(a, w),
        top_use_cases=[
            _use_case_line(rank, u, a, w) for rank, u in enumerate(planned_use_cases(a)[:TOP_IN_SUMMARY], start=1)
        ],
        strategy=strategy_title(w, a),
        strategy_sentence=a.strategy.rationale,
        tracks=[
            TrackLine(name=track_label(w, name), phases=[phase_line(w, p) for p in phases])
            for name, phases in tracks_of(a.roadmap.phases).items()
        ],
    )


def planned_use_cases(a: Assessment) -> list[UseCaseAssessment]:
    """Use cases to start, in priority order: what already runs is evidence, not a proposal."""
    return [u for u in a.use_cases if not u.in_place]


def level_sentence(a: Assessment, w: Words, client: str) -> str:
    r = a.maturity
    findings = w.ngettext("{count} profile finding", "{count} profile findings", len(r.evidence))
    values = {
        "client": client,
        "level": r.level,
        "name": level_name(w.m, r.level),
        "confidence": w.percent(r.confidence),
        "findings": findings,
    }
    chief = _rests_on(a, w)
    if r.next_level:
        values |= {"progress": w.percent(r.progress), "next": r.next_level, "next_name": level_name(w.m, r.next_level)}
        if chief:
            return w._(
                "{client} is at level {level} of 5 ({name}), {progress} of the way to level {next} "
                "({next_name}); confidence {confidence}, resting on {findings}, chiefly {chief}.",
                chief=chief,
                **values,
            )
        return w._(
            "{client} is at level {level} of 5 ({name}), {progress} of the way to level {next} "
            "({next_name}); confidence {confidence}, resting on {findings}.",
            **values,
        )
    if chief:
        return w._(
            "{client} is at level {level} of 5 ({name}), the top of the scale; confidence {confidence}, "
            "resting on {findings}, chiefly {chief}.",
            chief=chief,
            **values,
        )
    return w._(
        "{client} is at level {level} of 5 ({name}), the top of the scale; confidence {confidence}, "
        "resting on {findings}.",
        **values,
    )


def _rests_on(a: Assessment, w: Words) -> str:
    m = w.m
    defining = (
        m.levels[a.maturity.level - 1].defining_capability.value if 1 <= a.maturity.level <= len(m.levels) else ""
    )
    finding = next((f for f in a.maturity.evidence if f.field == f"capabilities.{defining}"), None)
    if finding is None:
        return ""
    return w._("{what}: {answer}", what=field_label(w, finding.field), answer=value_label(w, finding.value).lower())


def decisions(a: Assessment, w: Words) -> list[str]:
    tracks = tracks_of(a.roadmap.phases)
    title = strategy_title(w, a)
    if len(tracks) > 1:
        strategy = w._(
            "Adopt the recommended strategy, {strategy}, running {count} tracks in parallel: {tracks}.",
            strategy=title,
            count=len(tracks),
            tracks=", ".join(track_label(w, t) for t in tracks),
        )
    else:
        strategy = w._("Adopt the recommended strategy, {strategy}.", strategy=title)
    chosen = [strategy]
    firsts = [phases[0] for phases in tracks.values()]
    if firsts:
        funded = w.semicolon.join(_phase_ask(p, w) for p in firsts)
        chosen.append(
            w.ngettext(
                "Fund the first phase: {phases}.", "Fund the first phases: {phases}.", len(firsts), phases=funded
            )
        )
    if a.warnings:
        chosen.append(
            w._(
                "Before committing, settle what the warnings above question: {warning}.",
                warning=a.warnings[0].rstrip("."),
            )
        )
    else:
        starts = [title_of(w, u) for u in planned_use_cases(a) if u.blocker is None][:2]
        if len(starts) == 2:
            chosen.append(
                w._(
                    "Sponsor the first use cases and name their owners: {first} and {second}.",
                    first=starts[0],
                    second=starts[1],
                )
            )
        elif starts:
            chosen.append(w._("Sponsor the first use case and name its owner: {first}.", first=starts[0]))
    return chosen


def _phase_ask(phase: Phase, w: Words) -> str:
    builds = ", ".join(capability_name(w.m, k) for k in phase.capabilities[:3])
    values = {"phase": phase.name, "horizon": horizon(w, phase), "level": phase.target_level}
    if builds:
        return w._("{phase} ({horizon}, to level {level}), building {builds}", builds=builds, **values)
    return w._("{phase} ({horizon}, to level {level})", **values)


def _use_case_line(rank: int, u: UseCaseAssessment, a: Assessment, w: Words) -> UseCaseLine:
    return UseCaseLine(
        rank=rank,
        title=title_of(w, u),
        value=u.value,
        shown_value=w.score(u.value),
        quadrant=quadrant_label(w, u.quadrant),
        needs=use_case_needs(u, a, w),
    )


def use_case_needs(u: UseCaseAssessment, a: Assessment, w: Words) -> str:
    """What a use case takes, in the assessment's own terms."""
    parts = []
    phase = next((p for p in a.roadmap.phases if u.id in p.use_cases), None)
    if phase is not None:
        parts.append(w._("phase {phase} ({horizon})", phase=phase.name, horizon=horizon(w, phase)))
    elif u.id in a.roadmap.later:
        parts.append(w._("beyond the roadmap's horizon"))
    values = {"level": u.min_level, "name": level_name(w.m, u.min_level)}
    if u.min_level <= a.maturity.level:
        parts.append(w._("level {level} ({name}), reached", **values))
    else:
        parts.append(w._("level {level} ({name}), not yet reached", **values))
    if u.blocker:
        parts.append(w._("blocked: {blocker}", blocker=u.blocker))
    return w.semicolon.join(parts)
