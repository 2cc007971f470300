"""The guided reader's vocabularies, English and French, already in `normalise`d form.

They are data, kept in `words.yaml` beside this module so they can grow without touching code.
Each value lists the phrases that say it. Phrases are matched as whole words; a phrase in a
clause that negates it does not count ("not in production", "personne ne l'utilise")."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

Phrases = tuple[str, ...]


def _load() -> dict[str, Any]:
    text = resources.files("agent.reading").joinpath("words.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _phrases(key: str) -> Phrases:
    return tuple(_DATA[key])


def _table(key: str) -> dict[str, Phrases]:
    return {value: tuple(phrases) for value, phrases in _DATA[key].items()}


_DATA = _load()

UNKNOWN = _phrases("UNKNOWN")
# Said anywhere in a longer answer, these still mean "ask someone else" ("I'd have to ask IT").
ASK_SOMEONE = _phrases("ASK_SOMEONE")
UNKNOWN_OPENERS = _phrases("UNKNOWN_OPENERS")
YES = _phrases("YES")
NO = _phrases("NO")
# Regulated or sensitive data named in a yes/no answer about it: "only customer addresses, so some
# personal data" is a yes.
SENSITIVE = _phrases("SENSITIVE")
ADOPTION = _table("ADOPTION")
GOVERNANCE = _table("GOVERNANCE")
APPETITE = _table("APPETITE")
# 1..5 importance, most specific phrases first: "not very important" before "very important".
SCALE: tuple[tuple[int, Phrases], ...] = tuple((int(number), tuple(phrases)) for number, phrases in _DATA["SCALE"])
SIZE = _table("SIZE")
ALL = _phrases("ALL")
NONE = _phrases("NONE")
MULTI_ALIASES = _table("MULTI_ALIASES")
