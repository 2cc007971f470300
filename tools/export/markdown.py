"""The Markdown export: a report readable on its own, with the roadmap as a Mermaid Gantt chart.

It opens with the executive summary, then the detail in the report's order. The Gantt uses real
dates counted from the report's date (`dateFormat YYYY-MM-DD`), which every Mermaid from 9 to 11
draws the same; one section per track, so parallel tracks show side by side.

Every piece of text goes through `md()`: organisation names and interview answers are user text,
and a `|` would break a table, a `<script>` would reach whoever renders the Markdown as HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from knowledge.schema import Methodology
from tools.assessment import Assessment, MaturityResult, Phase, Roadmap, StrategyRecommendation
from tools.export import TOP_USE_CASES, use_case_titles
from tools.export.labels import (
    QUADRANT_LABELS,
    capability_name,
    field_label,
    function_name,
    level_name,
    pattern_block_name,
    percent,
    strategy_label,
    value_label,
)
from tools.export.summary import (
    ExecutiveSummary,
    ReportInfo,
    executive_summary,
    planned_use_cases,
    track_label,
    tracks_of,
)

_MARKUP = re.compile(r"([\\`*_\[\]|~#])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+])")
# Mermaid's gantt grammar gives these a meaning in a task line; backticks could close the fence.
_MERMAID_UNSAFE = re.compile(r"[:#;<>&`\"'{}\[\]\\%|]")


def md(text: object) -> str:
    """Text shown as itself in Markdown, on one line, with no raw HTML."""
    line = " ".join(str(text).split())  # a newline would end a table row or a list item
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKUP.sub(r"\\\1", line)


def mermaid_label(text: str, fallback: str) -> str:
    return " ".join(_MERMAID_UNSAFE.sub(" ", text).split()) or fallback


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    """A Markdown table; the header is ours, every cell is escaped."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def line_start(text: object) -> str:
    """`md()` for text at the start of a line or list item, where "1. x" or "- x" opens a list."""
    return _LIST_START.sub(lambda g: f"{g[1]}\\{g[2]}" if g[1] else f"\\{g[3]}", md(text))


def bullets(items: Iterable[object]) -> list[str]:
    return [f"- {line_start(item)}" for item in items] + [""]


def render_markdown(assessment: Assessment, m: Methodology, info: ReportInfo) -> str:
    org = assessment.organization
    s = executive_summary(assessment, m, info)
    facts = [
        f"Prepared by {md(s.prepared_by)}",
        md(s.prepared_on),
        md(s.engagement) if s.engagement else "",
        f"Sector: {md(org.sector)}" if org.sector else "",
        f"Size: {md(org.size)}" if org.size else "",
        f"Methodology version {md(assessment.methodology_version)}",
    ]
    lines = [
        f"# GenAI adoption roadmap — {md(org.name or 'your organisation')}",
        "",
        "*" + " · ".join(f for f in facts if f) + "*",
        "",
    ]
    lines += _summary(s)
    lines += _said(assessment, m)
    lines += _maturity(assessment.maturity, m)
    lines += _use_cases(assessment, m)
    lines += _strategy(assessment.strategy)
    lines += _roadmap(assessment, m, info.prepared_on)
    lines += _governance(assessment)
    lines += _legend(m)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(s: ExecutiveSummary) -> list[str]:
    lines = []
    if s.warnings:
        lines += ["> **Read this first.**", ">"] + [f"> - {md(w)}" for w in s.warnings] + [""]
    lines += [
        "## Executive summary",
        "",
        f"**{md(s.level_sentence)}**",
        "",
        "### Decisions the board is asked to take",
        "",
    ]
    lines += [f"{i}. {md(d)}" for i, d in enumerate(s.decisions, start=1)] + [""]
    lines += ["### Top use cases", ""]
    lines += (
        table(
            ["#", "Use case", "Value", "What it needs"],
            ([u.rank, f"{u.title} ({u.quadrant})", f"{u.value:.2f}", u.needs] for u in s.top_use_cases),
        )
        if s.top_use_cases
        else ["No use case fits this profile yet.", ""]
    )
    lines += [f"### Strategy: {md(s.strategy)}", "", line_start(s.strategy_sentence), ""]
    lines += bullets(f"{t.name}: {' → '.join(t.phases)}" for t in s.tracks) if s.tracks else []
    return lines


