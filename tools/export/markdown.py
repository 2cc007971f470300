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

from tools.assessment import Assessment, MaturityResult, Phase, Roadmap, StrategyRecommendation
from tools.export import TOP_USE_CASES
from tools.export.labels import (
    capability_name,
    field_label,
    function_name,
    item_label,
    legend,
    level_name,
    pattern_block_name,
    quadrant_label,
    size_label,
    source_label,
    strategy_label,
    value_label,
)
from tools.export.summary import (
    ExecutiveSummary,
    ReportInfo,
    executive_summary,
    horizon,
    planned_use_cases,
    strategy_title,
    title_of,
    track_label,
    tracks_of,
    use_case_titles,
)
from tools.export.words import Words

# Whitespace runs to one space, except the non-breaking spaces French typography puts before : ; « ».
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
_MARKUP = re.compile(r"([\\`*_\[\]|~#])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+])")
# Mermaid's gantt grammar gives these a meaning in a task line; backticks could close the fence.
_MERMAID_UNSAFE = re.compile(r"[:#;<>&`\"'{}\[\]\\%|]")


def md(text: object) -> str:
    """Text shown as itself in Markdown, on one line, with no raw HTML."""
    line = _SPACES.sub(" ", str(text)).strip()  # a newline would end a table row or a list item
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKUP.sub(r"\\\1", line)


def mermaid_label(text: str, fallback: str) -> str:
    # A typographic apostrophe keeps "cas d'usage" whole where the straight one is unsafe.
    return " ".join(_MERMAID_UNSAFE.sub(" ", text.replace("'", "’")).split()) or fallback


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


def render_markdown(assessment: Assessment, w: Words, info: ReportInfo) -> str:
    org = assessment.organization
    s = executive_summary(assessment, w, info)
    sector = w.sector_name(org.sector_key, org.sector)
    facts = [
        w._("Prepared by {author}", author=md(s.prepared_by)),
        md(s.prepared_on),
        md(s.engagement) if s.engagement else "",
        w._("Sector: {sector}", sector=md(sector)) if sector else "",
        w._("Size: {size}", size=md(size_label(w, org.size))) if org.size else "",
        w._("Methodology version {version}", version=md(assessment.methodology_version)),
    ]
    lines = [
        "# " + w._("GenAI adoption roadmap — {client}", client=md(org.name or w._("your organisation"))),
        "",
        "*" + " · ".join(f for f in facts if f) + "*",
        "",
    ]
    lines += _summary(s, w)
    lines += _said(assessment, w)
    lines += _maturity(assessment.maturity, w)
    lines += _use_cases(assessment, w)
    lines += _strategy(assessment, w)
    lines += _roadmap(assessment, w, info.prepared_on)
    lines += _governance(assessment, w)
    lines += _legend(w)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(s: ExecutiveSummary, w: Words) -> list[str]:
    lines = []
    if s.warnings:
        lines += ["> **" + w._("Read this first.") + "**", ">"] + [f"> - {md(x)}" for x in s.warnings] + [""]
    lines += [
        "## " + w._("Executive summary"),
        "",
        f"**{md(s.level_sentence)}**",
        "",
        "### " + w._("Decisions the board is asked to take"),
        "",
    ]
    lines += [f"{i}. {md(d)}" for i, d in enumerate(s.decisions, start=1)] + [""]
    lines += ["### " + w._("Top use cases"), ""]
    lines += (
        table(
            ["#", w._("Use case"), w._("Value"), w._("What it needs")],
            (
                [u.rank, w._("{title} ({quadrant})", title=u.title, quadrant=u.quadrant), u.shown_value, u.needs]
                for u in s.top_use_cases
            ),
        )
        if s.top_use_cases
        else [w._("No use case fits this profile yet."), ""]
    )
    lines += ["### " + w._("Strategy: {strategy}", strategy=md(s.strategy)), "", line_start(s.strategy_sentence), ""]
    lines += bullets(w.pair(t.name, " → ".join(t.phases)) for t in s.tracks) if s.tracks else []
    return lines


def _said(a: Assessment, w: Words) -> list[str]:
    lines = ["## " + w._("What you told us"), ""]
    lines += table(
        [w._("What"), w._("Answer"), w._("What it means"), w._("Source")],
        (
            [field_label(w, f.field), value_label(w, f.value), f.conclusion, source_label(w, f.source)]
            for f in a.maturity.evidence
        ),
    )
    in_place = [title_of(w, u) for u in a.use_cases if u.in_place]
    lines += ["**" + w._("Already in place") + "**", ""]
    return lines + (bullets(in_place) if in_place else [w._("No GenAI use case was reported as already running."), ""])


