"""The shape every benchmark returns, so one table can hold them all."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel


class Figure(BaseModel):
    area: str  # e.g. "assessment", "knowledge base", "agent", "interface"
    name: str
    value: float
    unit: str
    target: float | None = None
    better: Literal["lower", "higher"] = "lower"

    @property
    def meets_target(self) -> bool | None:
        if self.target is None:
            return None
        return self.value <= self.target if self.better == "lower" else self.value >= self.target


def timed_ms(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of each of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(pct) - 1]
