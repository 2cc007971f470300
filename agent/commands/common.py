"""Helpers shared by the interview and sessions commands: one-line errors, settings, the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from agent.session import SqliteSessionStore
    from agent.settings import Settings


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr; return the Exit to raise (exit 2: bad input, 1: environment)."""
    typer.echo(f"advisor: {message}", err=True)
    return typer.Exit(code)


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
    from agent.session import SessionStoreError, SqliteSessionStore

    try:
        return SqliteSessionStore(settings, **options)
    except SessionStoreError as error:
        raise fail(str(error), 1) from None
