"""Words about an assessment that need no model: the facts given to the model, the summary
written when there is no model, and guided answers to "why?" questions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.retrieval import Passage
from tools.assessment import Assessment

TOP = 3


def facts(a: Assessment) -> str:
    """The assessment's conclusions as short factual lines (model context, never instructions)."""
    m = a.maturity
    lines = [f"Client: {a.organization.name or 'unnamed'}; sector: {a.organization.sector or 'unknown'}; "
             f"size: {a.organization.size or 'unknown'}.",
             f"Maturity level {m.level} ({m.name}), progress {m.progress:.0%}, confidence {m.confidence:.0%}."]
    lines += [f"Evidence: {f.field} = {f.value}: {f.conclusion}." for f in m.evidence[:6]]
    if m.gaps:
        lines.append("Gaps to level {}: {}.".format(
            m.next_level, "; ".join(f"{g.name} is {g.current}, needs {g.needed}" for g in m.gaps[:5])))
    if m.ahead:
        lines.append("Ahead of the level: " + "; ".join(f"{x.name} ({x.value})" for x in m.ahead) + ".")
    for u in a.use_cases[:TOP]:
        lines.append(f"Use case: {u.title} ({u.function.value.replace('_', ' ')}, needs level {u.min_level}, "
                     f"priority {u.priority:.2f}, {u.quadrant.value.replace('_', ' ')}).")
    lines.append(f"Strategy: {a.strategy.title}. {a.strategy.rationale}")
    if a.roadmap.phases:
        first = a.roadmap.phases[0]
        lines.append(f"First roadmap phase: {first.name} ({first.horizon}), target level {first.target_level}, "
                     f"use cases: {', '.join(first.use_cases) or 'none'}.")
    return "\n".join(lines)


def summary_text(a: Assessment) -> str:
    """The report's narrative summary when no model writes it."""
    m = a.maturity
    who = a.organization.name or "The organisation"
    parts = [f"{who} is at maturity level {m.level}, {m.name}, with {m.progress:.0%} progress within the level "
             f"and {m.confidence:.0%} confidence in the assessment."]
    if m.next_level is not None:
        defining = [g for g in m.gaps if "defines level" in g.why]
        if defining:
            name = defining[0].name
            name = name[0].lower() + name[1:] if name[1:2].islower() else name
            parts.append(f"Reaching level {m.next_level} starts with {name}, "
                         f"today {defining[0].current}.")
    top = [u.title for u in a.use_cases[:TOP]]
    if top:
        parts.append("The most promising use cases are " + _join(top) + ".")
    parts.append(f"The recommended strategy is {a.strategy.title.lower()}.")
    if a.roadmap.phases:
        first = a.roadmap.phases[0]
        parts.append(f"The first phase, {first.name.lower()} ({first.horizon}), targets level {first.target_level}.")
    return " ".join(parts)


_CLAIMED_LEVEL = re.compile(r"\b(?:is|at|reached|reaches|sits)\s+(?:maturity\s+)?level\s+(\d)", re.IGNORECASE)
_STRATEGIES = ("incremental", "focused", "hybrid")


def faithful(text: str, a: Assessment) -> bool:
    """Whether a model-written summary agrees with the tools' conclusions: it claims no level but
    the one the tools found and names no other strategy. A summary that drifts (or was steered by
    words in the answers) is replaced by the plain one rather than shown."""
    lowered = text.lower()
    claimed = {int(n) for n in _CLAIMED_LEVEL.findall(text)}
    others = [name for name in _STRATEGIES if name != a.strategy.name.value and name in lowered]
    return claimed <= {a.maturity.level} and not others


def guided_answer(query: str, passages: Sequence[Passage], a: Assessment | None) -> str:
    """An answer assembled from the passages (and the client's own evidence for "why" questions)."""
    parts = []
    lowered = query.lower()
    if a is not None and any(w in lowered for w in ("level", "why", "maturity", "niveau", "pourquoi")):
        reached = [f.conclusion for f in a.maturity.evidence if f.field.startswith("capabilities.")]
        parts.append(f"Your current level is {a.maturity.level} ({a.maturity.name}): " + "; ".join(reached[:4]) + ".")
    for i, passage in enumerate(passages[:3], 1):
        text = passage.text if len(passage.text) <= 420 else passage.text[:417].rsplit(" ", 1)[0] + "…"
        parts.append(f"[{i}] {text}")
    if not parts:
        return "I found nothing on that in the knowledge base. Try other words, or /help."
    return "\n".join(parts)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
