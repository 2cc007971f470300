"""The controlled vocabularies of the methodology and of the public profile contract.

Every value here is part of the contract in `shared/spec/profile.md`: renaming one breaks the
profiles consultants keep, so add values, never rename them.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class FunctionKey(StrEnum):
    """The nine functions of Porter's extended value chain."""

    inbound_logistics = "inbound_logistics"
    operations = "operations"
    outbound_logistics = "outbound_logistics"
    marketing_sales = "marketing_sales"
    service = "service"
    firm_infrastructure = "firm_infrastructure"
    hr_management = "hr_management"
    technology_development = "technology_development"
    procurement = "procurement"


class Size(StrEnum):
    """Head count bands: micro < 10, small < 250, medium < 5000, large >= 5000."""

    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


class Objective(StrEnum):
    revenue_growth = "revenue_growth"
    cost_reduction = "cost_reduction"
    customer_experience = "customer_experience"
    employee_productivity = "employee_productivity"
    innovation = "innovation"
    risk_compliance = "risk_compliance"
    time_to_market = "time_to_market"


class Appetite(StrEnum):
    """Used for both the budget (appetite to invest) and the risk appetite."""

    low = "low"
    medium = "medium"
    high = "high"


class DataKind(StrEnum):
    documents = "documents"
    customer_data = "customer_data"
    transactions = "transactions"
    product_data = "product_data"
    code = "code"
    images = "images"
    sensor_data = "sensor_data"
    none = "none"


class Adoption(StrEnum):
    """How far a capability (or GenAI in a function) has gone."""

    none = "none"
    exploring = "exploring"
    pilot = "pilot"
    production = "production"

    @property
    def readiness(self) -> float:
        """A 0..1 reading used for progress and feasibility."""
        return _ADOPTION_READINESS[self]


def readiness(adoption: Adoption | None) -> float:
    """An unknown capability counts as not in place (confidence records that it is unknown)."""
    return adoption.readiness if adoption is not None else 0.0


_ADOPTION_READINESS = {
    Adoption.none: 0.0,
    Adoption.exploring: 1 / 3,
    Adoption.pilot: 2 / 3,
    Adoption.production: 1.0,
}


class GovernanceLevel(StrEnum):
    none = "none"
    basic = "basic"
    advanced = "advanced"

    @property
    def rank(self) -> int:
        return _GOVERNANCE_RANK[self]


_GOVERNANCE_RANK = {GovernanceLevel.none: 0, GovernanceLevel.basic: 1, GovernanceLevel.advanced: 2}


class CapabilityKey(StrEnum):
    """The capabilities the profile records evidence for, grouped by the level they belong to."""

    public_llm_use = "public_llm_use"
    prompt_engineering = "prompt_engineering"
    llm_api_apps = "llm_api_apps"
    io_filters = "io_filters"
    private_cloud_ai = "private_cloud_ai"
    rag = "rag"
    vector_data = "vector_data"
    data_pipelines = "data_pipelines"
    fine_tuning = "fine_tuning"
    ml_team = "ml_team"
    custom_models = "custom_models"
    on_prem_models = "on_prem_models"
    compute = "compute"


class GovernanceKey(StrEnum):
    monitoring = "monitoring"
    ai_policy = "ai_policy"
    data_governance = "data_governance"


class LevelNumber(IntEnum):
    exploratory = 1
    beginner = 2
    context_integration = 3
    advanced = 4
    expert = 5


class RiskKind(StrEnum):
    """The risks of generative AI a use case can carry."""

    confidentiality = "confidentiality"
    accuracy = "accuracy"  # hallucination, wrong or irrelevant answers
    bias = "bias"
    regulatory = "regulatory"
    ip = "ip"  # intellectual property of inputs or outputs
    security = "security"  # prompt injection, data exfiltration, misuse


class Effort(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Quadrant(StrEnum):
    quick_win = "quick_win"  # high value, feasible now
    strategic_bet = "strategic_bet"  # high value, needs capability the firm lacks
    fill_in = "fill_in"  # feasible, modest value
    deprioritize = "deprioritize"  # modest value and hard, or blocked


class StrategyName(StrEnum):
    incremental = "incremental"
    focused = "focused"
    hybrid = "hybrid"
