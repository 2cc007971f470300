"""`advisor sessions`: list, show, rename, delete and export interview sessions, write a
session's profile, or start a new session from a profile.

Mount it as a sub-application: `app.add_typer(sessions.app, name="sessions")`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from agent.commands.common import checked_text, emit, fail, load_settings, open_sessions
from agent.contract import EXPORT_FORMATS
from agent.contract.text import one_line

if TYPE_CHECKING:
    from agent.graph_session import GraphSession
    from agent.session_store import SqliteSessionStore

app = typer.Typer(
    help="Interview sessions: list, show, rename, delete, export, profile, new.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

SessionArg = Annotated[
    str, typer.Argument(metavar="SESSION", help="A session id or a unique prefix of one.", show_default=False)
]


def _open(store: SqliteSessionStore, session_id: str) -> GraphSession:
    try:
        return store.open(session_id)
    except KeyError as error:
        raise fail(one_line(error.args[0])) from None


def _store() -> SqliteSessionStore:
    return open_sessions(load_settings())


@app.command("list")
def list_sessions(
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only sessions whose client, title or id contains this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List sessions, most recently updated first."""
    with _store() as store:
        sessions = store.list(search)
    if as_json:
        sys.stdout.write(json.dumps([s.model_dump(mode="json") for s in sessions], indent=2, ensure_ascii=False) + "\n")
        return
    if not sessions:
        typer.echo("No sessions yet: start one with `advisor interview`.")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("id", "client", "title", "level", "status", "questions", "updated"):
        table.add_column(column)
    for s in sessions:  # Text cells: names are data, never markup ("[/]" or "[link=...]" in a title)
        table.add_row(
            *(
                Text(cell)
                for cell in (
                    s.id,
                    one_line(s.client),
                    one_line(s.title),
                    str(s.level or "-"),
                    s.status.replace("_", " "),
                    str(s.questions_asked),
                    f"{s.updated.astimezone():%Y-%m-%d %H:%M}",
                )
            )
        )
    Console(highlight=False).print(table)


@app.command()
def show(
    session_id: SessionArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lines: Annotated[int, typer.Option("--lines", "-n", min=0, help="Transcript lines to show.")] = 10,
) -> None:
    """Show a session: its metadata, pending question, assessment so far and last exchanges."""
    with _store() as store:
        session = _open(store, session_id)
        info, pending, transcript = session.info, session.pending_question(), session.transcript()
        assessment = session.assessment()
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
    typer.echo(f"{info.id}  {one_line(info.client)}: {one_line(info.title)}")
    typer.echo(
        f"created {info.created.astimezone():%Y-%m-%d %H:%M}, "
        f"updated {info.updated.astimezone():%Y-%m-%d %H:%M}, "
        f"{info.status.replace('_', ' ')}, {info.questions_asked} questions asked"
    )
    m = assessment.maturity
    typer.echo(f"level {m.level} ({m.name}), confidence {m.confidence:.0%}; strategy: {assessment.strategy.title}")
    if pending is not None:
        typer.echo(f"pending question {pending.number}: {one_line(pending.text)}")
    if lines and transcript:
        typer.echo("")
        for message in transcript[-lines:]:
            typer.echo(f"{message.role:>7}: {one_line(message.text, 2000)}")


@app.command()
def rename(
    session_id: SessionArg,
    title: Annotated[str, typer.Argument(help="The new title.", show_default=False)],
    client: Annotated[str | None, typer.Option("--client", "-c", help="Correct the client's name too.")] = None,
) -> None:
    """Give a session a new title (and, with --client, a corrected client name)."""
    title = checked_text(title, "TITLE") or ""
    client = checked_text(client, "--client")
    with _store() as store:
        try:
            info = store.rename(session_id, title, client)
        except KeyError as error:
            raise fail(error.args[0]) from None
        except ValueError as error:
            raise fail(str(error)) from None
    typer.echo(f"{info.id}: {one_line(info.title)}")


@app.command()
def delete(
    session_id: SessionArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    documents: Annotated[
        bool,
        typer.Option(
            "--documents",
            help="Also remove the client's documents from the knowledge base, once no other session of "
            "that client remains (asked otherwise).",
        ),
    ] = False,
) -> None:
    """Delete a session and its whole history."""
    with _store() as store:
        session = _open(store, session_id)
        info = session.info
        if not yes:
            if not sys.stdin.isatty():
                raise fail("deleting needs --yes when not run interactively")
            if not typer.confirm(f"Delete {info.id} ({one_line(info.client)}: {one_line(info.title)})?"):
                raise typer.Exit(1)
        store.delete(info.id)
        last_of_client = not any(other.client == info.client for other in store.list())
    typer.echo(f"deleted {info.id}")
    if last_of_client:  # the client's material goes only when asked, and never from under another session
        from agent.commands.kb import offer_to_remove_client_documents

        offer_to_remove_client_documents(info.client, yes=documents)


@app.command()
def export(
    session_id: SessionArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="<" + "|".join(EXPORT_FORMATS) + ">", help="Report format.")
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write ('-' prints); default: a name from the client in this folder."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export the session's current assessment, strategy and roadmap."""
    from tools.export import FORMATS, default_filename, render_bytes

    if fmt not in EXPORT_FORMATS:  # every format tools.export renders (the contract lists them once)
        raise fail(f"--format: {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    with _store() as store:
        assessment = _open(store, session_id).assessment()
    data = render_bytes(assessment, fmt)
    emit(
        data if FORMATS[fmt].binary else data.decode("utf-8"),
        output if output is not None else Path(default_filename(assessment, fmt)),
        force,
    )


@app.command("profile")
def profile_command(
    session_id: SessionArg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of printing.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of YAML.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    no_evidence: Annotated[
        bool, typer.Option("--no-evidence", help="Leave out the question and answer behind each field.")
    ] = False,
) -> None:
    """Write the profile the session has learned (YAML), with the evidence of each field."""
    from tools.profile_io import dump_profile

    with _store() as store:
        learned = _open(store, session_id).profile()
    if no_evidence:
        learned = learned.model_copy(update={"evidence": {}})
    text = dump_profile(learned, json_format=as_json or (output is not None and output.suffix.lower() == ".json"))
    emit(text, output, force)


@app.command()
def new(
    client: Annotated[str, typer.Argument(help="Client name.", show_default=False)],
    profile: Annotated[
        Path | None, typer.Option("--profile", "-p", metavar="FILE", help="Seed the session with this profile.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Session title.")] = None,
) -> None:
    """Create a session (optionally from a profile) without starting it; prints its id."""
    client = checked_text(client, "CLIENT") or ""
    title = checked_text(title, "--title")
    seed = None
    if profile is not None:
        from tools.profile_io import ProfileError, load_profile

        try:
            seed = load_profile(profile)
        except ProfileError as error:
            raise fail(str(error)) from None
    with _store() as store:
        session = store.create(client, title, seed)
    typer.echo(session.info.id)