def _said(a: Assessment, m: Methodology) -> list[str]:
    lines = ["## What you told us", ""]
    lines += table(
        ["What", "Answer", "What it means", "Source"],
        ([field_label(m, f.field), value_label(f.value), f.conclusion, f.source] for f in a.maturity.evidence),
    )
    in_place = [u.title for u in a.use_cases if u.in_place]
    lines += ["**Already in place**", ""]
    return lines + (bullets(in_place) if in_place else ["No GenAI use case was reported as already running.", ""])


def _maturity(result: MaturityResult, m: Methodology) -> list[str]:
    lines = [
        f"## Maturity: level {result.level} — {md(result.name)}",
        "",
        f"Progress within the level {percent(result.progress)} · confidence {percent(result.confidence)}",
        "",
    ]
    if result.next_level is not None:
        lines += [f"### Gaps to level {result.next_level} ({md(level_name(m, result.next_level))})", ""]
        lines += (
            table(
                ["Capability or measure", "Current", "Needed", "Why"],
                (
                    [g.name[:1].upper() + g.name[1:], value_label(g.current), value_label(g.needed), g.why]
                    for g in result.gaps
                ),
            )
            if result.gaps
            else ["No gaps recorded.", ""]
        )
    if result.ahead:
        lines += ["### Ahead of the level", ""]
        lines += bullets(f"{a.name} (level {a.level}, {value_label(a.value).lower()}): {a.note}" for a in result.ahead)
    if result.unknown:
        lines += ["### Not known yet (answering these would raise confidence)", ""]
        lines += bullets(field_label(m, k) for k in result.unknown)
    return lines


def _use_cases(assessment: Assessment, m: Methodology) -> list[str]:
    planned = planned_use_cases(assessment)
    top = planned[:TOP_USE_CASES]
    lines = ["## Top use cases", ""]
    if not top:
        return lines + ["No use case fits this profile yet.", ""]
    lines += table(
        ["#", "Use case", "Function", "Min level", "Value", "Feasibility", "Risk", "Priority", "Quadrant"],
        (
            [
                rank,
                u.title + (" (blocked)" if u.blocker else ""),
                function_name(m, u.function),
                u.min_level,
                f"{u.value:.2f}",
                f"{u.feasibility:.2f}",
                f"{u.risk:.2f}",
                f"{u.priority:.2f}",
                QUADRANT_LABELS[u.quadrant],
            ]
            for rank, u in enumerate(top, start=1)
        ),
    )
    lines += ["Why each one:", ""]
    lines += [
        f"{rank}. **{md(u.title)}**: {md(u.rationale)}" + (f" KPIs: {md('; '.join(u.kpis))}." if u.kpis else "")
        for rank, u in enumerate(top, start=1)
    ]
    more = len(planned) - len(top)
    return lines + (
        [""] + ([f"{more} more use cases are in the spreadsheet, CSV and JSON exports.", ""] if more else [])
    )


def _strategy(strategy: StrategyRecommendation) -> list[str]:
    lines = [f"## Strategy: {md(strategy.title)}", "", line_start(strategy.rationale), ""]
    if strategy.reasons:
        lines += ["Reasons:", ""] + bullets(strategy.reasons)
    if strategy.watch_out:
        lines += ["Watch out for:", ""] + bullets(strategy.watch_out)
    if strategy.alternatives:
        lines += ["### Alternatives", ""]
        lines += table(
            ["Strategy", "Score", "Reasons"],
            ([strategy_label(a.name), a.score, "; ".join(a.reasons) or "—"] for a in strategy.alternatives),
        )
    return lines


