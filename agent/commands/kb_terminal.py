"""The knowledge base at the terminal, for the `advisor kb` commands: opened for one command with
one-line errors, progress bars, and what it reports worded in the user's language (chunk counts,
search scores, embedding modes, ingest dates, whose a passage is), document text made safe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from agent.commands.common import fail, load_settings, plurals, words
from knowledge.i18n import Language
from knowledge.locales import N_, format_number

if TYPE_CHECKING:  # the store pulls in qdrant-client: imported only by the commands that run
    from rich.progress import Progress, TaskID

    from knowledge.kb import KnowledgeBase

# What the knowledge base says it is doing (knowledge/kb names its stages in English).
STAGES = {
    "ingesting": N_("ingesting"),
    "embedding methodology": N_("embedding methodology"),
    "indexing methodology": N_("indexing methodology"),
    "embedding documents": N_("embedding documents"),
    "indexing documents": N_("indexing documents"),
}
ORIGINS = {
    "methodology": N_("methodology"),
    "shared library": N_("shared library"),
    "client document": N_("client document"),
}


class ProgressBars:
    """A progress callback drawing one Rich bar per stage, on stderr, created on first use so
    a search that needs no indexing shows nothing."""

    def __init__(self, language: Language = "en") -> None:
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._ = words(language)

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
            self._tasks[stage] = self._progress.add_task(self._stage(stage), total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)

    def _stage(self, stage: str) -> str:
        _ = self._
        if stage in STAGES:
            return _(STAGES[stage])
        if stage.startswith("embedding "):
            return _("embedding {name}").format(name=stage.removeprefix("embedding "))
        return stage

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def safe(text: str) -> str:
    """Document text for the terminal: no escape sequences, nothing that rewrites the screen."""
    from knowledge.kb.clean import printable

    return printable(text)


def chunk_count(n: int, language: Language) -> str:
    ngettext = plurals(language)
    return ngettext("{n} chunk", "{n} chunks", n).format(n=n)


def search_score(score: float, language: Language) -> str:
    """A search score with three significant digits, written the locale's way."""
    short = f"{score:.3g}"
    return short if language == "en" or "e" in short else format_number(float(short), language, decimals=6)


def embedding_words(embedding: str, language: Language) -> str:
    _ = words(language)
    if embedding == "lexical":
        return _("lexical")
    if embedding.startswith("hybrid: "):
        return _("hybrid: {model}").format(model=embedding.removeprefix("hybrid: "))
    return embedding


def ingested_on(stamp: str, language: Language) -> str:
    """When a document was ingested, as stored (UTC): 2026-12-01 14:36 / 01/12/2026 14:36 (Babel)."""
    from datetime import datetime

    from babel.dates import format_datetime

    if language == "en":
        return stamp[:16].replace("T", " ")
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")
    return format_datetime(moment.replace(tzinfo=None), "short", locale="fr_FR")


@contextmanager
def knowledge_base(offline: bool, language: Language) -> Iterator[KnowledgeBase]:
    """The knowledge base for one command, its failures turned into one-line errors (exit 2:
    the user's setup or input, 1: busy or unreachable)."""
    from agent.kb import open_knowledge_base
    from knowledge.kb import BadClientName, KnowledgeBaseError, KnowledgeBaseUnwritable

    settings = load_settings(language=language)
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


def check_client(client: str | None) -> None:
    from knowledge.kb import BadClientName, client_key

    try:
        client_key(client)
    except BadClientName as error:
        raise fail(str(error)) from None


def index_if_needed(kb: KnowledgeBase, language: Language) -> None:
    bars = ProgressBars(language)
    try:
        kb.ensure_indexed(progress=bars)
    finally:
        bars.close()
