"""The knowledge base: the methodology and the user's documents on Qdrant, searched offline with a
lexical vector and, when Ollama is there, with dense vectors too. See `store.KnowledgeBase`."""

from knowledge.kb.embed import Embedder, OllamaEmbedder, ollama_has_model
from knowledge.kb.models import (
    COLLECTIONS,
    DOCUMENTS,
    METHODOLOGY,
    Chunk,
    CollectionStatus,
    EmbeddingError,
    EmbeddingMismatch,
    IngestReport,
    KbStatus,
    KnowledgeBaseBusy,
    KnowledgeBaseError,
    Passage,
    Progress,
    SearchFilter,
)
from knowledge.kb.store import KnowledgeBase

__all__ = [
    "COLLECTIONS",
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