def add_months(start: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `start`'s month."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def gantt(roadmap: Roadmap, start: dt.date) -> list[str]:
    """A Mermaid Gantt block: a section per track, a task per phase, dated from `start`'s month."""
    # Explicit start and end dates: Mermaid 11 mis-reads "dateFormat X" month numbers, not dates.
    lines = ["```mermaid", "gantt", "    title Roadmap", "    dateFormat YYYY-MM-DD", "    axisFormat %b %Y"]
    index = 0
    for track, phases in tracks_of(roadmap.phases).items():
        lines.append(f"    section {mermaid_label(track_label(track), 'Track')}")
        for phase in phases:
            index += 1
            label = mermaid_label(f"{phase.name} (level {phase.target_level})", f"Phase {index}")
            end = max(phase.end_month, phase.start_month + 1)
            lines.append(f"    {label} :p{index}, {add_months(start, phase.start_month)}, {add_months(start, end)}")
    return lines + ["```", ""]


def _roadmap(assessment: Assessment, m: Methodology, start: dt.date) -> list[str]:
    roadmap = assessment.roadmap
    titles = use_case_titles(assessment)
    lines = ["## Roadmap", ""] + gantt(roadmap, start)
    lines += [
        f"*Dates count from {start:%B %Y}, the month of this report; move them with the start of the programme.*",
        "",
    ]
    for index, phase in enumerate(roadmap.phases, start=1):
        lines += _phase(index, phase, titles, m, several=len(tracks_of(roadmap.phases)) > 1)
    if roadmap.later:
        lines += ["### Later", ""] + bullets(titles.get(i, i) for i in roadmap.later)
    if roadmap.notes:
        lines += ["### Notes", ""] + bullets(roadmap.notes)
    return lines


def _phase(index: int, phase: Phase, titles: dict[str, str], m: Methodology, several: bool) -> list[str]:
    track = f"{md(track_label(phase.track))}, " if several else ""
    lines = [
        f"### Phase {index}: {md(phase.name)} ({track}{md(phase.horizon)}, target level "
        f"{phase.target_level} — {md(level_name(m, phase.target_level))})",
        "",
        line_start(phase.objective),
        "",
    ]
    parts = [
        ("Use cases", [titles.get(i, i) for i in phase.use_cases]),
        ("Capabilities to build", [capability_name(m, k) for k in phase.capabilities]),
        ("Architecture pattern", [pattern_block_name(m, k) for k in phase.pattern]),
        ("Solutions", phase.solutions),
        ("KPIs", phase.kpis),
        ("Gate before the next phase", [phase.gate] if phase.gate else []),
    ]
    for label, items in parts:
        if items:
            lines += [f"**{label}**", ""] + bullets(items)
    return lines


def _governance(a: Assessment) -> list[str]:
    lines = [
        "## Risks and governance",
        "",
        "Monitoring of security, ethics and bias runs across every level; each phase adds:",
        "",
    ]
    for index, phase in enumerate(a.roadmap.phases, start=1):
        lines += [f"### Phase {index}: {md(phase.name)}", ""]
        lines += bullets(phase.governance) if phase.governance else ["Nothing to add.", ""]
    blocked = [f"{u.title}: {u.blocker}" for u in a.use_cases if u.blocker][:TOP_USE_CASES]
    if blocked:
        lines += ["### Use cases held back", ""] + bullets(blocked)
    return lines


def _legend(m: Methodology) -> list[str]:
    lines = ["## Method and legend", ""]
    lines += bullets(f"Level {lvl.number}, {lvl.name}: {lvl.summary}" for lvl in m.levels)
    return lines + bullets(
        [
            "Value (0–1): the weight of the use case's value-chain function, the objectives it serves, the pain points it answers.",
            "Feasibility (0–1): the level it needs against the level reached, the capabilities and data in place, the effort.",
            "Risk (0–1): confidentiality, accuracy, bias, regulatory, intellectual-property and security risks, lowered by governance in place.",
            "Priority (0–1): value and feasibility together, less risk; the order of the use cases.",
            "Quadrants: Quick win (high value, feasible at today's level), Strategic bet (high value, needs capabilities not yet in place), "
            "Fill-in (feasible, modest value), Deprioritise (modest value and hard, or blocked).",
        ]
    )