def _maturity(result: MaturityResult, w: Words) -> list[str]:
    m = w.m
    lines = [
        "## " + w._("Maturity: level {level} — {name}", level=result.level, name=md(level_name(m, result.level))),
        "",
        w._(
            "Progress within the level {progress} · confidence {confidence}",
            progress=w.percent(result.progress),
            confidence=w.percent(result.confidence),
        ),
        "",
    ]
    if result.next_level is not None:
        lines += [
            "### "
            + w._("Gaps to level {level} ({name})", level=result.next_level, name=md(level_name(m, result.next_level))),
            "",
        ]
        lines += (
            table(
                [w._("Capability or measure"), w._("Current"), w._("Needed"), w._("Why")],
                (
                    [item_label(w, g.item, g.name), value_label(w, g.current), value_label(w, g.needed), g.why]
                    for g in result.gaps
                ),
            )
            if result.gaps
            else [w._("No gaps recorded."), ""]
        )
    if result.ahead:
        lines += ["### " + w._("Ahead of the level"), ""]
        lines += bullets(
            w._(
                "{name} (level {level}, {value}): {note}",
                name=x.name if w.language == "en" else item_label(w, x.item, x.name),
                level=x.level,
                value=value_label(w, x.value).lower(),
                note=x.note,
            )
            for x in result.ahead
        )
    if result.unknown:
        lines += ["### " + w._("Not known yet (answering these would raise confidence)"), ""]
        lines += bullets(field_label(w, k) for k in result.unknown)
    return lines


def _use_cases(assessment: Assessment, w: Words) -> list[str]:
    planned = planned_use_cases(assessment)
    top = planned[:TOP_USE_CASES]
    lines = ["## " + w._("Top use cases"), ""]
    if not top:
        return lines + [w._("No use case fits this profile yet."), ""]
    header = ["#", w._("Use case"), w._("Function"), w._("Min level"), w._("Value"), w._("Feasibility")]
    header += [w._("Risk"), w._("Priority"), w._("Quadrant")]
    lines += table(
        header,
        (
            [
                rank,
                w._("{title} (blocked)", title=title_of(w, u)) if u.blocker else title_of(w, u),
                function_name(w.m, u.function),
                u.min_level,
                w.score(u.value),
                w.score(u.feasibility),
                w.score(u.risk),
                w.score(u.priority),
                quadrant_label(w, u.quadrant),
            ]
            for rank, u in enumerate(top, start=1)
        ),
    )
    lines += [w._("Why each one:"), ""]
    lines += [
        f"{rank}. "
        + w.pair(f"**{md(title_of(w, u))}**", md(u.rationale))
        + (" " + md(w._("KPIs: {kpis}.", kpis=w.semicolon.join(w.texts(u.kpis)))) if u.kpis else "")
        for rank, u in enumerate(top, start=1)
    ]
    more = len(planned) - len(top)
    return lines + (
        [""]
        + (
            [
                w.ngettext(
                    "{count} more use case is in the spreadsheet, CSV and JSON exports.",
                    "{count} more use cases are in the spreadsheet, CSV and JSON exports.",
                    more,
                ),
                "",
            ]
            if more
            else []
        )
    )


def _strategy(a: Assessment, w: Words) -> list[str]:
    strategy: StrategyRecommendation = a.strategy
    lines = [
        "## " + w._("Strategy: {strategy}", strategy=md(strategy_title(w, a))),
        "",
        line_start(strategy.rationale),
        "",
    ]
    if strategy.reasons:
        lines += [w._("Reasons:"), ""] + bullets(strategy.reasons)
    if strategy.watch_out:
        lines += [w._("Watch out for:"), ""] + bullets(strategy.watch_out)
    if strategy.alternatives:
        lines += ["### " + w._("Alternatives"), ""]
        lines += table(
            [w._("Strategy"), w._("Score"), w._("Reasons")],
            ([strategy_label(w, o.name), o.score, w.semicolon.join(o.reasons) or "—"] for o in strategy.alternatives),
        )
    return lines


