"""Neutralise text that comes from answers, documents or the model before it reaches the screen.

Two dangers: terminal control sequences (an answer pasted with `ESC]52;…` or `ESC[2J` in it) and
markup (`[@click=app.quit]` in a session title would be an action link if parsed as markup).
`clean` (from the contract, shared with the plain terminal) removes the first; the widgets avoid
the second by building `Content`/`Text` from plain strings (never `from_markup`) or by giving the
text to `Markdown`, which does not read markup.
"""

from __future__ import annotations

from textual.content import Content

from agent.contract.text import clean, one_line

__all__ = ["clean", "one_line", "plain"]


def plain(text: object, style: str = "") -> Content:
    """Display content for untrusted text: cleaned and never parsed as markup."""
    return Content.styled(clean(text), style) if style else Content(clean(text))
