"""The French knowledge base mirrors the English one: the same documents, the same headings
hierarchy and the same chunk metadata (so a French passage aligns with its English twin), written
in French with the white paper's own vocabulary."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOCS = ROOT / "knowledge" / "docs"
ENGLISH = sorted(DOCS.glob("*.md"))
HEADING = re.compile(r"^(#+) ", re.MULTILINE)
METADATA = re.compile(r"^<!--.*-->$", re.MULTILINE)
# Words that are English and not French: in a French text they betray an untranslated passage.
ENGLISH_ONLY = {"the", "and", "of", "is", "with", "which", "that", "are", "from", "its", "their", "when"}


def french(path):
    return DOCS / "fr" / path.name


def outline(text: str) -> list[str]:
    """Each heading's depth and each metadata comment, in order: what chunking relies on."""
    lines = []
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            lines.append(heading.group(1))
        elif METADATA.match(line):
            lines.append(line)
    return lines


def test_every_english_document_has_a_french_version_and_no_other():
    assert sorted(p.name for p in (DOCS / "fr").glob("*.md")) == [p.name for p in ENGLISH]


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_same_headings_hierarchy_and_metadata(path):
    assert outline(french(path).read_text(encoding="utf-8")) == outline(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_written_in_french(path):
    words = re.findall(r"[a-zà-ÿœ']+", french(path).read_text(encoding="utf-8").lower())
    english = [w for w in words if w in ENGLISH_ONLY]
    assert len(english) <= len(words) // 200, sorted(set(english))
    assert sum(w in {"le", "la", "les", "des", "et", "du"} for w in words) > len(words) // 15


@pytest.mark.parametrize(
    ("name", "terms"),
    [
        (
            "levels.md",
            [
                "Niveau 1 : exploratoire",
                "Niveau 2 : débutant",
                "Niveau 3 : intégration de contexte",
                "Niveau 4 : avancé",
                "Niveau 5 : expert",
            ],
        ),
        ("strategies.md", ["approche incrémentale et évolutive", "approche focalisée", "approche hybride"]),
        ("value_chain.md", ["chaîne de valeur", "cas d'usage"]),
        ("roadmap.md", ["feuille de route", "schéma directeur"]),
        ("architecture.md", ["RAG", "affinage (fine-tuning)"]),
    ],
)
def test_the_white_papers_vocabulary(name, terms):
    text = (DOCS / "fr" / name).read_text(encoding="utf-8")
    for term in terms:
        assert term.lower() in text.lower(), term
