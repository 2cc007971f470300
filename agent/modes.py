"""Model mode and guided mode as the nodes switch between them, said to the interface."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer

from agent.events import ModeChanged
from agent.state import Context, message
from knowledge.i18n import Language
from knowledge.locales import gettext_for


def go_guided(ctx: Context, reason: str, language: Language = "en") -> list[dict[str, Any]]:
    ctx.go_guided(reason)
    get_stream_writer()(ModeChanged(guided=True, reason=reason))
    return [
        message("system", gettext_for(language, "answers")("Guided mode from here: {reason}.").format(reason=reason))
    ]


def recover(ctx: Context, language: Language = "en") -> list[dict[str, Any]]:
    """Back to model mode when a model that failed answers its probe again (with backoff); the
    answers already given stay as they are."""
    if not ctx.recover():
        return []
    _ = gettext_for(language, "answers")
    note = _("The model answers again: back to model mode.")
    get_stream_writer()(ModeChanged(guided=False, reason=note))
    return [message("system", note)]


def mode(ctx: Context) -> str:
    return "guided" if ctx.guided else "model"
