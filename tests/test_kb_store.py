"""The knowledge base on embedded Qdrant, offline: retrieval quality on an honest question set,
indexing once and on change only, the user's documents, filters, status, rebuild, the busy lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from knowledge.kb import (
    DOCUMENTS,
    METHODOLOGY,
    Chunk,
    KnowledgeBase,
    KnowledgeBaseBusy,
    KnowledgeBaseError,
    SearchFilter,
)
from knowledge.kb.corpus import ShippedCorpus, shipped_corpus
from knowledge.kb.evaluation import evaluate, load_questions
from knowledge.vocabulary import FunctionKey

QUESTIONS = load_questions(Path(__file__).parent / "data" / "kb_questions.yaml")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    """One indexed knowledge base shared by the read-only tests of this module."""
    with KnowledgeBase(path=tmp_path_factory.mktemp("kb") / "qdrant") as opened:
        opened.ensure_indexed()
        yield opened


def tiny_corpus(*texts: str) -> ShippedCorpus:
    chunks = [Chunk(text=t, source="tiny.md", section=f"Tiny > {n}") for n, t in enumerate(texts)]
    return ShippedCorpus(chunks=chunks, content_hash="-".join(str(hash(t)) for t in texts))


@pytest.fixture
def small_kb(tmp_path):
    """A knowledge base with a two-passage methodology, for tests that write."""
    corpus = tiny_corpus("Level three adds retrieval over documents.", "Level four adds fine-tuning.")
    with KnowledgeBase(path=tmp_path / "qdrant", corpus=lambda: corpus) as opened:
        opened.ensure_indexed()
        yield opened


# ----------------------------------------------------------------------------- retrieval quality


def test_question_set_is_large_and_points_at_real_sections():
    citations = {f"{c.source} › {c.section}" for c in shipped_corpus().chunks}
    assert len(QUESTIONS) >= 40
    for question in QUESTIONS:
        assert question.expect in citations, question
        assert question.also is None or question.also in citations, question


def test_offline_recall_at_5_stays_above_0_9(kb):
    score = evaluate(kb, QUESTIONS, k=5)
    assert score.recall >= 0.9, "\n".join(score.misses)


def test_passages_carry_their_source_and_metadata(kb):
    passages = kb.search("what changes between level 3 and 4", k=3)
    assert len(passages) == 3
    assert passages == sorted(passages, key=lambda p: p.score, reverse=True)
    top = passages[0]
    assert top.collection == METHODOLOGY and top.source.endswith(".md") and top.text
    assert {"tags", "levels", "function"} <= set(top.metadata)


def test_filters_by_level_function_and_collection(kb):
    assert all(4 in p.metadata["levels"] for p in kb.search("tools", k=5, where=SearchFilter(levels=[4])))
    service = kb.search("chatbot", k=5, where=SearchFilter(function=FunctionKey.service))
    assert service and all(p.metadata["function"] == "service" for p in service)
    assert kb.search("chatbot", k=5, collections=[DOCUMENTS]) == []  # nothing ingested here
    assert kb.search("the of and", k=5) == []
    with pytest.raises(ValueError):
        kb.search("rag", k=0)


# ----------------------------------------------------------------------------- indexing


def test_shipped_methodology_is_indexed_once_and_never_duplicated(kb, tmp_path):
    expected = len(shipped_corpus().chunks)
    assert kb.ensure_indexed() is False
    status = kb.status()
    methodology = next(c for c in status.collections if c.name == METHODOLOGY)
    assert methodology.points == expected
    assert methodology.content_hash == shipped_corpus().content_hash


def test_changed_content_is_reindexed_in_place(tmp_path):
    path = tmp_path / "qdrant"
    stages = []
    with KnowledgeBase(path=path, corpus=lambda: tiny_corpus("alpha", "beta")) as first:
        assert first.ensure_indexed(progress=lambda stage, done, total: stages.append((stage, done, total)))
    assert stages[-1] == ("indexing methodology", 2, 2)
    with KnowledgeBase(path=path, corpus=lambda: tiny_corpus("alpha", "beta")) as same:
        assert same.ensure_indexed() is False
    with KnowledgeBase(path=path, corpus=lambda: tiny_corpus("alpha", "beta", "gamma")) as changed:
        assert changed.ensure_indexed() is True
        assert changed.status().collections[0].points == 3
        assert [p.text for p in changed.search("gamma")] == ["gamma"]


def test_search_never_indexes_it_only_reads(tmp_path):
    with KnowledgeBase(path=tmp_path / "q", corpus=lambda: tiny_corpus("retrieval augmented generation")) as fresh:
        assert fresh.search("retrieval") == []
        assert fresh.ensure_indexed() is True
        assert fresh.search("retrieval")[0].section == "Tiny > 0"


# ----------------------------------------------------------------------------- user documents


def test_ingest_adds_replaces_skips_and_reports(small_kb, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Policy\n## Chatbots\nNo client files in public chatbots.\n## Vendors\nVendor list.\n")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    report = small_kb.ingest([notes, tmp_path / "bad.pdf", tmp_path / "gone.txt"])
    assert [(f.path, f.status, f.chunks) for f in report.files] == [(str(notes), "added", 2)]
    assert {Path(s.path).name for s in report.skipped} == {"bad.pdf", "gone.txt"}

    hit = small_kb.search("client files chatbots", k=1)[0]
    assert (hit.collection, hit.source, hit.section) == (DOCUMENTS, "notes.md", "Policy > Chatbots")

    assert small_kb.ingest([notes]).files[0].status == "unchanged"
    notes.write_text("# Policy\n## Chatbots\nClient files are allowed in the private assistant only.\n")
    again = small_kb.ingest([notes])
    assert (again.files[0].status, again.files[0].chunks) == ("replaced", 1)
    documents = next(c for c in small_kb.status().collections if c.name == DOCUMENTS)
    assert (documents.points, documents.documents) == (1, 1)
    assert small_kb.search("vendor list", collections=[DOCUMENTS]) == []


def test_search_covers_both_collections_and_can_keep_to_one(small_kb, tmp_path):
    (tmp_path / "mine.txt").write_text("Our retrieval pilot indexes the contracts.")
    small_kb.ingest([tmp_path])
    both = {p.collection for p in small_kb.search("retrieval", k=5)}
    assert both == {METHODOLOGY, DOCUMENTS}
    assert {p.collection for p in small_kb.search("retrieval", collections=[METHODOLOGY])} == {METHODOLOGY}
    assert small_kb.search("retrieval", where=SearchFilter(source="mine.txt"))[0].source == "mine.txt"


def test_rebuild_keeps_the_users_documents(small_kb, tmp_path):
    (tmp_path / "a.md").write_text("# A\nAlpha paragraph about procurement.\n")
    small_kb.ingest([tmp_path / "a.md"])
    small_kb.rebuild()
    counts = {c.name: c.points for c in small_kb.status().collections}
    assert counts == {METHODOLOGY: 2, DOCUMENTS: 1}
    assert small_kb.search("procurement")[0].source == "a.md"
    # the rebuilt chunks still know their file: re-ingesting it is recognised as unchanged
    assert small_kb.ingest([tmp_path / "a.md"]).files[0].status == "unchanged"


# ----------------------------------------------------------------------------- where it lives


def test_status_reports_location_mode_and_embedding(small_kb):
    small_kb.ensure_indexed()
    status = small_kb.status()
    assert status.mode == "embedded" and status.embedding == "lexical"
    assert status.location.endswith("qdrant")
    assert [c.name for c in status.collections] == [METHODOLOGY, DOCUMENTS]


def test_a_second_process_gets_a_clear_busy_message(kb):
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from knowledge.kb import KnowledgeBase, KnowledgeBaseBusy
        try:
            KnowledgeBase(path=Path({str(kb.path)!r})).open()
        except KnowledgeBaseBusy as error:
            print(error)
            raise SystemExit(3)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "already open" in done.stdout and "QDRANT_URL" in done.stdout
    assert "Traceback" not in done.stderr


def test_same_folder_twice_in_one_process_is_busy_too(kb):
    with pytest.raises(KnowledgeBaseBusy):
        KnowledgeBase(path=kb.path).open()


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(KnowledgeBaseError, match="not reachable"):
        KnowledgeBase(url="http://127.0.0.1:9").open()


def test_location_must_be_given_once():
    with pytest.raises(ValueError):
        KnowledgeBase()
    with pytest.raises(ValueError):
        KnowledgeBase(path=Path("x"), url="http://y")


def test_a_server_refusing_the_api_key_is_said_so(httpserver):
    from knowledge.kb import KnowledgeBase, KnowledgeBaseError

    httpserver.expect_request("/collections").respond_with_json({"status": {"error": "Unauthorized"}}, status=401)
    with pytest.raises(KnowledgeBaseError, match="refused the API key .*QDRANT_API_KEY"):
        KnowledgeBase(url=httpserver.url_for("/").rstrip("/"), api_key="wrong").open()
