"""Pydantic models of the methodology data files in `knowledge/data/`.

The YAML files are the methodology; these models are their grammar. Loading validates every
cross-reference (a use case naming an unknown pattern block, a level naming an unknown
capability...) so a consultant editing the data gets an error at load time, not a wrong result.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.vocabulary import (
    CapabilityKey,
    DataKind,
    Effort,
    FunctionKey,
    GovernanceKey,
    GovernanceLevel,
    Objective,
    RiskKind,
    StrategyName,
)

_STRICT = ConfigDict(extra="forbid", frozen=True)

Level = Annotated[int, Field(ge=1, le=5)]
Severity = Annotated[int, Field(ge=1, le=3)]


class PatternBlock(BaseModel):
    """One block of the reference architecture pattern (user interface, orchestrator, RAG...)."""

    model_config = _STRICT

    key: str
    name: str
    description: str


class Capability(BaseModel):
    model_config = _STRICT

    key: CapabilityKey
    name: str
    level: Level
    defining: bool = False
    description: str
    question: str  # how an interviewer asks about it, in plain words


class Solution(BaseModel):
    model_config = _STRICT

    kind: str
    examples: list[str]


class MaturityLevel(BaseModel):
    model_config = _STRICT

    number: Level
    key: str
    name: str
    source_name: str  # the French name in the source paper
    summary: str
    defining_capability: CapabilityKey
    pattern_blocks: list[str]  # blocks of the reference pattern switched on at this level
    skills: list[str]
    governance_expected: dict[GovernanceKey, GovernanceLevel]
    governance_measures: list[str]
    solutions: list[Solution]


class ValueChainFunction(BaseModel):
    model_config = _STRICT

    key: FunctionKey
    name: str
    kind: Literal["primary", "support"]
    description: str


class Sector(BaseModel):
    model_config = _STRICT

    key: str
    name: str
    aliases: list[str] = []


class UseCase(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    description: str
    function: FunctionKey
    min_level: Level
    pattern: list[str]  # pattern blocks the use case relies on
    value_drivers: list[str]
    objectives: list[Objective]
    data: list[DataKind]
    risks: dict[RiskKind, Severity]
    effort: Effort
    kpis: list[str]
    sectors: list[str] = []  # sector keys where it fits best; empty = any sector
    sector_specific: bool = False  # only makes sense in `sectors` (e.g. molecule generation)
    evolves_from: str | None = None  # a simpler use case this one grows out of
    keywords: list[str] = []  # words a pain-point description may use for this need
    # The case's own risk profile: what regulation, risk appetite and governance weigh on.
    customer_facing: bool = False  # its output reaches customers, patients or citizens directly
    regulated_data: bool = False  # it processes health, financial or other regulated personal data
    ai_act_high_risk: bool = False  # an EU AI Act Annex III use (hiring, credit scoring, ...)
    deployments: list[str] = []  # well-known public deployments, named only where certain


class Strategy(BaseModel):
    model_config = _STRICT

    name: StrategyName
    title: str
    summary: str
    fits_when: list[str]
    watch_out: list[str]
    example: str


class Methodology(BaseModel):
    """Everything in `knowledge/data/`, validated and cross-checked."""

    model_config = _STRICT

    version: str
    pattern_blocks: list[PatternBlock]
    capabilities: list[Capability]
    levels: list[MaturityLevel]
    functions: list[ValueChainFunction]
    sectors: list[Sector]
    use_cases: list[UseCase]
    strategies: list[Strategy]
