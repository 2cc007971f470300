"""The controlled vocabularies of the methodology and of the public profile contract.

Every value here is part of the contract in `shared/spec/profile.md`: renaming one breaks the
profiles consultants keep, so add values, never rename them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum, StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.i18n import Language


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


# Words for the values above, as a sentence or a table says them. English keeps the key with
# spaces ("cost reduction"), the words every English text and export already shows; other
# languages come from the methodology catalogue, with the vocabulary's name as context since the
# same key means different words in different vocabularies ("none": no use, no data, no governance).
Vocabulary = (
    FunctionKey
    | Size
    | Objective
    | Appetite
    | DataKind
    | Adoption
    | GovernanceLevel
    | CapabilityKey
    | GovernanceKey
    | RiskKind
    | Effort
    | Quadrant
    | StrategyName
)


def _label_table(pgettext: Callable[[str, str], str]) -> dict[type[StrEnum], dict[str, str]]:
    return {
        FunctionKey: {
            FunctionKey.inbound_logistics: pgettext("function", "inbound logistics"),
            FunctionKey.operations: pgettext("function", "operations"),
            FunctionKey.outbound_logistics: pgettext("function", "outbound logistics"),
            FunctionKey.marketing_sales: pgettext("function", "marketing sales"),
            FunctionKey.service: pgettext("function", "service"),
            FunctionKey.firm_infrastructure: pgettext("function", "firm infrastructure"),
            FunctionKey.hr_management: pgettext("function", "hr management"),
            FunctionKey.technology_development: pgettext("function", "technology development"),
            FunctionKey.procurement: pgettext("function", "procurement"),
        },
        Size: {
            Size.micro: pgettext("size", "micro"),
            Size.small: pgettext("size", "small"),
            Size.medium: pgettext("size", "medium"),
            Size.large: pgettext("size", "large"),
        },
        Objective: {
            Objective.revenue_growth: pgettext("objective", "revenue growth"),
            Objective.cost_reduction: pgettext("objective", "cost reduction"),
            Objective.customer_experience: pgettext("objective", "customer experience"),
            Objective.employee_productivity: pgettext("objective", "employee productivity"),
            Objective.innovation: pgettext("objective", "innovation"),
            Objective.risk_compliance: pgettext("objective", "risk compliance"),
            Objective.time_to_market: pgettext("objective", "time to market"),
        },
        Appetite: {
            Appetite.low: pgettext("appetite", "low"),
            Appetite.medium: pgettext("appetite", "medium"),
            Appetite.high: pgettext("appetite", "high"),
        },
        DataKind: {
            DataKind.documents: pgettext("data", "documents"),
            DataKind.customer_data: pgettext("data", "customer data"),
            DataKind.transactions: pgettext("data", "transactions"),
            DataKind.product_data: pgettext("data", "product data"),
            DataKind.code: pgettext("data", "code"),
            DataKind.images: pgettext("data", "images"),
            DataKind.sensor_data: pgettext("data", "sensor data"),
            DataKind.none: pgettext("data", "none"),
        },
        Adoption: {
            Adoption.none: pgettext("adoption", "none"),
            Adoption.exploring: pgettext("adoption", "exploring"),
            Adoption.pilot: pgettext("adoption", "pilot"),
            Adoption.production: pgettext("adoption", "production"),
        },
        GovernanceLevel: {
            GovernanceLevel.none: pgettext("governance level", "none"),
            GovernanceLevel.basic: pgettext("governance level", "basic"),
            GovernanceLevel.advanced: pgettext("governance level", "advanced"),
        },
        CapabilityKey: {
            CapabilityKey.public_llm_use: pgettext("capability", "public llm use"),
            CapabilityKey.prompt_engineering: pgettext("capability", "prompt engineering"),
            CapabilityKey.llm_api_apps: pgettext("capability", "llm api apps"),
            CapabilityKey.io_filters: pgettext("capability", "io filters"),
            CapabilityKey.private_cloud_ai: pgettext("capability", "private cloud ai"),
            CapabilityKey.rag: pgettext("capability", "rag"),
            CapabilityKey.vector_data: pgettext("capability", "vector data"),
            CapabilityKey.data_pipelines: pgettext("capability", "data pipelines"),
            CapabilityKey.fine_tuning: pgettext("capability", "fine tuning"),
            CapabilityKey.ml_team: pgettext("capability", "ml team"),
            CapabilityKey.custom_models: pgettext("capability", "custom models"),
            CapabilityKey.on_prem_models: pgettext("capability", "on prem models"),
            CapabilityKey.compute: pgettext("capability", "compute"),
        },
        GovernanceKey: {
            GovernanceKey.monitoring: pgettext("governance", "monitoring"),
            GovernanceKey.ai_policy: pgettext("governance", "ai policy"),
            GovernanceKey.data_governance: pgettext("governance", "data governance"),
        },
        RiskKind: {
            RiskKind.confidentiality: pgettext("risk", "confidentiality"),
            RiskKind.accuracy: pgettext("risk", "accuracy"),
            RiskKind.bias: pgettext("risk", "bias"),
            RiskKind.regulatory: pgettext("risk", "regulatory"),
            RiskKind.ip: pgettext("risk", "ip"),
            RiskKind.security: pgettext("risk", "security"),
        },
        Effort: {
            Effort.low: pgettext("effort", "low"),
            Effort.medium: pgettext("effort", "medium"),
            Effort.high: pgettext("effort", "high"),
        },
        Quadrant: {
            Quadrant.quick_win: pgettext("quadrant", "quick win"),
            Quadrant.strategic_bet: pgettext("quadrant", "strategic bet"),
            Quadrant.fill_in: pgettext("quadrant", "fill in"),
            Quadrant.deprioritize: pgettext("quadrant", "deprioritize"),
        },
        StrategyName: {
            StrategyName.incremental: pgettext("strategy", "incremental"),
            StrategyName.focused: pgettext("strategy", "focused"),
            StrategyName.hybrid: pgettext("strategy", "hybrid"),
        },
    }


@cache
def _labels(language: Language) -> dict[type[StrEnum], dict[str, str]]:
    # Imported here: knowledge.locales reads knowledge.i18n, which reads this module.
    from knowledge.locales import translations

    return _label_table(translations(language, "methodology").pgettext)


def label(value: Vocabulary, language: Language = "en") -> str:
    """The word for a vocabulary value in `language`, lower case as in the middle of a sentence:
    `label(Objective.cost_reduction, "fr")` is "réduction des coûts"."""
    return _labels(language)[type(value)][value]


def labels(values: Iterable[Vocabulary], language: Language = "en") -> list[str]:
    return [label(value, language) for value in values]
