"""Adding the user's files to the documents collection, each owned by one client or by the shared
library, and listing or removing them again.

Idempotent: a file is known by (owner, resolved path) and its content hash; unchanged, it is
left as is; changed, its new chunks go in first and the old ones are deleted after, so a failure
half-way never leaves the file with nothing. Removal deletes the points from the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qdrant_client import models as qm

from knowledge.kb.embed import Embedder
from knowledge.kb.models import (
    DOCUMENTS,
    SHARED_LIBRARY,
    DocumentEntry,
    EmbeddingError,
    EmbeddingMismatch,
    IngestedFile,
    IngestReport,
    Progress,
    RemovedDocuments,
    SkippedFile,
)
from knowledge.kb.qdrant import BATCH, Collections, make_point, point_id
from knowledge.kb.readers import UnreadableFile, expand, read_bytes, read_chunks
from knowledge.kb.scope import CLIENT_NAME, OWNER, client_key, display_name, owner_filter


def ingest(
    store: Collections, embedder: Embedder | None, paths: Iterable[Path], client: str | None, progress: Progress | None
) -> IngestReport:
    owner = client_key(client)
    files, skipped = expand(Path(p) for p in paths)
    meta = store.metadata(DOCUMENTS)
    if meta is None:
        store.recreate(DOCUMENTS, embedder.dimension if embedder else None, embedder.model if embedder else None)
        meta = store.metadata(DOCUMENTS) or {}
    check_same_model(meta, embedder)
    dense = embedder if meta.get("embed_model") is not None else None
    known = _known_files(store, owner)
    extra = {OWNER: owner, CLIENT_NAME: display_name(client)}
    report = IngestReport(skipped=skipped)
    for done, path in enumerate(files):
        if progress:
            progress("ingesting", done, len(files))
        try:
            report.files.append(_ingest_file(store, dense, path, known, extra, progress))
        except (UnreadableFile, EmbeddingError) as error:
            report.skipped.append(SkippedFile(path=str(path), reason=str(error)))
    if progress:
        progress("ingesting", len(files), len(files))
    return report


def check_same_model(meta: dict[str, Any], embedder: Embedder | None) -> None:
    recorded = meta.get("embed_model")
    if recorded is None:
        return  # a lexical-only collection takes lexical points from anyone
    if embedder is None:
        raise EmbeddingMismatch(
            f"Your documents were embedded with {recorded!r}, which is not available now. Make that "
            f"model available again, or rebuild with the current one with `advisor kb rebuild`."
        )
    if embedder.model != recorded or embedder.dimension != meta.get("dimension"):
        raise EmbeddingMismatch(
            f"Your documents were embedded with {recorded!r} ({meta.get('dimension')} d), not "
            f"{embedder.model!r} ({embedder.dimension} d); vectors of two models cannot be "
            f"mixed. Set the embedding model back to {recorded!r}, or run `advisor kb rebuild` to "
            f"re-embed everything with {embedder.model!r}."
        )


def embed_all(
    embedder: Embedder | None, texts: list[str], progress: Progress | None, label: str
) -> list[list[float]] | None:
    if embedder is None or not texts:
        return None
    vectors: list[list[float]] = []
    for start in range(0, len(texts), BATCH):
        if progress:
            progress(label, start, len(texts))
        vectors += embedder.embed(texts[start : start + BATCH])
    return vectors


def _ingest_file(
    store: Collections,
    embedder: Embedder | None,
    path: Path,
    known: dict[str, set[str]],
    extra: dict[str, Any],
    progress: Progress | None,
) -> IngestedFile:
    key = str(path.resolve())
    raw = read_bytes(path)  # type and size checked before anything is read
    digest = hashlib.sha256(raw).hexdigest()[:16]
    previous = known.get(key, set())
    owner = extra[OWNER]
    if previous == {digest}:
        return IngestedFile(path=str(path), chunks=0, status="unchanged", owner=owner)
    chunks = read_chunks(path, raw)
    # A long document takes a while to embed: its own bar says it is moving.
    dense = embed_all(
        embedder, [c.indexed_text for c in chunks], progress if len(chunks) > BATCH else None, f"embedding {path.name}"
    )
    stamp = {"path": key, "file_hash": digest, "ingested": datetime.now(UTC).isoformat(timespec="seconds")}
    points = [
        make_point(point_id(owner, key, digest, str(n)), chunk, dense[n] if dense else None, extra | stamp)
        for n, chunk in enumerate(chunks)
    ]
    store.upsert(DOCUMENTS, points)
    if previous:
        stale = owner_filter(owner, key)
        stale.must_not = [qm.FieldCondition(key="file_hash", match=qm.MatchValue(value=digest))]
        store.delete(DOCUMENTS, stale)
    known[key] = {digest}
    return IngestedFile(path=str(path), chunks=len(chunks), status="replaced" if previous else "added", owner=owner)


def _known_files(store: Collections, owner: str) -> dict[str, set[str]]:
    """Content hashes stored per ingested file of one owner, read in one pass."""
    known: dict[str, set[str]] = {}
    for record in store.scroll(DOCUMENTS, owner_filter(owner), ["path", "file_hash"]):
        payload = record.payload or {}
        known.setdefault(payload["path"], set()).add(payload["file_hash"])
    return known


def list_documents(store: Collections, client: str | None = None, everyone: bool = False) -> list[DocumentEntry]:
    """Ingested files of one owner (`client`, or the shared library), or of every owner."""
    if store.metadata(DOCUMENTS) is None:
        return []
    flt = None if everyone else owner_filter(client_key(client))
    entries: dict[tuple[str, str], DocumentEntry] = {}
    for record in store.scroll(DOCUMENTS, flt, [OWNER, CLIENT_NAME, "path", "source", "ingested"]):
        p = record.payload or {}
        owner = p.get(OWNER, SHARED_LIBRARY)
        entry = entries.get((owner, p["path"]))
        if entry is None:
            entries[(owner, p["path"])] = DocumentEntry(
                owner=owner,
                client=p.get(CLIENT_NAME),
                path=p["path"],
                source=p.get("source", ""),
                chunks=1,
                ingested=p.get("ingested", ""),
            )
        else:
            entry.chunks += 1
            entry.ingested = max(entry.ingested, p.get("ingested", ""))
    return sorted(entries.values(), key=lambda e: (e.owner != SHARED_LIBRARY, e.owner, e.source, e.path))


def matching_documents(store: Collections, file: str, client: str | None) -> list[DocumentEntry]:
    """The owner's documents a `kb remove FILE` names: by resolved path, or by file name."""
    wanted = str(Path(file).expanduser().resolve())
    entries = list_documents(store, client)
    exact = [e for e in entries if e.path == wanted]
    return exact or [e for e in entries if e.source == file or Path(e.path).name == file]


def remove_documents(store: Collections, owner: str, paths: list[str] | None) -> RemovedDocuments:
    """Delete one owner's files (`paths`), or everything of that owner (`paths` None)."""
    if store.metadata(DOCUMENTS) is None:
        return RemovedDocuments(files=0, chunks=0)
    filters = [owner_filter(owner)] if paths is None else [owner_filter(owner, p) for p in paths]
    files = len({(r.payload or {})["path"] for f in filters for r in store.scroll(DOCUMENTS, f, ["path"])})
    chunks = sum(store.count(DOCUMENTS, f) for f in filters)
    for flt in filters:
        store.delete(DOCUMENTS, flt)
    return RemovedDocuments(files=files, chunks=chunks)
