"""Knowledge base figures, offline (lexical only, embedded Qdrant in a temporary folder): retrieval
quality on the question sets, in-process search latency, indexing time of the shipped methodology
and ingest throughput on a generated corpus of 10,000 chunks."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, percentile, timed_ms
from knowledge.kb import KnowledgeBase
from knowledge.kb.evaluation import evaluate, load_questions

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
        figures.append(_ingest_figure(root / "ingest", root / "corpus"))
    return figures


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
        Figure(area=AREA, name=f"offline recall@5 ({score.questions} questions)", value=score.recall,
               unit="", target=0.9, better="higher"),
        Figure(area=AREA, name="offline MRR@5", value=score.mrr, unit="", better="higher"),
        Figure(area=AREA, name=f"held-out recall@5 ({held.questions} questions)", value=held.recall,
               unit="", better="higher"),
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
    return Figure(area=AREA, name=f"ingest throughput ({GENERATED_CHUNKS:,} chunks)",
                  value=report.chunks / elapsed, unit="chunks/s", better="higher")


def _generate_corpus(folder: Path) -> None:
    """Markdown files of short sections: every section becomes exactly one chunk."""
    rng = random.Random(7)
    folder.mkdir(parents=True)
    for file_number in range(GENERATED_CHUNKS // SECTIONS_PER_FILE):
        lines = [f"# Generated document {file_number}"]
        for section in range(SECTIONS_PER_FILE):
            lines += [f"## Section {section}", " ".join(rng.choices(_VOCABULARY, k=80)), ""]
        (folder / f"doc{file_number:03d}.md").write_text("\n".join(lines), encoding="utf-8")
