"""The `advisor` command line. With no arguments it opens the interface it was given by the
composition root (`advisor.py`: the agent never imports an interface); the sub-commands are the
headless ways in (the same engine). Heavy libraries are imported inside the commands that use
them, so `advisor assess` stays fast."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from agent.commands import kb, sessions
from agent.commands.common import fail, load_settings
from agent.commands.interview import interview

if TYPE_CHECKING:
    from agent.settings import Settings

app = typer.Typer(
    name="advisor",
    help=(
        "GenAI adoption advisor: classify an organisation's generative-AI maturity (five levels), "
        "prioritise use cases along its value chain, recommend a strategy and export a roadmap.\n\n"
        "Run with no command to open the terminal interface."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,  # plain help: reads the same in a pipe, a man page or the README
)


class ExportFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    csv = "csv"
    pdf = "pdf"
    pptx = "pptx"
    xlsx = "xlsx"


@dataclass(frozen=True)
class Interfaces:
    """What the composition root plugs in: the interactive interface `advisor` opens."""

    open_interface: Callable[[Settings], int] | None = None


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from importlib.metadata import version as package_version

        typer.echo(f"advisor {package_version('genai-advisor')}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        interfaces = ctx.obj if isinstance(ctx.obj, Interfaces) else Interfaces()
        if interfaces.open_interface is None:
            typer.echo(ctx.get_help())
            raise typer.Exit()
        raise typer.Exit(interfaces.open_interface(load_settings()))


@app.command()
def assess(
    profile: Annotated[
        Path, typer.Argument(help="Profile file (YAML or JSON), see examples/.", show_default=False, metavar="PROFILE")
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o suffix (.json .md .html .csv .pdf .pptx .xlsx), else json].",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of printing.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file (a regular file only).")
    ] = False,
    prepared_by: Annotated[
        str | None,
        typer.Option("--prepared-by", help="Who prepared the report, shown on its cover [default: the advisor]."),
    ] = None,
    engagement: Annotated[
        str | None, typer.Option("--engagement", help="The engagement the report belongs to, shown on its cover.")
    ] = None,
) -> None:
    """Assess a profile: maturity level, prioritised use cases, strategy and roadmap.

    The PDF, slides (PPTX), HTML and Markdown open with an executive summary for the board; the
    spreadsheet (XLSX) and CSV hold every use case. Exit status 0 on success, 2 with a one-line
    error on a bad profile, an unknown output suffix or an output path that cannot be written.
    """
    import os
    import sys

    from tools.assess import assess as run_assessment
    from tools.export import (
        FORMATS,
        ExportExists,
        ReportInfo,
        UnknownFormat,
        format_for_path,
        render_bytes,
        write_export,
    )
    from tools.profile_io import ProfileError, load_profile

    to_file = output is not None and str(output) != "-"
    try:
        chosen = fmt.value if fmt else format_for_path(output) if to_file and output else "json"
    except UnknownFormat as error:
        raise fail(str(error)) from None
    if FORMATS[chosen].binary and not to_file and sys.stdout.isatty():
        raise fail(f"{chosen} is a binary format: write it to a file with -o FILE")
    try:
        loaded = load_profile(profile)
    except ProfileError as error:
        raise fail(str(error)) from None
    defaults = ReportInfo()
    info = ReportInfo(prepared_by=prepared_by or defaults.prepared_by, engagement=engagement)
    data = render_bytes(run_assessment(loaded), chosen, info=info)
    if not to_file or output is None:
        try:
            sys.stdout.buffer.write(data if data.endswith(b"\n") or FORMATS[chosen].binary else data + b"\n")
            sys.stdout.flush()
        except OSError as error:  # a full disk or a closed pipe behind standard output
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
            raise fail(f"standard output: {error.strerror or error}") from None
        return
    try:
        written = write_export(data, output, force=force)
    except ExportExists:
        raise fail(f"{output}: already exists (use --force to overwrite)") from None
    except OSError as error:  # a special file at the target, a full disk, a read-only folder
        raise fail(f"{output}: {error.strerror or error}") from None
    typer.echo(f"wrote {written}", err=True)


app.command(help=interview.__doc__)(interview)
app.add_typer(sessions.app, name="sessions")
app.add_typer(kb.app, name="kb")


def main(open_interface: Callable[[Settings], int] | None = None) -> None:
    """Run the command line; `open_interface` is what `advisor` with no command opens."""
    app(obj=Interfaces(open_interface))


if __name__ == "__main__":
    main()
