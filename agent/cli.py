"""The `advisor` command line. With no arguments it opens the interface it was given by the
composition root (`advisor.py`: the agent never imports an interface); the sub-commands are the
headless ways in (the same engine). Heavy libraries are imported inside the commands that use
them, so `advisor assess` stays fast.

Help is written in the run's language: the texts are marked `N_()` where the commands are
defined (English, the source), and `main()` translates the Click commands Typer builds before
parsing, for the language of `--lang`, else the language setting (see `run_language`).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer import _click as click  # Typer vendors Click since 0.26: its own copy builds our commands
from typer._click import exceptions as click_errors
from typer.core import TyperGroup

from agent.commands import kb, sessions
from agent.commands.common import (
    Interfaces,
    Lang,
    already_exists,
    configured_language,
    fail,
    language_for,
    load_settings,
    words,
)
from agent.commands.interview import interview
from knowledge.i18n import Language, TranslationError, parse_language
from knowledge.locales import N_, gettext_for

if TYPE_CHECKING:
    from agent.settings import Settings

__all__ = ["Interfaces", "app", "main"]

app = typer.Typer(
    name="advisor",
    help=N_(
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


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help=N_("Print the version and exit."))] = False,
    lang: Lang = None,
) -> None:
    if version:
        from importlib.metadata import version as package_version

        typer.echo(f"advisor {package_version('genai-advisor')}")
        raise typer.Exit()
    interfaces = ctx.obj if isinstance(ctx.obj, Interfaces) else Interfaces()
    if lang is not None:  # `advisor --lang fr sessions list`: the sub-command speaks it too
        ctx.obj = interfaces = dataclasses.replace(interfaces, language=language_for(lang))
    if ctx.invoked_subcommand is None:
        if interfaces.open_interface is None:
            typer.echo(ctx.get_help())
            raise typer.Exit()
        raise typer.Exit(interfaces.open_interface(load_settings(language=language_for(lang))))


@app.command(
    help=N_(
        "Assess a profile: maturity level, prioritised use cases, strategy and roadmap.\n\n"
        "The PDF, slides (PPTX), HTML and Markdown open with an executive summary for the board; the "
        "spreadsheet (XLSX) and CSV hold every use case. Exit status 0 on success, 2 with a one-line "
        "error on a bad profile, an unknown output suffix or an output path that cannot be written."
    )
)
def assess(
    profile: Annotated[
        Path,
        typer.Argument(help=N_("Profile file (YAML or JSON), see examples/."), show_default=False, metavar="PROFILE"),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=N_("Output format [default: from the -o suffix (.json .md .html .csv .pdf .pptx .xlsx), else json]."),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=N_("Write to this file instead of printing."))
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace an existing output file (a regular file only)."))
    ] = False,
    prepared_by: Annotated[
        str | None,
        typer.Option("--prepared-by", help=N_("Who prepared the report, shown on its cover [default: the advisor].")),
    ] = None,
    engagement: Annotated[
        str | None, typer.Option("--engagement", help=N_("The engagement the report belongs to, shown on its cover."))
    ] = None,
    lang: Lang = None,
) -> None:
    import os

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

    language = language_for(lang)
    _ = words(language)
    to_file = output is not None and str(output) != "-"
    try:
        chosen = fmt.value if fmt else format_for_path(output) if to_file and output else "json"
    except UnknownFormat as error:
        raise fail(str(error)) from None
    if FORMATS[chosen].binary and not to_file and sys.stdout.isatty():
        raise fail(_("{format} is a binary format: write it to a file with -o FILE").format(format=chosen))
    try:
        loaded = load_profile(profile)
    except ProfileError as error:
        raise fail(str(error)) from None
    defaults = ReportInfo()
    info = ReportInfo(prepared_by=prepared_by or defaults.prepared_by, engagement=engagement)
    data = render_bytes(run_assessment(loaded, language=language), chosen, info=info, language=language)
    if not to_file or output is None:
        try:
            sys.stdout.buffer.write(data if data.endswith(b"\n") or FORMATS[chosen].binary else data + b"\n")
            sys.stdout.flush()
        except OSError as error:  # a full disk or a closed pipe behind standard output
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
            raise fail(_("standard output: {problem}").format(problem=error.strerror or error)) from None
        return
    try:
        written = write_export(data, output, force=force)
    except ExportExists:
        raise fail(already_exists(output, language)) from None
    except OSError as error:  # a special file at the target, a full disk, a read-only folder
        raise fail(f"{output}: {error.strerror or error}") from None
    typer.echo(_("wrote {path}").format(path=written), err=True)


app.command(help=interview.__doc__)(interview)
app.add_typer(sessions.app, name="sessions")
app.add_typer(kb.app, name="kb")


# ---------------------------------------------------------------- the command line's language


def run_language(args: Sequence[str]) -> Language:
    """The language of this run, from the words on the command line before Click parses them:
    `--lang fr` anywhere (options, not a `--` argument), else the language setting. Click writes
    `--help` as soon as it meets it, before any other option is processed."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value is not None:
            try:
                return parse_language(value)
            except TranslationError:
                break  # Click refuses it, naming the choices
    return configured_language()


# Words Click and Typer write themselves, translated where they are shown (LocalizedFormatter,
# show_error); marked here so they are in the cli catalogue.
CLICK_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
)
EXTRAS = re.compile(r"^(?P<help>.*?)(?P<gap>\s*)\[(?P<extras>[^\[\]]*)\]$", re.S)
NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'.*?')\.+(?: Did you mean (?P<names>.*)\?)?$", re.S)
EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((?P<arguments>.*)\)$", re.S)
CHOICE = re.compile(r"^(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.*)\.$", re.S)


