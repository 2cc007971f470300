"""`advisor kb`: search the methodology and your documents, add, list and remove documents (each
a client's or the shared library's), inspect, rebuild.

Progress bars go to stderr and `--json` output is the only thing on stdout. Errors are one line on
stderr with exit status 2 (bad input, an unwritable data directory) or 1 (the store is busy or
unreachable). Text from documents is printed without terminal control sequences.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from agent.commands.common import Lang, confirm, fail, language_for, load_settings, words
from agent.commands.kb_terminal import (
    ORIGINS,
    ProgressBars,
    check_client,
    chunk_count,
    embedding_words,
    index_if_needed,
    ingested_on,
    knowledge_base,
    safe,
    search_score,
)
from knowledge.i18n import Language
from knowledge.locales import N_
from knowledge.vocabulary import FunctionKey

if TYPE_CHECKING:  # the store pulls in qdrant-client: imported only by the commands that run
    pass

app = typer.Typer(
    name="kb",
    help=N_(
        "The knowledge base: the methodology and your documents, searched offline, in English and "
        "French, with words and with the multilingual model bundled with the advisor (or Ollama's "
        "embedding model when ADVISOR_EMBED_MODEL is set).\n\n"
        "Every document belongs to a client (--client NAME at ingest) or to the shared library; "
        "a session of a client searches the methodology, the shared library and that client's "
        "documents only.\n\n"
        "By default it lives in the data directory (embedded Qdrant), which one process can open at "
        "a time; set QDRANT_URL (and QDRANT_API_KEY) to share a Qdrant server instead."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

Offline = Annotated[bool, typer.Option("--offline", help=N_("Do not contact Ollama (the bundled model still works)."))]
Client = Annotated[
    str | None,
    typer.Option("--client", help=N_("The client (engagement) whose documents these are."), show_default=False),
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))]
AsJson = Annotated[bool, typer.Option("--json", help=N_("Print JSON on stdout."))]


@app.command(help=N_("Search the knowledge base; ranked passages with their source and whose they are."))
def search(
    query: Annotated[str, typer.Argument(help=N_("A question or keywords, in English or French."), show_default=False)],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help=N_("How many passages."))] = 5,
    collection: Annotated[
        list[str] | None,
        typer.Option("--collection", "-c", help=N_("Only this collection: methodology or documents (repeatable).")),
    ] = None,
    level: Annotated[
        list[int] | None, typer.Option("--level", min=1, max=5, help=N_("Only passages about this level."))
    ] = None,
    function: Annotated[
        FunctionKey | None, typer.Option("--function", help=N_("Only this value-chain function."))
    ] = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help=N_(
                "Search as this client's sessions do: the methodology, the shared library and this client's "
                "documents. Without it: the methodology and the shared library."
            ),
            show_default=False,
        ),
    ] = None,
    as_json: AsJson = False,
    offline: Offline = False,
    lang: Lang = None,
) -> None:
    from knowledge.kb import COLLECTIONS, SearchFilter

    language = language_for(lang)
    _ = words(language)
    if not query.strip():
        raise fail(_("the query is empty"))
    unknown = sorted(set(collection or []) - set(COLLECTIONS))
    if unknown:
        raise fail(
            _("unknown collection {name!r}; choose from {choices}").format(
                name=unknown[0], choices=", ".join(COLLECTIONS)
            )
        )
    where = SearchFilter(levels=level or [], function=function) if level or function else None
    check_client(client)
    with knowledge_base(offline, language) as kb:
        index_if_needed(kb, language)
        chosen = [c for c in COLLECTIONS if c in (collection or [])] or None  # the names, checked above
        # The question's own language decides which passages come first; --lang when it cannot tell.
        passages = kb.search(query, k=k, collections=chosen, where=where, client=client, language=language)
    if as_json:
        # JSON escapes control characters itself; the text stays exactly as stored.
        typer.echo(
            json.dumps(
                [p.model_dump(mode="json") | {"origin": p.origin} for p in passages], ensure_ascii=False, indent=2
            )
        )
        return
    if not passages:
        typer.echo(_("No passage found."))
        return
    for rank, passage in enumerate(passages, start=1):
        typer.echo(
            _("{rank}. {citation}  [{origin}, score {score}]").format(
                rank=rank,
                citation=safe(passage.citation),
                origin=_(ORIGINS[passage.origin]),
                score=search_score(passage.score, language),
            )
        )
        excerpt = textwrap.shorten(" ".join(safe(passage.text).split()), width=600, placeholder=" …")
        typer.echo(textwrap.indent(textwrap.fill(excerpt, width=96), "   "))
        typer.echo("")


@app.command(
    help=N_(
        "Add documents, as a client's (--client NAME) or to the shared library every session sees.\n\n"
        "A changed file replaces its earlier version; unreadable ones are skipped and named with the "
        "reason. At most 50 MB and 1 million characters of text per document; regular files only."
    )
)
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=N_("DOCX, PPTX, PDF, HTML, Markdown or text files, or folders holding them."), show_default=False
        ),
    ],
    client: Client = None,
    offline: Offline = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = words(language)
    check_client(client)
    with knowledge_base(offline, language) as kb:
        bars = ProgressBars(language)
        try:
            report = kb.ingest(paths, progress=bars, client=client)
        finally:
            bars.close()
    for item in report.files:
        status = {"added": _("added"), "replaced": _("replaced"), "unchanged": _("unchanged")}[item.status]
        detail = status if item.status == "unchanged" else f"{status}, {chunk_count(item.chunks, language)}"
        typer.echo(_("{path}: {detail}").format(path=safe(item.path), detail=detail))
    for skipped in report.skipped:
        typer.echo(
            "advisor: " + _("skipped {path}: {reason}").format(path=safe(skipped.path), reason=skipped.reason),
            err=True,
        )
    if not report.files and not report.skipped:
        raise fail(_("no DOCX, PPTX, PDF, HTML, Markdown or text file found in the given paths"))
    if not report.files:
        raise typer.Exit(2)
    counts = {
        "files": len(report.files),
        "chunks": chunk_count(report.chunks, language),
        "skipped": len(report.skipped),
    }
    if client and client.strip():
        summary = _("{files} file(s) for {client}, {chunks} new, {skipped} skipped").format(
            client=safe(client), **counts
        )
    else:
        summary = _("{files} file(s) to the shared library, {chunks} new, {skipped} skipped").format(**counts)
    typer.echo(summary, err=True)


@app.command(help=N_("Collections, counts, embedding mode and location."))
def status(as_json: AsJson = False, offline: Offline = False, lang: Lang = None) -> None:
    language = language_for(lang)
    _ = words(language)
    with knowledge_base(offline, language) as kb:
        index_if_needed(kb, language)
        state = kb.status()
    if as_json:
        typer.echo(state.model_dump_json(indent=2))
        return
    mode = _("embedded") if state.mode == "embedded" else _("server")
    typer.echo(_("location:  {location} ({mode})").format(location=state.location, mode=mode))
    typer.echo(_("embedding: {embedding}").format(embedding=embedding_words(state.embedding, language)))
    for c in state.collections:
        if not c.exists:
            typer.echo(_("{name}: empty").format(name=c.name))
            continue
        vectors = (
            _("lexical")
            if c.embedding == "lexical"
            else _("lexical + {model} ({dimension} d)").format(model=c.embedding, dimension=c.dimension)
        )
        typer.echo(
            _("{name}: {points} chunks from {documents} document(s), {vectors}").format(
                name=c.name, points=c.points, documents=c.documents, vectors=vectors
            )
        )
    for note in state.notes:
        typer.echo(_("note: {note}").format(note=note))


@app.command(help=N_("Re-index the methodology and re-embed your documents with the current embedding mode."))
def rebuild(offline: Offline = False, lang: Lang = None) -> None:
    language = language_for(lang)
    _ = words(language)
    with knowledge_base(offline, language) as kb:
        bars = ProgressBars(language)
        try:
            kb.rebuild(progress=bars)
        finally:
            bars.close()
        state = kb.status()
    counts = ", ".join(f"{c.name} {c.points}" for c in state.collections if c.exists)
    typer.echo(
        _("rebuilt ({embedding}): {counts}").format(embedding=embedding_words(state.embedding, language), counts=counts)
    )


@app.command("list", help=N_("Ingested documents, by client: file names, chunk counts and ingest dates."))
def list_documents(
    client: Annotated[
        str | None, typer.Option("--client", help=N_("Only this client's documents."), show_default=False)
    ] = None,
    shared: Annotated[bool, typer.Option("--shared", help=N_("Only the shared library."))] = False,
    as_json: AsJson = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = words(language)
    check_client(client)
    with knowledge_base(True, language) as kb:
        entries = kb.documents(client) if client or shared else kb.documents(everyone=True)
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo(
            _("No document ingested for {client}.").format(client=safe(client))
            if client
            else _("No document ingested.")
        )
        return
    owner = None
    for entry in entries:
        if entry.owner != owner:
            owner = entry.owner
            typer.echo(
                _("shared library:")
                if entry.client is None
                else _("client {client}:").format(client=safe(entry.client))
            )
        typer.echo(
            "  "
            + _("{source}  {chunks}, ingested {when}  ({path})").format(
                source=safe(entry.source),
                chunks=chunk_count(entry.chunks, language),
                when=ingested_on(entry.ingested, language),
                path=safe(entry.path),
            )
        )


@app.command(help=N_("Delete documents from the knowledge base (really deleted from the vector store). Asks first."))
def remove(
    file: Annotated[
        str | None, typer.Argument(help=N_("The document to remove: its path or its file name."), show_default=False)
    ] = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help=N_("Whose document it is; without FILE, remove ALL of this client's documents."),
            show_default=False,
        ),
    ] = None,
    yes: Yes = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = words(language)
    if file is None and not (client and client.strip()):
        raise fail(_("name a document, or a whole client with --client NAME"))
    check_client(client)
    with knowledge_base(True, language) as kb:
        if file is None:
            targets = kb.documents(client)
            what = _("all {count} document(s) of {client}").format(count=len(targets), client=safe(client or ""))
        else:
            targets = kb.find_documents(file, client)
            what = ", ".join(safe(t.path) for t in targets)
        if not targets:
            if file is None:
                raise fail(_("no document ingested for {client}").format(client=safe(client or "")))
            if client:
                raise fail(_("no such document in {client}'s documents").format(client=safe(client)))
            raise fail(_("no such document in the shared library"))
        if file is not None and len({t.source for t in targets}) < len(targets) and Path(file).name == file:
            raise fail(
                _("{count} documents are named {name}; give the full path: {paths}").format(
                    count=len(targets), name=safe(file), paths=what
                )
            )
        chunks = chunk_count(sum(t.chunks for t in targets), language)
        _confirm(_("Remove {what} ({chunks}) from the knowledge base?").format(what=what, chunks=chunks), yes, language)
        removed = kb.remove(client, None if file is None else [t.path for t in targets])
    typer.echo(
        _("removed {files} document(s), {chunks}").format(
            files=removed.files, chunks=chunk_count(removed.chunks, language)
        )
    )


def _confirm(question: str, yes: bool, language: Language) -> None:
    _ = words(language)
    if yes:
        return
    if not sys.stdin.isatty():
        raise fail(_("removing needs --yes when not run interactively"))
    if not confirm(question, language):
        raise typer.Exit(1)


def offer_to_remove_client_documents(client: str, yes: bool = False, language: Language = "en") -> None:
    """For `sessions delete` and the interface: after a client's session is deleted, offer to
    delete that client's documents too; asked (default no), never silent. `yes` removes them."""
    from agent.kb import client_documents, remove_client_documents
    from knowledge.kb import KnowledgeBaseError

    _ = words(language)
    settings = load_settings(language=language)
    try:
        entries = client_documents(settings, client)
        if not entries:
            return
        if not yes:
            if not sys.stdin.isatty():
                typer.echo(
                    "advisor: "
                    + _(
                        "{client}'s {count} document(s) stay in the knowledge base; "
                        "remove them with `advisor kb remove --client {quoted}`"
                    ).format(client=safe(client), count=len(entries), quoted=repr(safe(client))),
                    err=True,
                )
                return
            question = _("Also remove {client}'s {count} document(s) from the knowledge base?").format(
                client=safe(client), count=len(entries)
            )
            if not confirm(question, language):
                return
        removed = remove_client_documents(settings, client)
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    typer.echo(_("removed {files} document(s) of {client}").format(files=removed.files, client=safe(client)))
