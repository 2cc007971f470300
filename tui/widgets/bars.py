"""Text gauges: deterministic (no animation), so snapshots stay stable."""

from __future__ import annotations

from textual.content import Content


def bar(fraction: float | None, width: int, style: str = "$success") -> Content:
    """A horizontal gauge of `width` cells; an unknown fraction draws an empty, dim gauge."""
    value = min(max(fraction or 0.0, 0.0), 1.0)
    full = round(value * width)
    return Content.assemble(("█" * full, style), ("░" * (width - full), "$foreground 30%"))


def percent(fraction: float | None) -> str:
    """Five cells: a space and up to `100%`."""
    return "    ?" if fraction is None else f" {round(min(max(fraction, 0.0), 1.0) * 100):3d}%"
