"""Words about an assessment that need no model: the facts given to the model, the summary
written when there is no model, and deterministic answers to questions (shown without a model,
or instead of a model's answer that contradicts the assessment)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from agent import faithful as check
from agent.retrieval import Passage
from knowledge.i18n import Language, localized_methodology
from knowledge.locales import N_, format_percent, gettext_for
from knowledge.methodology import capability, load_methodology
from knowledge.schema import CapabilityKey
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


def summary_text(a: Assessment, language: Language = "en") -> str:
    """The report's narrative summary when no model writes it, in `language` (the methodology's
    names from its translation, looked up by id)."""
    _ = gettext_for(language, "answers")
    m, local = a.maturity, localized_methodology(language)
    parts = [
        _(
            "{client} is at maturity level {level}, {name}, with {progress} progress within the level "
            "and {confidence} confidence in the assessment."
        ).format(
            client=a.organization.name or _("The organisation"),
            level=m.level,
            name=local.levels[m.level - 1].name,
            progress=format_percent(m.progress, language),
            confidence=format_percent(m.confidence, language),
        )
    ]
    if m.next_level is not None:
        defining = [g for g in m.gaps if "defines level" in g.why and g.item.startswith("capabilities.")]
        if defining:
            name = capability(local, CapabilityKey(defining[0].item.split(".", 1)[1])).name
            name = name[0].lower() + name[1:] if name[1:2].islower() else name
            parts.append(
                _("Reaching level {level} starts with {capability}, today {current}.").format(
                    level=m.next_level, capability=name, current=_(VALUES.get(defining[0].current, defining[0].current))
                )
            )
    titles = {u.id: u.title for u in local.use_cases}
    top = [titles.get(u.id, u.title) for u in a.use_cases[:TOP]]
    if top:
        parts.append(_("The most promising use cases are {titles}.").format(titles=_join(top, language)))
    parts.append(_("The recommended strategy is {approach}.").format(approach=_(APPROACHES[a.strategy.name.value])))
    if a.roadmap.phases:
        first = a.roadmap.phases[0]
        parts.append(
            _("The first phase, {name} ({horizon}), targets level {level}.").format(
                name=first.name[0].lower() + first.name[1:], horizon=first.horizon, level=first.target_level
            )
        )
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


def facts_for(query: str, a: Assessment, brief: bool = False) -> str:
    """The client's facts that bear on `query`: always who the client is, its level and strategy;
    the evidence and gaps, the top use cases or the first phase only when the question is about
    them (every line costs prompt tokens on a small model). `brief`: who the client is, its level
    and strategy only (the key facts of the advisor's answer hold the rest)."""
    about = set() if brief else topics(query)
    lines = facts(a).splitlines()
    keep = []
    for line in lines:
        if brief and line.startswith("Strategy:"):
            keep.append(f"Strategy: {a.strategy.title}.")
        elif line.startswith(("Client:", "Maturity level", "Strategy:")):
            keep.append(line)
        elif line.startswith(("Evidence:", "Gaps to", "Ahead of")) and "level" in about:
            keep.append(line)
        elif line.startswith("Use case:") and about & {"use_cases", "strategy"}:
            keep.append(line)
        elif line.startswith("First roadmap phase") and "roadmap" in about:
            keep.append(line)
    return "\n".join(keep)


# --- the advisor's own answer: the key facts a question calls for ------------------------------

MAX_FACTS = 3  # a small model restates three facts well; more and it drops some
# Words of a question (normalised) that ask about a capability.
CAPABILITY_ASKED = {
    "rag": ("rag", "retrieval augmented", "generation augmentee"),
    "fine_tuning": ("fine-tun", "fine tun", "finetun", "affinage", "affiner"),
    "custom_models": ("custom model", "custom llm", "pre-train", "pretrain", "pre-entrain", "own model", "sur mesure"),
    "llm_api_apps": ("llm api", "api"),
    "prompt_engineering": ("prompt engineer",),
    "vector_data": ("vector", "embedding", "vectori"),
    "io_filters": ("filter", "filtre"),
    "private_cloud_ai": ("private cloud", "cloud prive"),
    "on_prem_models": ("on premise", "on-prem", "sur site", "open source", "open-source"),
}
# What an answer must say of a capability besides its name: the gist of its description.
CAPABILITY_GIST = {
    "rag": ("retriev", "recherch", "search", "question time", "moment de la question"),
    "fine_tuning": ("pair", "paire", "own data", "company data", "donnee", "data", "ajust", "adjust", "exemple"),
    "custom_models": ("train", "entrain", "design", "concoi", "build"),
}
APPROACHES = {
    "incremental": N_("the incremental and evolutive approach"),
    "focused": N_("the focused approach"),
    "hybrid": N_("the hybrid approach"),
}
VALUES = {"none": N_("none"), "exploring": N_("exploring"), "pilot": N_("pilot"), "production": N_("in production")}
_LEVEL_ASKED = re.compile(r"\b(?:level|levels|niveau|niveaux)\s*([1-5])\b")
_MORE_LEVELS = re.compile(r"\b(?:and|et|or|ou|vs|,)\s*(?:(?:the|le)\s+)?(?:level\s*|niveau\s*)?([1-5])\b")
_NEXT = ("reach", "next", "need", "missing", "gap", "get to", "atteindre", "prochain", "manque", "faut", "passer")


def ground(query: str, a: Assessment | None, language: Language = "en") -> list[check.KeyFact]:
    """The key facts a right answer to `query` states, from the methodology data and the
    client's assessment, in `language`: the approach asked about and the recommended one, the
    levels and capabilities named, the client's level and what the next one takes, the top use
    cases, the first phase. At most `MAX_FACTS`, the most specific first."""
    q = check.normalise(query)
    about = topics(query) if a is not None else set()
    asked_levels = [int(n) for n in _LEVEL_ASKED.findall(q)]
    if asked_levels:
        asked_levels += [int(n) for n in _MORE_LEVELS.findall(q)]
    asked_strategies = [k for k, words in check.STRATEGY_WORDS.items() if any(check.has(q, w) for w in words)]
    asked_capabilities = [k for k, words in CAPABILITY_ASKED.items() if any(check.has(q, w) for w in words)]
    facts_: list[check.KeyFact] = []
    if a is not None and (asked_strategies or "strategy" in about):
        explicit = bool(asked_strategies) or any(w in q for w in ("strateg", "approach", "approche"))
        facts_ += [replace(f, essential=explicit) for f in _strategy_facts(a, asked_strategies, language)]
    wants_next = a is not None and "level" in about and any(w in q for w in _NEXT)
    own_level = a is not None and "level" in about and not asked_strategies
    covered: set[int | None] = set()
    if a is not None and wants_next and a.maturity.next_level is not None:
        facts_ += _next_level(a, language)
        covered.add(a.maturity.next_level)
    if a is not None and own_level:
        covered.add(a.maturity.level)
    other_levels = [n for n in dict.fromkeys(asked_levels) if n not in covered]
    facts_ += [_level(number, language) for number in other_levels]
    levels_said = {n for n in covered if n is not None} | set(asked_levels)
    for key in asked_capabilities:  # context when a level is asked about ("level 4 if we already do RAG")
        facts_ += [replace(f, essential=not other_levels) for f in _capability(key, levels_said, language)]
    if a is not None and own_level:  # context when the question is about another level or a capability
        main = not (wants_next or other_levels or asked_capabilities)
        facts_.append(replace(_client_level(a, language), essential=main))
    if a is not None and "use_cases" in about and a.use_cases:
        facts_.append(_use_cases(a, language))
    if a is not None and "roadmap" in about and a.roadmap.phases:
        facts_.append(replace(_first_phase(a, language), essential=not wants_next))
    distinct = list({f.text: f for f in facts_}.values())
    return sorted(distinct, key=lambda f: not f.essential)[:MAX_FACTS]  # what is asked first, then context


def _client(a: Assessment, language: Language) -> str:
    return a.organization.name or gettext_for(language, "answers")("your organisation")


def _strategy_facts(a: Assessment, asked: list[str], language: Language) -> list[check.KeyFact]:
    _ = gettext_for(language, "answers")
    chosen = a.strategy.name.value
    out = []
    for option in a.strategy.alternatives:
        if option.name.value not in asked:
            continue
        text = _("Not {approach} for {client}: it scores {score} points against {chosen_score} for {chosen}.").format(
            approach=_(APPROACHES[option.name.value]),
            client=_client(a, language),
            score=option.score,
            chosen_score=a.strategy.score,
            chosen=_(APPROACHES[chosen]),
        )
        marker = gettext_for(language, "methodology")("against: {reason}").split("{reason}")[0]
        against = [r[len(marker) :].strip() for r in option.reasons if r.startswith(marker)]
        if against:
            text += " " + _("What argues against it: {reason}.").format(reason=_("; ").join(against[:2]))
        out.append(check.KeyFact(text, (check.STRATEGY_WORDS[option.name.value],), _(APPROACHES[option.name.value])))
    text = _("For {client}, the advisor recommends {approach}: {reasons}.").format(
        client=_client(a, language), approach=_(APPROACHES[chosen]), reasons=_("; ").join(a.strategy.reasons[:2])
    )
    out.append(check.KeyFact(text, (check.STRATEGY_WORDS[chosen],), _(APPROACHES[chosen])))
    return out


def _client_level(a: Assessment, language: Language) -> check.KeyFact:
    _ = gettext_for(language, "answers")
    m, local = a.maturity, localized_methodology(language)
    name = local.levels[m.level - 1].name
    reached = []
    for level in local.levels[: m.level]:
        defining = capability(local, level.defining_capability)
        value = next((f.value for f in m.evidence if f.field == f"capabilities.{defining.key.value}"), None)
        if value and str(value) not in ("none", "unknown"):
            reached.append(
                _("{capability}: {value}").format(capability=defining.name, value=_(VALUES.get(str(value), str(value))))
            )
    text = _("Your current level is {level} ({name}).").format(level=m.level, name=name)
    if reached:
        text += " " + _("What places it there: {reached}.").format(reached=_("; ").join(reached))
    if m.next_level is not None and m.next_level > m.level:
        missing = capability(local, local.levels[m.next_level - 1].defining_capability)
        text += " " + _("{capability}, which defines level {level}, is not in place yet.").format(
            capability=missing.name, level=m.next_level
        )
    english = load_methodology().levels[m.level - 1].name
    said = (*_said_level(m.level), check.normalise(english), check.normalise(name))
    return check.KeyFact(text, (said, check.LEVEL_TERMS[m.level]), _("level {level}").format(level=m.level))


def _said_level(number: int) -> tuple[str, ...]:
    """The ways an answer says a level: "level 2", "level is 2", "niveau 2", "niveau est de 2"."""
    return tuple(f"{word} {number}" for word in ("level", "level is", "niveau", "niveau est", "niveau est de"))


def _next_level(a: Assessment, language: Language) -> list[check.KeyFact]:
    _ = gettext_for(language, "answers")
    m, local = a.maturity, localized_methodology(language)
    if m.next_level is None:
        return []
    gaps = [g for g in m.gaps if g.item.startswith("capabilities.") and g.level == m.next_level]
    if not gaps:
        return [_level(m.next_level, language)]
    names = [capability(local, CapabilityKey(g.item.split(".", 1)[1])).name for g in gaps]
    text = _("To reach level {level}, {name}, start with {capability} (today: {current}).").format(
        level=m.next_level,
        name=local.levels[m.next_level - 1].name,
        capability=names[0],
        current=_(VALUES.get(gaps[0].current, gaps[0].current)),
    )
    if len(names) > 1:
        text += " " + _("It also takes: {capabilities}.").format(capabilities=_("; ").join(names[1:]))
    return [check.KeyFact(text, (check.LEVEL_TERMS[m.next_level],), _("level {level}").format(level=m.next_level))]


def _level(number: int, language: Language) -> check.KeyFact:
    _ = gettext_for(language, "answers")
    level = localized_methodology(language).levels[number - 1]
    summary = re.split(r"(?<=[.!?])\s", level.summary, maxsplit=1)[0]
    defining = capability(localized_methodology(language), level.defining_capability).name
    # The defining capability first: a small model keeps the start of a fact and drops its end.
    text = _("Level {number}, {name}, is defined by {capability}: {summary}").format(
        number=number, name=level.name, capability=defining, summary=summary
    )
    return check.KeyFact(text, (check.LEVEL_TERMS[number],), _("level {level}").format(level=number))


def _capability(key: str, levels_said: set[int], language: Language) -> list[check.KeyFact]:
    _ = gettext_for(language, "answers")
    found = capability(localized_methodology(language), CapabilityKey(key))
    if found.defining and found.level in levels_said and key not in CAPABILITY_GIST:
        return []  # the level's own fact says it
    text = _("{name} (level {level}): {description}").format(
        name=found.name, level=found.level, description=found.description
    )
    named = CAPABILITY_ASKED[key] + (check.LEVEL_TERMS[found.level] if found.defining else ())
    groups = (named, CAPABILITY_GIST[key]) if key in CAPABILITY_GIST else (named,)
    return [check.KeyFact(text, groups, found.name)]


def _use_cases(a: Assessment, language: Language) -> check.KeyFact:
    _ = gettext_for(language, "answers")
    local = {u.id: u.title for u in localized_methodology(language).use_cases}
    titles = [local.get(u.id, u.title) for u in a.use_cases[:TOP]]
    text = _("The most promising use cases for {client} are {titles}.").format(
        client=_client(a, language), titles=_join(titles, language)
    )
    return check.KeyFact(text, (tuple(check.normalise(t) for t in titles),), _("the top use cases"))


def _first_phase(a: Assessment, language: Language) -> check.KeyFact:
    _ = gettext_for(language, "answers")
    first = a.roadmap.phases[0]
    text = _("The first phase, {name} ({horizon}), targets level {level}.").format(
        name=first.name, horizon=first.horizon, level=first.target_level
    )
    said = _said_level(first.target_level)
    return check.KeyFact(text, (said,), _("the first phase"))


def guided_answer(
    query: str,
    passages: Sequence[Passage],
    a: Assessment | None,
    language: Language = "en",
    facts_: list[check.KeyFact] | None = None,
) -> str:
    """The advisor's own answer: the key facts the question calls for (`ground`), each citing the
    passages that say it, then what the first passages say (short excerpts: a client document
    may be the very answer to the question)."""
    _ = gettext_for(language, "answers")
    key = ground(query, a, language) if facts_ is None else facts_
    parts = [fact.text + _cites(fact, passages) for fact in key]
    for i, passage in enumerate(passages[: 3 if not key else 2], 1):
        text = passage.text if len(passage.text) <= 420 else passage.text[:417].rsplit(" ", 1)[0] + "…"
        parts.append(f"[{i}] {text}")
    if not parts:
        return _("I found nothing on that in the knowledge base. Try other words, or /help.")
    return "\n".join(parts)


def _cites(fact: check.KeyFact, passages: Sequence[Passage]) -> str:
    """ " [1][2]": the passages that say the fact's first words (at most two)."""
    found = [
        i
        for i, passage in enumerate(passages[:3], 1)
        if any(check.says(passage.text, check.KeyFact("", (group,), "")) for group in fact.groups[:1])
    ]
    return (" " + "".join(f"[{i}]" for i in found[:2])) if found else ""


def _join(items: list[str], language: Language = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    _ = gettext_for(language, "answers")
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
