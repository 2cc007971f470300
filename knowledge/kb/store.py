"""The knowledge base on Qdrant: the shipped methodology and the user's own documents, searched
together with a local lexical vector and, when an embedder is given, dense vectors fused by RRF.

Where it lives. With `path` it is Qdrant's embedded local mode, a folder on disk and no server.
Local mode locks that folder: a second process (or a second KnowledgeBase in the same process)
cannot open it and gets `KnowledgeBaseBusy`, so an application keeps one open KnowledgeBase and
passes it around. With `url` (and `api_key`) the same code talks to a Qdrant server or cluster,
which any number of processes can share.

Whose documents. Every ingested document belongs to one client or to the shared library
(scope.py); a search sees the methodology, the shared library and the given client's documents
only. Indexing never happens inside `search`: call `ensure_indexed` first.

Embeddings. A collection created while an embedder is given also has a dense vector; its model
and dimension are written in the collection's metadata, and adding vectors of another model is
refused (`EmbeddingMismatch`) rather than silently mixed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from qdrant_client import QdrantClient
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

from knowledge.kb import ingest as documents
from knowledge.kb.corpus import ShippedCorpus, shipped_corpus
from knowledge.kb.embed import Embedder
from knowledge.kb.models import (
    COLLECTIONS,
    DOCUMENTS,
    METHODOLOGY,
    Chunk,
    CollectionName,
    CollectionStatus,
    DocumentEntry,
    EmbeddingError,
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
from knowledge.kb.qdrant import Collections, make_point, point_id
from knowledge.kb.scope import OWNER, client_key
from knowledge.kb.search import Query, search

_CHUNK_FIELDS = set(Chunk.model_fields)


def _busy_message(path: Path) -> str:
    return (
        f"The knowledge base in {path} is already open, most likely by another advisor process: "
        "the embedded store allows one process at a time. Close the other one, or run a Qdrant "
        "server and set QDRANT_URL (e.g. http://localhost:6333) so several processes can share it."
    )


def _unwritable(path: Path, error: BaseException) -> KnowledgeBaseUnwritable:
    reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
    return KnowledgeBaseUnwritable(
        f"The knowledge base folder {path} cannot be written ({reason}): "
        "check its permissions and free space, or set ADVISOR_DATA_DIR elsewhere."
    )


class KnowledgeBase:
    """Open with `open()` or `with KnowledgeBase(...) as kb:`; every method needs it open."""

    def __init__(
        self,
        *,
        path: Path | None = None,
        url: str | None = None,
        api_key: str | None = None,
        embedder: Embedder | None = None,
        prefix: str = "advisor_",
        corpus: Callable[[], ShippedCorpus] = shipped_corpus,
    ) -> None:
        if (path is None) == (url is None):
            raise ValueError("give exactly one of path (embedded store) or url (Qdrant server)")
        self.path = path
        self.url = url
        self.api_key = api_key
        self.embedder = embedder
        self.prefix = prefix
        self._corpus_factory = corpus
        self._store: Collections | None = None
        self._notes: list[str] = []
        # The embedded client is used from whichever thread calls (the UI runs work in threads);
        # one lock keeps its SQLite storage to one caller at a time.
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- lifecycle

    @property
    def location(self) -> str:
        return self.url or str(self.path)

    def open(self) -> KnowledgeBase:
        if self._store is not None:
            return self
        client = self._connect() if self.url is not None else self._open_local()
        self._store = Collections(client, self.prefix, server=self.url is not None)
        return self

    def _connect(self) -> QdrantClient:
        # The client's own version check runs in a background thread and warns on stderr when
        # the server is down; an unreachable server is reported below, in one line, instead.
        client = QdrantClient(url=self.url, api_key=self.api_key, timeout=30, check_compatibility=False)
        try:
            client.get_collections()
        except UnexpectedResponse as error:
            client.close()
            if error.status_code in (401, 403):
                raise KnowledgeBaseError(
                    f"The Qdrant server at {self.url} refused the API key "
                    f"(HTTP {error.status_code}): check QDRANT_API_KEY."
                ) from None
            raise KnowledgeBaseError(f"The Qdrant server at {self.url} answered an error ({error}).") from None
        except (ResponseHandlingException, OSError) as error:
            client.close()
            raise KnowledgeBaseError(f"The Qdrant server at {self.url} is not reachable ({error}).") from None
        return client

    def _open_local(self) -> QdrantClient:
        assert self.path is not None
        try:
            # Ingested documents may be confidential: the store is readable by its owner only.
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.path.mkdir(exist_ok=True, mode=0o700)
            if not os.access(self.path, os.W_OK | os.X_OK):
                raise PermissionError(13, "permission denied")
            return QdrantClient(path=str(self.path), force_disable_check_same_thread=True)
        except RuntimeError as error:
            if "already accessed" in str(error):
                raise KnowledgeBaseBusy(_busy_message(self.path)) from None
            raise
        except (OSError, sqlite3.OperationalError) as error:
            raise _unwritable(self.path, error) from None

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.client.close()
                self._store = None

    def __enter__(self) -> KnowledgeBase:
        return self.open()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def store(self) -> Collections:
        if self._store is None:
            raise KnowledgeBaseError("the knowledge base is not open")
        return self._store

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The lock, and a read-only disk or folder reported in one line instead of a traceback."""
        with self._lock:
            try:
                yield
            except (OSError, sqlite3.OperationalError) as error:
                if self.path is None or isinstance(error, sqlite3.OperationalError) and "readonly" not in str(error):
                    raise
                raise _unwritable(self.path, error) from None

    # ----------------------------------------------------------------- shipped methodology

    def ensure_indexed(self, progress: Progress | None = None) -> bool:
        """Index the shipped methodology if it is missing, stale (content hash) or embedded with
        another model than the current embedder; True when it (re)indexed."""
        with self._writing():
            corpus = self._corpus_factory()
            self._notes = list(corpus.notes)
            self.store.forget_metadata()
            meta = self.store.metadata(METHODOLOGY)
            fresh = (
                meta is not None
                and meta.get("content_hash") == corpus.content_hash
                and (self.embedder is None or meta.get("embed_model") == self.embedder.model)
            )
            if fresh:
                return False
            self._index_methodology(corpus, progress)
            return True

    def _index_methodology(self, corpus: ShippedCorpus, progress: Progress | None) -> None:
        chunks = corpus.chunks
        try:
            dense = documents.embed_all(
                self.embedder, [c.indexed_text for c in chunks], progress, "embedding methodology"
            )
        except EmbeddingError as error:
            # A flaky embedder must not leave the advisor without search: index lexically now;
            # the recorded model differs from the embedder's, so the next open retries.
            self._notes.append(f"methodology indexed without dense vectors: {error}")
            dense = None
        self.store.recreate(METHODOLOGY, len(dense[0]) if dense else None, self._embed_model)
        points = [
            make_point(point_id("methodology", str(n)), c, dense[n] if dense else None) for n, c in enumerate(chunks)
        ]
        self.store.upsert(METHODOLOGY, points, progress, "indexing methodology")
        # Written last: an index interrupted half-way has no hash and is rebuilt on next open.
        self.store.set_metadata(METHODOLOGY, {"content_hash": corpus.content_hash})

    @property
    def _embed_model(self) -> str | None:
        return self.embedder.model if self.embedder else None

    # ----------------------------------------------------------------- search

    def search(
        self,
        query: str,
        k: int = 5,
        collections: Sequence[CollectionName] | None = None,
        where: SearchFilter | None = None,
        client: str | None = None,
        language: str | None = None,
    ) -> list[Passage]:
        """The `k` best passages for `query`, best first, from the methodology, the shared library
        and `client`'s documents (no client: the shared library only); passages in the question's
        language first (`language` when the question is too short to tell)."""
        if k < 1:
            raise ValueError("k must be at least 1")
        client_key(client)  # a bad name is refused before any query
        with self._lock:
            return search(
                self.store, self.embedder, Query(query, k, client, where, language), list(collections or COLLECTIONS)
            )

    # ----------------------------------------------------------------- user documents

    def ingest(
        self, paths: Iterable[Path], progress: Progress | None = None, client: str | None = None
    ) -> IngestReport:
        """Add the user's files (directories are walked) as `client`'s documents, or the shared
        library's. A changed file's chunks replace its old ones; an unchanged file is left as is;
        a file that cannot be read is reported in `skipped` and the others still go in."""
        with self._writing():
            return documents.ingest(self.store, self.embedder, paths, client, progress)

    def documents(self, client: str | None = None, everyone: bool = False) -> list[DocumentEntry]:
        """Ingested files of `client` (or the shared library), or of all owners with `everyone`."""
        with self._lock:
            return documents.list_documents(self.store, client, everyone)

    def find_documents(self, file: str, client: str | None = None) -> list[DocumentEntry]:
        with self._lock:
            return documents.matching_documents(self.store, file, client)

    def remove(self, client: str | None = None, paths: list[str] | None = None) -> RemovedDocuments:
        """Delete `client`'s (or the shared library's) files at `paths`, or all of them."""
        with self._writing():
            return documents.remove_documents(self.store, client_key(client), paths)

    # ----------------------------------------------------------------- status and rebuild

    def status(self) -> KbStatus:
        with self._lock:
            notes = list(self._notes)
            collections = []
            for name in COLLECTIONS:
                meta = self.store.metadata(name)
                if meta is None:
                    collections.append(CollectionStatus(name=name, exists=False))
                    continue
                fields = [OWNER, "path", "source"]
                sources = {
                    (p.payload or {}).get(OWNER, "")
                    + str((p.payload or {}).get("path") or (p.payload or {}).get("source"))
                    for p in self.store.scroll(name, None, fields)
                }
                model = meta.get("embed_model")
                collections.append(
                    CollectionStatus(
                        name=name,
                        exists=True,
                        points=self.store.count(name),
                        documents=len(sources),
                        embedding=model or "lexical",
                        dimension=meta.get("dimension"),
                        content_hash=meta.get("content_hash"),
                    )
                )
                if self.embedder is not None and model != self.embedder.model:
                    notes.append(
                        f"{name}: searched lexically only (its vectors are {model or 'lexical'}, not "
                        f"{self.embedder.model}); `advisor kb rebuild` re-embeds it"
                    )
            return KbStatus(
                location=self.location,
                mode="server" if self.url else "embedded",
                embedding=f"hybrid: {self.embedder.model}" if self.embedder else "lexical",
                collections=collections,
                notes=notes,
            )

    def rebuild(self, progress: Progress | None = None) -> None:
        """Re-index the methodology and re-embed the user's documents with the current embedder
        (or lexical-only without one). Documents are rebuilt from the text stored with them, so
        their original files are not needed; owners and ingest dates are kept."""
        with self._writing():
            corpus = self._corpus_factory()
            self._notes = list(corpus.notes)
            self._index_methodology(corpus, progress)
            if self.store.metadata(DOCUMENTS) is None:
                return
            stored = list(self.store.scroll(DOCUMENTS, None, True))
            chunks = [
                Chunk.model_validate({k: v for k, v in (p.payload or {}).items() if k in _CHUNK_FIELDS}) for p in stored
            ]
            dense = documents.embed_all(
                self.embedder, [c.indexed_text for c in chunks], progress, "embedding documents"
            )
            dimension = len(dense[0]) if dense else (self.embedder.dimension if self.embedder else None)
            self.store.recreate(DOCUMENTS, dimension, self._embed_model)
            points = [
                make_point(
                    str(p.id),
                    chunk,
                    dense[n] if dense else None,
                    {k: v for k, v in (p.payload or {}).items() if k not in _CHUNK_FIELDS},
                )
                for n, (p, chunk) in enumerate(zip(stored, chunks, strict=True))
            ]
            self.store.upsert(DOCUMENTS, points, progress, "indexing documents")
