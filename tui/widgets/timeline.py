"""The roadmap's phases as bars on a month axis."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from tui.sanitize import one_line
from tui.words import words_for

PHASE_STYLES = ("$success", "$accent", "$primary", "$warning", "$secondary")
LABEL = 18


class Timeline(Widget):
    DEFAULT_CSS = "Timeline { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._phases: list[Any] = []

    def show(self, phases: list[Any]) -> None:
        """`phases`: the roadmap's `Phase`s (start_month, end_month, name, horizon, target_level)."""
        self._phases = list(phases)
        self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._phases) + 1 if self._phases else 1

    def render(self) -> Content:
        _ = words_for(self)
        if not self._phases:
            return Content.styled(_("No roadmap yet."), "$text-muted")
        end = max(max(p.end_month for p in self._phases), 1)
        span = max(self.size.width - LABEL - 1 - 4, 10)  # room for the " L3" tag after a bar
        per_month = span / end

        def col(month: int) -> int:
            return min(round(month * per_month), span)

        axis = [" "] * (span + 1)
        for month in sorted({0, end, *(p.start_month for p in self._phases)}):
            label = str(month)
            at = min(col(month), span + 1 - len(label))
            axis[at : at + len(label)] = list(label)
        lines = [Content.assemble((_("months").ljust(LABEL) + " ", "$text-muted"), ("".join(axis), "$text-muted"))]
        for i, phase in enumerate(self._phases):
            start, stop = col(phase.start_month), max(col(phase.end_month), col(phase.start_month) + 1)
            tag = " " + _("L{level}").format(level=phase.target_level)  # the level the phase reaches
            body = "█" * (stop - start)
            style = PHASE_STYLES[i % len(PHASE_STYLES)]
            lines.append(
                Content.assemble(
                    one_line(phase.name, LABEL).ljust(LABEL) + " ", " " * start, (body, style), (tag, "bold " + style)
                )
            )
        return Content("\n").join(lines)
