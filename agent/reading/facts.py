"""The other profile fields one answer gives, read without a model.

"Assurances Horizon, a big insurer, 9,000 people in France and Belgium" answers the sector
question and also names the organisation and its size. Only plain signals count: a head count
followed by a people word, a sector named by the kind of organisation, a name at the start of an
introduction. Whatever is found here fills only fields that are still unknown (the node checks)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from agent.reading.numbers import head_count, size_band
from agent.reading.sector import read_sector

if TYPE_CHECKING:
    from agent.questions import BankQuestion

# "Assurances Horizon, a big insurer", "We are Hôtels du Lac, a chain…", "Nous sommes Mutuelle
# Armor, une mutuelle…": capitalised words, then a comma and an article.
_NAME = re.compile(
    r"^\s*(?:(?:we are|we're|we re|this is|i work for|i work at|nous sommes|c'est|c’est|je travaille (?:pour|chez))\s+)?"
    r"((?:[A-ZÀ-Ý][\w'’&.-]*|de|du|des|la|le|of|and|et|&)(?:\s+(?:[A-ZÀ-Ý][\w'’&.-]*|de|du|des|la|le|of|and|et|&)){0,5})"
    r"\s*,\s*(?:a|an|the|un|une|le|la|l'|l’|we|nous)\b"
)
NOT_NAMES = {
    "We",
    "Well",
    "Yes",
    "No",
    "Oui",
    "Non",
    "So",
    "Alors",
    "Bon",
    "Honestly",
    "Basically",
    "Nous",
    "Mostly",
    "Only",
    "About",
    "Environ",
    "Hmm",
}


def organisation_name(raw: str) -> str | None:
    match = _NAME.match(raw)
    if not match:
        return None
    name = match.group(1).strip(" .")
    first = name.split()[0] if name.split() else ""
    if not first[:1].isupper() or first in NOT_NAMES or len(name) > 60:
        return None
    return name


def side_facts(question: BankQuestion, raw: str) -> dict[str, Any]:
    """Field path -> value for the plain facts in `raw` besides what `question` asks."""
    facts: dict[str, Any] = {}
    if question.section != "organization":  # elsewhere "5 people" is a team, not the organisation
        return facts
    if question.id != "organization.size":
        count = head_count(raw)
        if (
            count is not None
            and count >= 1
            and not re.search(r"\b(team|teams|equipe|equipes|équipe|équipes)\b", raw.lower())
        ):
            facts["organization.size"] = size_band(count)
    if question.id != "organization.sector":
        sector = read_sector(raw)
        if sector.key is not None and sector.score >= 3 and sector.runner_up * 2 < sector.score:
            facts["organization.sector"] = sector.key
    name = organisation_name(raw)
    if name is not None:
        facts["organization.name"] = name
    return facts
