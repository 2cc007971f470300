"""What the reader makes of one answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Understood:
    status: Literal["value", "unknown", "unclear"]
    value: Any = None
    exact: bool = False
    hint: str | None = None
    also: tuple[tuple[str, Any], ...] = ()  # (profile field, value) the answer gives besides the asked one
