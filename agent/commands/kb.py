"""`advisor kb`: search the methodology and your own documents, add documents, inspect, rebuild.

Progress bars go to stderr and `--json` output is the only thing on stdout. Errors are one line on
stderr with exit status 2 (bad input) or 1 (the store is busy or unreachable).
"""

from __future__ import annotations

import json
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
    from knowledge.kb import KnowledgeBase

app = typer.Typer(
    name="kb",
    help=(
        "The knowledge base: the methodology and your own documents, searched offline (lexical) "
        "and, when Ollama has the embedding model, with dense vectors too.\n\n"
        "By default it lives in the data directory (embedded Qdrant), which one process can open at "
        "a time; set QDRANT_URL (and QDRANT_API_KEY) to share a Qdrant server instead."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

Offline = Annotated[bool, typer.Option("--offline", help="Do not contact Ollama: lexical vectors only.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


class _Bars:
    """A progress callback drawing one Rich bar per stage, on stderr, created on first use so
    a search that needs no indexing shows nothing."""

    def __init__(self) -> None:
        self._progress = None
        self._tasks: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
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
    from knowledge.kb import KnowledgeBaseError

    try:
        settings = Settings()
    except ValidationError as error:
        raise fail(f"invalid settings: {error.errors()[0]['msg']}") from None
    try:
        kb = open_knowledge_base(settings, use_ollama=not offline)
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    try:
        yield kb
    except KnowledgeBaseError as error:
        raise fail(str(error), 1) from None
    finally:
        kb.close()


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
    level: Annotated[list[int] | None, typer.Option("--level", min=1, max=5, help="Only passages about this level.")] = None,
    function: Annotated[FunctionKey | None, typer.Option("--function", help="Only this value-chain function.")] = None,
    as_json: AsJson = False,
    offline: Offline = False,
) -> None:
    """Search the knowledge base; ranked passages with their source."""
    from knowledge.kb import COLLECTIONS, SearchFilter

    if not query.strip():
        raise fail("the query is empty")
    unknown = sorted(set(collection or []) - set(COLLECTIONS))
    if unknown:
        raise fail(f"unknown collection {unknown[0]!r}; choose from {', '.join(COLLECTIONS)}")
    where = SearchFilter(levels=level or [], function=function) if level or function else None
    with _knowledge_base(offline) as kb:
        _index_if_needed(kb)
        passages = kb.search(query, k=k, collections=collection or None, where=where)
    if as_json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in passages], ensure_ascii=False, indent=2))
        return
    if not passages:
        typer.echo("No passage found.")
        return
    for rank, passage in enumerate(passages, start=1):
        typer.echo(f"{rank}. {passage.citation}  [{passage.collection}, score {passage.score:.3g}]")
        excerpt = textwrap.shorten(" ".join(passage.text.split()), width=600, placeholder=" …")
        typer.echo(textwrap.indent(textwrap.fill(excerpt, width=96), "   "))
        typer.echo("")


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Markdown, text or PDF files, or folders holding them.", show_default=False)
    ],
    offline: Offline = False,
) -> None:
    """Add your own documents; a changed file replaces its earlier version, unreadable ones are skipped."""
    with _knowledge_base(offline) as kb:
        bars = _Bars()
        try:
            report = kb.ingest(paths, progress=bars)
        finally:
            bars.close()
    for item in report.files:
        detail = "unchanged" if item.status == "unchanged" else f"{item.status}, {_chunks(item.chunks)}"
        typer.echo(f"{item.path}: {detail}")
    for skipped in report.skipped:
        typer.echo(f"advisor: skipped {skipped.path}: {skipped.reason}", err=True)
    if not report.files and not report.skipped:
        raise fail("no Markdown, text or PDF file found in the given paths")
    if not report.files:
        raise typer.Exit(2)
    typer.echo(f"{len(report.files)} file(s), {_chunks(report.chunks)} new, {len(report.skipped)} skipped", err=True)


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
