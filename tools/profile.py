"""The organisation profile: the public contract between the interview and the assessment.

Every field is optional: a missing field is *unknown*. Unknown keys are refused rather than
ignored, because a misspelt key silently read as "unknown" would lower a client's confidence
without anyone noticing why.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from knowledge.vocabulary import (
    Adoption,
    Appetite,
    CapabilityKey,
    DataKind,
    FunctionKey,
    GovernanceKey,
    GovernanceLevel,
    Objective,
    Size,
)

# Control characters (NUL, terminal escape sequences, C1 codes) have no place in a company name or
# an answer, and would reach every export and terminal that shows them: they are dropped on entry.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _without_controls(text: str) -> str:
    return _CONTROL.sub("", text)


Text = Annotated[str, AfterValidator(_without_controls)]

_STRICT = ConfigDict(extra="forbid")
# A company called 3M may well be typed `name: 3M`, but `name: 1984` reads as a number in YAML.
_TEXTUAL = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Organization(BaseModel):
    model_config = _TEXTUAL

    name: Text | None = None
    sector: Text | None = None
    size: Size | None = None
    objectives: list[Objective] | None = None
    budget: Appetite | None = None
    risk_appetite: Appetite | None = None
    regulated: bool | None = None


class FunctionProfile(BaseModel):
    """What the profile says about one value-chain function."""

    model_config = _TEXTUAL

    importance: Annotated[int, Field(ge=1, le=5)] | None = None
    pain_points: Text | None = None
    data: list[DataKind] | None = None
    genai_today: Adoption | None = None


class Evidence(BaseModel):
    """Where a profile field came from: the interview question and the answer given."""

    model_config = _STRICT

    question: Text
    answer: Text


class Profile(BaseModel):
    model_config = _STRICT

    organization: Organization = Field(default_factory=Organization)
    value_chain: dict[FunctionKey, FunctionProfile] = Field(default_factory=dict)
    capabilities: dict[CapabilityKey, Adoption] = Field(default_factory=dict)
    governance: dict[GovernanceKey, GovernanceLevel] = Field(default_factory=dict)
    # catalogue ids, or free text matched to them: recognised as in place, never planned again
    use_cases_in_place: list[Text] = Field(default_factory=list)
    # Optional addition to the contract: field path (e.g. "capabilities.rag") -> its source.
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    @field_validator("organization", mode="before")
    @classmethod
    def _empty_organization(cls, value: object) -> object:
        return {} if value is None else value

    @field_validator("value_chain", mode="before")
    @classmethod
    def _functions_without_details(cls, value: object) -> object:
        # `service:` with nothing under it names the function as present, details unknown.
        if value is None:
            return {}
        if isinstance(value, dict):
            return {key: {} if details is None else details for key, details in value.items()}
        return value

    @field_validator("capabilities", "governance", "evidence", mode="before")
    @classmethod
    def _nulls_are_unknown(cls, value: object) -> object:
        # `rag:` with nothing after it reads as null in YAML: that is unknown, not an error.
        if value is None:
            return {}
        if isinstance(value, dict):
            return {key: item for key, item in value.items() if item is not None}
        return value

    def capability(self, key: CapabilityKey) -> Adoption | None:
        return self.capabilities.get(key)

    def governance_level(self, key: GovernanceKey) -> GovernanceLevel | None:
        return self.governance.get(key)

    def source_of(self, field: str) -> str:
        """How a conclusion cites a field: the interview exchange when known, else the profile."""
        found = self.evidence.get(field)
        if found is None:
            return "profile"
        return f'interview: "{found.question}" -> "{found.answer}"'
