"""The shapes of what the advisor concludes. The JSON export is `Assessment.model_dump()`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from knowledge.vocabulary import FunctionKey, Quadrant, StrategyName


class Finding(BaseModel):
    """One piece of evidence: a profile field, what it says, and what it led to."""

    field: str
    value: str
    conclusion: str
    source: str = "profile"


class Gap(BaseModel):
    """A capability or governance measure below what a level expects."""

    item: str  # e.g. "capabilities.rag" or "governance.monitoring"
    name: str
    level: int
    current: str  # its value, or "unknown"
    needed: str
    why: str


class Ahead(BaseModel):
    item: str
    name: str
    level: int
    value: str
    note: str


class MaturityResult(BaseModel):
    level: int
    name: str
    progress: float = Field(ge=0, le=1)
    confidence: float = Field(ge=0, le=1)
    evidence: list[Finding]
    gaps: list[Gap]
    ahead: list[Ahead]
    next_level: int | None
    unknown: list[str]  # the fields that would raise confidence most


class UseCaseAssessment(BaseModel):
    id: str
    title: str
    function: FunctionKey
    min_level: int
    value: float = Field(ge=0, le=1)
    feasibility: float = Field(ge=0, le=1)
    risk: float = Field(ge=0, le=1)
    priority: float = Field(ge=0, le=1)
    quadrant: Quadrant
    rationale: str
    blocker: str | None = None
    evolves_from: str | None = None
    description: str = ""
    in_place: bool = False  # the client already runs it: evidence, never planned again
    kpis: list[str] = []


class StrategyOption(BaseModel):
    name: StrategyName
    score: int
    reasons: list[str]


class StrategyRecommendation(BaseModel):
    name: StrategyName
    title: str
    score: int
    reasons: list[str]
    rationale: str
    alternatives: list[StrategyOption]  # the other strategies, best first
    watch_out: list[str]


class Phase(BaseModel):
    name: str
    horizon: str
    start_month: int
    end_month: int
    target_level: int
    use_cases: list[str]
    capabilities: list[str]
    pattern: list[str]
    governance: list[str]
    solutions: list[str]
    objective: str
    track: str = "main"  # hybrid roadmaps run two or more tracks in parallel
    kpis: list[str] = []  # indicators that show this phase's use cases deliver
    gate: str = ""  # what must be true before the next phase of this track starts


class Roadmap(BaseModel):
    phases: list[Phase]
    later: list[str] = []  # selected use cases beyond the roadmap's horizon
    notes: list[str] = []


class OrganizationSummary(BaseModel):
    name: str | None
    sector: str | None
    sector_key: str | None
    size: str | None


class Assessment(BaseModel):
    organization: OrganizationSummary
    maturity: MaturityResult
    use_cases: list[UseCaseAssessment]
    strategy: StrategyRecommendation
    roadmap: Roadmap
    methodology_version: str
    warnings: list[str] = []  # what the reader must know before trusting the advice; shown first


# The fields that hold words, per model: what changes with the language of an assessment. Every
# other field (ids, keys, levels, scores, order) is the advice itself and must not.
TEXT_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Finding: frozenset({"conclusion"}),
    Gap: frozenset({"name", "why"}),
    Ahead: frozenset({"name", "note"}),
    MaturityResult: frozenset({"name"}),
    UseCaseAssessment: frozenset({"title", "rationale", "blocker", "description", "kpis"}),
    StrategyOption: frozenset({"reasons"}),
    StrategyRecommendation: frozenset({"title", "reasons", "rationale", "watch_out"}),
    Phase: frozenset({"name", "horizon", "governance", "solutions", "objective", "kpis", "gate"}),
    Roadmap: frozenset({"notes"}),
    Assessment: frozenset({"warnings"}),
}


def decisions(node: Any) -> Any:
    """The language-neutral projection of an assessment (or of any part of it): its words
    replaced by what they amount to, a list of texts by its length and a text by whether there
    is one, so two assessments of the same profile in two languages project to the same value."""
    if isinstance(node, BaseModel):
        texts = TEXT_FIELDS.get(type(node), frozenset())
        return {name: _said(value) if name in texts else decisions(value) for name, value in node}
    if isinstance(node, list):
        return [decisions(item) for item in node]
    return node


def _said(value: Any) -> Any:
    if isinstance(value, list):
        return len(value)
    return bool(value)