def _translator(language: Language) -> Callable[[str], str]:
    """A text of the commands, from the cli catalogue or, for `advisor interview`, the interview's."""
    catalogues = [gettext_for(language, "cli"), gettext_for(language, "interview")]

    def translate(text: str) -> str:
        for catalogue in catalogues:
            found = catalogue(text)
            if found != text:
                return found
        return text

    return translate


def localize(command: click.Command, language: Language) -> click.Command:
    """`command` and its sub-commands with their help in `language` (in place: Typer builds new
    Click commands for every run)."""
    translate = _translator(language)
    command.context_class = LocalizedContext
    if command.help:
        command.help = translate(command.help)
    for param in command.params:
        if isinstance(getattr(param, "help", None), str):
            param.help = translate(param.help)  # type: ignore[attr-defined]
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            localize(sub, language)
    return command


class LocalizedFormatter(click.HelpFormatter):
    """Click's help layout with Click's own words (usage, headings, the help option, defaults)
    in the run's language."""

    def __init__(self, language: Language, **options: int | None) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self._ = words(language)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        _ = self._
        super().write_usage(prog, args, prefix if prefix is not None else "{usage} ".format(usage=_("Usage:")))

    def write_heading(self, heading: str) -> None:
        _ = self._
        self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=self._(heading)) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, self._definition(text)) for term, text in rows], col_max, col_spacing)

    def _definition(self, text: str) -> str:
        _ = self._
        if not text:
            return text  # gettext("") is the catalogue's header
        found = EXTRAS.match(text)
        if found is None:
            return _(text)
        extras = []
        for extra in found["extras"].split("; "):
            name, sep, value = extra.partition(": ")
            if extra == "required":
                extras.append(_("required"))
            elif sep and name == "default":
                extras.append(_("default: {default}").format(default=value))
            elif sep and name == "env var":
                extras.append(_("env var: {var}").format(var=value))
            else:  # a range ("1<=x<=100") reads the same in every language
                extras.append(extra)
        help_text = found["help"]
        return f"{_(help_text) if help_text else ''}{found['gap']}[{'; '.join(extras)}]"


class LocalizedContext(typer.Context):
    def make_formatter(self) -> click.HelpFormatter:
        run = self.find_object(Interfaces)
        language = run.language if run is not None and run.language else "en"
        return LocalizedFormatter(language, width=self.terminal_width, max_width=self.max_content_width)


def show_error(error: click.ClickException, language: Language) -> None:
    """A usage error as Click shows it (usage, hint, one error line), in `language`."""
    _ = words(language)
    if isinstance(error, click_errors.NoArgsIsHelpError):
        error.show()  # the help page, through the localized formatter
        return
    if isinstance(error, click_errors.UsageError) and error.ctx is not None:
        hint = _("Try '{command} {option}' for help.").format(
            command=error.ctx.command_path, option=error.ctx.help_option_names[0]
        )
        typer.echo(f"{error.ctx.get_usage()}\n{hint}\n", err=True)
    typer.echo(_("Error: {message}").format(message=_usage_problem(error, language)), err=True)


def _usage_problem(error: click.ClickException, language: Language) -> str:
    """Click's message for the usual mistakes in `language`; Click's own words otherwise."""
    _ = words(language)
    if language == "en":
        return error.format_message()
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        hint = error.param.get_error_hint()
        if error.param.param_type_name == "argument":
            return _("Missing argument {name}.").format(name=hint)
        return _("Missing option {name}.").format(name=hint)
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        choice = CHOICE.match(error.message)
        problem = (
            _("{value} is not one of {choices}.").format(value=choice["value"], choices=choice["choices"])
            if choice
            else error.message
        )
        hint = error.param.get_error_hint()
        return _("Invalid value for {name}: {problem}").format(name=hint, problem=problem)
    if isinstance(error, click_errors.NoSuchOption):
        return _("No such option: {name}.").format(name=error.option_name) + _suggestion(error.possibilities, language)
    message = error.format_message()
    unknown = NO_SUCH_COMMAND.match(message)
    if unknown:
        names = unknown["names"]
        return _("No such command: {name}.").format(name=unknown["name"]) + _suggestion(
            [names] if names else None, language
        )
    if message == "Missing command.":
        return _("Missing command.")
    extra = EXTRA_ARGUMENTS.match(message)
    if extra:
        return _("Unexpected extra argument(s): {arguments}").format(arguments=extra["arguments"])
    return message


def _suggestion(possibilities: Sequence[str] | None, language: Language) -> str:
    _ = words(language)
    if not possibilities:
        return ""
    return " " + _("Did you mean {names}?").format(names=", ".join(possibilities))


def run(
    args: Sequence[str], open_interface: Callable[[Settings], int] | None = None, language: Language | None = None
) -> int:
    """Run the command line on `args` in `language` (None: `--lang`, else the setting); the exit status."""
    try:
        language = language or run_language(args)
    except typer.Exit as refused:  # a bad language setting, already said in one line
        return refused.exit_code
    command = localize(typer.main.get_command(app), language)
    try:
        code = command.main(
            args=list(args), prog_name="advisor", obj=Interfaces(open_interface, language), standalone_mode=False
        )
    except click.ClickException as error:
        show_error(error, language)
        return error.exit_code
    except typer.Abort:
        _ = words(language)
        typer.echo(_("Aborted!"), err=True)  # as Typer says it
        return 1
    return code if isinstance(code, int) else 0


def main(open_interface: Callable[[Settings], int] | None = None) -> None:
    """Run the command line; `open_interface` is what `advisor` with no command opens."""
    sys.exit(run(sys.argv[1:], open_interface))


if __name__ == "__main__":
    main()
