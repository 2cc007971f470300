"""Knowledge base building blocks without a store: tokenising, sparse vectors, chunking, reading files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.kb.chunks import MAX_WORDS, catalogue_chunks, markdown_chunks, split_long, text_chunks
from knowledge.kb.corpus import shipped_corpus
from knowledge.kb.readers import UnreadableFile, expand, read_chunks
from knowledge.kb.text import EXPANSION_WEIGHT, document_vector, query_vector, stems, term_index, terms, words
from knowledge.vocabulary import FunctionKey


def make_pdf(pages: list[str]) -> bytes:
    """A minimal, valid PDF with one line of Helvetica text per page (no PDF writer needed)."""
    n = len(pages)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>",
    ]
    for i, text in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {3 + 2 * n} 0 R >> >> >>"
        )
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ----------------------------------------------------------------------------- tokenising


def test_words_drop_english_and_french_stop_words_but_keep_level_digits():
    assert words("What changes between level 3 and 4?") == ["changes", "level", "3", "4"]
    assert words("Quels sont les niveaux de maturité ?") == ["niveaux", "maturité"]


def test_english_and_french_forms_share_a_stem():
    # cognates meet across languages, so a French question finds English passages
    assert set(stems("strategies")) & set(stems("stratégie"))
    assert set(stems("integration")) & set(stems("intégration"))
    assert set(stems("maturity")) & set(stems("maturité"))
    assert set(terms("levels")) == set(terms("level"))


def test_term_indices_are_stable_across_processes():
    # a CRC-32, not Python's salted hash(): an index written today must be queryable tomorrow
    assert term_index("level") == 2599078931
    assert all(0 <= term_index(t) < 2**32 for t in terms("Fine-tuning des modèles pré-entraînés"))


def test_document_vector_saturates_repeated_terms():
    once = dict(zip(*document_vector("rag").model_dump().values(), strict=True))
    many = dict(zip(*document_vector("rag " * 50).model_dump().values(), strict=True))
    assert many[term_index("rag")] > once[term_index("rag")]
    assert many[term_index("rag")] < 2.2 * once[term_index("rag")]  # BM25's k1 + 1 ceiling


def test_query_expansion_adds_methodology_words_at_a_lower_weight():
    vector = query_vector("Which stage are we at?")
    weights = dict(zip(vector.indices, vector.values, strict=True))
    assert weights[term_index("stage")] == 1.0
    assert weights[term_index("level")] == EXPANSION_WEIGHT
    # phrases are matched too
    made_up = dict(zip(*query_vector("the bot made up a figure").model_dump().values(), strict=True))
    assert made_up[term_index("hallucin")] == EXPANSION_WEIGHT


def test_query_vector_of_stop_words_only_is_empty():
    assert query_vector("what is the").indices == []


@given(st.text(max_size=300))
def test_sparse_vectors_are_well_formed_for_any_text(text):
    for vector in (document_vector(text), query_vector(text)):
        assert vector.indices == sorted(set(vector.indices))
        assert len(vector.values) == len(vector.indices)
        assert all(v > 0 for v in vector.values)


# ----------------------------------------------------------------------------- chunking

MARKDOWN = """# Guide
<!-- tags: guide -->
Intro of the guide.

## Levels
<!-- levels: 1, 2; tags: levels -->
About levels.

### Level two
<!-- levels: 2; function: service -->
Details.

```
# not a heading inside a fence
```

## Empty parent