def add_months(start: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `start`'s month."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def gantt(roadmap: Roadmap, start: dt.date, w: Words) -> list[str]:
    """A Mermaid Gantt block: a section per track, a task per phase, dated from `start`'s month."""
    # Explicit start and end dates: Mermaid 11 mis-reads "dateFormat X" month numbers, not dates.
    # Mermaid names months in English only: a French report's axis shows them as numbers.
    axis = "%b %Y" if w.language == "en" else "%m/%Y"
    lines = ["```mermaid", "gantt", f"    title {mermaid_label(w._('Roadmap'), 'Roadmap')}"]
    lines += ["    dateFormat YYYY-MM-DD", f"    axisFormat {axis}"]
    index = 0
    for track, phases in tracks_of(roadmap.phases).items():
        lines.append(f"    section {mermaid_label(track_label(w, track), w._('Track'))}")
        for phase in phases:
            index += 1
            label = mermaid_label(
                w._("{phase} (level {level})", phase=phase.name, level=phase.target_level),
                w._("Phase {number}", number=index),
            )
            end = max(phase.end_month, phase.start_month + 1)
            lines.append(f"    {label} :p{index}, {add_months(start, phase.start_month)}, {add_months(start, end)}")
    return lines + ["```", ""]


def _roadmap(assessment: Assessment, w: Words, start: dt.date) -> list[str]:
    roadmap = assessment.roadmap
    titles = use_case_titles(w, assessment)
    lines = ["## " + w._("Roadmap"), ""] + gantt(roadmap, start, w)
    lines += [
        "*"
        + w._(
            "Dates count from {month}, the month of this report; move them with the start of the programme.",
            month=w.month(start),
        )
        + "*",
        "",
    ]
    for index, phase in enumerate(roadmap.phases, start=1):
        lines += _phase(index, phase, titles, w, several=len(tracks_of(roadmap.phases)) > 1)
    if roadmap.later:
        lines += ["### " + w._("Later"), ""] + bullets(titles.get(i, i) for i in roadmap.later)
    if roadmap.notes:
        lines += ["### " + w._("Notes"), ""] + bullets(roadmap.notes)
    return lines


def _phase(index: int, phase: Phase, titles: dict[str, str], w: Words, several: bool) -> list[str]:
    m = w.m
    values = {
        "number": index,
        "phase": md(phase.name),
        "horizon": md(horizon(w, phase)),
        "level": phase.target_level,
        "name": md(level_name(m, phase.target_level)),
    }
    heading = (
        w._(
            "Phase {number}: {phase} ({track}, {horizon}, target level {level} — {name})",
            track=md(track_label(w, phase.track)),
            **values,
        )
        if several
        else w._("Phase {number}: {phase} ({horizon}, target level {level} — {name})", **values)
    )
    lines = ["### " + heading, "", line_start(phase.objective), ""]
    parts = [
        (w._("Use cases"), [titles.get(i, i) for i in phase.use_cases]),
        (w._("Capabilities to build"), [capability_name(m, k) for k in phase.capabilities]),
        (w._("Architecture pattern"), [pattern_block_name(m, k) for k in phase.pattern]),
        (w._("Solutions"), w.texts(phase.solutions)),
        (w._("KPIs"), w.texts(phase.kpis)),
        (w._("Gate before the next phase"), [phase.gate] if phase.gate else []),
    ]
    for label, items in parts:
        if items:
            lines += [f"**{label}**", ""] + bullets(items)
    return lines


def _governance(a: Assessment, w: Words) -> list[str]:
    lines = [
        "## " + w._("Risks and governance"),
        "",
        w._("Monitoring of security, ethics and bias runs across every level; each phase adds:"),
        "",
    ]
    for index, phase in enumerate(a.roadmap.phases, start=1):
        lines += ["### " + w._("Phase {number}: {phase}", number=index, phase=md(phase.name)), ""]
        lines += bullets(w.texts(phase.governance)) if phase.governance else [w._("Nothing to add."), ""]
    blocked = [w.pair(title_of(w, u), u.blocker) for u in a.use_cases if u.blocker][:TOP_USE_CASES]
    if blocked:
        lines += ["### " + w._("Use cases held back"), ""] + bullets(blocked)
    return lines


def _legend(w: Words) -> list[str]:
    lines = ["## " + w._("Method and legend"), ""]
    lines += bullets(
        w._("Level {number}, {name}: {summary}", number=lvl.number, name=lvl.name, summary=lvl.summary)
        for lvl in w.m.levels
    )
    return lines + bullets(legend(w))
