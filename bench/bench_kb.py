"""Knowledge base figures, offline (embedded Qdrant in a temporary folder): retrieval quality on
the question sets (lexical, and hybrid with the bundled multilingual model; French questions over
the English methodology), in-process search latency, indexing time of the shipped methodology,
ingest throughput on a generated corpus of 10,000 chunks, and time and peak memory to ingest the
largest document accepted (readers.MAX_DOCUMENT_CHARS of text)."""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.figures import Figure, percentile, timed_ms
from knowledge.kb import BundledEmbedder, KnowledgeBase
from knowledge.kb.corpus import docs_dir, shipped_corpus
from knowledge.kb.evaluation import evaluate, load_questions
from knowledge.kb.readers import MAX_DOCUMENT_CHARS

AREA = "knowledge base"
QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data"
GENERATED_CHUNKS = 10_000
SECTIONS_PER_FILE = 100
SEARCH_ROUNDS = 5

_VOCABULARY = (
    "supplier contract invoice warehouse delivery customer chatbot answer policy model retrieval "
    "document vector pipeline governance risk level maturity roadmap phase budget value function "
    "procurement marketing service operations logistics training evaluation quality monitoring "
    "filter prompt assistant knowledge report compliance audit data platform team skill"
).split()


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-kb-") as tmp:
        root = Path(tmp)
        figures = _methodology_figures(root / "shipped")
        figures += _multilingual_figures(root / "multilingual", root / "docs-en")
        figures.append(_ingest_figure(root / "ingest", root / "corpus"))
        figures += _largest_document_figures(root / "largest", root / "largest.md")
    return figures


