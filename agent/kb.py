"""Build the knowledge base from the settings: embedded store or Qdrant server, with dense vectors
from the multilingual model bundled with the advisor, or from Ollama when an embedding model is
configured (ADVISOR_EMBED_MODEL or `embed_model` in config.toml) and answers quickly."""

from __future__ import annotations

from agent.settings import Settings
from knowledge.kb import (
    SHARED_LIBRARY,
    BundledEmbedder,
    DocumentEntry,
    Embedder,
    KnowledgeBase,
    OllamaEmbedder,
    RemovedDocuments,
    bundled_available,
    client_key,
    ollama_has_model,
)

# How long to wait for Ollama's model list before settling for lexical search: short, because
# this runs before the first answer and a missing server should cost almost nothing.
PROBE_TIMEOUT = 1.5


def ollama_embeddings_configured(settings: Settings) -> bool:
    """An embedding model named by the user (not the default) means: embed with Ollama."""
    return "embed_model" in settings.model_fields_set


def embedder_for(settings: Settings, use_ollama: bool = True) -> Embedder | None:
    """Ollama's model when configured and there; with it configured but unreachable, None
    (lexical search, so the vectors already stored with that model stay usable when it returns);
    otherwise the bundled model, which needs no server and no network."""
    if ollama_embeddings_configured(settings):
        if not use_ollama or settings.offline:
            return None
        if not ollama_has_model(settings.ollama_host, settings.embed_model, timeout=PROBE_TIMEOUT):
            return None
        return OllamaEmbedder(settings.ollama_host, settings.embed_model, timeout=settings.ollama_timeout)
    return BundledEmbedder() if bundled_available() else None


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


def client_documents(settings: Settings, client: str) -> list[DocumentEntry]:
    """The documents ingested for `client` (not the shared library's): what deleting the client's
    last session may offer to remove."""
    if client_key(client) == SHARED_LIBRARY:
        return []
    with open_knowledge_base(settings, use_ollama=False) as kb:
        return kb.documents(client)


def remove_client_documents(settings: Settings, client: str) -> RemovedDocuments:
    """Delete every document of `client` from the vector store (never the shared library's). The
    caller asks first: the sessions CLI and the interface call this only after a yes."""
    if client_key(client) == SHARED_LIBRARY:
        return RemovedDocuments(files=0, chunks=0)
    with open_knowledge_base(settings, use_ollama=False) as kb:
        return kb.remove(client)
