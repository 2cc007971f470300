"""Qdrant plumbing shared by indexing, ingest, search and removal: collection names and metadata,
(re)creation with the vectors and payload indexes, points, batched upserts and scrolls.

Both collections have the lexical sparse vector; one created while an embedder is given also has
a dense vector, whose model and dimension are written in the collection's metadata.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from qdrant_client import QdrantClient
from qdrant_client import models as qm

from knowledge.kb import text as lexical
from knowledge.kb.corpus import INDEX_FORMAT
from knowledge.kb.models import DOCUMENTS, Chunk
from knowledge.kb.scope import OWNER

LEXICAL = "lexical"
DENSE = "dense"
BATCH = 256
_NAMESPACE = uuid.UUID("6f1c2a56-3b0e-4c59-9d0c-6a1f4b7e2d10")


def point_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x00".join(parts)))


def make_point(
    point: str, chunk: Chunk, dense: list[float] | None, extra: dict[str, Any] | None = None
) -> qm.PointStruct:
    sparse = lexical.document_vector(chunk.indexed_text)
    vector: dict[str, Any] = {LEXICAL: qm.SparseVector(indices=sparse.indices, values=sparse.values)}
    if dense is not None:
        vector[DENSE] = dense
    payload = chunk.model_dump(mode="json") | (extra or {})
    return qm.PointStruct(id=point, vector=vector, payload=payload)


class Collections:
    """The advisor's collections on one Qdrant client, by their public names."""

    def __init__(self, client: QdrantClient, prefix: str, server: bool) -> None:
        self.client = client
        self.prefix = prefix
        self.server = server
        self._meta_cache: dict[str, dict[str, Any] | None] = {}

    def name(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def forget_metadata(self) -> None:
        self._meta_cache.clear()  # another process sharing a server may have changed them

    def metadata(self, name: str) -> dict[str, Any] | None:
        """The collection's recorded metadata, or None when it does not exist. Cached: on a server
        each look-up is a round trip, and a search needs it for every collection."""
        if name not in self._meta_cache:
            collection = self.name(name)
            exists = self.client.collection_exists(collection)
            self._meta_cache[name] = (
                dict(self.client.get_collection(collection).config.metadata or {}) if exists else None
            )
        return self._meta_cache[name]

    def dense_model(self, name: str) -> str | None:
        return (self.metadata(name) or {}).get("embed_model")

    def set_metadata(self, name: str, metadata: dict[str, Any]) -> None:
        self.client.update_collection(self.name(name), metadata=metadata)
        self._meta_cache.pop(name, None)

    def recreate(self, name: str, dimension: int | None, embed_model: str | None) -> None:
        collection = self.name(name)
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
                "embed_model": embed_model if dimension else None,
                "dimension": dimension,
            },
        )
        if name == DOCUMENTS:
            # Qdrant's multitenancy: one collection for every client, the owner as tenant key, so a
            # server stores each client's points together and filters by owner cheaply.
            self.create_index(
                collection, OWNER, qm.KeywordIndexParams(type=qm.KeywordIndexType.KEYWORD, is_tenant=True)
            )
        for field in ("path", "source"):
            # Keeps replace-on-reingest and source filters fast on a large server collection.
            self.create_index(collection, field, qm.PayloadSchemaType.KEYWORD)

    def create_index(self, collection: str, field: str, schema: qm.PayloadSchemaType | qm.KeywordIndexParams) -> None:
        if self.server:  # local mode has no payload indexes (it warns about each one and ignores it)
            self.client.create_payload_index(collection, field, schema, wait=True)

    def upsert(self, name: str, points: list[qm.PointStruct], progress: Any = None, label: str = "") -> None:
        for start in range(0, len(points), BATCH):
            if progress:
                progress(label, start, len(points))
            self.client.upsert(self.name(name), points[start : start + BATCH], wait=True)
        if progress:
            progress(label, len(points), len(points))

    def delete(self, name: str, flt: qm.Filter) -> None:
        self.client.delete(self.name(name), points_selector=qm.FilterSelector(filter=flt), wait=True)

    def count(self, name: str, flt: qm.Filter | None = None) -> int:
        return self.client.count(self.name(name), count_filter=flt, exact=True).count

    def scroll(self, name: str, flt: qm.Filter | None, payload: bool | list[str]) -> Iterable[qm.Record]:
        offset = None
        while True:
            records, offset = self.client.scroll(
                self.name(name),
                scroll_filter=flt,
                limit=1024,
                offset=offset,
                with_payload=payload,
                with_vectors=False,
            )
            yield from records
            if offset is None:
                return
