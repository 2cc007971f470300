"""Dense retrieval across languages with the bundled multilingual model: French questions find
the English methodology passages that answer them, English questions still do, and the French
methodology (knowledge/docs/fr) is indexed with its language so a French question sees it first."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.kb import BundledEmbedder, KnowledgeBase
from knowledge.kb.corpus import shipped_corpus
from knowledge.kb.evaluation import evaluate, load_questions
from knowledge.kb.text import language_of

DATA = Path(__file__).parent / "data"
FRENCH = load_questions(DATA / "kb_questions_fr.yaml")
ENGLISH = load_questions(DATA / "kb_questions.yaml")


@pytest.fixture(scope="module")
def english_corpus(tmp_path_factory):
    """The English methodology alone: the French versions would answer French questions in French."""
    docs = tmp_path_factory.mktemp("docs-en")
    for path in (Path(__file__).parent.parent / "knowledge" / "docs").glob("*.md"):
        (docs / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = shipped_corpus(directory=docs)
    return lambda: corpus


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, english_corpus):
    with KnowledgeBase(
        path=tmp_path_factory.mktemp("kb-use") / "q", embedder=BundledEmbedder(), corpus=english_corpus
    ) as kb:
        kb.ensure_indexed()
        yield kb


def test_french_question_set_is_large_french_and_points_at_english_sections(english_corpus):
    citations = {f"{c.source} › {c.section}" for c in english_corpus().chunks}
    assert len(FRENCH) >= 40
    for question in FRENCH:
        assert language_of(question.q) == "fr", question.q
        assert question.expect in citations and (question.also is None or question.also in citations), question


def test_french_questions_find_english_passages_far_better_than_words_alone(bundled, english_corpus, tmp_path):
    dense = evaluate(bundled, FRENCH, k=5)
    with KnowledgeBase(path=tmp_path / "lexical", corpus=english_corpus) as lexical_kb:
        lexical_kb.ensure_indexed()
        words_only = evaluate(lexical_kb, FRENCH, k=5)
    # 0.76 over the 2026-11 catalogue, 0.69 over the 159-case one (more passages compete)
    assert dense.recall >= 0.65, "\n".join(dense.misses)
    assert dense.recall >= words_only.recall + 0.25


def test_english_questions_keep_their_recall_with_the_bundled_model(bundled):
    score = evaluate(bundled, ENGLISH, k=5)
    assert score.recall >= 0.9, "\n".join(score.misses)


def test_french_methodology_is_indexed_with_its_language_and_comes_first_for_a_french_question(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "levels.md").write_text(
        "# Maturity levels\n## Level 3: Context integration\n"
        "Retrieval over the company's documents grounds the answers.\n"
    )
    (docs / "fr" / "levels.md").write_text(
        "# Niveaux de maturité\n## Niveau 3 : intégration du contexte\n"
        "La recherche dans les documents de l'entreprise fonde les réponses.\n"
    )
    corpus = shipped_corpus(loader=_no_catalogue, directory=docs)
    assert {(c.source, c.language) for c in corpus.chunks} == {("levels.md", "en"), ("fr/levels.md", "fr")}
    with KnowledgeBase(path=tmp_path / "q", embedder=BundledEmbedder(), corpus=lambda: corpus) as kb:
        kb.ensure_indexed()
        french = kb.search("Comment les réponses peuvent-elles s'appuyer sur nos documents ?", k=2)
        english = kb.search("How can answers rely on our documents?", k=2)
    assert [p.source for p in french] == ["fr/levels.md", "levels.md"]
    assert [p.source for p in english] == ["levels.md", "fr/levels.md"]


def _no_catalogue():
    raise OSError("no catalogue in this test")


def test_the_shipped_methodology_vectors_are_current_and_are_the_models():
    from knowledge.kb.embed import BUNDLED_MODEL, head
    from knowledge.kb.vectors import shipped_vectors, text_key

    shipped = shipped_vectors(BUNDLED_MODEL)
    texts = [head(c.indexed_text) for c in shipped_corpus().chunks]
    stale = [t[:60] for t in texts if text_key(t) not in shipped]
    assert not stale, f"run `python -m knowledge.kb.vectors` ({len(stale)} passages changed): {stale[:3]}"
    fresh = BundledEmbedder(shipped=False).embed([texts[0], texts[-1]])
    for text, vector in zip((texts[0], texts[-1]), fresh, strict=True):
        cosine = sum(a * b for a, b in zip(vector, shipped[text_key(text)], strict=True))
        assert cosine > 0.999
