"""The assessment in French: the same advice as in English, every word of it in French.

The advice is computed on the English methodology whatever the language; only the texts change.
These tests assess the shipped examples, the personas and a few profiles built to reach the rarer
sentences (use cases in place, public assistants barred, a low budget, an unknown sector, almost
nothing known) in both languages.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import EXAMPLES
from knowledge.catalogues import template
from knowledge.i18n import localized_methodology
from knowledge.methodology import load_methodology
from knowledge.vocabulary import StrategyName
from tools.assess import assess
from tools.assessment import TEXT_FIELDS, Assessment, decisions
from tools.profile import Profile
from tools.profile_io import load_profile
from tools.wording import wording

PERSONAS = sorted((Path(__file__).parent / "data" / "personas").glob("*.yaml"))
# Profiles that reach what the examples do not: each names the sentences it is here for.
BUILT = {
    # Almost nothing known: the low-confidence warnings and the discovery note; an unknown sector.
    "nothing-known": {"organization": {"name": "Orbital Mining", "sector": "asteroid mining"}},
    # Use cases in place (one by id, one in the client's words) and a ban on public assistants.
    "in-place-and-barred": {
        "organization": {"name": "Cabinet Martin", "sector": "cabinet d'avocats", "size": "small", "regulated": True},
        "value_chain": {
            "firm_infrastructure": {
                "importance": 5,
                "pain_points": "les associés interdisent ChatGPT pour les dossiers clients",
                "data": ["documents"],
            }
        },
        "use_cases_in_place": ["faq_automation", "notre chatbot de recherche juridique"],
        "capabilities": {"public_llm_use": "none"},
        "governance": {"monitoring": "none"},
    },
    # A low budget far from the levels its cases need: blocked out of reach; a micro firm's heavy builds.
    "low-budget-micro": {
        "organization": {"sector": "retail", "size": "micro", "budget": "low", "risk_appetite": "high"},
        "value_chain": {"marketing_sales": {"importance": 5, "data": []}},
        "capabilities": {"public_llm_use": "exploring", "llm_api_apps": "none"},
    },
    # A high budget and appetite, one key function, a flagship two levels up: the focused strategy.
    "focused": {
        "organization": {
            "sector": "retail",
            "size": "large",
            "budget": "high",
            "risk_appetite": "high",
            "objectives": ["revenue_growth"],
        },
        "value_chain": {"marketing_sales": {"importance": 5, "pain_points": "product recommendations are generic"}},
        "capabilities": {"public_llm_use": "production", "llm_api_apps": "production", "rag": "none"},
    },
}


def _profiles() -> dict[str, Profile]:
    found = {f"examples/{p.stem}": load_profile(p) for p in EXAMPLES}
    found |= {f"personas/{p.stem}": load_profile(p) for p in PERSONAS}
    return found | {name: Profile.model_validate(data) for name, data in BUILT.items()}


PROFILES = _profiles()


@cache
def _assessed(name: str, language: str) -> Assessment:
    return assess(PROFILES[name], language=language)  # type: ignore[arg-type]


def _texts(node: object) -> list[str]:
    """Every text the advisor wrote in an assessment (its TEXT_FIELDS), profile fields it cites
    ("capabilities.rag": the contract's keys) left out."""
    if isinstance(node, BaseModel):
        texts = TEXT_FIELDS.get(type(node), frozenset())
        found = [t for name, value in node if name in texts for t in _strings(value)]
        return found + [t for name, value in node if name not in texts for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def _strings(value: object) -> list[str]:
    strings = value if isinstance(value, list) else [value]
    return [re.sub(r"\b[a-z_]+\.[a-z_]+\b", "", s) for s in strings if isinstance(s, str)]


def _without_quotes(text: str, client: Profile) -> str:
    """`text` without what the client said: quoted pain points, sector and names."""
    text = re.sub(r"«[^»]*»", "", text)
    org = client.organization
    for said in (org.name, org.sector, *(f.pain_points for f in client.value_chain.values())):
        if said:
            text = text.replace(said, "")
    return text


@cache
def _english_sentences() -> list[str]:
    """The English words of the methodology catalogue a French text must not show: each stretch
    of three or more words between placeholders of every marked message."""
    stretches = set()
    for message in template("methodology"):
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        for part in re.split(r"\{[a-z_]+\}", msgid):
            words = re.findall(r"[A-Za-z'/-]+", part)
            if len(words) >= 3:
                stretches.add(" ".join(words))
    return sorted(stretches)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_advice_is_the_same_in_both_languages(name):
    english, french = _assessed(name, "en"), _assessed(name, "fr")
    assert decisions(french) == decisions(english)
    assert french.model_dump_json() != english.model_dump_json()


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_no_english_sentence_of_the_methodology_is_left_in_french(name):
    said = " | ".join(_without_quotes(t, PROFILES[name]) for t in _texts(_assessed(name, "fr")))
    said = " ".join(re.findall(r"[A-Za-zÀ-ÿ'/-]+", said))
    leaks = [s for s in _english_sentences() if re.search(rf"(?<![\w'-]){re.escape(s)}(?![\w'-])", said, re.I)]
    assert leaks == []


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_no_english_name_of_the_methodology_is_left_in_french(name):
    english = load_methodology()
    french = _assessed(name, "fr")
    names = {lvl.name for lvl in english.levels} | {s.title for s in english.strategies}
    names |= {u.title for u in english.use_cases} | {k for u in english.use_cases for k in u.kpis}
    names |= {c.name for c in english.capabilities}
    # The words French uses as they are: "Expert", "Prompt engineering".
    same = {lvl.name for lvl in localized_methodology("fr").levels}
    names -= same | {c.name for c in localized_methodology("fr").capabilities}
    said = " | ".join(_texts(french))
    assert [n for n in names if re.search(rf"\b{re.escape(n)}\b", said)] == []


def _plain(text: str) -> str:
    """`text` with its no-break spaces as plain ones, to compare with what a test writes."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _plainly(result: Assessment) -> Assessment:
    return Assessment.model_validate_json(_plain(result.model_dump_json()))


def test_the_rare_sentences_are_reached_and_read_in_french():
    """The built profiles do reach what they are here for, in the paper's vocabulary."""
    nothing = _plainly(_assessed("nothing-known", "fr"))
    assert nothing.warnings[0].startswith("La confiance n'est que de ")
    assert any("Aucune chaîne de valeur n'est décrite" in w for w in nothing.warnings)
    assert any("« asteroid mining » ne figure pas au catalogue" in w for w in nothing.warnings)
    assert any("phase de découverte" in n for n in nothing.roadmap.notes)

    barred = _plainly(_assessed("in-place-and-barred", "fr"))
    running = [u for u in barred.use_cases if u.in_place]
    assert len(running) == 2 and all(u.rationale.startswith("En place (« ") for u in running)
    assert any(n.startswith("Les assistants publics sont proscrits (le client l'indique") for n in barred.roadmap.notes)
    assert any("Assistants d'IA privés" in s for ph in barred.roadmap.phases for s in ph.solutions)
    assert any(f.conclusion.startswith(f"« {running[0].title} » fonctionne") for f in barred.maturity.evidence)

    low = _plainly(_assessed("low-budget-micro", "fr"))
    blocked = [u for u in low.use_cases if u.blocker]
    assert blocked and all("avec un budget faible" in u.blocker for u in blocked)
    assert all(u.rationale.startswith("Bloqué : ") for u in blocked)
    assert any("un chantier lourd pour une très petite organisation" in u.rationale for u in low.use_cases)

    focused = _assessed("focused", "fr")
    assert focused.strategy.name == StrategyName.focused
    assert focused.strategy.title == "Approche focalisée sur des cas d'usage spécifiques"


def test_a_hybrid_strategy_names_its_two_tracks_in_french():
    hybrids = [n for n in PROFILES if _assessed(n, "fr").strategy.name == StrategyName.hybrid]
    assert hybrids, "no profile leads to the hybrid strategy any more"
    rationale = _plain(_assessed(hybrids[0], "fr").strategy.rationale)
    assert "Deux volets sont menés en parallèle : le volet de base livre " in rationale
    assert "le volet avancé" in rationale


def test_french_texts_follow_french_typography():
    text = " ".join(_texts(_assessed("personas/hospital-group", "fr")))
    assert "«\u00a0" in text and "\u00a0»" in text and "\u202f; " in text
    assert not re.search(r"\w[:;]\s", text.replace("https:", "")), "a colon or semicolon glued to its word"


def test_the_methodology_texts_come_from_the_french_data():
    french = localized_methodology("fr")
    result = _assessed("examples/french-manufacturer", "fr")
    by_id = {u.id: u for u in french.use_cases}
    for case in result.use_cases:
        assert (case.title, case.description, case.kpis) == (
            by_id[case.id].title,
            by_id[case.id].description,
            by_id[case.id].kpis,
        )
    assert result.maturity.name == french.levels[result.maturity.level - 1].name
    assert result.strategy.watch_out == next(s.watch_out for s in french.strategies if s.name == result.strategy.name)


def test_a_methodology_other_than_the_shipped_one_is_worded_too(methodology):
    """A catalogue edited by a consultant: its cases without a translation keep their English."""
    extra = methodology.use_cases[0].model_copy(update={"id": "new_case", "title": "A brand new case"})
    edited = methodology.model_copy(update={"use_cases": [*methodology.use_cases, extra]})
    result = assess(PROFILES["examples/acme-retail"], edited, language="fr")
    titles = {u.id: u.title for u in result.use_cases}
    assert titles["new_case"] == "A brand new case"
    assert titles["faq_automation"] == "Automatisation des réponses aux questions fréquentes"


def test_french_names_the_fields_it_asks_about(methodology):
    asked = ["capabilities.rag", "governance.ai_policy", "organization.sector", "capabilities.teleport"]
    assert wording(methodology, "fr").fields(asked) == "RAG, politique d'IA, organization.sector, capabilities.teleport"
    assert wording(methodology, "en").fields(asked) == ", ".join(asked)
