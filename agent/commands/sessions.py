"""`advisor sessions`: list, show, rename, delete and export interview sessions, write a
session's profile, or start a new session from a profile.

Mount it as a sub-application: `app.add_typer(sessions.app, name="sessions")`.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from agent.commands.common import (
    Lang,
    LanguageChoice,
    checked_text,
    confirm,
    emit,
    fail,
    lang_option,
    language_for,
    load_settings,
    open_sessions,
    words,
)
from agent.contract import EXPORT_FORMATS
from agent.contract.text import one_line
from knowledge.i18n import Language, parse_language
from knowledge.locales import N_

if TYPE_CHECKING:
    from agent.graph_session import GraphSession
    from agent.session_store import SqliteSessionStore

app = typer.Typer(
    help=N_("Interview sessions: list, show, rename, delete, export, profile, new."),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

SessionArg = Annotated[
    str, typer.Argument(metavar="SESSION", help=N_("A session id or a unique prefix of one."), show_default=False)
]
AsJson = Annotated[bool, typer.Option("--json", help=N_("Print JSON."))]
# A session's report is in its own language unless asked otherwise.
ReportLang = Annotated[
    LanguageChoice | None,
    lang_option(N_("Language of the report and the messages: en or fr [default: the session's language].")),
]
# Column headings of `sessions list`, and the words for a session's status and speakers.
COLUMNS = (N_("id"), N_("client"), N_("title"), N_("level"), N_("status"), N_("questions"), N_("updated"))
STATUSES = {"in_progress": N_("in progress"), "done": N_("done")}
ROLES = {"advisor": N_("advisor"), "user": N_("user"), "system": N_("system")}


def _open(store: SqliteSessionStore, session_id: str) -> GraphSession:
    try:
        return store.open(session_id)
    except KeyError as error:
        raise fail(one_line(error.args[0])) from None


def _store(language: Language) -> SqliteSessionStore:
    return open_sessions(load_settings(language=language))


def _when(moment: datetime, language: Language) -> str:
    """A local date and time: 2026-12-01 14:36 (en), 01/12/2026 14:36 (fr, Babel's short form)."""
    from babel.dates import format_datetime

    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M}" if language == "en" else format_datetime(local, "short", locale="fr_FR")


@app.command("list", help=N_("List sessions, most recently updated first."))
def list_sessions(
    search: Annotated[
        str | None, typer.Option("--search", "-s", help=N_("Only sessions whose client, title or id contains this."))
    ] = None,
    as_json: AsJson = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = words(language)
    with _store(language) as store:
        sessions = store.list(search)
    if as_json:
        sys.stdout.write(json.dumps([s.model_dump(mode="json") for s in sessions], indent=2, ensure_ascii=False) + "\n")
        return
    if not sessions:
        typer.echo(_("No sessions yet: start one with `advisor interview`."))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in COLUMNS:
        table.add_column(_(column))
    for s in sessions:  # Text cells: names are data, never markup ("[/]" or "[link=...]" in a title)
        table.add_row(
            *(
                Text(cell)
                for cell in (
                    s.id,
                    one_line(s.client),
                    one_line(s.title),
                    str(s.level or "-"),
                    _(STATUSES.get(s.status, s.status)),
                    str(s.questions_asked),
                    _when(s.updated, language),
                )
            )
        )
    Console(highlight=False).print(table)


@app.command(help=N_("Show a session: its metadata, pending question, assessment so far and last exchanges."))
def show(
    session_id: SessionArg,
    as_json: AsJson = False,
    lines: Annotated[int, typer.Option("--lines", "-n", min=0, help=N_("Transcript lines to show."))] = 10,
    lang: Lang = None,
) -> None:
    from tools.assess import assess

    language = language_for(lang)
    _ = words(language)
    with _store(language) as store:
        session = _open(store, session_id)
        info, pending, transcript = session.info, session.pending_question(), session.transcript()
        assessment = assess(session.profile(), language=language)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    "session": info.model_dump(mode="json"),
                    "pending_question": pending.model_dump(mode="json") if pending else None,
                    "maturity": {
                        "level": assessment.maturity.level,
                        "name": assessment.maturity.name,
                        "confidence": assessment.maturity.confidence,
                    },
                    "transcript": [m.model_dump(mode="json") for m in transcript],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        return
    typer.echo(
        _("{id}  {client}: {title}").format(id=info.id, client=one_line(info.client), title=one_line(info.title))
    )
    typer.echo(
        _("created {created}, updated {updated}, {status}, {count} questions asked").format(
            created=_when(info.created, language),
            updated=_when(info.updated, language),
            status=_(STATUSES.get(info.status, info.status)),
            count=info.questions_asked,
        )
    )
    m = assessment.maturity
    typer.echo(
        _("level {level} ({name}), confidence {confidence}; strategy: {strategy}").format(
            level=m.level, name=m.name, confidence=_percent(m.confidence, language), strategy=assessment.strategy.title
        )
    )
    if pending is not None:
        typer.echo(_("pending question {number}: {text}").format(number=pending.number, text=one_line(pending.text)))
    if lines and transcript:
        typer.echo("")
        width = max(len(_(role)) for role in ROLES.values())
        for message in transcript[-lines:]:
            typer.echo(f"{_(ROLES[message.role]):>{max(width, 7)}}: {one_line(message.text, 2000)}")


@app.command(help=N_("Give a session a new title (and, with --client, a corrected client name)."))
def rename(
    session_id: SessionArg,
    title: Annotated[str, typer.Argument(help=N_("The new title."), show_default=False)],
    client: Annotated[str | None, typer.Option("--client", "-c", help=N_("Correct the client's name too."))] = None,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    title = checked_text(title, "TITLE", language) or ""
    client = checked_text(client, "--client", language)
    with _store(language) as store:
        try:
            info = store.rename(session_id, title, client)
        except KeyError as error:
            raise fail(error.args[0]) from None
        except ValueError as error:
            raise fail(str(error)) from None
    typer.echo(f"{info.id}: {one_line(info.title)}")


@app.command(help=N_("Delete a session and its whole history."))
def delete(
    session_id: SessionArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))] = False,
    documents: Annotated[
        bool,
        typer.Option(
            "--documents",
            help=N_(
                "Also remove the client's documents from the knowledge base, once no other session of "
                "that client remains (asked otherwise)."
            ),
        ),
    ] = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = words(language)
    with _store(language) as store:
        session = _open(store, session_id)
        info = session.info
        if not yes:
            if not sys.stdin.isatty():
                raise fail(_("deleting needs --yes when not run interactively"))
            question = _("Delete {id} ({client}: {title})?").format(
                id=info.id, client=one_line(info.client), title=one_line(info.title)
            )
            if not confirm(question, language):
                raise typer.Exit(1)
        store.delete(info.id)
        last_of_client = not any(other.client == info.client for other in store.list())
    typer.echo(_("deleted {id}").format(id=info.id))
    if last_of_client:  # the client's material goes only when asked, and never from under another session
        from agent.commands.kb import offer_to_remove_client_documents

        offer_to_remove_client_documents(info.client, yes=documents, language=language)


