"""Build the knowledge base from the settings: embedded store or Qdrant server, with dense vectors
from Ollama only when it is allowed and answers quickly with the embedding model present."""

from __future__ import annotations

from agent.settings import Settings
from knowledge.kb import KnowledgeBase, OllamaEmbedder, ollama_has_model

# How long to wait for Ollama's model list before settling for lexical search: short, because
# this runs before the first answer and a missing server should cost almost nothing.
PROBE_TIMEOUT = 1.5


def embedder_for(settings: Settings, use_ollama: bool = True) -> OllamaEmbedder | None:
    if not use_ollama or settings.offline:
        return None
    if not ollama_has_model(settings.ollama_host, settings.embed_model, timeout=PROBE_TIMEOUT):
        return None
    return OllamaEmbedder(settings.ollama_host, settings.embed_model, timeout=settings.ollama_timeout)


def open_knowledge_base(settings: Settings, use_ollama: bool = True) -> KnowledgeBase:
    """An open KnowledgeBase (close it, or use it as a context manager). In embedded mode only
    one process may hold it: raises KnowledgeBaseBusy with a message for the user otherwise."""
    kb = KnowledgeBase(
        path=None if settings.qdrant_url else settings.qdrant_path,
        url=settings.qdrant_url,
        api_key=settings.qdrant_api_key,
        embedder=embedder_for(settings, use_ollama),
    )
    return kb.open()
