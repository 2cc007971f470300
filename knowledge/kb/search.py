"""Searching the collections: a lexical query, fused by RRF with a dense one when the collection's
vectors are of the current embedder's model, then one ranking across collections.

A search only reads: indexing the methodology is `KnowledgeBase.ensure_indexed`'s job, done by
the caller beforehand. The documents collection is always queried through the scope's filter.
"""

from __future__ import annotations

from typing import NamedTuple

from qdrant_client import models as qm

from knowledge.kb import text as lexical
from knowledge.kb.embed import Embedder
from knowledge.kb.models import DOCUMENTS, SHARED_LIBRARY, CollectionName, EmbeddingError, Passage, SearchFilter
from knowledge.kb.qdrant import DENSE, LEXICAL, Collections
from knowledge.kb.scope import OWNER, documents_filter, methodology_filter

RRF_K = 2  # Qdrant's reciprocal-rank constant, so merged scores look like its fused ones
# Nearest neighbours always exist: without a floor, the one document of a client would come back
# for any question. Below this cosine (bundled model: unrelated texts score 0 to 0.2, a question
# and its answer 0.35 and up) a document counts only through its words.
DOCUMENT_DENSE_FLOOR = 0.25
# The methodology ships in English and French: a passage in the other language than the question's
# counts this much of its score, so the question's own version comes first and the translation of
# the same section does not take a second place in the top k (it still answers when it alone fits).
OTHER_LANGUAGE = 0.5


class Query(NamedTuple):
    text: str
    k: int
    client: str | None
    where: SearchFilter | None
    language: str | None = None  # the asker's, for a question too short to tell its own


def search(store: Collections, embedder: Embedder | None, query: Query, targets: list[CollectionName]) -> list[Passage]:
    sparse = lexical.query_vector(query.text)
    present = [c for c in targets if store.metadata(c) is not None]
    model = embedder.model if embedder else None
    dense = (
        _query_dense(embedder, query.text) if model and any(store.dense_model(t) == model for t in present) else None
    )
    language = lexical.language_of(query.text) or query.language
    depth = 2 * query.k if language else query.k  # room to bring same-language passages forward
    ranked = []
    for name in present:
        use_dense = dense is not None and store.dense_model(name) == model
        flt = documents_filter(query.client, query.where) if name == DOCUMENTS else methodology_filter(query.where)
        floor = DOCUMENT_DENSE_FLOOR if name == DOCUMENTS else None
        points = _query(store, name, sparse, dense if use_dense else None, depth, flt, floor)
        ranked.append(_Ranked(name=name, fused=use_dense, points=points))
    return _merge(ranked, query.k, language)


def _query_dense(embedder: Embedder | None, text: str) -> list[float] | None:
    if embedder is None:
        return None
    try:
        return embedder.embed([text])[0]
    except EmbeddingError:
        return None  # the lexical half still answers


def _query(
    store: Collections,
    name: str,
    sparse: lexical.SparseVector,
    dense: list[float] | None,
    k: int,
    flt: qm.Filter | None,
    floor: float | None,
) -> list[qm.ScoredPoint]:
    collection = store.name(name)
    sparse_query = qm.SparseVector(indices=sparse.indices, values=sparse.values)
    if dense is None:
        if not sparse.indices:
            return []
        return store.client.query_points(
            collection, query=sparse_query, using=LEXICAL, limit=k, query_filter=flt, with_payload=True
        ).points
    depth = max(4 * k, 20)
    prefetch = [qm.Prefetch(query=dense, using=DENSE, limit=depth, filter=flt, score_threshold=floor)]
    if sparse.indices:
        prefetch.append(qm.Prefetch(query=sparse_query, using=LEXICAL, limit=depth, filter=flt))
    return store.client.query_points(
        collection,
        prefetch=prefetch,
        query=qm.FusionQuery(fusion=qm.Fusion.RRF),
        limit=k,
        query_filter=flt,
        with_payload=True,
    ).points


class _Ranked(NamedTuple):
    name: CollectionName
    fused: bool  # RRF of lexical and dense, rather than lexical scores alone
    points: list[qm.ScoredPoint]


def _merge(ranked: list[_Ranked], k: int, language: str | None) -> list[Passage]:
    """Passages of several collections in one ranking. Scores of one retrieval mode (lexical, or
    RRF-fused) are comparable across collections and kept; when the modes differ, the lists are
    fused by rank instead, and that fused score is reported."""
    by_rank = len({r.fused for r in ranked if r.points}) > 1
    passages = []
    for name, _, points in ranked:
        for rank, point in enumerate(points):
            payload = dict(point.payload or {})
            score = 1.0 / (RRF_K + rank + 1) if by_rank else point.score
            if language and name != DOCUMENTS and payload.get("language") not in (None, language):
                score *= OTHER_LANGUAGE  # a client's document has no translation to prefer
            passages.append(
                Passage(
                    text=payload.pop("text", ""),
                    source=payload.pop("source", ""),
                    section=payload.pop("section", ""),
                    score=score,
                    collection=name,
                    owner=payload.pop(OWNER, SHARED_LIBRARY) if name == DOCUMENTS else None,
                    metadata=payload,
                )
            )
    passages.sort(key=lambda p: p.score, reverse=True)
    return passages[:k]
