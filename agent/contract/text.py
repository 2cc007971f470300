"""Text from answers, documents or the model made safe to print, for every interface.

Two dangers: terminal control sequences (an answer pasted with `ESC]52;…` writes the clipboard,
`ESC[2J` clears the screen, `ESC]8;;` makes hyperlinks) and markup (`[/]` in a client name breaks
Rich, `[link=…]` renders). `clean` removes the first; printers avoid the second by handing Rich
`Text` objects, never markup strings (or by `escape_markup` where a string is unavoidable).
"""

from __future__ import annotations

import re

# ESC-introduced sequences, 7-bit and 8-bit forms:
#   CSI  ESC [ params intermediates final        (colours, cursor moves, clear screen)
#   OSC, DCS, SOS, PM, APC  ESC ] P X ^ _ … up to BEL or ST   (titles, clipboard, hyperlinks)
#   other escapes ESC intermediates final        (charset selection, keypad modes, RIS)
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# What is left: C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and the
# bidirectional overrides and isolates that can make text read differently from what it is.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Runs of white space, but not the non-breaking spaces French typography puts before ":" "?" "»".
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def clean(text: object) -> str:
    """The text with escape sequences and control characters removed (newlines and tabs kept)."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SEQUENCES.sub("", value)
    return _CONTROLS.sub("", value)


def one_line(text: object, limit: int | None = None) -> str:
    """`clean`, with every run of whitespace made one space; cut with an ellipsis past `limit`."""
    value = _SPACES.sub(" ", clean(text)).strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + "…"
    return value


def escape_markup(text: str) -> str:
    """Rich markup made literal: every `[` that could open a tag is escaped."""
    return re.sub(r"(\\*)(\[[a-zA-Z#/@\]])", r"\1\1\\\2", text)
