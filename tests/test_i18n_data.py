"""The methodology in French: every text translated, in the paper's vocabulary, and nothing else changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.i18n import (
    LANGUAGES,
    NOT_TRANSLATED,
    OVERLAY_FILES,
    SECTIONS,
    TranslationError,
    load_texts,
    load_texts_from,
    localize,
    localized_methodology,
    overlay_dir,
    parse_language,
    translation_gaps,
)
from knowledge.i18n_sources import STAMP_FILE, main, recorded_fingerprints, stale_entries, stamp
from knowledge.methodology import load_methodology
from knowledge.schema import (
    Capability,
    MaturityLevel,
    Methodology,
    PatternBlock,
    Sector,
    Strategy,
    UseCase,
    ValueChainFunction,
)
from tools.assess import assess
from tools.profile_io import load_profile

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def french() -> Methodology:
    return localized_methodology("fr")


def _copy_overlay(tmp_path: Path) -> Path:
    target = tmp_path / "fr"
    shutil.copytree(overlay_dir("fr"), target)
    return target


def _edit(directory: Path, name: str, change) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_english_text_has_its_french_version(methodology):
    assert translation_gaps(methodology, load_texts("fr")) == []


def test_a_missing_an_extra_or_a_stale_translation_is_reported(methodology, tmp_path):
    """The completeness check above can fail: a use case added in English only, a French entry for a
    case that does not exist, and a KPI list the English grew after it was translated."""
    overlay = _copy_overlay(tmp_path)

    def damage(data):
        cases = data["use_cases"]
        del cases["lease_abstraction"]
        cases["robot_barista"] = dict(cases["code_assistant"])
        cases["cv_screening"]["kpis"] = cases["cv_screening"]["kpis"][:1]

    _edit(overlay, "use_cases.yaml", damage)
    _edit(overlay, "levels.yaml", lambda d: d["levels"]["beginner"]["governance_measures"].pop())
    gaps = translation_gaps(methodology, load_texts_from(overlay))
    assert "use_cases: no translation for 'lease_abstraction'" in gaps
    assert "use_cases: 'robot_barista' is not in the English data" in gaps
    assert "use case cv_screening kpis: 1 items translated, the English has 3" in gaps
    assert "level beginner governance_measures: 2 items translated, the English has 3" in gaps
    assert len(gaps) == 4


def test_an_overlay_may_only_hold_texts(tmp_path):
    """A translator cannot change a level or a risk: fields other than texts are refused."""
    overlay = _copy_overlay(tmp_path)
    _edit(overlay, "use_cases.yaml", lambda d: d["use_cases"]["cv_screening"].update(min_level=1))
    with pytest.raises(TranslationError, match="min_level"):
        load_texts_from(overlay)


def test_an_unreadable_overlay_is_one_clear_error(tmp_path):
    overlay = _copy_overlay(tmp_path)
    (overlay / "strategies.yaml").write_text("strategies: [unclosed", encoding="utf-8")
    with pytest.raises(TranslationError, match="strategies.yaml"):
        load_texts_from(overlay)
    (overlay / "strategies.yaml").unlink()
    with pytest.raises(TranslationError, match="strategies.yaml"):
        load_texts_from(overlay)


def test_the_five_levels_carry_the_papers_names(french, methodology):
    assert [lvl.name for lvl in french.levels] == [
        "Exploratoire",
        "Débutant",
        "Intégration de contexte",
        "Avancé",
        "Expert",
    ]
    assert [lvl.name.lower() for lvl in french.levels] == [lvl.source_name for lvl in methodology.levels]


def test_the_three_strategies_carry_the_papers_names(french):
    titles = [s.title for s in french.strategies]
    assert titles[0] == "Approche incrémentale et évolutive"
    assert titles[1].startswith("Approche focalisée")
    assert titles[2].startswith("Approche hybride")


def test_porters_functions_in_french(french):
    assert [f.name for f in french.functions] == [
        "Logistique d'approvisionnement",
        "Production (opérations)",
        "Logistique de distribution",
        "Marketing et ventes",
        "Services",
        "Infrastructure de l'entreprise",
        "Gestion des ressources humaines",
        "Développement technologique",
        "Approvisionnements (achats)",
    ]


def test_the_papers_technical_terms_are_kept(french):
    blocks = {b.key: b.name for b in french.pattern_blocks}
    assert blocks["rag"].startswith("RAG")
    assert blocks["fine_tuning"] == "Affinage (fine-tuning)"
    assert "cas d'usage" in next(s.summary for s in french.strategies if s.name == "incremental")
    level_four = french.levels[3].summary
    assert "affinage (fine-tuning)" in level_four


def test_texts_are_really_translated(french, methodology):
    """Catches an English sentence pasted into the French file: no long text may stay identical."""
    untouched = [
        (en.id, en.title)
        for en, fr in zip(methodology.use_cases, french.use_cases, strict=False)
        if en.title == fr.title or en.description == fr.description
    ]
    untouched += [
        (en.key, en.question)
        for en, fr in zip(methodology.capabilities, french.capabilities, strict=False)
        if en.question == fr.question
    ]
    assert untouched == []
    english_kpis = {k for u in methodology.use_cases for k in u.kpis}
    assert not english_kpis & {k for u in french.use_cases for k in u.kpis}


def test_localizing_changes_only_texts(french, methodology):
    english, translated = methodology.model_dump(), french.model_dump()
    for section, (texts, _) in SECTIONS.items():
        fields = set(texts.model_fields)
        for en, fr in zip(english[section], translated[section], strict=True):
            assert {k: v for k, v in en.items() if k not in fields} == {k: v for k, v in fr.items() if k not in fields}
    # Product names in the solutions stay as they are; only the kinds are translated.
    for en_level, fr_level in zip(methodology.levels, french.levels, strict=False):
        for en_sol, fr_sol in zip(en_level.solutions, fr_level.solutions, strict=True):
            assert len(fr_sol.examples) == len(en_sol.examples)
    assert french.levels[0].solutions[0].examples == ["ChatGPT", "Gemini", "Microsoft Copilot"]
    assert french.levels[0].solutions[0].kind == "Assistants d'IA publics"


def test_a_case_added_after_the_translation_still_shows_in_english(methodology, tmp_path):
    overlay = _copy_overlay(tmp_path)
    _edit(overlay, "use_cases.yaml", lambda d: d["use_cases"].pop("negotiation_coach"))
    partial = localize(methodology, load_texts_from(overlay))
    coach = next(u for u in partial.use_cases if u.id == "negotiation_coach")
    assert coach.title == "Negotiation preparation coach"
    assert next(u for u in partial.use_cases if u.id == "rfq_drafting").title == "Rédaction des demandes de cotation"


def test_each_language_is_built_once(french):
    assert localized_methodology("fr") is french
    assert localized_methodology("en") is load_methodology()
    assert set(LANGUAGES) == {"en", "fr"}


def test_the_overlay_files_mirror_the_english_files():
    assert sorted(p.name for p in overlay_dir("fr").glob("*.yaml")) == sorted([*OVERLAY_FILES, STAMP_FILE])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fr", "fr"), ("FR", "fr"), ("fr_FR.UTF-8", "fr"), ("fr-CA", "fr"), (" en ", "en"), ("en_GB", "en")],
)
def test_language_codes_from_settings_and_locales(value, expected):
    assert parse_language(value) == expected


@pytest.mark.parametrize("value", ["de", "", "français"])
def test_an_unknown_language_is_a_clear_error(value):
    with pytest.raises(TranslationError, match="choose one of en, fr"):
        parse_language(value)


def test_a_french_report_shows_the_english_advice_in_french(french):
    """The way to use the overlay: assess on the English methodology (pain-point matching reads the
    English titles), then look the recommended cases up by id for their French texts."""
    assessment = assess(load_profile(ROOT / "examples" / "french-manufacturer.yaml"))
    by_id = {u.id: u for u in french.use_cases}
    top = [by_id[u.id] for u in assessment.use_cases[:5]]
    assert all(case.title and case.kpis for case in top)
    english_titles = {u.title for u in load_methodology().use_cases}
    assert not {case.title for case in top} & english_titles


def test_the_translation_was_made_from_the_current_english(methodology):
    stale = stale_entries(methodology, recorded_fingerprints("fr"))
    assert stale == [], (
        "the English of these entries changed since they were translated: update "
        "knowledge/data/fr/*.yaml, then run  python -m knowledge.i18n_sources stamp fr"
    )


def test_an_english_edit_makes_only_that_entry_stale(methodology, tmp_path):
    recorded = recorded_fingerprints("fr")
    cases = list(methodology.use_cases)
    cases[3] = cases[3].model_copy(update={"kpis": [*cases[3].kpis, "dock-to-stock time"]})
    cases[5] = cases[5].model_copy(update={"keywords": ["not a translated field"]})
    edited = methodology.model_copy(update={"use_cases": cases})
    assert stale_entries(edited, recorded) == [f"use_cases/{cases[3].id}"]
    # Stamping records the new state; a case removed from the catalogue shows until then.
    stamp("fr", edited, directory=tmp_path)
    assert stale_entries(edited, recorded_fingerprints("fr", tmp_path)) == []
    shorter = methodology.model_copy(update={"use_cases": methodology.use_cases[1:]})
    assert stale_entries(shorter, recorded) == [f"use_cases/{methodology.use_cases[0].id}"]


def test_the_stamp_command_checks_and_refuses_english(capsys):
    assert main(["check", "fr"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["stamp", "en"]) == 1
    assert "English is the source" in capsys.readouterr().err
    assert main(["translate", "fr"]) == 2


SCHEMAS = {
    "pattern_blocks": PatternBlock,
    "capabilities": Capability,
    "levels": MaturityLevel,
    "functions": ValueChainFunction,
    "sectors": Sector,
    "use_cases": UseCase,
    "strategies": Strategy,
}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_every_field_of_the_data_is_translated_or_known_not_to_be_text(section):
    """A text field added to the English data without its translation fails here: each field of
    each section is either translated (the overlay's model) or declared language-neutral."""
    texts, _ = SECTIONS[section]
    translated, neutral = set(texts.model_fields), NOT_TRANSLATED[section]
    assert not translated & neutral
    assert set(SCHEMAS[section].model_fields) == translated | neutral


def test_deployments_and_empty_texts_are_gaps(methodology, tmp_path):
    overlay = _copy_overlay(tmp_path)

    def damage(data):
        cases = data["use_cases"]
        del cases["code_assistant"]["deployments"]
        cases["student_tutor_assistant"]["deployments"] = cases["student_tutor_assistant"]["deployments"][:1]
        cases["faq_automation"]["deployments"] = ["Un déploiement que l'anglais ne cite pas"]
        cases["cv_screening"]["title"] = " "

    _edit(overlay, "use_cases.yaml", damage)
    _edit(overlay, "levels.yaml", lambda d: d["levels"]["expert"]["skills"].__setitem__(0, ""))
    gaps = translation_gaps(methodology, load_texts_from(overlay))
    assert sorted(gaps) == sorted(
        [
            "use case code_assistant deployments: no translation",
            "use case student_tutor_assistant deployments: 1 items translated, the English has 2",
            "use case faq_automation deployments: 1 items translated, the English has 0",
            "use_cases cv_screening: empty title",
            "levels expert: empty text in skills",
        ]
    )


def test_a_french_rationale_cites_deployments_in_french():
    by_id = {u.id: u for u in localized_methodology("fr").use_cases}
    assert by_id["financial_domain_model"].deployments[0].startswith("BloombergGPT, un modèle de 50 milliards")
    assert by_id["code_assistant"].deployments == ["GitHub Copilot (GitHub, Microsoft)"]
