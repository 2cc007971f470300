"""The Markdown export: a report readable on its own, with the roadmap as a Mermaid Gantt chart.

Every piece of text goes through `md()`: organisation names and interview answers are user text,
and a `|` would break a table, a `<script>` would reach whoever renders the Markdown as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.schema import Methodology
from tools.assessment import Assessment, MaturityResult, Phase, Roadmap, StrategyRecommendation
from tools.export import (
    QUADRANT_LABELS,
    TOP_USE_CASES,
    capability_name,
    function_name,
    level_name,
    pattern_block_name,
    percent,
    use_case_titles,
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


def render_markdown(assessment: Assessment, m: Methodology) -> str:
    org = assessment.organization
    facts = [f"Sector: {md(org.sector)}" if org.sector else "",
             f"Size: {md(org.size)}" if org.size else "",
             f"Methodology version {md(assessment.methodology_version)}"]
    lines = [f"# GenAI adoption roadmap — {md(org.name or 'your organisation')}", "",
             "*" + " · ".join(f for f in facts if f) + "*", ""]
    lines += _maturity(assessment.maturity, m)
    lines += _use_cases(assessment, m)
    lines += _strategy(assessment.strategy)
    lines += _roadmap(assessment, m)
    lines += _governance(assessment.roadmap)
    return "\n".join(lines).rstrip("\n") + "\n"


def _maturity(result: MaturityResult, m: Methodology) -> list[str]:
    lines = ["## Maturity", "",
             f"**Level {result.level} — {md(result.name)}** · progress {percent(result.progress)}"
             f" · confidence {percent(result.confidence)}", "",
             "### Evidence", ""]
    lines += table(["Field", "Value", "Conclusion", "Source"],
                   ([f.field, f.value, f.conclusion, f.source] for f in result.evidence))
    if result.next_level is not None:
        lines += [f"### Gaps to level {result.next_level} ({md(level_name(m, result.next_level))})", ""]
        lines += (table(["Capability or measure", "Current", "Needed", "Why"],
                        ([g.name, g.current, g.needed, g.why] for g in result.gaps))
                  if result.gaps else ["No gaps recorded.", ""])
    if result.ahead:
        lines += ["### Ahead of the level", ""]
        lines += bullets(f"{a.name} (level {a.level}, {a.value}): {a.note}" for a in result.ahead)
    if result.unknown:
        lines += ["### Unknown (answering these would raise confidence)", ""]
        lines += bullets(result.unknown)
    return lines


def _use_cases(assessment: Assessment, m: Methodology) -> list[str]:
    top = assessment.use_cases[:TOP_USE_CASES]
    lines = ["## Top use cases", ""]
    if not top:
        return lines + ["No use case fits this profile yet.", ""]
    lines += table(["#", "Use case", "Function", "Min level", "Value", "Feasibility", "Risk",
                    "Priority", "Quadrant"],
                   ([rank, u.title + (" (blocked)" if u.blocker else ""), function_name(m, u.function),
                     u.min_level, f"{u.value:.2f}", f"{u.feasibility:.2f}", f"{u.risk:.2f}",
                     f"{u.priority:.2f}", QUADRANT_LABELS[u.quadrant]]
                    for rank, u in enumerate(top, start=1)))
    lines += ["Why each one:", ""]
    lines += [f"{rank}. **{md(u.title)}**: {md(u.rationale)}" for rank, u in enumerate(top, start=1)]
    more = len(assessment.use_cases) - len(top)
    return lines + ([""] + ([f"{more} more use cases are in the CSV and JSON exports.", ""] if more else []))


def _strategy(strategy: StrategyRecommendation) -> list[str]:
    lines = [f"## Strategy: {md(strategy.title)}", "", line_start(strategy.rationale), ""]
    if strategy.reasons:
        lines += ["Reasons:", ""] + bullets(strategy.reasons)
    if strategy.watch_out:
        lines += ["Watch out for:", ""] + bullets(strategy.watch_out)
    if strategy.alternatives:
        lines += ["### Alternatives", ""]
        lines += table(["Strategy", "Score", "Reasons"],
                       ([a.name.value, a.score, "; ".join(a.reasons) or "—"] for a in strategy.alternatives))
    return lines


def gantt(roadmap: Roadmap) -> list[str]:
    """A Mermaid Gantt block: one task per phase, on an axis of months from the start."""
    # Months are given as Unix seconds ("dateFormat X") and printed back as numbers ("%s"):
    # a relative timeline with no calendar date, so the export stays free of clocks.
    lines = ["```mermaid", "gantt", "    title Roadmap (months from start)", "    dateFormat X",
             "    axisFormat %s", "    section Phases"]
    for index, phase in enumerate(roadmap.phases, start=1):
        label = mermaid_label(f"{phase.name} (level {phase.target_level})", f"Phase {index}")
        lines.append(f"    {label} :p{index}, {phase.start_month}, {phase.end_month}")
    return lines + ["```", ""]


def _roadmap(assessment: Assessment, m: Methodology) -> list[str]:
    roadmap = assessment.roadmap
    titles = use_case_titles(assessment)
    lines = ["## Roadmap", ""] + gantt(roadmap)
    for index, phase in enumerate(roadmap.phases, start=1):
        lines += _phase(index, phase, titles, m)
    if roadmap.later:
        lines += ["### Later", ""] + bullets(titles.get(i, i) for i in roadmap.later)
    if roadmap.notes:
        lines += ["### Notes", ""] + bullets(roadmap.notes)
    return lines


def _phase(index: int, phase: Phase, titles: dict[str, str], m: Methodology) -> list[str]:
    lines = [f"### Phase {index}: {md(phase.name)} ({md(phase.horizon)}, target level "
             f"{phase.target_level} — {md(level_name(m, phase.target_level))})", "",
             line_start(phase.objective), ""]
    parts = [("Use cases", [titles.get(i, i) for i in phase.use_cases]),
             ("Capabilities to build", [capability_name(m, k) for k in phase.capabilities]),
             ("Architecture pattern", [pattern_block_name(m, k) for k in phase.pattern]),
             ("Solutions", phase.solutions)]
    for label, items in parts:
        if items:
            lines += [f"**{label}**", ""] + bullets(items)
    return lines


def _governance(roadmap: Roadmap) -> list[str]:
    lines = ["## Governance", "",
             "Monitoring of security, ethics and bias runs across every level; each phase adds:", ""]
    for index, phase in enumerate(roadmap.phases, start=1):
        lines += [f"### Phase {index}: {md(phase.name)}", ""]
        lines += bullets(phase.governance) if phase.governance else ["Nothing to add.", ""]
    return lines
