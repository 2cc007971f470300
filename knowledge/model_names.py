"""Ollama model names as a server lists them, for the chat model and the knowledge base's embedder alike."""

from __future__ import annotations


def same_model(wanted: str, listed: str) -> bool:
    """Whether `listed` (from `/api/tags`) is the model asked for: Ollama lists
    "nomic-embed-text:latest" for a model asked for as "nomic-embed-text", and the reverse."""

    def tagged(name: str) -> str:
        return name if ":" in name else f"{name}:latest"

    return tagged(wanted) == tagged(listed)
