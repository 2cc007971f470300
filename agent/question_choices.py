"""The words of the question bank: the choices a respondent sees for each kind of answer, and the
governance questions. Values are the profile contract's vocabularies; labels are what people read,
marked with `N_` and translated where a question is shown (`agent.questions.localized_bank`)."""

from __future__ import annotations

from agent.events import Choice
from knowledge.locales import N_
from knowledge.vocabulary import Adoption, DataKind, GovernanceKey, GovernanceLevel, Objective, Size

ADOPTION_CHOICES = (
    Choice(value=Adoption.none.value, label=N_("Not at all")),
    Choice(value=Adoption.exploring.value, label=N_("Exploring: a few people try it out")),
    Choice(value=Adoption.pilot.value, label=N_("In a pilot or proof of concept")),
    Choice(value=Adoption.production.value, label=N_("In production, in everyday use")),
)
GOVERNANCE_CHOICES = (
    Choice(value=GovernanceLevel.none.value, label=N_("Nothing yet")),
    Choice(value=GovernanceLevel.basic.value, label=N_("Basic: informal or partial")),
    Choice(value=GovernanceLevel.advanced.value, label=N_("Advanced: formal, enforced and reviewed")),
)
SIZE_CHOICES = (
    Choice(value=Size.micro.value, label=N_("Micro: under 10 staff")),
    Choice(value=Size.small.value, label=N_("Small: 10 to 249 staff")),
    Choice(value=Size.medium.value, label=N_("Medium: 250 to 4,999 staff")),
    Choice(value=Size.large.value, label=N_("Large: 5,000 staff or more")),
)
OBJECTIVE_LABELS = {
    Objective.revenue_growth: N_("Revenue growth"),
    Objective.cost_reduction: N_("Cost reduction"),
    Objective.customer_experience: N_("Customer experience"),
    Objective.employee_productivity: N_("Employee productivity"),
    Objective.innovation: N_("Innovation"),
    Objective.risk_compliance: N_("Risk and compliance"),
    Objective.time_to_market: N_("Time to market"),
}
DATA_LABELS = {
    DataKind.documents: N_("Documents (procedures, contracts, reports)"),
    DataKind.customer_data: N_("Customer data"),
    DataKind.transactions: N_("Transactions and orders"),
    DataKind.product_data: N_("Product data"),
    DataKind.code: N_("Source code"),
    DataKind.images: N_("Images or video"),
    DataKind.sensor_data: N_("Sensor or machine data"),
    DataKind.none: N_("None of these"),
}
SCALE_CHOICES = (
    Choice(value="1", label=N_("1: marginal")),
    Choice(value="2", label=N_("2: minor")),
    Choice(value="3", label=N_("3: moderate")),
    Choice(value="4", label=N_("4: important")),
    Choice(value="5", label=N_("5: critical")),
)
YESNO_CHOICES = (Choice(value="yes", label=N_("Yes")), Choice(value="no", label=N_("No")))

GOVERNANCE_QUESTIONS = {
    GovernanceKey.monitoring: (
        N_("Are the outputs of AI tools monitored for security, ethical and bias problems?"),
        N_("Monitoring runs across every level: it watches what the AI receives and produces."),
    ),
    GovernanceKey.ai_policy: (
        N_("Is there an AI usage policy, with someone accountable for AI risks?"),
        N_(
            "For example an acceptable-use policy for public assistants and a review before an AI application "
            "goes live."
        ),
    ),
    GovernanceKey.data_governance: (
        N_("How far does data governance go: data quality, ownership and access control?"),
        N_("It decides whether enterprise data can safely feed AI applications."),
    ),
}
