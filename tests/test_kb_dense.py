"""The dense path, against a local stub of Ollama's /api/embed and /api/tags (no real server):
hybrid fusion, model and dimension recorded, refusal to mix models, graceful fallbacks."""

from __future__ import annotations

import hashlib
import json
import math

import pytest
from werkzeug import Request, Response

from agent.kb import embedder_for, open_knowledge_base
from agent.settings import Settings
from knowledge.kb import (
    DOCUMENTS,
    METHODOLOGY,
    Chunk,
    EmbeddingError,
    EmbeddingMismatch,
    KnowledgeBase,
    OllamaEmbedder,
    ollama_has_model,
)
from knowledge.kb.corpus import ShippedCorpus
from knowledge.kb.embed import BUNDLED_MODEL

MODEL = "fake-embed"
DIM = 16
# A question that shares no word with any passage: only the dense half can find its answer.
PROBE = "zzq xkcd?"
PROBE_TARGET = "Procurement > Contracts"


def fake_vector(text: str, dim: int = DIM) -> list[float]:
    """A deterministic bag-of-words embedding: texts sharing words get close vectors."""
    vector = [0.0] * dim
    for word in text.lower().split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


CORPUS = ShippedCorpus(
    chunks=[
        Chunk(text="Supplier contracts are reviewed by legal.", source="p.md", section=PROBE_TARGET),
        Chunk(text="Retrieval augmented generation grounds answers.", source="a.md", section="Architecture > RAG"),
        Chunk(text="Fine-tuning adjusts model weights.", source="a.md", section="Architecture > Fine-tuning"),
    ],
    content_hash="dense-test",
)


def stub_ollama(httpserver, models: dict[str, int], fail: bool = False):
    """Serve /api/tags listing `models` and /api/embed answering with `fake_vector` of the size
    recorded for each model; a text holding the probe gets the target passage's vector."""
    target = next(c.indexed_text for c in CORPUS.chunks if c.section == PROBE_TARGET)
    calls: list[dict] = []

    def embed(request: Request) -> Response:
        body = json.loads(request.data)
        calls.append(body)
        if fail:
            return Response(json.dumps({"error": "out of memory"}), status=500, content_type="application/json")
        if body["model"] not in models:
            return Response(json.dumps({"error": f"model '{body['model']}' not found"}), status=404)
        dim = models[body["model"]]
        vectors = [fake_vector(target if PROBE in text else text, dim) for text in body["input"]]
        return Response(json.dumps({"model": body["model"], "embeddings": vectors}), content_type="application/json")

    httpserver.expect_request("/api/embed", method="POST").respond_with_handler(embed)
    httpserver.expect_request("/api/tags").respond_with_json(
        {"models": [{"name": f"{m}:latest", "model": f"{m}:latest"} for m in models]}
    )
    return calls


def host(httpserver) -> str:
    return httpserver.url_for("/").rstrip("/")


def dense_kb(path, httpserver, model: str = MODEL) -> KnowledgeBase:
    return KnowledgeBase(path=path, embedder=OllamaEmbedder(host(httpserver), model, timeout=5), corpus=lambda: CORPUS)


# ----------------------------------------------------------------------------- the embedder


def test_ollama_has_model_reads_the_tags_list(httpserver):
    stub_ollama(httpserver, {MODEL: DIM})
    assert ollama_has_model(host(httpserver), MODEL)
    assert ollama_has_model(host(httpserver), f"{MODEL}:latest")
    assert not ollama_has_model(host(httpserver), "bge-m3")
    assert not ollama_has_model("http://127.0.0.1:9", MODEL, timeout=0.5)


def test_embedder_learns_the_dimension_and_reports_errors(httpserver):
    stub_ollama(httpserver, {MODEL: DIM})
    embedder = OllamaEmbedder(host(httpserver), MODEL, batch_size=2)
    assert len(embedder.embed(["a", "b", "c"])) == 3
    assert embedder.dimension == DIM
    with pytest.raises(EmbeddingError, match="not found"):
        OllamaEmbedder(host(httpserver), "missing").embed(["a"])
    with pytest.raises(EmbeddingError, match="did not answer"):
        OllamaEmbedder("http://127.0.0.1:9", MODEL, timeout=0.5).embed(["a"])


# ----------------------------------------------------------------------------- hybrid search


def test_hybrid_index_records_model_and_dimension_and_fuses_both_halves(httpserver, tmp_path):
    calls = stub_ollama(httpserver, {MODEL: DIM})
    with dense_kb(tmp_path / "q", httpserver) as kb:
        assert kb.ensure_indexed()
        methodology = kb.status().collections[0]
        assert (methodology.embedding, methodology.dimension) == (MODEL, DIM)
        assert kb.status().embedding == f"hybrid: {MODEL}"
        # dense alone finds a passage that shares no word with the question
        assert kb.search(PROBE, k=1)[0].section == PROBE_TARGET
        # fused: the best lexical match and the best dense match both come back, with RRF scores
        question = f"{PROBE} fine-tuning weights"
        fused = kb.search(question, k=2)
        assert {p.section for p in fused} == {"Architecture > Fine-tuning", PROBE_TARGET}
        assert all(0 < p.score <= 1 for p in fused)
        kb.embedder = None  # the same store searched lexically finds only the first
        assert [p.section for p in kb.search(question, k=2)] == ["Architecture > Fine-tuning"]
    assert any(call["input"] == [PROBE] for call in calls)


