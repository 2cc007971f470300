"""The interview in the session's language (issue 14): the same organisation interviewed in
English and in French gives the same profile and the same conclusions; `/lang` switches mid-way
without losing an answer; the session remembers its language; nothing of the interview's own
English leaks into a French session."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from paired import UNKNOWN, interview_in, load_pairs
from typer.testing import CliRunner

from agent.cli import app
from agent.contract import LanguageChanged, Notice, QuestionAsked
from agent.contract.commands import COMMANDS, command_help, command_lines
from agent.labels import field_label, shown_question, value_label
from agent.questions import bank
from agent.retrieval import BuiltinRetriever
from agent.session import SqliteSessionStore
from agent.settings import Settings
from agent.understand import understand
from knowledge.catalogues import template
from tools.assessment import decisions

PAIRS = load_pairs()


def _store(path=":memory:", **options):
    return SqliteSessionStore(
        Settings(offline=True), path=path, retriever=BuiltinRetriever(), guided_reason="test: no model", **options
    )


@pytest.fixture(scope="module")
def runs():
    store = _store()
    try:
        yield {pair.key: {lang: interview_in(pair, lang, store) for lang in ("en", "fr")} for pair in PAIRS}
    finally:
        store.close()


def _facts(profile):
    """The profile as data: free text (pain points, kept verbatim in the respondent's language)
    and the evidence (the questions and answers as said) left out."""
    data = profile.model_dump(mode="json", exclude={"evidence"}, exclude_none=True)
    for details in data.get("value_chain", {}).values():
        details.pop("pain_points", None)
    return data


def _neutral(part):
    """What an assessment decides, whatever its language: `decisions`, with the evidence's
    sources (the question and answer as said, in the interview's language) left out too."""

    def without_sources(node):
        if isinstance(node, dict):
            return {k: without_sources(v) for k, v in node.items() if k != "source"}
        if isinstance(node, list):
            return [without_sources(v) for v in node]
        return node

    return without_sources(decisions(part))


def test_the_pairs_are_real_interviews_in_both_languages():
    assert {p.key for p in PAIRS} >= {"manufacturer", "hospital_group"}
    for pair in PAIRS:
        for qid, answer in pair.answers.items():
            assert qid in bank(), qid
            assert answer["en"].strip() and answer["fr"].strip(), qid
        french = " ".join(a["fr"] for a in pair.answers.values())
        assert re.search(r"[éèàçœ]", french), pair.key  # French as people type it, accents and all


@pytest.mark.parametrize("pair", PAIRS, ids=[p.key for p in PAIRS])
def test_every_paired_answer_is_read_the_same_in_either_language_whatever_the_session_speaks(pair):
    for qid, answer in pair.answers.items():
        question = bank()[qid]
        for said in ("en", "fr"):
            for session in ("en", "fr"):
                reading = understand(question, answer[said], session)
                given = dict(reading.also)
                given["value_chain" if qid == "value_chain.key_functions" else question.field] = (
                    reading.value if reading.status == "value" else None
                )
                for path, expected in answer["expect"].items():
                    got = given.get(path)
                    same = sorted(got) == sorted(expected) if isinstance(expected, list) and got else got == expected
                    assert same, (pair.key, said, session, qid, expected, got)


@pytest.mark.parametrize("pair", PAIRS, ids=[p.key for p in PAIRS])
def test_the_same_organisation_interviewed_in_french_gives_the_same_profile_and_maturity(runs, pair):
    en, fr = runs[pair.key]["en"], runs[pair.key]["fr"]
    assert fr.asked == en.asked  # the same questions, in the same order
    assert _facts(fr.profile) == _facts(en.profile)
    for key in en.profile.value_chain:  # the pain points asked are there in both, each as said
        qid = f"value_chain.{key.value}.pain_points"
        if qid in en.asked:
            assert en.profile.value_chain[key].pain_points == pair.answers[qid]["en"]
            assert fr.profile.value_chain[key].pain_points == pair.answers[qid]["fr"]
    a, b = en.assessment, fr.assessment
    assert a.maturity.level == b.maturity.level == pair.level
    assert _neutral(a.maturity) == _neutral(b.maturity)  # levels, scores, gaps; texts aside
    assert a.strategy.name == b.strategy.name
    assert a.maturity.name != b.maturity.name  # each in its own language


@pytest.mark.xfail(
    strict=True,
    reason="tools/matching.py scores the client's pain points against the catalogue's keywords, whose "
    "French words differ from the English ones ('rendez-vous' names inbound_shipment_inbox and "
    "sales_account_briefing): the same pain point said in French ranks other use cases",
)
@pytest.mark.parametrize("pair", PAIRS, ids=[p.key for p in PAIRS])
def test_the_same_organisation_interviewed_in_french_gets_the_same_use_cases_and_roadmap(runs, pair):
    a, b = runs[pair.key]["en"].assessment, runs[pair.key]["fr"].assessment
    assert _neutral(a) == _neutral(b)


def _english_sentences():
    """The interview domain's own English of three words or more, placeholders taken out."""
    found = set()
    for message in template("interview"):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for part in re.split(r"\{[^}]*\}", str(text)):
                words = re.findall(r"[A-Za-z']+", part)
                if len(words) >= 3:
                    found.add(part.strip(" .,;:?!()"))
    return found


def test_a_french_interview_says_nothing_of_the_interviews_own_english(runs):
    shown = "\n".join(runs[pair.key]["fr"].shown() for pair in PAIRS)
    assert "Quel est le poids de la fonction" in shown and "Oui" in shown  # it did speak French
    leaks = sorted(s for s in _english_sentences() if s and s in shown)
    assert leaks == []


def test_recorded_answers_are_said_with_the_fields_label_in_the_sessions_language(runs):
    recorded = runs["manufacturer"]["fr"].shown()
    assert "taille: Moyenne" in recorded and "secteur: Industrie manufacturière" in recorded
    assert field_label("capabilities.public_llm_use", "fr") in recorded  # the capability's French name
    assert "size:" not in recorded and "public llm use" not in recorded
    assert value_label("organization.size", "large", "fr") == "Grande"
    assert value_label("value_chain.operations.genai_today", "pilot", "en") == "In a pilot or proof of concept"
    assert value_label("organization.regulated", False, "fr") == "non"
    assert field_label("value_chain.operations.importance", "fr").endswith("importance")


def test_lang_switches_mid_interview_without_losing_or_changing_an_answer(tmp_path):
    path = tmp_path / "sessions.db"
    store = _store(path)
    try:
        session = store.create("Fonderies du Rhône")
        assert session.info.language == "en"
        list(session.start())
        list(session.answer("manufacturing"))
        list(session.answer("a few people use ChatGPT"))
        before = session.profile()
        pending = session.pending_question()
        events = list(session.answer("/lang fr"))
        assert [e.language for e in events if isinstance(e, LanguageChanged)] == ["fr"]
        assert [type(e).__name__ for e in events][:2] == ["LanguageChanged", "AssessmentUpdated"]
        notices = [e.text for e in events if isinstance(e, Notice)]
        assert len(notices) == 1 and "français" in notices[0] and "conservées" in notices[0]
        again = [e.question for e in events if isinstance(e, QuestionAsked)]
        assert [q.id for q in again] == [pending.id] and again[0].text != pending.text
        assert again[0].text == session.pending_question().text  # what an interface redraws matches
        assert [c.value for c in again[0].choices] == [c.value for c in pending.choices]
        assert "Pas du tout" in [c.label for c in again[0].choices]
        assert session.profile() == before
        assert session.questions_asked == 2
        # Answered in English words in a French session: read all the same, said in French.
        events = list(session.answer("in production"))
        recorded = [e for e in events if hasattr(e, "field") and e.field == again[0].field]
        assert recorded and recorded[0].value == "production" and recorded[0].shown.startswith("En production")
        session.close()
    finally:
        store.close()
    reopened = _store(path)
    try:
        (info,) = reopened.list()
        assert info.language == "fr"  # remembered with the session
        session = reopened.open(info.id)
        pending = session.pending_question()
        assert pending.text == shown_question(pending.id, "fr").text
        back = list(session.answer("/back"))
        assert any(isinstance(e, Notice) and "Retour à la question" in e.text for e in back)
        assert session.profile().capabilities.get("prompt_engineering") is None
        asked = [e.question for e in back if isinstance(e, QuestionAsked)]
        assert asked and "Pas du tout" in [c.label for c in asked[-1].choices]  # the fork keeps French
        session.close()
    finally:
        reopened.close()


def test_lang_alone_or_an_unknown_language_says_which_languages_exist():
    store = _store()
    try:
        session = store.create("Client", language="fr")
        list(session.start())
        for typed in ("/lang", "/lang de", "/langue klingon"):
            events = list(session.answer(typed))
            (notice,) = [e for e in events if isinstance(e, Notice)]
            assert "/lang en" in notice.text and "/lang fr" in notice.text and "anglais" in notice.text
            assert not [e for e in events if isinstance(e, LanguageChanged)]
            assert [e.question.id for e in events if isinstance(e, QuestionAsked)] == ["organization.sector"]
        assert session.info.language == "fr" and session.questions_asked == 0
    finally:
        store.close()


def test_a_store_gives_new_sessions_its_language_unless_told_otherwise():
    store = _store(language="fr")
    try:
        assert store.create("A").info.language == "fr"
        assert store.create("B", language="en").info.language == "en"
        assert {i.client: i.language for i in store.list()} == {"A": "fr", "B": "en"}
    finally:
        store.close()


def test_a_database_written_before_sessions_had_a_language_keeps_opening(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """CREATE TABLE sessions (id TEXT PRIMARY KEY, client TEXT NOT NULL, title TEXT NOT NULL,
        created TEXT NOT NULL, updated TEXT NOT NULL, level INTEGER,
        status TEXT NOT NULL DEFAULT 'in_progress', questions_asked INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE transcript (seq INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
        role TEXT NOT NULL, text TEXT NOT NULL, at TEXT);
        CREATE TABLE claims (session_id TEXT PRIMARY KEY, pid INTEGER NOT NULL);
        INSERT INTO sessions VALUES ('abc123def456', 'Old Client', 'Old', '2026-01-01T00:00:00+00:00',
        '2026-01-01T00:00:00+00:00', 1, 'in_progress', 0);
        PRAGMA user_version = 2;"""
    )
    conn.close()
    store = _store(path)
    try:
        (info,) = store.list()
        assert (info.client, info.language) == ("Old Client", "en")
        assert store.create("New", language="fr").info.language == "fr"
    finally:
        store.close()


def test_help_and_the_commands_menu_exist_in_french():
    french = command_help("fr")
    assert french[0].startswith("Répondez") and len(french) == 2 + len(COMMANDS)
    assert command_help("en") != french
    lines = dict(command_lines("fr"))
    assert lines["/fix RÉPONSE"] == "corriger aussitôt la dernière réponse"
    assert len(command_lines("fr", local=False)) == sum(not spec.local for spec in COMMANDS)
    english = {summary for _, summary in command_lines("en")}
    assert not english & {summary for _, summary in command_lines("fr")}


def test_the_session_assesses_and_exports_in_its_language(monkeypatch, tmp_path):
    import tools.export

    seen = {}

    def fake_export(assessment, fmt, path, force=False, info=None, language="en"):
        seen["export"] = language
        return path

    monkeypatch.setattr(tools.export, "export_file", fake_export)
    store = _store()
    try:
        session = store.create("Client", language="fr")
        session.export("md", tmp_path / "r.md")
        assert seen["export"] == "fr"
    finally:
        store.close()


def test_advisor_interview_speaks_the_language_asked_for(tmp_path):
    env = {"ADVISOR_DATA_DIR": str(tmp_path / "data")}
    said = "Fonderies du Rhône, une fonderie\nenviron 1 200 salariés\n/quit\n"
    result = CliRunner().invoke(
        app, ["interview", "--client", "Fonderies", "--offline", "--lang", "fr"], env=env, input=said
    )
    assert result.exit_code == 0, result.output
    assert "Dans quel secteur l'organisation exerce-t-elle\u00a0?" in result.output
    assert "✓ secteur\u00a0: Industrie manufacturière" in result.output
    assert "Enregistré. Pour reprendre" in result.output
    refused = CliRunner().invoke(app, ["interview", "--offline", "--lang", "de"], env=env)
    assert refused.exit_code == 2 and "--lang" in refused.output and "'de'" in refused.output
    mixed = CliRunner().invoke(app, ["interview", "--lang", "fr", "--json"], env=env)
    assert mixed.exit_code == 2 and "--json demande --simulate PROFIL" in mixed.output


def test_the_simulated_interview_in_french_concludes_as_in_english():
    from agent.simulate import simulate
    from tools.profile_io import load_profile

    profile = load_profile(Path("examples/acme-retail.yaml"))
    en, fr = simulate(profile, language="en"), simulate(profile, language="fr")
    assert fr.questions == en.questions
    assert fr.assessment.maturity.level == en.assessment.maturity.level
    assert [u.id for u in fr.assessment.use_cases] == [u.id for u in en.assessment.use_cases]
    assert any("«" in question for question, _ in fr.exchanges)
    assert UNKNOWN["fr"] in [answer for _, answer in fr.exchanges] or all(a != UNKNOWN["en"] for _, a in fr.exchanges)


def test_a_french_store_says_its_errors_in_french():
    store = _store(language="fr")
    try:
        with pytest.raises(KeyError, match="aucune session ne correspond"):
            store.find("nope")
        info = store.create("Client").info
        with pytest.raises(ValueError, match="un titre ne peut pas être vide"):
            store.rename(info.id, "  ")
        with pytest.raises(ValueError, match="UTF-8 invalide"):
            store.create("bad \udcff name")
    finally:
        store.close()


@pytest.mark.parametrize(
    ("qid", "said", "expected"),
    [
        ("organization.budget", "un budget conséquent", "high"),
        ("organization.risk_appetite", "assez ouverts", "high"),
        ("capabilities.rag", "c'est en prod depuis six mois", "production"),
        ("capabilities.rag", "in prod since March", "production"),
        ("capabilities.rag", "on y réfléchit", "exploring"),
        ("governance.monitoring", "quelques contrôles manuels", "basic"),
        ("value_chain.operations.importance", "5, c'est le cœur du métier", 5),
        ("organization.size", "Grande", "large"),  # a French label typed in an English session
        ("capabilities.rag", "En pilote ou en preuve de concept", "pilot"),
    ],
)
def test_french_answers_are_read_whatever_the_session_speaks(qid, said, expected):
    for session in ("en", "fr"):
        reading = understand(bank()[qid], said, session)
        assert (reading.status, reading.value) == ("value", expected), session
    assert understand(bank()["capabilities.rag"], "the product team uses it").value is None  # "prod" is a word


def test_a_hint_is_in_the_sessions_language_with_the_choices_as_shown():
    question = bank()["capabilities.rag"]
    french = understand(question, "hmm", "fr").hint
    assert french.startswith("Je n'ai pas pu") and "1. Pas du tout\u00a0; 2. Exploration" in french
    english = understand(question, "hmm", "en").hint
    assert english.startswith("I could not tell") and "1. Not at all; 2. Exploring" in english


def test_the_closing_offer_is_asked_again_in_the_new_language():
    from agent.questions import REVIEW

    store = _store()
    try:
        session = store.create("Client")
        events = list(session.start())
        for _ in range(60):
            pending = session.pending_question()
            if pending is None or pending.id == REVIEW:
                break
            events = list(session.answer("/skip"))
        assert pending is not None and pending.id == REVIEW and pending.text.startswith("Before the results")
        events = list(session.answer("/lang fr"))
        (again,) = [e.question for e in events if isinstance(e, QuestionAsked)]
        assert again.id == REVIEW and again.text.startswith("Avant les résultats")
        assert [c.label for c in again.choices] == ["Oui", "Non"] and again.help.startswith("Oui pour y répondre")
        done = list(session.answer("non"))
        assert any(type(e).__name__ == "InterviewDone" for e in done)
    finally:
        store.close()


def test_advisor_interview_help_is_french():
    import subprocess
    import sys

    advisor = Path(sys.executable).with_name("advisor")
    result = subprocess.run(
        [str(advisor), "--lang", "fr", "interview", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Mener l'entretien avec un client" in result.stdout and "Mode guidé" in result.stdout
    assert "Interview a client" not in result.stdout and "Guided mode" not in result.stdout
