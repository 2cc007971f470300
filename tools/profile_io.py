"""Read and write profiles as YAML or JSON, with one-line errors a consultant can act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tools.profile import Profile


class ProfileError(ValueError):
    """A profile that cannot be read: the message names the file, the field and the reason."""

    def __init__(self, source: str, field: str | None, reason: str):
        self.source, self.field, self.reason = source, field, reason
        where = f"{source}: {field}: " if field else f"{source}: "
        super().__init__(_printable(where + reason))


def load_profile(path: Path) -> Profile:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(source, None, "no such file") from None
    except IsADirectoryError:
        raise ProfileError(source, None, "is a directory, not a profile file") from None
    except UnicodeDecodeError:
        raise ProfileError(source, None, "not UTF-8 text") from None
    except OSError as error:
        raise ProfileError(source, None, error.strerror or str(error)) from None
    return parse_profile(text, source, json_format=path.suffix.lower() == ".json")


def parse_profile(text: str, source: str = "<profile>", json_format: bool = False) -> Profile:
    data = _parse(text, source, json_format)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(source, None, f"expected a mapping at the top level, got {_kind(data)}")
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise _one_line(error, source) from None


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
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise ProfileError(source, None, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ProfileError(source, None, f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise ProfileError(source, None, "nested too deeply") from None


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


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), type(value).__name__)
