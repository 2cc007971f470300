"""The words of the question bank: the choices a respondent sees for each kind of answer, and the
governance questions. Values are the profile contract's vocabularies; labels are what people read."""

from __future__ import annotations

from agent.events import Choice
from knowledge.vocabulary import Adoption, DataKind, GovernanceKey, GovernanceLevel, Objective, Size

ADOPTION_CHOICES = (
    Choice(value=Adoption.none.value, label="Not at all"),
    Choice(value=Adoption.exploring.value, label="Exploring: a few people try it out"),
    Choice(value=Adoption.pilot.value, label="In a pilot or proof of concept"),
    Choice(value=Adoption.production.value, label="In production, in everyday use"),
)
GOVERNANCE_CHOICES = (
    Choice(value=GovernanceLevel.none.value, label="Nothing yet"),
    Choice(value=GovernanceLevel.basic.value, label="Basic: informal or partial"),
    Choice(value=GovernanceLevel.advanced.value, label="Advanced: formal, enforced and reviewed"),
)
SIZE_CHOICES = (
    Choice(value=Size.micro.value, label="Micro: under 10 staff"),
    Choice(value=Size.small.value, label="Small: 10 to 249 staff"),
    Choice(value=Size.medium.value, label="Medium: 250 to 4,999 staff"),
    Choice(value=Size.large.value, label="Large: 5,000 staff or more"),
)
OBJECTIVE_LABELS = {
    Objective.revenue_growth: "Revenue growth",
    Objective.cost_reduction: "Cost reduction",
    Objective.customer_experience: "Customer experience",
    Objective.employee_productivity: "Employee productivity",
    Objective.innovation: "Innovation",
    Objective.risk_compliance: "Risk and compliance",
    Objective.time_to_market: "Time to market",
}
DATA_LABELS = {
    DataKind.documents: "Documents (procedures, contracts, reports)",
    DataKind.customer_data: "Customer data",
    DataKind.transactions: "Transactions and orders",
    DataKind.product_data: "Product data",
    DataKind.code: "Source code",
    DataKind.images: "Images or video",
    DataKind.sensor_data: "Sensor or machine data",
    DataKind.none: "None of these",
}
SCALE_CHOICES = (
    Choice(value="1", label="1: marginal"),
    Choice(value="2", label="2: minor"),
    Choice(value="3", label="3: moderate"),
    Choice(value="4", label="4: important"),
    Choice(value="5", label="5: critical"),
)
YESNO_CHOICES = (Choice(value="yes", label="Yes"), Choice(value="no", label="No"))

GOVERNANCE_QUESTIONS = {
    GovernanceKey.monitoring: (
        "Are the outputs of AI tools monitored for security, ethical and bias problems?",
        "Monitoring runs across every level: it watches what the AI receives and produces.",
    ),
    GovernanceKey.ai_policy: (
        "Is there an AI usage policy, with someone accountable for AI risks?",
        "For example an acceptable-use policy for public assistants and a review before an AI application goes live.",
    ),
    GovernanceKey.data_governance: (
        "How far does data governance go: data quality, ownership and access control?",
        "It decides whether enterprise data can safely feed AI applications.",
    ),
}
