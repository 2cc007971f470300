"""What the reader sees instead of the assessment's keys, and the cleaning of exported text.

The assessment stores keys (`capabilities.io_filters`, `quick_win`, `production`); a board reads
names ("Input/output filters", "Quick win", "In production"). The names of capabilities, functions
and levels come from the methodology data; the few words below are the exports' own.
"""

from __future__ import annotations

import re

from knowledge.methodology import capability, function, level
from knowledge.schema import Methodology
from knowledge.vocabulary import CapabilityKey, FunctionKey, GovernanceKey, Quadrant, StrategyName
from tools.assessment import Assessment

QUADRANT_LABELS = {
    Quadrant.quick_win: "Quick win",
    Quadrant.strategic_bet: "Strategic bet",
    Quadrant.fill_in: "Fill-in",
    Quadrant.deprioritize: "Deprioritise",
}
STRATEGY_LABELS = {
    StrategyName.incremental: "Incremental",
    StrategyName.focused: "Focused",
    StrategyName.hybrid: "Hybrid",
}
GOVERNANCE_LABELS = {
    GovernanceKey.monitoring: "Monitoring of security, ethics and bias",
    GovernanceKey.ai_policy: "AI policy",
    GovernanceKey.data_governance: "Data governance",
}
# Adoption stages of a capability and governance levels, as a reader says them.
VALUE_LABELS = {
    "none": "Not in place",
    "exploring": "Exploring",
    "pilot": "In pilot",
    "production": "In production",
    "basic": "Basic",
    "advanced": "Advanced",
    "unknown": "Not known",
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


def field_label(m: Methodology, field: str) -> str:
    """`capabilities.io_filters` -> "Input/output filters"; `governance.ai_policy` -> "AI policy"."""
    group, _, key = field.partition(".")
    if group == "capabilities":
        return capability_name(m, key)
    if group == "governance":
        try:
            return GOVERNANCE_LABELS[GovernanceKey(key)]
        except ValueError:
            return key.replace("_", " ").capitalize()
    return field.replace("_", " ").replace(".", ": ").capitalize()


def value_label(value: str) -> str:
    return VALUE_LABELS.get(value, value)


def strategy_label(name: StrategyName) -> str:
    return STRATEGY_LABELS.get(name, str(name))


def percent(share: float) -> str:
    return f"{share:.0%}"
