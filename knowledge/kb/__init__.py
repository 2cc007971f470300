"""The knowledge base: the methodology and the user's documents (each a client's or the shared
library's) on Qdrant, searched offline with a lexical vector and dense vectors from the bundled
multilingual model (or Ollama's when configured). See `store.KnowledgeBase`."""

from knowledge.kb.embed import BundledEmbedder, Embedder, OllamaEmbedder, bundled_available, ollama_has_model
from knowledge.kb.models import (
    COLLECTIONS,
    DOCUMENTS,
    METHODOLOGY,
    SHARED_LIBRARY,
    Chunk,
    CollectionStatus,
    DocumentEntry,
    EmbeddingError,
    EmbeddingMismatch,
    IngestReport,
    KbStatus,
    KnowledgeBaseBusy,
    KnowledgeBaseError,
    KnowledgeBaseUnwritable,
    Passage,
    Progress,
    RemovedDocuments,
    SearchFilter,
)
from knowledge.kb.scope import BadClientName, client_key
from knowledge.kb.store import KnowledgeBase

__all__ = [
    "COLLECTIONS",
    "SHARED_LIBRARY",
    "BadClientName",
    "BundledEmbedder",
    "DocumentEntry",
    "KnowledgeBaseUnwritable",
    "RemovedDocuments",
    "bundled_available",
    "client_key",
    "DOCUMENTS",
    "METHODOLOGY",
    "Chunk",
    "CollectionStatus",
    "Embedder",
    "EmbeddingError",
    "EmbeddingMismatch",
    "IngestReport",
    "KbStatus",
    "KnowledgeBase",
    "KnowledgeBaseBusy",
    "KnowledgeBaseError",
    "OllamaEmbedder",
    "Passage",
    "Progress",
    "SearchFilter",
    "ollama_has_model",
]