def _multilingual_figures(path: Path, english_docs: Path) -> list[Figure]:
    """recall@5 of the French questions over the English methodology alone (the French versions,
    when shipped, would answer them in French), words only and with the bundled model."""
    english_docs.mkdir(parents=True)
    for doc in docs_dir().glob("*.md"):
        (english_docs / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = shipped_corpus(directory=english_docs)
    french = load_questions(QUESTIONS / "kb_questions_fr.yaml")
    english = load_questions(QUESTIONS / "kb_questions.yaml")
    held_out = load_questions(QUESTIONS / "kb_questions_heldout.yaml")
    scores = {}
    for label, embedder in (("lexical", None), ("bundled", BundledEmbedder())):
        with KnowledgeBase(path=path / label, embedder=embedder, corpus=lambda: corpus) as kb:
            start = time.perf_counter()
            kb.ensure_indexed()
            scores[label, "index"] = time.perf_counter() - start
            scores[label, "fr"] = evaluate(kb, french, k=5).recall
            scores[label, "en"] = evaluate(kb, english, k=5).recall
            scores[label, "held"] = evaluate(kb, held_out, k=5).recall
            samples = [ms for q in french for ms in timed_ms(lambda q=q.q: kb.search(q, k=5), repeat=1)]
            scores[label, "p50"] = percentile(samples, 50)
    n = len(french)
    return [
        Figure(
            area=AREA,
            name=f"French questions recall@5, words only ({n} questions)",
            value=scores["lexical", "fr"],
            unit="",
            better="higher",
        ),
        Figure(
            area=AREA,
            name=f"French questions recall@5, bundled multilingual model ({n})",
            value=scores["bundled", "fr"],
            unit="",
            target=0.65,
            better="higher",
        ),
        Figure(
            area=AREA,
            name=f"English recall@5, bundled model ({len(english)} questions)",
            value=scores["bundled", "en"],
            unit="",
            target=0.9,
            better="higher",
        ),
        Figure(
            area=AREA,
            name=f"held-out recall@5, bundled model ({len(held_out)})",
            value=scores["bundled", "held"],
            unit="",
            better="higher",
        ),
        Figure(
            area=AREA, name="search p50 with the bundled model (in-process)", value=scores["bundled", "p50"], unit="ms"
        ),
        Figure(
            area=AREA,
            name="index English methodology with the bundled model",
            value=scores["bundled", "index"],
            unit="s",
        ),
    ]


def _largest_document_figures(path: Path, document: Path) -> list[Figure]:
    """One Markdown document just under the text cap, ingested with the bundled model."""
    rng = random.Random(11)
    lines, size, section = ["# The largest accepted document"], 40, 0
    while True:
        section += 1
        block = [f"## Section {section}", " ".join(rng.choices(_VOCABULARY, k=120)), ""]
        grown = size + sum(len(line) + 1 for line in block)
        if grown > MAX_DOCUMENT_CHARS:
            break
        lines += block
        size = grown
    document.write_text("\n".join(lines), encoding="utf-8")
    with KnowledgeBase(path=path, embedder=BundledEmbedder()) as kb:
        tracemalloc.start()
        start = time.perf_counter()
        report = kb.ingest([document], client="Bench client")
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        probe = timed_ms(lambda: kb.search("supplier contract governance", k=5, client="Bench client"), repeat=5)
    assert report.files and not report.skipped, report.skipped
    return [
        Figure(
            area=AREA,
            name=f"ingest largest accepted document ({size / 1e6:.1f} M characters, {report.chunks} chunks)",
            value=elapsed,
            unit="s",
        ),
        Figure(area=AREA, name="peak Python memory ingesting it", value=peak / 2**20, unit="MB"),
        Figure(area=AREA, name="search p50 with it in the store", value=percentile(probe, 50), unit="ms"),
    ]


def _methodology_figures(path: Path) -> list[Figure]:
    main = load_questions(QUESTIONS / "kb_questions.yaml")
    held_out = load_questions(QUESTIONS / "kb_questions_heldout.yaml")
    with KnowledgeBase(path=path) as kb:
        start = time.perf_counter()
        kb.ensure_indexed()
        index_s = time.perf_counter() - start
        score = evaluate(kb, main, k=5)
        held = evaluate(kb, held_out, k=5)
        samples: list[float] = []
        for _ in range(SEARCH_ROUNDS):
            for question in main:
                samples += timed_ms(lambda q=question.q: kb.search(q, k=5), repeat=1)
    return [
        Figure(
            area=AREA,
            name=f"offline recall@5 ({score.questions} questions)",
            value=score.recall,
            unit="",
            target=0.9,
            better="higher",
        ),
        Figure(area=AREA, name="offline MRR@5", value=score.mrr, unit="", better="higher"),
        Figure(
            area=AREA,
            name=f"held-out recall@5 ({held.questions} questions)",
            value=held.recall,
            unit="",
            better="higher",
        ),
        Figure(area=AREA, name="search p50 (in-process)", value=percentile(samples, 50), unit="ms", target=10),
        Figure(area=AREA, name="search p95 (in-process)", value=percentile(samples, 95), unit="ms"),
        Figure(area=AREA, name="index shipped methodology", value=index_s, unit="s"),
    ]


def _ingest_figure(path: Path, corpus: Path) -> Figure:
    _generate_corpus(corpus)
    with KnowledgeBase(path=path) as kb:
        start = time.perf_counter()
        report = kb.ingest([corpus])
        elapsed = time.perf_counter() - start
    assert report.chunks == GENERATED_CHUNKS and not report.skipped, report.skipped
    return Figure(
        area=AREA,
        name=f"ingest throughput ({GENERATED_CHUNKS:,} chunks)",
        value=report.chunks / elapsed,
        unit="chunks/s",
        better="higher",
    )


def _generate_corpus(folder: Path) -> None:
    """Markdown files of short sections: every section becomes exactly one chunk."""
    rng = random.Random(7)
    folder.mkdir(parents=True)
    for file_number in range(GENERATED_CHUNKS // SECTIONS_PER_FILE):
        lines = [f"# Generated document {file_number}"]
        for section in range(SECTIONS_PER_FILE):
            lines += [f"## Section {section}", " ".join(rng.choices(_VOCABULARY, k=80)), ""]
        (folder / f"doc{file_number:03d}.md").write_text("\n".join(lines), encoding="utf-8")
