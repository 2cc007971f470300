"""Dense vectors from an Ollama embedding model, over plain HTTP with a timeout.

Ollama is optional: the knowledge base searches lexically without it. Nothing here downloads a
model; a missing model is reported, never pulled.
"""

from __future__ import annotations

from typing import Protocol

import httpx

from knowledge.kb.models import EmbeddingError


def _same_model(wanted: str, listed: str) -> bool:
    # Ollama lists "nomic-embed-text:latest" for a model asked for as "nomic-embed-text".
    def norm(name: str) -> str:
        return name if ":" in name else f"{name}:latest"

    return norm(wanted) == norm(listed)


def ollama_has_model(host: str, model: str, timeout: float = 1.5) -> bool:
    """True when the server answers `/api/tags` within `timeout` and lists `model`."""
    try:
        response = httpx.get(f"{host.rstrip('/')}/api/tags", timeout=timeout)
        response.raise_for_status()
        listed = response.json().get("models", [])
    except (httpx.HTTPError, ValueError, AttributeError):
        return False
    return any(_same_model(model, m.get("name") or m.get("model") or "") for m in listed if isinstance(m, dict))


class OllamaEmbedder:
    """Embeds texts with one model of one Ollama server; `dimension` is learnt from the server."""

    def __init__(self, host: str, model: str, timeout: float = 60.0, batch_size: int = 32) -> None:
        self.host = host.rstrip("/")
        self.model = model
        self.timeout = timeout
        self.batch_size = batch_size
        self._dimension: int | None = None

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self.embed(["dimension probe"])
        assert self._dimension is not None
        return self._dimension

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        with httpx.Client(base_url=self.host, timeout=self.timeout) as client:
            for start in range(0, len(texts), self.batch_size):
                vectors += self._batch(client, texts[start : start + self.batch_size])
        return vectors

    def _batch(self, client: httpx.Client, texts: list[str]) -> list[list[float]]:
        try:
            response = client.post("/api/embed", json={"model": self.model, "input": texts})
        except httpx.HTTPError as error:
            raise EmbeddingError(f"Ollama at {self.host} did not answer ({error.__class__.__name__})") from error
        if response.status_code != 200:
            raise EmbeddingError(f"Ollama refused to embed with {self.model!r}: {_error_text(response)}")
        try:
            vectors = response.json()["embeddings"]
        except (ValueError, KeyError, TypeError) as error:
            raise EmbeddingError("Ollama returned no embeddings") from error
        if len(vectors) != len(texts) or not vectors or not all(vectors):
            raise EmbeddingError(f"Ollama returned {len(vectors)} embeddings for {len(texts)} texts")
        sizes = {len(v) for v in vectors}
        if len(sizes) != 1 or (self._dimension is not None and sizes != {self._dimension}):
            raise EmbeddingError(f"{self.model!r} changed its vector size ({sorted(sizes)})")
        self._dimension = sizes.pop()
        return vectors


def _error_text(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error") or response.status_code)
    except ValueError:
        return f"HTTP {response.status_code}"


class Embedder(Protocol):
    """What the store needs from a dense embedder (OllamaEmbedder, or a test double)."""

    model: str

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str]) -> list[list[float]]: ...
