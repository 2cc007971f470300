"""Data quality of the use-case catalogue and the sector list: what a consultant relies on when the
advice names a use case in front of a hospital group, a law firm or a French manufacturer."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest
import yaml

from knowledge.methodology import data_dir, load_methodology, sector_key
from knowledge.schema import UseCase
from knowledge.vocabulary import FunctionKey

# The sector keys shipped before the catalogue grew; saved assessments refer to them.
ORIGINAL_SECTORS = {
    "retail",
    "ecommerce",
    "banking",
    "insurance",
    "pharma",
    "healthcare",
    "manufacturing",
    "energy",
    "telecom",
    "logistics",
    "software",
    "media",
    "public_sector",
    "professional_services",
    "education",
    "hospitality",
    "real_estate",
    "agriculture",
}


def folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def case(case_id: str) -> UseCase:
    return next(u for u in load_methodology().use_cases if u.id == case_id)


def raw_entries() -> list[dict]:
    """The catalogue as written, to check what each entry states rather than the schema defaults."""
    return yaml.safe_load((data_dir() / "use_cases.yaml").read_text(encoding="utf-8"))["use_cases"]


def test_catalogue_is_large_and_spread_over_the_value_chain(methodology):
    cases = methodology.use_cases
    assert len(cases) >= 120
    for key in FunctionKey:
        assert sum(c.function == key for c in cases) >= 6, key
    for number in range(1, 6):
        assert sum(c.min_level == number for c in cases) >= 5, number


def test_sector_keys_are_kept_and_consumer_goods_and_defence_added(methodology):
    keys = {s.key for s in methodology.sectors}
    assert ORIGINAL_SECTORS | {"consumer_goods", "defence"} <= keys


@pytest.mark.parametrize("sector", sorted(ORIGINAL_SECTORS | {"consumer_goods", "defence"}))
def test_every_sector_has_four_cases_of_its_own_two_within_reach(methodology, sector):
    own = [c for c in methodology.use_cases if sector in c.sectors]
    assert len(own) >= 4, [c.id for c in own]
    assert sum(c.min_level <= 3 for c in own) >= 2, [(c.id, c.min_level) for c in own]
    assert any(c.min_level <= 2 for c in own)  # a first step of its own, not only generic drafting
    assert len({c.function for c in own}) >= 2  # a sector is more than one department


def test_every_known_sector_is_covered(methodology):
    for sector in methodology.sectors:
        own = [c for c in methodology.use_cases if sector.key in c.sectors]
        assert len(own) >= 4 and sum(c.min_level <= 3 for c in own) >= 2, sector.key


def test_healthcare_is_served_at_every_level_not_only_by_a_model_build(methodology):
    levels = {c.min_level for c in methodology.use_cases if "healthcare" in c.sectors}
    assert {1, 2, 3} <= levels
    for needed in (
        "ambient_clinical_notes",
        "discharge_letter_drafting",
        "clinical_coding_assistant",
        "patient_information_assistant",
        "appointment_request_handling",
        "referral_letter_drafting",
    ):
        assert "healthcare" in case(needed).sectors and case(needed).min_level <= 3, needed


@pytest.mark.parametrize(
    ("sector", "needed"),
    [
        (
            "professional_services",
            {
                "legal_contract_review",
                "due_diligence_review",
                "precedent_clause_library",
                "matter_summary_drafting",
                "audit_evidence_review",
            },
        ),
        ("banking", {"adviser_knowledge_assistant", "kyc_file_preparation", "complaint_response_assistant"}),
        ("insurance", {"underwriting_submission_intake", "claims_first_notice_intake", "policy_wording_assistant"}),
        ("public_sector", {"citizen_request_assistant", "citizen_mail_triage"}),
        ("media", {"news_archive_assistant", "interview_transcript_summaries", "fact_check_assistant"}),
    ],
)
def test_the_sector_needs_named_in_the_issue_have_a_case(methodology, sector, needed):
    own = {c.id for c in methodology.use_cases if sector in c.sectors}
    assert needed <= own, needed - own


def test_every_entry_states_its_kpis_and_its_risk_profile():
    for entry in raw_entries():
        assert entry["kpis"], entry["id"]
        for field in ("customer_facing", "regulated_data", "ai_act_high_risk", "deployments"):
            assert field in entry, (entry["id"], field)


def test_annex_iii_uses_are_flagged_high_risk(methodology):
    high = {c.id for c in methodology.use_cases if c.ai_act_high_risk}
    assert {
        "cv_screening",
        "skills_matching_finetuned",
        "assignment_feedback_assistant",
        "admissions_file_summaries",
        "benefit_eligibility_assistant",
        "life_health_underwriting_summaries",
    } <= high
    # Drafting a memo or a headline is not high-risk; flagging everything would flatten the ranking.
    assert {"office_drafting_assistant", "headline_and_summary_variants", "code_assistant"}.isdisjoint(high)
    assert len(high) <= len(methodology.use_cases) // 5
    for c in methodology.use_cases:
        if c.ai_act_high_risk:  # a high-risk use processes people's data and carries a serious risk
            assert c.regulated_data and max(c.risks.values()) == 3, c.id


def test_cases_serving_people_directly_are_flagged_customer_facing(methodology):
    facing = {c.id for c in methodology.use_cases if c.customer_facing}
    assert {
        "customer_chatbot_rag",
        "faq_automation",
        "citizen_request_assistant",
        "patient_information_assistant",
        "student_tutor_assistant",
        "guest_messaging_assistant",
    } <= facing
    assert {"code_assistant", "clinical_coding_assistant", "legal_contract_review"}.isdisjoint(facing)


@pytest.mark.parametrize(
    "case_id", ["suspicious_activity_reports", "skills_matching_finetuned", "tail_spend_buying_agent"]
)
def test_retrieval_problems_sit_at_level_three_not_fine_tuning(case_id):
    corrected = case(case_id)
    assert corrected.min_level == 3
    assert "rag" in corrected.pattern and "fine_tuning" not in corrected.pattern


def test_freight_quoting_is_selling():
    assert case("freight_quote_finetuned").function == FunctionKey.marketing_sales


@pytest.mark.parametrize("case_id", ["replenishment_advisor_finetuned", "process_control_custom_model"])
def test_numbers_are_left_to_engines_and_the_case_is_a_language_task(case_id):
    reframed = case(case_id)
    assert reframed.min_level <= 3
    assert {"fine_tuning", "custom_llm"}.isdisjoint(reframed.pattern)
    assert "engine" in reframed.description or "control system" in reframed.description


def test_pattern_blocks_match_the_level(methodology):
    for c in methodology.use_cases:
        blocks = set(c.pattern)
        assert ("rag" in blocks) == (c.min_level >= 3) or c.min_level == 5, c.id
        assert ("fine_tuning" in blocks) == (c.min_level == 4), c.id
        assert ("custom_llm" in blocks) == (c.min_level == 5), c.id
        assert ("api_integration" in blocks) == (c.min_level >= 2), c.id


def test_level_one_cases_keep_personal_data_out_of_public_assistants(methodology):
    for c in methodology.use_cases:
        if c.min_level == 1:
            assert not c.regulated_data and not c.ai_act_high_risk, c.id


def test_keywords_are_distinct_between_cases_and_include_french(methodology):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in methodology.use_cases:
        assert len(c.keywords) >= 4, c.id
        for word in c.keywords:
            owners[folded(word)].add(c.id)
    shared = {word: ids for word, ids in owners.items() if len(ids) > 1}
    assert shared == {}
    accented = [c.id for c in methodology.use_cases if any(folded(k) != k.lower() for k in c.keywords)]
    assert len(accented) >= len(methodology.use_cases) * 0.6  # French words carry accents more often than not


@pytest.mark.parametrize(
    ("french", "case_id"),
    [
        ("contrats", "legal_contract_review"),
        ("clauses", "supplier_contract_review"),
        ("réclamations", "complaint_response_assistant"),
        ("sinistres", "insurance_claims_handling"),
        ("factures", "invoice_matching"),
        ("appels d'offres", "tender_requirements_matrix"),
        ("dossiers patients", "discharge_letter_drafting"),
        ("comptes rendus de chantier", "site_daily_reports"),
        ("comptes rendus de séance", "council_minutes_drafting"),
        ("devis séminaires", "group_event_proposals"),
        ("candidatures", "cv_screening"),
        ("pannes", "predictive_maintenance_reports"),
    ],
)
def test_french_words_clients_use_are_in_the_right_case(french, case_id):
    assert folded(french) in {folded(k) for k in case(case_id).keywords}


def test_well_known_deployments_are_named_on_their_case():
    assert any("Morgan Stanley" in d for d in case("adviser_knowledge_assistant").deployments)
    assert any("Copilot" in d for d in case("code_assistant").deployments)
    assert any("Klarna" in d for d in case("customer_chatbot_rag").deployments)
    assert any("Harvey" in d for d in case("legal_research_assistant").deployments)
    tutors = " ".join(case("student_tutor_assistant").deployments)
    assert "Khanmigo" in tutors and "Duolingo" in tutors


def test_deployments_are_few_and_named_once(methodology):
    named = [d for c in methodology.use_cases for d in c.deployments]
    assert len(named) == len(set(named))
    assert sum(bool(c.deployments) for c in methodology.use_cases) <= len(methodology.use_cases) // 5


def chain(methodology, case_id: str) -> list[int]:
    ids = {c.id: c for c in methodology.use_cases}
    levels = []
    current: str | None = case_id
    while current is not None:
        levels.append(ids[current].min_level)
        current = ids[current].evolves_from
    return levels[::-1]


def test_evolution_chains_grow_from_everyday_habits(methodology):
    assert chain(methodology, "customer_chatbot_finetuned")[-2:] == [3, 4]  # the source's own example
    starts_from_a_habit = [c.id for c in methodology.use_cases if chain(methodology, c.id)[:3] == [1, 2, 3]]
    assert len(starts_from_a_habit) >= 3, starts_from_a_habit
    assert sum(c.evolves_from is not None for c in methodology.use_cases) >= 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("manufacturer", "manufacturing"),
        ("car maker", "manufacturing"),
        ("automaker", "manufacturing"),
        ("industriel", "manufacturing"),
        ("fabricant", "manufacturing"),
        ("constructeur automobile", "manufacturing"),
        ("pharmacy", "healthcare"),
        ("pharmacie", "healthcare"),
        ("hospital group", "healthcare"),
        ("hôpital", "healthcare"),
        ("clinique", "healthcare"),
        ("drug maker", "pharma"),
        ("supermarket", "retail"),
        ("grocer", "retail"),
        ("grande distribution", "retail"),
        ("distribution", "retail"),
        ("FMCG", "consumer_goods"),
        ("consumer goods", "consumer_goods"),
        ("cosmétiques", "consumer_goods"),
        ("defence", "defence"),
        ("defense", "defence"),
        ("ministère des armées", "defence"),
        ("newspaper", "media"),
        ("newsroom", "media"),
        ("agence de presse", "media"),
        ("law firm", "professional_services"),
        ("lawyers", "professional_services"),
        ("solicitors", "professional_services"),
        ("cabinet d'avocats", "professional_services"),
        ("expert-comptable", "professional_services"),
        ("mutual insurer", "insurance"),
        ("assureur", "insurance"),
        ("mutuelle", "insurance"),
        ("health insurer", "insurance"),
        ("bank", "banking"),
        ("banque", "banking"),
        ("retail bank", "banking"),
        ("hospitality", "hospitality"),
        ("hospitals", "healthcare"),
        ("university", "education"),
        ("université", "education"),
        ("hotel chain", "hospitality"),
        ("hôtellerie", "hospitality"),
        ("tour operator", "hospitality"),
        ("council", "public_sector"),
        ("city", "public_sector"),
        ("collectivité", "public_sector"),
        ("mairie", "public_sector"),
        ("éditeur de logiciels", "software"),
        ("bailleur social", "real_estate"),
        ("btp", "real_estate"),
        ("agroalimentaire", "agriculture"),
        ("opérateur télécom", "telecom"),
    ],
)
def test_everyday_and_french_sector_names_are_recognised(methodology, text, expected):
    assert sector_key(methodology, text) == expected


def test_no_alias_points_at_two_sectors(methodology):
    owners: dict[str, set[str]] = defaultdict(set)
    for sector in methodology.sectors:
        for name in (sector.key.replace("_", " "), sector.name, *sector.aliases):
            owners[folded(name)].add(sector.key)
    assert {name: keys for name, keys in owners.items() if len(keys) > 1} == {}


def test_cases_that_only_make_sense_in_their_sector_say_so(methodology):
    for case_id in (
        "lesson_material_drafting",
        "patient_leaflet_plain_language",
        "ambient_clinical_notes",
        "guest_messaging_assistant",
        "tenant_request_handling",
        "citizen_request_assistant",
        "matter_summary_drafting",
        "news_archive_assistant",
        "molecule_generation",
    ):
        assert case(case_id).sector_specific and case(case_id).sectors, case_id
    # Needs every organisation has stay open to all: a law firm's contract review also serves an
    # in-house legal team, complaints reach every consumer business.
    for case_id in ("legal_contract_review", "complaint_response_assistant", "tender_requirements_matrix"):
        assert not case(case_id).sector_specific, case_id


@pytest.mark.parametrize("sector", sorted(ORIGINAL_SECTORS | {"consumer_goods", "defence"}))
def test_every_alias_names_its_own_sector(methodology, sector):
    """No alias is captured by another sector through stemming ("enseignement" is not "enseigne")."""
    spec = next(s for s in methodology.sectors if s.key == sector)
    captured = {name: sector_key(methodology, name) for name in (spec.key.replace("_", " "), spec.name, *spec.aliases)}
    assert {name: key for name, key in captured.items() if key != sector} == {}
