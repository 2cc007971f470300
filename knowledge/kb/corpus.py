"""The shipped corpus: the methodology documents in `knowledge/docs/` (English) and
`knowledge/docs/fr/` (their French versions, sourced "fr/<name>"), and the use-case catalogue, as
chunks tagged with their language, with a fingerprint that tells the store when its index is stale."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.kb.chunks import catalogue_chunks, markdown_chunks
from knowledge.kb.models import Chunk
from knowledge.methodology import MethodologyError, load_methodology
from knowledge.schema import Methodology

# Bump when chunking or the lexical vector changes, so existing indexes are rebuilt.
INDEX_FORMAT = "2"


class ShippedCorpus(BaseModel):
    chunks: list[Chunk]
    content_hash: str
    notes: list[str] = []


def docs_dir() -> Path:
    return Path(str(resources.files("knowledge") / "docs"))


def shipped_corpus(
    loader: Callable[[], Methodology] = load_methodology, directory: Path | None = None
) -> ShippedCorpus:
    """Every chunk of the shipped knowledge. A catalogue that does not load (missing or invalid
    data file) is left out with a note rather than blocking the documents."""
    chunks: list[Chunk] = []
    folder = directory or docs_dir()
    for path in sorted(folder.glob("*.md")):
        chunks += markdown_chunks(path.read_text(encoding="utf-8"), path.name)
    for path in sorted((folder / "fr").glob("*.md")):
        chunks += [
            c.model_copy(update={"language": "fr"})
            for c in markdown_chunks(path.read_text(encoding="utf-8"), f"fr/{path.name}")
        ]
    notes = []
    try:
        chunks += catalogue_chunks(loader())
    except (OSError, MethodologyError, ValidationError, yaml.YAMLError) as error:
        notes.append(f"use-case catalogue not indexed: {str(error).splitlines()[0]}")
    # The fingerprint covers the chunks themselves, so a change in a document, in the catalogue or
    # in how either is cut shows; a skipped catalogue changes it too, so it is retried when fixed.
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    for chunk in chunks:
        digest.update(json.dumps(chunk.model_dump(mode="json"), sort_keys=True).encode())
    return ShippedCorpus(chunks=chunks, content_hash=digest.hexdigest()[:16], notes=notes)
