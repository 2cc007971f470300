"""Words about an assessment that need no model: the facts given to the model, the summary
written when there is no model, and deterministic answers to questions (shown without a model,
or instead of a model's answer that contradicts the assessment)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent import faithful as check
from agent.retrieval import Passage
from tools.assessment import Assessment

TOP = 3


def facts(a: Assessment) -> str:
    """The assessment's conclusions as short factual lines (model context, never instructions)."""
    m = a.maturity
    lines = [
        f"Client: {a.organization.name or 'unnamed'}; sector: {a.organization.sector or 'unknown'}; "
        f"size: {a.organization.size or 'unknown'}.",
        f"Maturity level {m.level} ({m.name}), progress {m.progress:.0%}, confidence {m.confidence:.0%}.",
    ]
    lines += [f"Evidence: {f.field} = {f.value}: {f.conclusion}." for f in m.evidence[:6]]
    if m.gaps:
        lines.append(
            "Gaps to level {}: {}.".format(
                m.next_level, "; ".join(f"{g.name} is {g.current}, needs {g.needed}" for g in m.gaps[:5])
            )
        )
    if m.ahead:
        lines.append("Ahead of the level: " + "; ".join(f"{x.name} ({x.value})" for x in m.ahead) + ".")
    for u in a.use_cases[:TOP]:
        lines.append(
            f"Use case: {u.title} ({u.function.value.replace('_', ' ')}, needs level {u.min_level}, "
            f"priority {u.priority:.2f}, {u.quadrant.value.replace('_', ' ')})."
        )
    lines.append(f"Strategy: {a.strategy.title}. {a.strategy.rationale}")
    if a.roadmap.phases:
        first = a.roadmap.phases[0]
        lines.append(
            f"First roadmap phase: {first.name} ({first.horizon}), target level {first.target_level}, "
            f"use cases: {', '.join(first.use_cases) or 'none'}."
        )
    return "\n".join(lines)


def summary_text(a: Assessment) -> str:
    """The report's narrative summary when no model writes it."""
    m = a.maturity
    who = a.organization.name or "The organisation"
    parts = [
        f"{who} is at maturity level {m.level}, {m.name}, with {m.progress:.0%} progress within the level "
        f"and {m.confidence:.0%} confidence in the assessment."
    ]
    if m.next_level is not None:
        defining = [g for g in m.gaps if "defines level" in g.why]
        if defining:
            name = defining[0].name
            name = name[0].lower() + name[1:] if name[1:2].islower() else name
            parts.append(f"Reaching level {m.next_level} starts with {name}, today {defining[0].current}.")
    top = [u.title for u in a.use_cases[:TOP]]
    if top:
        parts.append("The most promising use cases are " + _join(top) + ".")
    parts.append(f"The recommended strategy is {a.strategy.title.lower()}.")
    if a.roadmap.phases:
        first = a.roadmap.phases[0]
        parts.append(f"The first phase, {first.name.lower()} ({first.horizon}), targets level {first.target_level}.")
    return " ".join(parts)


def faithful(text: str, a: Assessment) -> bool:
    """Whether a model-written summary agrees with the tools' conclusions: no other level, no
    other strategy, no invented sector (`agent.faithful`). A summary that drifts (or was steered
    by words in the answers) is replaced by the plain one rather than shown."""
    return check.faithful(text, a, summary=True)


_TOPICS = {  # words of a question (EN, FR) that make a part of the assessment bear on it
    "level": ("level", "niveau", "why", "pourquoi", "maturity", "maturite", "gap", "ecart", "next", "prochain"),
    "use_cases": ("use case", "cas d", "priorit", "quick win", "start", "commencer", "first", "d'abord"),
    "strategy": (
        "strateg",
        "approach",
        "approche",
        "incremental",
        "hybrid",
        "focused",
        "cible",
        "recommend",
        "recommand",
        "should we",
        "devrions",
    ),
    "roadmap": ("roadmap", "feuille de route", "phase", "plan", "month", "mois", "next step", "etape"),
}


_CLIENT = re.compile(
    r"\b(?:we|our|us|my|i|am|me|current|currently|nous|notre|nos|je|mon|ma|mes|sommes|"
    r"on|pourquoi|why)\b"
)


def topics(query: str) -> set[str]:
    """What part of the assessment a question bears on. A question about levels in general
    ("the difference between level 3 and 4") is not about the client's level."""
    lowered = check.normalise(query)
    found = {topic for topic, words in _TOPICS.items() if any(w in lowered for w in words)}
    if not _CLIENT.search(lowered):
        found -= {"level", "use_cases", "roadmap"}
    return found


def facts_for(query: str, a: Assessment) -> str:
    """The client's facts that bear on `query`: always who the client is, its level and strategy;
    the evidence and gaps, the top use cases or the first phase only when the question is about
    them (every line costs prompt tokens on a small model)."""
    about = topics(query)
    lines = facts(a).splitlines()
    keep = []
    for line in lines:
        if line.startswith(("Client:", "Maturity level", "Strategy:")):
            keep.append(line)
        elif line.startswith(("Evidence:", "Gaps to", "Ahead of")) and "level" in about:
            keep.append(line)
        elif line.startswith("Use case:") and about & {"use_cases", "strategy"}:
            keep.append(line)
        elif line.startswith("First roadmap phase") and "roadmap" in about:
            keep.append(line)
    return "\n".join(keep)


def guided_answer(query: str, passages: Sequence[Passage], a: Assessment | None, language: str = "en") -> str:
    """An answer assembled from the client's assessment (for questions about it) and the passages."""
    parts = []
    about = topics(query) if a is not None else set()
    fr = language == "fr"
    if a is not None and "level" in about:
        reached = [f.conclusion for f in a.maturity.evidence if f.field.startswith("capabilities.")]
        lead = (
            f"Votre niveau actuel est {a.maturity.level} ({a.maturity.name})"
            if fr
            else f"Your current level is {a.maturity.level} ({a.maturity.name})"
        )
        parts.append(lead + (": " + "; ".join(reached[:4]) if reached else "") + ".")
    if a is not None and "strategy" in about:
        parts.append(
            (
                f"La stratégie recommandée est : {a.strategy.title}. "
                if fr
                else f"The recommended strategy is {a.strategy.title.lower()}. "
            )
            + a.strategy.rationale
        )
    if a is not None and "use_cases" in about and a.use_cases:
        parts.append(
            ("Cas d'usage prioritaires : " if fr else "The most promising use cases are ")
            + _join([u.title for u in a.use_cases[:TOP]])
            + "."
        )
    for i, passage in enumerate(passages[:3], 1):
        text = passage.text if len(passage.text) <= 420 else passage.text[:417].rsplit(" ", 1)[0] + "…"
        parts.append(f"[{i}] {text}")
    if not parts:
        return (
            "Je n'ai rien trouvé à ce sujet dans la base de connaissances. Essayez d'autres mots, ou /help."
            if fr
            else "I found nothing on that in the knowledge base. Try other words, or /help."
        )
    return "\n".join(parts)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
