"""Read and write profiles as YAML or JSON, with one-line errors a consultant can act on.

A profile is a regular file of at most `MAX_PROFILE_BYTES`; anything else, and anything the bounded
parser refuses (alias bombs, duplicate keys, over-long numbers, lone surrogates), is a ProfileError
naming the file, the field when known and the reason.
"""

from __future__ import annotations

import json
import reprlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tools.profile import Profile
from tools.regular_file import FileRefused, read_regular_file
from tools.safe_parse import DocumentRefused, load_json, load_yaml, surrogate_at

MAX_PROFILE_BYTES = 1 << 20  # 1 MiB: a full profile with long free-text answers is a few KiB
_FIELD_SHOWN = 80  # characters of a field path in a message: a key may be a megabyte long


class ProfileError(ValueError):
    """A profile that cannot be read: the message names the file, the field and the reason."""

    def __init__(self, source: str, field: str | None, reason: str):
        self.source, self.field, self.reason = source, field, reason
        shown = field if field is None or len(field) <= _FIELD_SHOWN else field[: _FIELD_SHOWN - 3] + "..."
        where = f"{source}: {shown}: " if shown else f"{source}: "
        super().__init__(_printable(where + reason))


def load_profile(path: Path) -> Profile:
    source = str(path)
    try:
        data = read_regular_file(path, MAX_PROFILE_BYTES)
    except FileRefused as refused:
        raise ProfileError(source, None, refused.reason) from None
    try:
        # utf-8-sig: a byte-order mark is what Windows editors write at the start of UTF-8 files
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProfileError(source, None, f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line})") from None
    return parse_profile(text, source, json_format=path.suffix.lower() == ".json")


def parse_profile(text: str, source: str = "<profile>", json_format: bool = False) -> Profile:
    if len(text) > MAX_PROFILE_BYTES:
        raise ProfileError(source, None, f"longer than the limit of {MAX_PROFILE_BYTES >> 20} MiB")
    data = _parse(text.removeprefix("\ufeff"), source, json_format)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(source, None, f"expected a mapping at the top level, got {_kind(data)}")
    where = surrogate_at(data)
    if where is not None:
        raise ProfileError(source, where or None, "holds a lone surrogate (\\ud800-\\udfff): not valid Unicode text")
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise _one_line(error, source) from None
    except (ValueError, TypeError, RecursionError) as error:  # a validator meeting what no test foresaw
        raise ProfileError(source, None, f"cannot be read ({type(error).__name__})") from None


def dump_profile(profile: Profile, json_format: bool = False) -> str:
    data = profile.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if json_format:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _parse(text: str, source: str, json_format: bool) -> Any:
    if "\x00" in text:
        raise ProfileError(source, None, "contains a NUL byte: not a text profile")
    try:
        if json_format:
            return load_json(text)
        return load_yaml(text)
    except DocumentRefused as refused:
        line = f" (line {refused.line})" if refused.line and not refused.field else ""
        raise ProfileError(source, refused.field, refused.reason + line) from None
    except json.JSONDecodeError as error:
        raise ProfileError(
            source, None, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ProfileError(source, None, f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise ProfileError(source, None, "nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - any other loader failure is still one line, exit 2
        kind = "JSON" if json_format else "YAML"
        raise ProfileError(source, None, f"invalid {kind} ({type(error).__name__})") from None


def _one_line(error: ValidationError, source: str) -> ProfileError:
    first = error.errors()[0]
    # Pydantic puts "[key]" in the path for an invalid dict key; say which key instead.
    loc = [str(part) for part in first["loc"] if part != "[key]"]
    field = ".".join(loc) or None
    reason = first["msg"]
    if first["type"] == "extra_forbidden":
        reason = "unknown field"
    elif first["type"] == "enum":
        expected = first.get("ctx", {}).get("expected", "")
        reason = f"{_shown(first['input'])} is not one of {expected}"
    elif first["type"] in {"greater_than_equal", "less_than_equal"}:
        reason = f"{_shown(first['input'])} is out of range ({first['msg'].lower()})"
    elif "input" in first and first["type"] not in {"missing"}:
        reason = f"{reason} (got {_shown(first['input'])})"
    more = error.error_count() - 1
    if more:
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ProfileError(source, field, reason)


def _printable(text: str) -> str:
    """Keep the message on one line: a key or file name may hold newlines or escape codes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# reprlib bounds the work as well as the text: a long string is cut before repr() and containers
# show their first items, so an error about a huge value never builds the value's full repr.
def _bounded_repr() -> reprlib.Repr:
    shown = reprlib.Repr()  # keyword arguments arrive only in Python 3.12
    shown.maxlevel = 2
    shown.maxtuple = shown.maxlist = shown.maxarray = shown.maxdict = 3
    shown.maxset = shown.maxfrozenset = shown.maxdeque = 3
    shown.maxstring = shown.maxlong = shown.maxother = 60
    return shown


_REPR = _bounded_repr()


def _shown(value: Any) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
