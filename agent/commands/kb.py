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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from agent.commands.common import fail
from knowledge.vocabulary import FunctionKey

if TYPE_CHECKING:  # the store pulls in qdrant-client: imported only by the commands that run
    from rich.progress import Progress, TaskID

    from knowledge.kb import KnowledgeBase

app = typer.Typer(
    name="kb",
    help=(
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

Offline = Annotated[bool, typer.Option("--offline", help="Do not contact Ollama (the bundled model still works).")]
Client = Annotated[
    str | None, typer.Option("--client", help="The client (engagement) whose documents these are.", show_default=False)
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


class _Bars:
    """A progress callback drawing one Rich bar per stage, on stderr, created on first use so
    a search that needs no indexing shows nothing."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def _knowledge_base(offline: bool) -> Iterator[KnowledgeBase]:
    from agent.kb import open_knowledge_base
    from agent.settings import Settings
    from knowledge.kb import BadClientName, KnowledgeBaseError, KnowledgeBaseUnwritable

    try:
        settings = Settings()
    except ValidationError as error:
        raise fail(f"invalid settings: {error.errors()[0]['msg']}") from None
    try:
        kb = open_knowledge_base(settings, use_ollama=not offline)
    except KnowledgeBaseUnwritable as error:
        raise fail(str(error)) from None
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    try:
        yield kb
    except (KnowledgeBaseUnwritable, BadClientName) as error:
        raise fail(str(error)) from None
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    finally:
        kb.close()


def _check_client(client: str | None) -> None:
    from knowledge.kb import BadClientName, client_key

    try:
        client_key(client)
    except BadClientName as error:
        raise fail(str(error)) from None


def _safe(text: str) -> str:
    """Document text for the terminal: no escape sequences, nothing that rewrites the screen."""
    from knowledge.kb.clean import printable

    return printable(text)


def _index_if_needed(kb: KnowledgeBase) -> None:
    bars = _Bars()
    try:
        kb.ensure_indexed(progress=bars)
    finally:
        bars.close()


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A question or keywords, in English or French.", show_default=False)],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many passages.")] = 5,
    collection: Annotated[
        list[str] | None,
        typer.Option("--collection", "-c", help="Only this collection: methodology or documents (repeatable)."),
    ] = None,
    level: Annotated[
        list[int] | None, typer.Option("--level", min=1, max=5, help="Only passages about this level.")
    ] = None,
    function: Annotated[FunctionKey | None, typer.Option("--function", help="Only this value-chain function.")] = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help="Search as this client's sessions do: the "
            "methodology, the shared library and this client's documents. "
            "Without it: the methodology and the shared library.",
            show_default=False,
        ),
    ] = None,
    as_json: AsJson = False,
    offline: Offline = False,
) -> None:
    """Search the knowledge base; ranked passages with their source and whose they are."""
    from knowledge.kb import COLLECTIONS, SearchFilter

    if not query.strip():
        raise fail("the query is empty")
    unknown = sorted(set(collection or []) - set(COLLECTIONS))
    if unknown:
        raise fail(f"unknown collection {unknown[0]!r}; choose from {', '.join(COLLECTIONS)}")
    where = SearchFilter(levels=level or [], function=function) if level or function else None
    _check_client(client)
    with _knowledge_base(offline) as kb:
        _index_if_needed(kb)
        chosen = [c for c in COLLECTIONS if c in (collection or [])] or None  # the names, checked above
        passages = kb.search(query, k=k, collections=chosen, where=where, client=client)
    if as_json:
        # JSON escapes control characters itself; the text stays exactly as stored.
        typer.echo(
            json.dumps(
                [p.model_dump(mode="json") | {"origin": p.origin} for p in passages], ensure_ascii=False, indent=2
            )
        )
        return
    if not passages:
        typer.echo("No passage found.")
        return
    for rank, passage in enumerate(passages, start=1):
        typer.echo(f"{rank}. {_safe(passage.citation)}  [{passage.origin}, score {passage.score:.3g}]")
        excerpt = textwrap.shorten(" ".join(_safe(passage.text).split()), width=600, placeholder=" …")
        typer.echo(textwrap.indent(textwrap.fill(excerpt, width=96), "   "))
        typer.echo("")


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="DOCX, PPTX, PDF, HTML, Markdown or text files, or folders holding them.", show_default=False
        ),
    ],
    client: Client = None,
    offline: Offline = False,
) -> None:
    """Add documents, as a client's (--client NAME) or to the shared library every session sees.

    A changed file replaces its earlier version; unreadable ones are skipped and named with the
    reason. At most 50 MB and 1 million characters of text per document; regular files only."""
    _check_client(client)
    with _knowledge_base(offline) as kb:
        bars = _Bars()
        try:
            report = kb.ingest(paths, progress=bars, client=client)
        finally:
            bars.close()
    owner = f"for {_safe(client)}" if client and client.strip() else "to the shared library"
    for item in report.files:
        detail = "unchanged" if item.status == "unchanged" else f"{item.status}, {_chunks(item.chunks)}"
        typer.echo(f"{_safe(item.path)}: {detail}")
    for skipped in report.skipped:
        typer.echo(f"advisor: skipped {_safe(skipped.path)}: {skipped.reason}", err=True)
    if not report.files and not report.skipped:
        raise fail("no DOCX, PPTX, PDF, HTML, Markdown or text file found in the given paths")
    if not report.files:
        raise typer.Exit(2)
    typer.echo(
        f"{len(report.files)} file(s) {owner}, {_chunks(report.chunks)} new, {len(report.skipped)} skipped", err=True
    )


def _chunks(n: int) -> str:
    return f"{n} chunk{'' if n == 1 else 's'}"


@app.command()
def status(as_json: AsJson = False, offline: Offline = False) -> None:
    """Collections, counts, embedding mode and location."""
    with _knowledge_base(offline) as kb:
        _index_if_needed(kb)
        state = kb.status()
    if as_json:
        typer.echo(state.model_dump_json(indent=2))
        return
    typer.echo(f"location:  {state.location} ({state.mode})")
    typer.echo(f"embedding: {state.embedding}")
    for c in state.collections:
        if not c.exists:
            typer.echo(f"{c.name}: empty")
            continue
        vectors = "lexical" if c.embedding == "lexical" else f"lexical + {c.embedding} ({c.dimension} d)"
        typer.echo(f"{c.name}: {c.points} chunks from {c.documents} document(s), {vectors}")
    for note in state.notes:
        typer.echo(f"note: {note}")


@app.command()
def rebuild(offline: Offline = False) -> None:
    """Re-index the methodology and re-embed your documents with the current embedding mode."""
    with _knowledge_base(offline) as kb:
        bars = _Bars()
        try:
            kb.rebuild(progress=bars)
        finally:
            bars.close()
        state = kb.status()
    counts = ", ".join(f"{c.name} {c.points}" for c in state.collections if c.exists)
    typer.echo(f"rebuilt ({state.embedding}): {counts}")


@app.command("list")
def list_documents(
    client: Annotated[
        str | None, typer.Option("--client", help="Only this client's documents.", show_default=False)
    ] = None,
    shared: Annotated[bool, typer.Option("--shared", help="Only the shared library.")] = False,
    as_json: AsJson = False,
) -> None:
    """Ingested documents, by client: file names, chunk counts and ingest dates."""
    _check_client(client)
    with _knowledge_base(True) as kb:
        entries = kb.documents(client) if client or shared else kb.documents(everyone=True)
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo("No document ingested" + (f" for {_safe(client)}." if client else "."))
        return
    owner = None
    for entry in entries:
        if entry.owner != owner:
            owner = entry.owner
            typer.echo("shared library:" if entry.client is None else f"client {_safe(entry.client)}:")
        typer.echo(
            f"  {_safe(entry.source)}  {_chunks(entry.chunks)}, ingested {entry.ingested[:16].replace('T', ' ')}"
            f"  ({_safe(entry.path)})"
        )


@app.command()
def remove(
    file: Annotated[
        str | None, typer.Argument(help="The document to remove: its path or its file name.", show_default=False)
    ] = None,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help="Whose document it is; without FILE, remove ALL of this client's documents.",
            show_default=False,
        ),
    ] = None,
    yes: Yes = False,
) -> None:
    """Delete documents from the knowledge base (really deleted from the vector store). Asks first."""
    if file is None and not (client and client.strip()):
        raise fail("name a document, or a whole client with --client NAME")
    _check_client(client)
    with _knowledge_base(True) as kb:
        if file is None:
            targets = kb.documents(client)
            what = f"all {len(targets)} document(s) of {_safe(client or '')}"
        else:
            targets = kb.find_documents(file, client)
            what = ", ".join(_safe(t.path) for t in targets)
        if not targets:
            whose = f"{_safe(client)}'s documents" if client else "the shared library"
            raise fail(f"no such document in {whose}" if file else f"no document ingested for {_safe(client or '')}")
        if file is not None and len({t.source for t in targets}) < len(targets) and Path(file).name == file:
            raise fail(f"{len(targets)} documents are named {_safe(file)}; give the full path: {what}")
        _confirm(f"Remove {what} ({_chunks(sum(t.chunks for t in targets))}) from the knowledge base?", yes)
        removed = kb.remove(client, None if file is None else [t.path for t in targets])
    typer.echo(f"removed {removed.files} document(s), {_chunks(removed.chunks)}")


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise fail("removing needs --yes when not run interactively")
    if not typer.confirm(question, default=False):
        raise typer.Exit(1)


def offer_to_remove_client_documents(client: str, yes: bool = False) -> None:
    """For `sessions delete` and the interface: after a client's session is deleted, offer to
    delete that client's documents too; asked (default no), never silent. `yes` removes them."""
    from agent.kb import client_documents, remove_client_documents
    from agent.settings import Settings
    from knowledge.kb import KnowledgeBaseError

    settings = Settings()
    try:
        entries = client_documents(settings, client)
        if not entries:
            return
        if not yes:
            if not sys.stdin.isatty():
                typer.echo(
                    f"advisor: {_safe(client)}'s {len(entries)} document(s) stay in the knowledge base; "
                    f"remove them with `advisor kb remove --client {_safe(client)!r}`",
                    err=True,
                )
                return
            if not typer.confirm(
                f"Also remove {_safe(client)}'s {len(entries)} document(s) from the knowledge base?", default=False
            ):
                return
        removed = remove_client_documents(settings, client)
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    typer.echo(f"removed {removed.files} document(s) of {_safe(client)}")
