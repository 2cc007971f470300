"""Text from documents made safe to store and to print: terminal control sequences (colours,
title or clipboard writes, hyperlinks, clear-screen) and other control or bidi-override characters
removed. Line breaks and tabs stay."""

from __future__ import annotations

import re
import unicodedata

# CSI ... final byte; OSC ... BEL or ST; DCS/SOS/PM/APC ... ST; then any other two-byte escape.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"
    r"|\x1b[@-Z\\-_]?"
)
_KEEP = {"\n", "\t"}


def printable(text: str) -> str:
    """`text` without escape sequences nor control/format characters (C0, C1, bidi controls,
    zero-width ones); a carriage return becomes a line break."""
    text = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