@app.command(help=N_("Export the session's current assessment, strategy and roadmap."))
def export(
    session_id: SessionArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="<" + "|".join(EXPORT_FORMATS) + ">", help=N_("Report format."))
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help=N_("File to write ('-' prints); default: a name from the client in this folder.")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
    lang: ReportLang = None,
) -> None:
    from tools.assess import assess
    from tools.export import FORMATS, default_filename, render_bytes

    language = language_for(lang)
    _ = words(language)
    if fmt not in EXPORT_FORMATS:  # every format tools.export renders (the contract lists them once)
        raise fail(
            _("--format: {value!r} is not one of {choices}").format(value=fmt, choices=", ".join(EXPORT_FORMATS))
        )
    with _store(language) as store:
        session = _open(store, session_id)
        if lang is None:  # the report speaks as the session did; the messages, the user's language
            report_language = session_language(session)
        else:
            report_language = language
        assessment = assess(session.profile(), language=report_language)
    data = render_bytes(assessment, fmt, language=report_language)
    emit(
        data if FORMATS[fmt].binary else data.decode("utf-8"),
        output if output is not None else Path(default_filename(assessment, fmt)),
        force,
        language,
    )


def session_language(session: GraphSession) -> Language:
    return parse_language(session.info.language)


def _percent(ratio: float, language: Language) -> str:
    from knowledge.locales import format_percent

    return f"{ratio:.0%}" if language == "en" else format_percent(ratio, language)


@app.command("profile", help=N_("Write the profile the session has learned (YAML), with the evidence of each field."))
def profile_command(
    session_id: SessionArg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=N_("Write to this file instead of printing."))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON instead of YAML."))] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
    no_evidence: Annotated[
        bool, typer.Option("--no-evidence", help=N_("Leave out the question and answer behind each field."))
    ] = False,
    lang: Lang = None,
) -> None:
    from tools.profile_io import dump_profile

    language = language_for(lang)
    with _store(language) as store:
        learned = _open(store, session_id).profile()
    if no_evidence:
        learned = learned.model_copy(update={"evidence": {}})
    text = dump_profile(learned, json_format=as_json or (output is not None and output.suffix.lower() == ".json"))
    emit(text, output, force, language)


@app.command(help=N_("Create a session (optionally from a profile) without starting it; prints its id."))
def new(
    client: Annotated[str, typer.Argument(help=N_("Client name."), show_default=False)],
    profile: Annotated[
        Path | None, typer.Option("--profile", "-p", metavar="FILE", help=N_("Seed the session with this profile."))
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help=N_("Session title."))] = None,
    lang: Annotated[
        LanguageChoice | None,
        lang_option(N_("The language the session speaks: en or fr [default: the language setting].")),
    ] = None,
) -> None:
    language = language_for(lang)
    client = checked_text(client, "CLIENT", language) or ""
    title = checked_text(title, "--title", language)
    seed = None
    if profile is not None:
        from tools.profile_io import ProfileError, load_profile

        try:
            seed = load_profile(profile)
        except ProfileError as error:
            raise fail(str(error)) from None
    with _store(language) as store:
        session = store.create(client, title, seed, language=language)
    typer.echo(session.info.id)
