"""Assessments for the export tests: a French hospital group on a hybrid roadmap with two parallel
tracks, warnings and a use case already running, as the advice code will soon produce them (the
fields are set here with model_copy until it does)."""

from __future__ import annotations

import datetime as dt

from tools.assess import assess
from tools.assessment import Assessment
from tools.export import ReportInfo
from tools.profile_io import parse_profile

HOSPITAL = """
organization:
  name: Groupe Hospitalier Saint-Roch
  sector: healthcare
  size: large
  objectives: [employee_productivity, risk_compliance, customer_experience]
  budget: medium
  risk_appetite: low
  regulated: true
value_chain:
  operations:
    importance: 5
    pain_points: "les comptes rendus de consultation prennent une heure par jour aux médecins"
    data: [documents]
    genai_today: pilot
  service:
    importance: 4
    pain_points: "patients call the switchboard for appointment changes and preparation instructions"
    data: [documents, customer_data]
    genai_today: exploring
  firm_infrastructure:
    importance: 3
    data: [documents]
capabilities:
  public_llm_use: production
  prompt_engineering: pilot
  llm_api_apps: pilot
  io_filters: exploring
  private_cloud_ai: pilot
  rag: exploring
governance:
  monitoring: basic
  ai_policy: basic
  data_governance: basic
"""
INFO = ReportInfo(
    prepared_by="Claire Martin, Lumen Conseil",
    engagement="Comité de direction, décembre 2026",
    prepared_on=dt.date(2026, 12, 1),
)
WARNING = "Les réponses sur la gouvernance des données viennent d'un seul entretien : à confirmer avec le DPO."


def hospital() -> Assessment:
    return assess(parse_profile(HOSPITAL))


def hybrid(a: Assessment) -> Assessment:
    """`a` with two tracks in parallel, KPIs, gates, a warning and its first use case in place."""
    phases = a.roadmap.phases
    assert len(phases) >= 3
    tracks = [
        phases[0].model_copy(
            update={
                "track": "quick wins",
                "start_month": 0,
                "end_month": 6,
                "kpis": ["45 minutes saved per doctor per day"],
                "gate": "two use cases in daily use, no incident",
            }
        ),
        phases[1].model_copy(
            update={"track": "quick wins", "start_month": 6, "end_month": 12, "kpis": ["30% fewer switchboard calls"]}
        ),
        phases[2].model_copy(
            update={
                "track": "foundations",
                "start_month": 0,
                "end_month": 12,
                "horizon": "0-12 months",
                "gate": "RAG platform audited by the DPO",
            }
        ),
    ]
    first = a.use_cases[0].model_copy(update={"in_place": True, "kpis": ["drafts accepted without edits"]})
    second = a.use_cases[1].model_copy(update={"kpis": ["hours saved per week"]})
    return a.model_copy(
        update={
            "roadmap": a.roadmap.model_copy(update={"phases": tracks}),
            "use_cases": [first, second, *a.use_cases[2:]],
            "warnings": [WARNING],
        }
    )