### Child
Child text.
"""


def test_markdown_chunks_follow_headings_with_paths_and_inherited_metadata():
    chunks = {c.section: c for c in markdown_chunks(MARKDOWN, "guide.md")}
    assert list(chunks) == ["Guide", "Guide > Levels", "Guide > Levels > Level two", "Guide > Empty parent > Child"]
    assert chunks["Guide"].tags == ["guide"]
    assert chunks["Guide > Levels"].levels == [1, 2]
    two = chunks["Guide > Levels > Level two"]
    assert (two.levels, two.function, two.tags) == ([2], FunctionKey.service, ["guide", "levels"])
    assert "# not a heading" in two.text and "<!--" not in two.text
    assert chunks["Guide > Empty parent > Child"].levels == []
    assert {c.source for c in chunks.values()} == {"guide.md"}


def test_long_sections_are_split_by_paragraph_then_by_words():
    body = "\n\n".join(" ".join(["word"] * 100) for _ in range(5)) + "\n\n" + " ".join(["long"] * 600)
    parts = split_long(body)
    assert all(len(p.split()) <= MAX_WORDS for p in parts)
    assert sum(len(p.split()) for p in parts) == 1100
    numbered = text_chunks(body, "notes.txt", "notes.txt")
    assert [c.section for c in numbered][:2] == ["notes.txt (part 1)", "notes.txt (part 2)"]


def test_catalogue_gives_one_chunk_per_use_case_with_its_metadata(methodology):
    chunks = catalogue_chunks(methodology)
    assert len(chunks) == len(methodology.use_cases)
    first, case = chunks[0], methodology.use_cases[0]
    assert first.source == "use_cases.yaml"
    assert first.section.endswith(f"> {case.title}")
    assert first.levels == [case.min_level] and first.function == case.function
    assert f"Minimum maturity level: {case.min_level}" in first.text


def test_shipped_corpus_covers_every_document_and_has_a_stable_hash(methodology):
    corpus = shipped_corpus()
    sources = {c.source for c in corpus.chunks}
    for name in (
        "levels.md",
        "architecture.md",
        "governance.md",
        "adoption.md",
        "strategies.md",
        "roadmap.md",
        "solutions.md",
        "value_chain.md",
        "risks.md",
        "use_cases.yaml",
    ):
        assert name in sources
    assert corpus.notes == []
    assert shipped_corpus().content_hash == corpus.content_hash
    sections = {c.section for c in corpus.chunks}
    for number in range(1, 6):
        assert any(s.startswith(f"Maturity levels > Level {number}:") for s in sections)
    assert all(c.levels for c in corpus.chunks if c.source in ("solutions.md", "levels.md"))


def test_a_catalogue_that_fails_to_load_is_left_out_with_a_note():
    def broken():
        raise FileNotFoundError("use_cases.yaml is missing")

    corpus = shipped_corpus(loader=broken)
    assert corpus.notes and "use-case catalogue not indexed" in corpus.notes[0]
    assert all(c.source != "use_cases.yaml" for c in corpus.chunks)
    assert corpus.content_hash != shipped_corpus().content_hash


# ----------------------------------------------------------------------------- reading files


def test_read_markdown_text_and_pdf(tmp_path: Path):
    (tmp_path / "a.md").write_text("# Title\n## Part\nSome text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Notes écrites sous Windows.".encode("cp1252"))
    (tmp_path / "c.pdf").write_bytes(make_pdf(["Supplier contracts", "Invoice matching"]))
    assert [c.section for c in read_chunks(tmp_path / "a.md")] == ["Title > Part"]
    assert "écrites" in read_chunks(tmp_path / "b.txt")[0].text
    pdf = read_chunks(tmp_path / "c.pdf")
    assert [(c.section, c.text) for c in pdf] == [("page 1", "Supplier contracts"), ("page 2", "Invoice matching")]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"abc\x00def", "binary"),
        ("broken.pdf", b"%PDF-1.4 not really", "unreadable PDF"),
        ("empty.md", b"   \n", "no text"),
        ("image.png", b"\x89PNG", "unsupported"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, reason: str):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_chunks(tmp_path / name)


def test_missing_file_and_directory_expansion(tmp_path: Path):
    with pytest.raises(UnreadableFile, match="no such file"):
        read_chunks(tmp_path / "gone.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text("x")
    (tmp_path / "sub" / "y.bin").write_text("y")
    files, skipped = expand([tmp_path])
    assert files == [tmp_path / "sub" / "x.md"]
    assert [(Path(s.path).name, s.reason.split(";")[0]) for s in skipped] == [("y.bin", "unsupported file type .bin")]
