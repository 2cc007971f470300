"""The knowledge base on Qdrant: the shipped methodology and the user's own documents, searched
together with a local lexical vector and, when an embedder is given, dense vectors fused by RRF.

Where it lives. With `path` it is Qdrant's embedded local mode, a folder on disk and no server.
Local mode locks that folder: a second process (or a second KnowledgeBase in the same process)
cannot open it and gets `KnowledgeBaseBusy`, so an application keeps one open KnowledgeBase and
passes it around. With `url` (and `api_key`) the same code talks to a Qdrant server or cluster,
which any number of processes can share.

Embeddings. Every point has the lexical sparse vector. A collection created while an embedder is
given also has a dense vector; its model and dimension are written in the collection's metadata,
and adding vectors of another model is refused (`EmbeddingMismatch`) rather than silently mixed.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from qdrant_client import QdrantClient
from qdrant_client import models as qm
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

from knowledge.kb import text as lexical
from knowledge.kb.corpus import INDEX_FORMAT, ShippedCorpus, shipped_corpus
from knowledge.kb.embed import Embedder
from knowledge.kb.models import (
    COLLECTIONS,
    DOCUMENTS,
    METHODOLOGY,
    Chunk,
    CollectionName,
    CollectionStatus,
    EmbeddingError,
    EmbeddingMismatch,
    IngestedFile,
    IngestReport,
    KbStatus,
    KnowledgeBaseBusy,
    KnowledgeBaseError,
    Passage,
    Progress,
    SearchFilter,
    SkippedFile,
)
from knowledge.kb.readers import UnreadableFile, expand, read_chunks

LEXICAL = "lexical"
DENSE = "dense"
BATCH = 256
RRF_K = 2  # Qdrant's reciprocal-rank constant, so merged scores look like its fused ones
_NAMESPACE = uuid.UUID("6f1c2a56-3b0e-4c59-9d0c-6a1f4b7e2d10")


def _busy_message(path: Path) -> str:
    return (
        f"The knowledge base in {path} is already open, most likely by another advisor process: "
        "the embedded store allows one process at a time. Close the other one, or run a Qdrant "
        "server and set QDRANT_URL (e.g. http://localhost:6333) so several processes can share it."
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
        self._client: QdrantClient | None = None
        self._checked = False
        self._meta_cache: dict[str, dict[str, Any] | None] = {}
        self._notes: list[str] = []
        # The embedded client is used from whichever thread calls (the UI runs work in threads);
        # one lock keeps its SQLite storage to one caller at a time.
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- lifecycle

    @property
    def location(self) -> str:
        return self.url or str(self.path)

    def open(self) -> KnowledgeBase:
        if self._client is not None:
            return self
        if self.url is not None:
            # The client's own version check runs in a background thread and warns on stderr when
            # the server is down; an unreachable server is reported below, in one line, instead.
            client = QdrantClient(url=self.url, api_key=self.api_key, timeout=30, check_compatibility=False)
            try:
                client.get_collections()
            except UnexpectedResponse as error:
                client.close()
                if error.status_code in (401, 403):
                    raise KnowledgeBaseError(f"The Qdrant server at {self.url} refused the API key "
                                             f"(HTTP {error.status_code}): check QDRANT_API_KEY.") from None
                raise KnowledgeBaseError(f"The Qdrant server at {self.url} answered an error ({error}).") from None
            except (ResponseHandlingException, OSError) as error:
                client.close()
                raise KnowledgeBaseError(f"The Qdrant server at {self.url} is not reachable ({error}).") from None
        else:
            assert self.path is not None
            # Ingested documents may be confidential: the store is readable by its owner only.
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.path.mkdir(exist_ok=True, mode=0o700)
            try:
                client = QdrantClient(path=str(self.path), force_disable_check_same_thread=True)
            except RuntimeError as error:
                if "already accessed" in str(error):
                    raise KnowledgeBaseBusy(_busy_message(self.path)) from None
                raise
        self._client = client
        return self

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> KnowledgeBase:
        return self.open()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def client(self) -> QdrantClient:
        if self._client is None:
            raise KnowledgeBaseError("the knowledge base is not open")
        return self._client

    # ----------------------------------------------------------------- shipped methodology

    def ensure_indexed(self, progress: Progress | None = None) -> bool:
        """Index the shipped methodology if it is missing, stale (content hash) or embedded with
        another model than the current embedder; True when it (re)indexed."""
        with self._lock:
            corpus = self._corpus_factory()
            self._notes = list(corpus.notes)
            self._checked = True
            self._meta_cache.clear()  # another process sharing a server may have changed them
            meta = self._metadata(METHODOLOGY)
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
            dense = self._embed_all([c.indexed_text for c in chunks], progress, "embedding methodology")
        except EmbeddingError as error:
            # A flaky embedder must not leave the advisor without search: index lexically now;
            # the recorded model differs from the embedder's, so the next open retries.
            self._notes.append(f"methodology indexed without dense vectors: {error}")
            dense = None
        self._recreate(METHODOLOGY, len(dense[0]) if dense else None)
        points = [self._point(_point_id("methodology", str(n)), c, dense[n] if dense else None)
                  for n, c in enumerate(chunks)]
        self._upsert(METHODOLOGY, points, progress, "indexing methodology")
        # Written last: an index interrupted half-way has no hash and is rebuilt on next open.
        self._set_metadata(METHODOLOGY, {"content_hash": corpus.content_hash})

    def _ensure_checked(self) -> None:
        if not self._checked:
            self.ensure_indexed()

    # ----------------------------------------------------------------- search

    def search(
        self,
        query: str,
        k: int = 5,
        collections: Sequence[CollectionName] | None = None,
        where: SearchFilter | None = None,
    ) -> list[Passage]:
        """The `k` best passages for `query` across `collections` (default: all), best first."""
        if k < 1:
            raise ValueError("k must be at least 1")
        with self._lock:
            self._ensure_checked()
            sparse = lexical.query_vector(query)
            targets = [c for c in (collections or COLLECTIONS) if self._metadata(c) is not None]
            dense = self._query_dense(query, targets)
            ranked = []
            for name in targets:
                use_dense = dense is not None and self._dense_model(name) == self._embed_model
                points = self._query(name, sparse, dense if use_dense else None, k, _qdrant_filter(where))
                ranked.append(_Ranked(name=name, fused=use_dense, points=points))
            return _merge(ranked, k)

    @property
    def _embed_model(self) -> str | None:
        return self.embedder.model if self.embedder else None

    def _dense_model(self, name: str) -> str | None:
        return (self._metadata(name) or {}).get("embed_model")

    def _query_dense(self, query: str, targets: list[str]) -> list[float] | None:
        if self.embedder is None or not any(self._dense_model(t) == self.embedder.model for t in targets):
            return None
        try:
            return self.embedder.embed([query])[0]
        except EmbeddingError:
            return None  # the lexical half still answers

    def _query(
        self, name: str, sparse: lexical.SparseVector, dense: list[float] | None, k: int, flt: qm.Filter | None
    ) -> list[qm.ScoredPoint]:
        collection = self._name(name)
        sparse_query = qm.SparseVector(indices=sparse.indices, values=sparse.values)
        if dense is None:
            if not sparse.indices:
                return []
            return self.client.query_points(
                collection, query=sparse_query, using=LEXICAL, limit=k, query_filter=flt, with_payload=True
            ).points
        depth = max(4 * k, 20)
        prefetch = [qm.Prefetch(query=dense, using=DENSE, limit=depth, filter=flt)]
        if sparse.indices:
            prefetch.append(qm.Prefetch(query=sparse_query, using=LEXICAL, limit=depth, filter=flt))
        return self.client.query_points(
            collection,
            prefetch=prefetch,
            query=qm.FusionQuery(fusion=qm.Fusion.RRF),
            limit=k,
            query_filter=flt,
            with_payload=True,
        ).points

    # ----------------------------------------------------------------- user documents

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        """Add the user's files (directories are walked) to the documents collection. A changed
        file's chunks replace its old ones; an unchanged file is left as is; a file that cannot be
        read is reported in `skipped` and the others still go in."""
        with self._lock:
            files = expand(Path(p) for p in paths)
            meta = self._metadata(DOCUMENTS)
            if meta is None:
                self._recreate(DOCUMENTS, self.embedder.dimension if self.embedder else None)
                meta = self._metadata(DOCUMENTS) or {}
            self._check_same_model(meta)
            use_dense = meta.get("embed_model") is not None
            known = self._known_files()
            report = IngestReport()
            for done, path in enumerate(files):
                if progress:
                    progress("ingesting", done, len(files))
                try:
                    report.files.append(self._ingest_file(path, use_dense, known))
                except (UnreadableFile, EmbeddingError) as error:
                    report.skipped.append(SkippedFile(path=str(path), reason=str(error)))
            if progress:
                progress("ingesting", len(files), len(files))
            return report

    def _check_same_model(self, meta: dict[str, Any]) -> None:
        recorded = meta.get("embed_model")
        if recorded is None:
            return  # a lexical-only collection takes lexical points from anyone
        if self.embedder is None:
            raise EmbeddingMismatch(
                f"Your documents were embedded with {recorded!r}, which is not available now. Start "
                f"Ollama with that model, or rebuild lexical-only (offline) with `advisor kb rebuild`."
            )
        if self.embedder.model != recorded or self.embedder.dimension != meta.get("dimension"):
            raise EmbeddingMismatch(
                f"Your documents were embedded with {recorded!r} ({meta.get('dimension')} d), not "
                f"{self.embedder.model!r} ({self.embedder.dimension} d); vectors of two models cannot be "
                f"mixed. Set the embedding model back to {recorded!r}, or run `advisor kb rebuild` to "
                f"re-embed everything with {self.embedder.model!r}."
            )

    def _ingest_file(self, path: Path, use_dense: bool, known: dict[str, set[str]]) -> IngestedFile:
        key = str(path.resolve())
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError as error:
            raise UnreadableFile(error.strerror or str(error)) from error
        previous = known.get(key, set())
        if previous == {digest}:
            return IngestedFile(path=str(path), chunks=0, status="unchanged")
        chunks = read_chunks(path)
        dense = self._embed_all([c.indexed_text for c in chunks], None, "") if use_dense else None
        extra = {"path": key, "file_hash": digest}
        points = [
            self._point(_point_id(key, digest, str(n)), chunk, dense[n] if dense else None, extra)
            for n, chunk in enumerate(chunks)
        ]
        # New points first, old ones after: a failure half-way never leaves the file with nothing.
        self._upsert(DOCUMENTS, points, None, "")
        if previous:
            self.client.delete(
                self._name(DOCUMENTS),
                points_selector=qm.FilterSelector(filter=qm.Filter(
                    must=[qm.FieldCondition(key="path", match=qm.MatchValue(value=key))],
                    must_not=[qm.FieldCondition(key="file_hash", match=qm.MatchValue(value=digest))],
                )),
            )
        known[key] = {digest}
        return IngestedFile(path=str(path), chunks=len(chunks), status="replaced" if previous else "added")

    def _known_files(self) -> dict[str, set[str]]:
        """Content hashes stored per ingested file. Read in one pass: a filtered look-up per file
        would scan the whole collection each time in local mode (it has no payload index)."""
        known: dict[str, set[str]] = {}
        for record in self._scroll(DOCUMENTS, None, ["path", "file_hash"]):
            known.setdefault(record.payload["path"], set()).add(record.payload["file_hash"])
        return known

    # ----------------------------------------------------------------- status and rebuild

    def status(self) -> KbStatus:
        with self._lock:
            self._ensure_checked()
            notes = list(self._notes)
            collections = []
            for name in COLLECTIONS:
                meta = self._metadata(name)
                if meta is None:
                    collections.append(CollectionStatus(name=name, exists=False))
                    continue
                sources = {p.payload.get("path") or p.payload.get("source") for p in self._scroll(name, None, ["path", "source"])}
                model = meta.get("embed_model")
                collections.append(CollectionStatus(
                    name=name,
                    exists=True,
                    points=self.client.count(self._name(name), exact=True).count,
                    documents=len(sources),
                    embedding=model or "lexical",
                    dimension=meta.get("dimension"),
                    content_hash=meta.get("content_hash"),
                ))
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
        their original files are not needed."""
        with self._lock:
            corpus = self._corpus_factory()
            self._notes = list(corpus.notes)
            self._checked = True
            self._index_methodology(corpus, progress)
            if self._metadata(DOCUMENTS) is None:
                return
            stored = list(self._scroll(DOCUMENTS, None, True))
            chunks = [Chunk(text=p.payload["text"], source=p.payload["source"], section=p.payload["section"],
                            tags=p.payload.get("tags", []), levels=p.payload.get("levels", []),
                            function=p.payload.get("function")) for p in stored]
            dense = self._embed_all([c.indexed_text for c in chunks], progress, "embedding documents") if chunks else None
            self._recreate(DOCUMENTS, len(dense[0]) if dense else (self.embedder.dimension if self.embedder else None))
            points = [
                self._point(str(p.id), chunk, dense[n] if dense else None,
                            {"path": p.payload.get("path"), "file_hash": p.payload.get("file_hash")})
                for n, (p, chunk) in enumerate(zip(stored, chunks, strict=True))
            ]
            self._upsert(DOCUMENTS, points, progress, "indexing documents")

    # ----------------------------------------------------------------- Qdrant plumbing

    def _name(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def _metadata(self, name: str) -> dict[str, Any] | None:
        """The collection's recorded metadata, or None when it does not exist. Cached: on a server
        each look-up is a round trip, and a search needs it for every collection."""
        if name not in self._meta_cache:
            collection = self._name(name)
            exists = self.client.collection_exists(collection)
            self._meta_cache[name] = dict(self.client.get_collection(collection).config.metadata or {}) if exists else None
        return self._meta_cache[name]

    def _set_metadata(self, name: str, metadata: dict[str, Any]) -> None:
        self.client.update_collection(self._name(name), metadata=metadata)
        self._meta_cache.pop(name, None)

    def _recreate(self, name: str, dimension: int | None) -> None:
        collection = self._name(name)
        self._meta_cache.pop(name, None)
        if self.client.collection_exists(collection):
            self.client.delete_collection(collection)
        dense = {DENSE: qm.VectorParams(size=dimension, distance=qm.Distance.COSINE)} if dimension else {}
        self.client.create_collection(
            collection,
            vectors_config=dense,
            sparse_vectors_config={LEXICAL: qm.SparseVectorParams(modifier=qm.Modifier.IDF)},
            metadata={
                "index_format": INDEX_FORMAT,
                "embed_model": self.embedder.model if dimension and self.embedder else None,
                "dimension": dimension,
            },
        )
        if self.url is not None:  # local mode ignores payload indexes (and warns about them)
            for field in ("path", "source"):
                # Keeps replace-on-reingest and source filters fast on a large server collection.
                self.client.create_payload_index(collection, field, qm.PayloadSchemaType.KEYWORD)

    def _embed_all(self, texts: list[str], progress: Progress | None, label: str) -> list[list[float]] | None:
        if self.embedder is None or not texts:
            return None
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            if progress:
                progress(label, start, len(texts))
            vectors += self.embedder.embed(texts[start : start + BATCH])
        return vectors

    def _point(
        self, point_id: str, chunk: Chunk, dense: list[float] | None, extra: dict[str, Any] | None = None
    ) -> qm.PointStruct:
        sparse = lexical.document_vector(chunk.indexed_text)
        vector: dict[str, Any] = {LEXICAL: qm.SparseVector(indices=sparse.indices, values=sparse.values)}
        if dense is not None:
            vector[DENSE] = dense
        payload = chunk.model_dump(mode="json") | (extra or {})
        return qm.PointStruct(id=point_id, vector=vector, payload=payload)

    def _upsert(self, name: str, points: list[qm.PointStruct], progress: Progress | None, label: str) -> None:
        for start in range(0, len(points), BATCH):
            if progress:
                progress(label, start, len(points))
            self.client.upsert(self._name(name), points[start : start + BATCH], wait=True)
        if progress:
            progress(label, len(points), len(points))

    def _scroll(self, name: str, flt: qm.Filter | None, payload: bool | list[str]) -> Iterable[qm.Record]:
        offset = None
        while True:
            records, offset = self.client.scroll(
                self._name(name), scroll_filter=flt, limit=1024, offset=offset,
                with_payload=payload, with_vectors=False,
            )
            yield from records
            if offset is None:
                return


def _point_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x00".join(parts)))


def _qdrant_filter(where: SearchFilter | None) -> qm.Filter | None:
    if where is None:
        return None
    must: list[qm.Condition] = []
    if where.levels:
        must.append(qm.FieldCondition(key="levels", match=qm.MatchAny(any=where.levels)))
    if where.function is not None:
        must.append(qm.FieldCondition(key="function", match=qm.MatchValue(value=where.function.value)))
    if where.tags:
        must.append(qm.FieldCondition(key="tags", match=qm.MatchAny(any=where.tags)))
    if where.source:
        must.append(qm.FieldCondition(key="source", match=qm.MatchValue(value=where.source)))
    return qm.Filter(must=must) if must else None


class _Ranked(NamedTuple):
    name: str
    fused: bool  # RRF of lexical and dense, rather than lexical scores alone
    points: list[qm.ScoredPoint]


def _merge(ranked: list[_Ranked], k: int) -> list[Passage]:
    """Passages of several collections in one ranking. Scores of one retrieval mode (lexical, or
    RRF-fused) are comparable across collections and kept; when the modes differ, the lists are
    fused by rank instead, and that fused score is reported."""
    by_rank = len({r.fused for r in ranked if r.points}) > 1
    passages = []
    for name, _, points in ranked:
        for rank, point in enumerate(points):
            payload = dict(point.payload or {})
            score = 1.0 / (RRF_K + rank + 1) if by_rank else point.score
            passages.append(Passage(
                text=payload.pop("text", ""),
                source=payload.pop("source", ""),
                section=payload.pop("section", ""),
                score=score,
                collection=name,  # type: ignore[arg-type]  # one of COLLECTIONS
                metadata=payload,
            ))
    passages.sort(key=lambda p: p.score, reverse=True)
    return passages[:k]
