"""What the reader sees instead of the assessment's keys, and the cleaning of exported text.

The assessment stores keys (`capabilities.io_filters`, `quick_win`, `production`); a board reads
names ("Input/output filters", "Quick win", "In production"). The names of capabilities, functions
and levels come from the methodology data (in the report's language: `Words.m`); the few words
below are the exports' own, marked for translation and translated where they are shown.
"""

from __future__ import annotations

import re

from knowledge.i18n import SOURCE_LANGUAGE
from knowledge.locales import N_
from knowledge.methodology import capability, function, level
from knowledge.schema import Methodology
from knowledge.vocabulary import CapabilityKey, FunctionKey, GovernanceKey, Quadrant, StrategyName
from tools.assessment import Assessment
from tools.export.words import Words

QUADRANT_LABELS = {
    Quadrant.quick_win: N_("Quick win"),
    Quadrant.strategic_bet: N_("Strategic bet"),
    Quadrant.fill_in: N_("Fill-in"),
    Quadrant.deprioritize: N_("Deprioritise"),
}
STRATEGY_LABELS = {
    StrategyName.incremental: N_("Incremental"),
    StrategyName.focused: N_("Focused"),
    StrategyName.hybrid: N_("Hybrid"),
}
GOVERNANCE_LABELS = {
    GovernanceKey.monitoring: N_("Monitoring of security, ethics and bias"),
    GovernanceKey.ai_policy: N_("AI policy"),
    GovernanceKey.data_governance: N_("Data governance"),
}
# Head-count bands (knowledge.vocabulary.Size), as the report's "Size:" says them.
SIZE_LABELS = {"micro": N_("micro"), "small": N_("small"), "medium": N_("medium"), "large": N_("large")}
# Adoption stages of a capability and governance levels, as a reader says them.
VALUE_LABELS = {
    "none": N_("Not in place"),
    "exploring": N_("Exploring"),
    "pilot": N_("In pilot"),
    "production": N_("In production"),
    "basic": N_("Basic"),
    "advanced": N_("Advanced"),
    "unknown": N_("Not known"),
}

# Bidi overrides and isolates reorder what a reader sees (a file name or a figure can be made to
# read backwards); C0/C1 controls are terminal escapes or invisible. Newlines and tabs are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without control characters and bidi controls."""
    return _CONTROL.sub("", text)


def cleaned(assessment: Assessment) -> Assessment:
    """The assessment with every string cleaned: exports never carry control characters."""

    def walk(node: object) -> object:
        if isinstance(node, str):
            return clean(node)
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return Assessment.model_validate(walk(assessment.model_dump(mode="json")))


# Names for keys; an unknown key (from a hand-edited assessment) is shown as it is, not an error.


def capability_name(m: Methodology, key: str) -> str:
    try:
        return capability(m, CapabilityKey(key)).name
    except (ValueError, StopIteration):
        return key


def function_name(m: Methodology, key: str) -> str:
    try:
        return function(m, FunctionKey(key)).name
    except (ValueError, StopIteration):
        return key


def level_name(m: Methodology, number: int) -> str:
    return level(m, number).name if 1 <= number <= len(m.levels) else f"level {number}"


def pattern_block_name(m: Methodology, key: str) -> str:
    return next((b.name for b in m.pattern_blocks if b.key == key), key)


def field_label(w: Words, field: str) -> str:
    """`capabilities.io_filters` -> "Input/output filters"; `governance.ai_policy` -> "AI policy"."""
    group, _, key = field.partition(".")
    if group == "capabilities":
        return capability_name(w.m, key)
    if group == "governance":
        try:
            return w._(GOVERNANCE_LABELS[GovernanceKey(key)])
        except ValueError:
            return key.replace("_", " ").capitalize()
    return field.replace("_", " ").replace(".", ": ").capitalize()


def item_label(w: Words, item: str, name: str) -> str:
    """A gap's or an ahead's capability or measure, capitalised: `item` named in the report's
    language (`name` is the tools' English wording of it)."""
    label = name if w.language == SOURCE_LANGUAGE else field_label(w, item)
    return label[:1].upper() + label[1:]


def value_label(w: Words, value: str) -> str:
    return w._(VALUE_LABELS[value]) if value in VALUE_LABELS else value


def strategy_label(w: Words, name: StrategyName) -> str:
    """ "Incremental"; in a translation, the strategy's title in the paper's words."""
    short = w._(STRATEGY_LABELS[name]) if name in STRATEGY_LABELS else str(name)
    return short if w.language == SOURCE_LANGUAGE else w.strategy_title(name, short)


def quadrant_label(w: Words, quadrant: Quadrant) -> str:
    return w._(QUADRANT_LABELS[quadrant])


def percent(share: float) -> str:
    return f"{share:.0%}"


def size_label(w: Words, size: str) -> str:
    return w._(SIZE_LABELS[size]) if size in SIZE_LABELS else size


def source_label(w: Words, source: str) -> str:
    return w._("profile") if source == "profile" else source


def legend(w: Words) -> list[str]:
    """What the scores and quadrants mean: the same words in every report."""
    return [
        w._(
            "Value (0–1): the weight of the use case's value-chain function, the objectives it serves, "
            "the pain points it answers."
        ),
        w._(
            "Feasibility (0–1): the level it needs against the level reached, the capabilities and data "
            "in place, the effort."
        ),
        w._(
            "Risk (0–1): confidentiality, accuracy, bias, regulatory, intellectual-property and security "
            "risks, lowered by governance in place."
        ),
        w._("Priority (0–1): value and feasibility together, less risk; the order of the use cases."),
        w._(
            "Quadrants: Quick win (high value, feasible at today's level), Strategic bet (high value, "
            "needs capabilities not yet in place), Fill-in (feasible, modest value), Deprioritise "
            "(modest value and hard, or blocked)."
        ),
    ]
