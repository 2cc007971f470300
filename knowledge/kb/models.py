"""The knowledge base's boundary: what goes in (chunks, filters) and what comes out (passages,
reports, status), plus the errors callers are expected to handle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Literal

from pydantic import BaseModel, Field

from knowledge.vocabulary import FunctionKey

# The two collections, by their public names; the store prefixes them on the server.
METHODOLOGY: Final = "methodology"
DOCUMENTS: Final = "documents"
CollectionName = Literal["methodology", "documents"]
COLLECTIONS: tuple[CollectionName, ...] = (METHODOLOGY, DOCUMENTS)

# Owner key of documents that belong to no client: every session searches them. A client's key
# is "client:<normalised name>" (scope.py), so no client name can collide with it.
SHARED_LIBRARY = "shared"


# (stage label, items done, items in total): enough for a progress bar and for tests.
Progress = Callable[[str, int, int], None]


class KnowledgeBaseError(RuntimeError):
    """A failure the user can act on; its message is meant to be shown as is."""


class KnowledgeBaseBusy(KnowledgeBaseError):
    """Another process holds the embedded store's folder (local mode allows one at a time)."""


class EmbeddingMismatch(KnowledgeBaseError):
    """A collection holds vectors of one embedding model and another one was asked to add to it."""


class EmbeddingError(KnowledgeBaseError):
    """The embedding server failed or answered something unusable."""


class KnowledgeBaseUnwritable(KnowledgeBaseError):
    """The data directory cannot be written (read-only disk or folder): a problem of the user's
    setup, reported like bad input."""


class Chunk(BaseModel):
    """One retrievable passage with the metadata every chunk carries."""

    text: str
    source: str  # document the chunk comes from: "levels.md", "use_cases.yaml", a user file name
    section: str  # heading path inside the source, " > " separated
    tags: list[str] = []
    levels: list[int] = []
    function: FunctionKey | None = None
    language: Literal["en", "fr"] = "en"

    @property
    def indexed_text(self) -> str:
        # Headings name the topic in the words a question uses: they are searched with the body,
        # and the section's own heading counts twice (a light form of field weighting).
        heading = self.section.rsplit(" > ", 1)[-1]
        return f"{self.section}\n{heading}\n{self.text}"


class SearchFilter(BaseModel):
    """Optional restrictions on a search; every given field must match."""

    levels: list[int] = []  # any of these levels
    function: FunctionKey | None = None
    tags: list[str] = []  # any of these tags
    source: str | None = None
    language: Literal["en", "fr"] | None = None


class Passage(BaseModel):
    text: str
    source: str
    section: str
    score: float
    collection: CollectionName
    # For documents: the client key (see scope.py) they belong to, or the shared library's.
    owner: str | None = None
    metadata: dict[str, Any] = {}

    @property
    def citation(self) -> str:
        return f"{self.source} › {self.section}"

    @property
    def origin(self) -> Literal["methodology", "shared library", "client document"]:
        """Who wrote it: a passage of an ingested file is the client's words, never the method."""
        if self.collection == METHODOLOGY:
            return "methodology"
        return "shared library" if self.owner == SHARED_LIBRARY else "client document"


class DocumentEntry(BaseModel):
    """One ingested file as `kb list` shows it."""

    owner: str  # SHARED_LIBRARY or "client:<key>"
    client: str | None  # the client's name as typed at ingest; None for the shared library
    path: str
    source: str
    chunks: int
    ingested: str  # ISO timestamp (UTC) of the ingest that stored the current version


class RemovedDocuments(BaseModel):
    files: int
    chunks: int


class IngestedFile(BaseModel):
    path: str
    chunks: int
    status: Literal["added", "replaced", "unchanged"]
    owner: str = SHARED_LIBRARY


class SkippedFile(BaseModel):
    path: str
    reason: str


class IngestReport(BaseModel):
    files: list[IngestedFile] = []
    skipped: list[SkippedFile] = []

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self.files if f.status != "unchanged")


class CollectionStatus(BaseModel):
    name: CollectionName
    exists: bool
    points: int = 0
    documents: int = 0  # distinct sources
    embedding: str = "lexical"  # "lexical" or the dense model's name
    dimension: int | None = None
    content_hash: str | None = None


class KbStatus(BaseModel):
    location: str
    mode: Literal["embedded", "server"]
    embedding: str = Field(description="'lexical' or 'hybrid: <model>' for new searches and ingests")
    collections: list[CollectionStatus]
    notes: list[str] = []
