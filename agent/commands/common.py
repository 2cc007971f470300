"""Helpers shared by the commands: the `--lang` option, one-line errors, settings, the store.

A command speaks the language of its `--lang`, else the settings' (ADVISOR_LANG, the config
file, the locale, then English): `language_for(lang)` resolves it once and the command passes it
to what it calls. The words are the cli catalogue's (`gettext_for(language, "cli")`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.globals import get_current_context  # Typer's own copy of Click runs the commands

from knowledge.i18n import Language, parse_language
from knowledge.locales import N_, default_language, gettext_for, translations

if TYPE_CHECKING:
    from agent.session_store import SqliteSessionStore
    from agent.settings import Settings

DOMAIN = "cli"


class LanguageChoice(StrEnum):
    """The values `--lang` takes (Typer offers choices from an enum, not from a Literal)."""

    en = "en"
    fr = "fr"


# Shared by every command that writes or talks, `advisor interview` included.
def lang_option(help: str) -> Any:
    """A `--lang en|fr` option; `help` says what the language applies to (marked `N_`: the help
    is translated when the app is built for the user's language)."""
    return typer.Option("--lang", help=help, case_sensitive=False, show_default=False)


Lang = Annotated[
    LanguageChoice | None,
    lang_option(N_("Language of what the command writes: en or fr [default: the language setting].")),
]


def words(language: Language) -> Callable[[str], str]:
    """The cli catalogue's `_` in `language`."""
    return gettext_for(language, DOMAIN)


def plurals(language: Language) -> Callable[[str, str, int], str]:
    """The cli catalogue's `ngettext` in `language`."""
    return translations(language, DOMAIN).ngettext


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr; return the Exit to raise (exit 2: bad input, 1: environment)."""
    typer.echo(f"advisor: {message}", err=True)
    return typer.Exit(code)


def checked_text(value: str | None, option: str, language: Language = "en") -> str | None:
    """An option's text, refused in one line when the terminal passed bytes that are not UTF-8
    (Python hands them over as lone surrogates, which nothing downstream can store or print)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _ = words(language)
        raise fail(_("{option}: not valid text (invalid UTF-8); type it again").format(option=option)) from None
    return value


def load_settings(**overrides: Any) -> Settings:
    """The settings, or a one-line error (in the language asked for, else the locale's: the
    language setting itself may be what is wrong)."""
    from pydantic import ValidationError

    from agent.settings import Settings, config_file

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:
        _ = words(overrides.get("language") or default_language())
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        if field in LANGUAGE_KEYS:
            raise fail(
                _(
                    "configuration: language {value!r} (ADVISOR_LANG, or `language` in {file}) is not one the "
                    "advisor speaks; choose en or fr"
                ).format(value=first.get("input"), file=config_file())
            ) from None
        raise fail(_("configuration: {field}: {problem}").format(field=field, problem=first["msg"])) from None


LANGUAGE_KEYS = ("ADVISOR_LANG", "language")


def configured_language() -> Language:
    """The language setting alone. A bad language is an error here; a mistake in another
    setting is left to the commands that use it (`advisor assess` needs none)."""
    from pydantic import ValidationError

    from agent.settings import Settings

    try:
        return Settings().language
    except ValidationError as error:
        if any(e["loc"] and e["loc"][0] in LANGUAGE_KEYS for e in error.errors()):
            load_settings()  # raises the one-line error
        return default_language()


@dataclass(frozen=True)
class Interfaces:
    """What the composition root plugs in: the interactive interface `advisor` opens; and the
    language this run speaks, read from the command line before it is parsed (its help is
    written before any option is processed)."""

    open_interface: Callable[[Settings], int] | None = None
    language: Language | None = None


def language_for(lang: LanguageChoice | None) -> Language:
    """The language a command speaks: its `--lang`, else the run's (`advisor --lang fr ...`),
    else the language setting."""
    if lang is not None:
        return parse_language(lang.value)
    ctx = get_current_context(silent=True)
    run = ctx.find_object(Interfaces) if ctx is not None else None
    if run is not None and run.language is not None:
        return run.language
    return configured_language()


def open_sessions(settings: Settings, **options: Any) -> SqliteSessionStore:
    from agent.contract import SessionStoreError
    from agent.session_store import SqliteSessionStore

    try:
        return SqliteSessionStore(settings, **options)
    except SessionStoreError as error:
        raise fail(str(error), 1) from None


def emit(text: str | bytes, output: Path | None, force: bool, language: Language = "en") -> None:
    """Print `text`, or write it to `output` (`-` is standard output) atomically, never
    overwriting without `force`; write errors become one line and exit status 2. Bytes (a PDF,
    slides, a workbook) go to standard output only when it is not a terminal."""
    from tools.export import ExportExists, write_export

    _ = words(language)
    if output is None or str(output) == "-":
        if isinstance(text, bytes):
            if sys.stdout.isatty():
                raise fail(_("a binary format cannot be printed: write it to a file with -o FILE"))
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
            return
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        written = write_export(text, output, force=force)
    except ExportExists:
        raise fail(already_exists(output, language)) from None
    except OSError as error:
        raise fail(f"{output}: {error.strerror or error}") from None
    typer.echo(_("wrote {path}").format(path=written), err=True)


YES = {"y", "yes", "o", "oui"}
NO = {"n", "no", "non", ""}


def confirm(question: str, language: Language) -> bool:
    """A yes/no question, no by default: Typer's in English; in French "[o/N]", answered with
    oui/non (or y/n)."""
    if language == "en":
        return typer.confirm(question, default=False)
    _ = words(language)
    while True:
        answer = typer.prompt(
            _("{question} [y/N]").format(question=question), default="", show_default=False, prompt_suffix="\u00a0: "
        )
        if answer.strip().lower() in YES | NO:
            return answer.strip().lower() in YES
        typer.echo(_("Answer yes or no."), err=True)


def already_exists(path: Path, language: Language) -> str:
    _ = words(language)
    return _("{path}: already exists (use --force to overwrite)").format(path=path)
