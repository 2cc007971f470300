"""Engagement scope: whose documents a search may see.

Every point of the documents collection carries an `owner` payload: the shared library's key, or
one client's key. The key is the client's name normalised (Unicode NFC, case-folded, spaces
collapsed), so "Hôpital  Saint-Louis" typed at ingest and "hôpital saint-louis" in a session are
the same engagement. Qdrant indexes `owner` as the collection's tenant key (one collection for all
clients, stored grouped by tenant) and every query of the collection goes through
`documents_filter`, which always restricts it: there is no "all clients" search.
"""

from __future__ import annotations

import unicodedata

from qdrant_client import models as qm

from knowledge.kb.models import SHARED_LIBRARY, KnowledgeBaseError, SearchFilter

OWNER = "owner"  # payload field: the tenant key
CLIENT_NAME = "client"  # payload field: the client's name as typed, for listing
CLIENT_PREFIX = "client:"
MAX_CLIENT_NAME = 200


class BadClientName(KnowledgeBaseError):
    """A client name that cannot name an engagement (empty, control characters, too long)."""


def client_key(client: str | None) -> str:
    """The owner key of `client`'s documents; None or blank means the shared library."""
    if client is None:
        return SHARED_LIBRARY
    name = " ".join(unicodedata.normalize("NFC", client).split())
    if not name:
        return SHARED_LIBRARY
    if len(name) > MAX_CLIENT_NAME:
        raise BadClientName(f"the client name is longer than {MAX_CLIENT_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in name):
        raise BadClientName("the client name contains control or invisible characters")
    return CLIENT_PREFIX + name.casefold()


def display_name(client: str | None) -> str | None:
    name = " ".join(unicodedata.normalize("NFC", client or "").split())
    return name or None


def visible_owners(client: str | None) -> list[str]:
    """Owners a session of `client` may read: the shared library, and that client's documents."""
    key = client_key(client)
    return [SHARED_LIBRARY] if key == SHARED_LIBRARY else [SHARED_LIBRARY, key]


def documents_filter(client: str | None, where: SearchFilter | None) -> qm.Filter:
    """The filter of every documents query: the scope's owners, then any other restriction."""
    scoped = _filter([qm.FieldCondition(key=OWNER, match=qm.MatchAny(any=visible_owners(client)))], where)
    assert scoped is not None  # the owners' condition is always there
    return scoped


def methodology_filter(where: SearchFilter | None) -> qm.Filter | None:
    return _filter([], where)


def owner_filter(owner: str, path: str | None = None) -> qm.Filter:
    """Exactly one owner's points (and one file of theirs): what removal deletes."""
    must: list[qm.Condition] = [qm.FieldCondition(key=OWNER, match=qm.MatchValue(value=owner))]
    if path is not None:
        must.append(qm.FieldCondition(key="path", match=qm.MatchValue(value=path)))
    return qm.Filter(must=must)


def _filter(must: list[qm.Condition], where: SearchFilter | None) -> qm.Filter | None:
    if where is not None:
        if where.levels:
            must.append(qm.FieldCondition(key="levels", match=qm.MatchAny(any=where.levels)))
        if where.function is not None:
            must.append(qm.FieldCondition(key="function", match=qm.MatchValue(value=where.function.value)))
        if where.tags:
            must.append(qm.FieldCondition(key="tags", match=qm.MatchAny(any=where.tags)))
        if where.source:
            must.append(qm.FieldCondition(key="source", match=qm.MatchValue(value=where.source)))
        if where.language:
            must.append(qm.FieldCondition(key="language", match=qm.MatchValue(value=where.language)))
    return qm.Filter(must=must) if must else None