def test_a_model_change_reindexes_the_methodology_but_refuses_to_mix_documents(httpserver, tmp_path):
    stub_ollama(httpserver, {MODEL: DIM, "other-embed": 8})
    (tmp_path / "mine.md").write_text("# Mine\nOur supplier contracts live in the DMS.\n")
    with dense_kb(tmp_path / "q", httpserver) as kb:
        kb.ensure_indexed()
        assert kb.ingest([tmp_path / "mine.md"]).files[0].status == "added"
    (tmp_path / "more.md").write_text("# More\nAnother note.\n")
    with dense_kb(tmp_path / "q", httpserver, model="other-embed") as kb:
        assert kb.ensure_indexed() is True  # the shipped methodology simply follows the new model
        with pytest.raises(EmbeddingMismatch, match="cannot be\\s+mixed"):
            kb.ingest([tmp_path / "more.md"])
        status = {c.name: c for c in kb.status().collections}
        assert (status[METHODOLOGY].embedding, status[METHODOLOGY].dimension) == ("other-embed", 8)
        assert (status[DOCUMENTS].embedding, status[DOCUMENTS].dimension) == (MODEL, DIM)
        assert any("documents: searched lexically only" in n for n in kb.status().notes)
        # the documents are still found, lexically
        assert kb.search("supplier contracts DMS", collections=[DOCUMENTS])[0].source == "mine.md"
        kb.rebuild()
        assert {c.name: c.embedding for c in kb.status().collections} == {
            METHODOLOGY: "other-embed",
            DOCUMENTS: "other-embed",
        }
        assert kb.ingest([tmp_path / "more.md"]).files[0].status == "added"


def test_offline_with_a_dense_store_searches_lexically_and_rebuild_goes_lexical(httpserver, tmp_path):
    stub_ollama(httpserver, {MODEL: DIM})
    (tmp_path / "mine.md").write_text("# Mine\nSupplier contracts.\n")
    with dense_kb(tmp_path / "q", httpserver) as kb:
        kb.ensure_indexed()
        kb.ingest([tmp_path / "mine.md"])
    with KnowledgeBase(path=tmp_path / "q", corpus=lambda: CORPUS) as offline:
        assert offline.ensure_indexed() is False  # dense vectors stay; they are just not used
        assert offline.search("supplier contracts")[0].text
        with pytest.raises(EmbeddingMismatch, match="rebuild"):
            offline.ingest([tmp_path / "mine.md"])
        offline.rebuild()
        assert {c.embedding for c in offline.status().collections} == {"lexical"}


def test_collections_searched_in_different_modes_are_merged_by_rank(httpserver, tmp_path):
    stub_ollama(httpserver, {MODEL: DIM})
    (tmp_path / "mine.md").write_text("# Mine\nFine-tuning of our supplier model.\n")
    with KnowledgeBase(path=tmp_path / "q", corpus=lambda: CORPUS) as offline:
        offline.ingest([tmp_path / "mine.md"])  # documents stay lexical-only
    with dense_kb(tmp_path / "q", httpserver) as kb:
        kb.ensure_indexed()
        passages = kb.search("fine-tuning", k=4)
    assert {p.collection for p in passages} == {METHODOLOGY, DOCUMENTS}
    # the best of each collection shares the top reciprocal-rank score: 1 / (2 + 1)
    assert sorted(p.score for p in passages)[-2:] == [pytest.approx(1 / 3)] * 2


def test_a_failing_embedder_falls_back_to_lexical(httpserver, tmp_path):
    stub_ollama(httpserver, {MODEL: DIM}, fail=True)
    with dense_kb(tmp_path / "q", httpserver) as kb:
        assert kb.ensure_indexed()
        assert any("without dense vectors" in note for note in kb.status().notes)
        assert kb.status().collections[0].embedding == "lexical"
        assert kb.search("fine-tuning")[0].section == "Architecture > Fine-tuning"


# ----------------------------------------------------------------------------- agent factory


def test_factory_uses_ollama_only_when_allowed_and_the_model_is_there(httpserver, monkeypatch):
    stub_ollama(httpserver, {MODEL: DIM})
    monkeypatch.setenv("OLLAMA_HOST", host(httpserver))
    monkeypatch.setenv("ADVISOR_EMBED_MODEL", MODEL)
    assert embedder_for(Settings()).model == MODEL
    assert embedder_for(Settings(), use_ollama=False) is None
    assert embedder_for(Settings(offline=True)) is None
    assert embedder_for(Settings(embed_model="bge-m3")) is None
    monkeypatch.delenv("ADVISOR_EMBED_MODEL")
    assert embedder_for(Settings()).model == BUNDLED_MODEL  # not configured: the bundled model


def test_factory_opens_the_embedded_store_with_the_bundled_model_when_no_ollama_model_is_set():
    settings = Settings()  # conftest points the data dir at a temporary folder, Ollama nowhere
    with open_knowledge_base(settings) as kb:
        assert kb.path == settings.qdrant_path and kb.embedder is not None
        assert kb.embedder.model == BUNDLED_MODEL and kb.embedder.dimension == 512
        assert kb.status().mode == "embedded"
    # Ollama's model configured but not there: lexical, so the vectors stored with it stay usable
    assert embedder_for(Settings(embed_model="nomic-embed-text")) is None
