"""Engagement scope on the real embedded Qdrant: each client's documents are found in that
client's scope only, through the store, the CLI, the retriever and a session's /ask; listing,
removal (real deletion), the tenant index, and DOCX/PPTX files as clients hand them over.

The clients: a private hospital (Clinique Saint-Roch) whose AI charter is a Word document, a
haulier (Transports Marchand) whose AI policy is a slide deck, and a law firm (Cabinet Lefèvre
Avocats) with nothing ingested yet. The firm's own checklist sits in the shared library."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import MagicMock

import docx
import pptx
import pytest
from typer.testing import CliRunner

from agent.commands.kb import app
from agent.events import AssistantText
from agent.kb import client_documents, remove_client_documents
from agent.retrieval import KnowledgeBaseRetriever
from agent.session import SqliteSessionStore
from agent.settings import Settings
from agent_fakes import last_question
from knowledge.kb import DOCUMENTS, SHARED_LIBRARY, BadClientName, BundledEmbedder, KnowledgeBase, client_key
from knowledge.kb.qdrant import Collections
from knowledge.kb.scope import CLIENT_PREFIX

HOSPITAL = "Clinique Saint-Roch"
HAULIER = "Transports Marchand"
LAW_FIRM = "Cabinet Lefèvre Avocats"

# Questions a consultant types in a session; several use the other client's own words.
QUESTIONS = [
    "what rules apply to patient identifiable data?",
    "Quelles règles pour les données de santé des patients ?",
    "telematics data of our drivers",
    "who approves a new AI tool?",
    "charte IA comité d'éthique",
    "AI policy slide deck",
    "pseudonymisation before any model sees it",
    "GDPR",
]


def hospital_charter(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Charte d'usage de l'IA générative", level=0)
    document.add_heading("Données de santé", level=1)
    document.add_paragraph(
        "Les données de santé identifiantes des patients ne quittent jamais le système "
        "d'information hospitalier. Patient identifiable data never leaves the hospital's "
        "information system; no public chatbot may receive it."
    )
    document.add_heading("Comité d'éthique", level=1)
    document.add_paragraph("Tout nouvel outil d'IA est validé par le comité d'éthique et le DPO avant usage clinique.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Usage", "Autorisé"
    table.cell(1, 0).text, table.cell(1, 1).text = "Résumé de compte rendu opératoire", "Oui, sur le LLM interne"
    document.save(path)
    return path


def haulier_policy(path: Path) -> Path:
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "AI policy: drivers' data"
    slide.placeholders[1].text = (
        "Telematics data of our drivers is pseudonymised before any model sees it. "
        "Route optimisation runs on our own servers."
    )
    slide.notes_slide.notes_text_frame.text = "Approved by the works council in March."
    second = deck.slides.add_slide(deck.slide_layouts[1])
    second.shapes.title.text = "Who approves a new AI tool"
    second.placeholders[1].text = "The fleet director and the IT security officer sign off every new AI tool."
    deck.save(path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("client-files")
    checklist = folder / "checklist.md"
    checklist.write_text("# Engagement checklist\n## Data\nAsk every client for its GDPR register and its AI policy.\n")
    return {
        HOSPITAL: hospital_charter(folder / "charte-ia.docx"),
        HAULIER: haulier_policy(folder / "politique-ia.pptx"),
        SHARED_LIBRARY: checklist,
    }


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, files) -> Path:
    """A data directory whose knowledge base holds both clients' files and the shared checklist,
    embedded with the bundled model as the advisor does by default."""
    data = tmp_path_factory.mktemp("clients-home") / "data"
    with KnowledgeBase(path=data / "qdrant", embedder=BundledEmbedder()) as kb:
        kb.ensure_indexed()
        assert kb.ingest([files[HOSPITAL]], client=HOSPITAL).files[0].status == "added"
        assert kb.ingest([files[HAULIER]], client=HAULIER).files[0].status == "added"
        assert kb.ingest([files[SHARED_LIBRARY]]).files[0].status == "added"
    return data


@pytest.fixture(autouse=True)
def use_data_dir(_isolated_user_dirs, data_dir, monkeypatch):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(data_dir))


def owners(passages) -> set[str]:
    return {p.owner for p in passages if p.collection == DOCUMENTS}


# ----------------------------------------------------------------------------- the leak, closed


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_query_in_a_clients_scope_returns_another_clients_chunk(data_dir, question):
    with KnowledgeBase(path=data_dir / "qdrant", embedder=BundledEmbedder()) as kb:
        for client, allowed in [
            (HOSPITAL, {SHARED_LIBRARY, client_key(HOSPITAL)}),
            (HAULIER, {SHARED_LIBRARY, client_key(HAULIER)}),
            (LAW_FIRM, {SHARED_LIBRARY}),
            (None, {SHARED_LIBRARY}),
        ]:
            found = kb.search(question, k=20, collections=[DOCUMENTS], client=client)
            assert owners(found) <= allowed, (client, question, [p.source for p in found])


def test_each_clients_document_is_found_in_its_own_scope_only(data_dir):
    with KnowledgeBase(path=data_dir / "qdrant", embedder=BundledEmbedder()) as kb:
        mine = kb.search("what rules apply to patient identifiable data?", k=5, client=HOSPITAL)
        assert mine[0].source == "charte-ia.docx" and mine[0].origin == "client document"
        assert mine[0].section == "Charte d'usage de l'IA générative > Données de santé"
        deck = kb.search("telematics data of drivers", k=5, client=HAULIER)
        assert deck[0].source == "politique-ia.pptx" and deck[0].section == "slide 1: AI policy: drivers' data"
        assert "works council" in deck[0].text  # the speaker notes are read too
        assert "charte-ia.docx" not in {p.source for p in kb.search("patient identifiable data", k=20, client=HAULIER)}
        # the same engagement however the name is typed
        assert kb.search("patient data", k=20, client="  clinique  SAINT-ROCH ", collections=[DOCUMENTS])


def test_cli_search_is_scoped_by_client(data_dir):
    runner = CliRunner()
    for client, foreign in [(HAULIER, "charte-ia.docx"), (HOSPITAL, "politique-ia.pptx"), (LAW_FIRM, "charte-ia.docx")]:
        for question in QUESTIONS[:4]:
            result = runner.invoke(app, ["search", question, "-k", "20", "--client", client, "--json"])
            assert result.exit_code == 0, result.output
            sources = {p["source"] for p in json.loads(result.stdout)}
            assert foreign not in sources and (client != LAW_FIRM or "politique-ia.pptx" not in sources)
    unscoped = runner.invoke(app, ["search", "patient identifiable data drivers telematics", "-k", "30", "--json"])
    documents = [p for p in json.loads(unscoped.stdout) if p["collection"] == DOCUMENTS]
    assert {p["source"] for p in documents} <= {"checklist.md"}
    human = runner.invoke(app, ["search", "patient identifiable data", "--client", HOSPITAL]).stdout
    assert ". charte-ia.docx › " in human and "[client document," in human


def test_the_retriever_of_a_session_sees_its_clients_documents_only(data_dir):
    settings = Settings(data_dir=data_dir, offline=True)
    base = KnowledgeBaseRetriever(settings)
    found = base.search("what rules apply to patient identifiable data?", k=4, client=HOSPITAL).passages
    top = next(p for p in found if p.origin == "client document")
    assert top.source == "charte-ia.docx" and top.origin == "client document"
    for question in QUESTIONS:
        assert not any("charte-ia" in p.source for p in base.search(question, k=8, client=HAULIER).passages)
        assert not any("politique-ia" in p.source for p in base.search(question, k=8, client=HOSPITAL).passages)
        assert not any(p.origin == "client document" for p in base.search(question, k=8).passages)


def test_ask_in_a_session_quotes_only_that_clients_documents(data_dir):
    settings = Settings(data_dir=data_dir, offline=True)
    store = SqliteSessionStore(settings, path=":memory:", model=None, retriever=KnowledgeBaseRetriever(settings))
    try:
        sources = {}
        for client in (HOSPITAL, HAULIER, LAW_FIRM):
            session = store.create(client)
            last_question(session.start())
            events = list(session.answer("/ask what rules apply to patient identifiable data?"))
            sources[client] = [s for e in events if isinstance(e, AssistantText) and e.final for s in e.sources]
    finally:
        store.close()
    assert any(s.startswith("charte-ia.docx") and s.endswith("(client document)") for s in sources[HOSPITAL])
    assert not any("charte-ia" in s for s in sources[HAULIER])  # its own deck may come back, never the charter
    assert not any("charte-ia" in s or "politique-ia" in s for s in sources[LAW_FIRM])


# ----------------------------------------------------------------------------- multitenancy


def test_the_documents_collection_has_the_owner_as_tenant_key_on_a_server():
    client = MagicMock()
    client.collection_exists.return_value = False
    Collections(client, "advisor_", server=True).recreate(DOCUMENTS, 512, "m")
    indexes = {call.args[1]: call.args[2] for call in client.create_payload_index.call_args_list}
    assert indexes["owner"].is_tenant is True and indexes["owner"].type == "keyword"
    assert client.create_collection.call_count == 1  # one collection for every client


def test_client_names_are_normalised_and_bad_ones_refused():
    assert (
        client_key("Hôpital  Saint-Louis ")
        == client_key("hôpital saint-louis")
        == CLIENT_PREFIX + "hôpital saint-louis"
    )
    assert client_key(None) == client_key("   ") == SHARED_LIBRARY
    assert client_key("shared") != SHARED_LIBRARY  # a client called "shared" is not the library
    for bad in ("Acme\x1b[2J", "Acme\u202e", "x" * 201):
        with pytest.raises(BadClientName):
            client_key(bad)
    result = CliRunner().invoke(app, ["search", "rag", "--client", "Acme\x1b]0;pwned\x07"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "\x1b" not in result.stderr


# ----------------------------------------------------------------------------- list and remove


def test_list_shows_files_chunk_counts_and_dates_per_client(data_dir):
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert {(e["client"], e["source"]) for e in listed} == {
        (HOSPITAL, "charte-ia.docx"),
        (HAULIER, "politique-ia.pptx"),
        (None, "checklist.md"),
    }
    assert all(e["chunks"] >= 1 and e["ingested"].startswith("20") for e in listed)
    one = json.loads(runner.invoke(app, ["list", "--client", HAULIER, "--json"]).stdout)
    assert [e["source"] for e in one] == ["politique-ia.pptx"] and one[0]["chunks"] == 2
    human = runner.invoke(app, ["list"]).stdout
    assert "shared library:" in human and f"client {HOSPITAL}:" in human and "2 chunks, ingested 20" in human


def test_remove_asks_first_then_really_deletes(tmp_path, monkeypatch, files):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(files[HOSPITAL]), "--client", HOSPITAL]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(files[HAULIER]), "--client", HAULIER]).exit_code == 0
    refused = runner.invoke(app, ["remove", "charte-ia.docx", "--client", HOSPITAL])  # not a terminal, no --yes
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    wrong_owner = runner.invoke(app, ["remove", "charte-ia.docx", "--client", HAULIER, "--yes"])
    assert wrong_owner.exit_code == 2 and "no such document" in wrong_owner.stderr
    done = runner.invoke(app, ["remove", "charte-ia.docx", "--client", HOSPITAL, "--yes"])
    assert done.exit_code == 0 and done.stdout.startswith("removed 1 document(s), ")
    with KnowledgeBase(path=tmp_path / "data" / "qdrant") as kb:
        store = kb.store
        assert store.count(DOCUMENTS) == 2  # the haulier's two slides, nothing of the hospital
        assert kb.documents(HOSPITAL) == [] and len(kb.documents(HAULIER)) == 1
    assert runner.invoke(app, ["remove", "--client", HAULIER, "--yes"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["list", "--json"]).stdout) == []
    assert runner.invoke(app, ["remove"]).exit_code == 2


def test_deleting_a_clients_documents_for_a_deleted_session(tmp_path, files):
    settings = Settings(data_dir=tmp_path / "data", offline=True)
    with KnowledgeBase(path=settings.qdrant_path) as kb:
        kb.ingest([files[HOSPITAL]], client=HOSPITAL)
        kb.ingest([files[SHARED_LIBRARY]])
    assert [e.source for e in client_documents(settings, HOSPITAL)] == ["charte-ia.docx"]
    assert client_documents(settings, "") == []  # no client: nothing to offer, the library stays
    removed = remove_client_documents(settings, HOSPITAL)
    assert removed.files == 1 and removed.chunks >= 2
    assert client_documents(settings, HOSPITAL) == []
    with KnowledgeBase(path=settings.qdrant_path) as kb:
        assert [e.source for e in kb.documents()] == ["checklist.md"]


def test_sessions_delete_offers_the_clients_documents_and_removes_them_only_when_asked(tmp_path, files, monkeypatch):
    from agent.commands.sessions import app as sessions_app

    data = tmp_path / "data"
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(data))
    monkeypatch.setenv("ADVISOR_OFFLINE", "1")
    settings = Settings(data_dir=data, offline=True)
    with KnowledgeBase(path=settings.qdrant_path) as kb:
        kb.ingest([files[HOSPITAL]], client=HOSPITAL)
    with SqliteSessionStore(settings, model=None) as store:
        first, second = store.create(HOSPITAL).info.id, store.create(HOSPITAL).info.id
    runner = CliRunner()
    # another session of the client remains: its documents are not even offered
    result = runner.invoke(sessions_app, ["delete", first, "--yes", "--documents"])
    assert result.exit_code == 0, result.output
    assert [e.source for e in client_documents(settings, HOSPITAL)] == ["charte-ia.docx"]
    # the last session, without --documents and no terminal to ask: they stay, and the way to remove them is said
    result = runner.invoke(sessions_app, ["delete", second, "--yes"])
    assert result.exit_code == 0 and "kb remove --client" in result.output
    assert [e.source for e in client_documents(settings, HOSPITAL)] == ["charte-ia.docx"]
    with SqliteSessionStore(settings, model=None) as store:
        third = store.create(HOSPITAL).info.id
    result = runner.invoke(sessions_app, ["delete", third, "--yes", "--documents"])
    assert result.exit_code == 0, result.output
    assert client_documents(settings, HOSPITAL) == []
