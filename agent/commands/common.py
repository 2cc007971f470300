"""Helpers shared by the interview and sessions commands: one-line errors, settings, the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from agent.session_store import SqliteSessionStore
    from agent.settings import Settings


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr; return the Exit to raise (exit 2: bad input, 1: environment)."""
    typer.echo(f"advisor: {message}", err=True)
    return typer.Exit(code)


def checked_text(value: str | None, option: str) -> str | None:
    """An option's text, refused in one line when the terminal passed bytes that are not UTF-8
    (Python hands them over as lone surrogates, which nothing downstream can store or print)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise fail(f"{option}: not valid text (invalid UTF-8); type it again") from None
    return value


def load_settings(**overrides: Any) -> Settings:
    from pydantic import ValidationError

    from agent.settings import Settings

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        raise fail(f"configuration: {field}: {first['msg']}") from None


def open_sessions(settings: Settings, **options: Any) -> SqliteSessionStore:
    from agent.contract import SessionStoreError
    from agent.session_store import SqliteSessionStore

    try:
        return SqliteSessionStore(settings, **options)
    except SessionStoreError as error:
        raise fail(str(error), 1) from None


def emit(text: str | bytes, output: Path | None, force: bool) -> None:
    """Print `text`, or write it to `output` (`-` is standard output) atomically, never
    overwriting without `force`; write errors become one line and exit status 2. Bytes (a PDF,
    slides, a workbook) go to standard output only when it is not a terminal."""
    from tools.export import ExportExists, write_export

    if output is None or str(output) == "-":
        if isinstance(text, bytes):
            if sys.stdout.isatty():
                raise fail("a binary format cannot be printed: write it to a file with -o FILE")
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
            return
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        written = write_export(text, output, force=force)
    except ExportExists:
        raise fail(f"{output}: already exists (use --force to overwrite)") from None
    except OSError as error:
        raise fail(f"{output}: {error.strerror or error}") from None
    typer.echo(f"wrote {written}", err=True)
