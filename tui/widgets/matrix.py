"""The value / feasibility matrix, drawn in character cells.

Each use case is a mark (its rank: 1–9, then a–z) placed by feasibility (x) and value (y) and
coloured by the quadrant the assessment gave it; cells holding two cases show `+`.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from tui.widgets.side_panel import QUADRANT_STYLES
from tui.words import N_, words_for

MARKS = "123456789abcdefghijklmnopqrstuvwxyz"
CORNERS = {  # quadrant label, placed at (top?, right?)
    (True, True): N_("Quick wins"),
    (True, False): N_("Strategic bets"),
    (False, True): N_("Fill-ins"),
    (False, False): N_("Deprioritise"),
}


def mark(rank: int) -> str:
    """The mark of the use case at 1-based `rank` (shared with the table's # column)."""
    return MARKS[rank - 1] if rank <= len(MARKS) else "·"


class Matrix(Widget):
    DEFAULT_CSS = "Matrix { height: 12; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cases: list[Any] = []

    def show(self, use_cases: list[Any]) -> None:
        """`use_cases`: `UseCaseAssessment`s in rank order."""
        self._cases = list(use_cases)
        self.refresh()

    def render(self) -> Content:
        _ = words_for(self)
        width, height = self.size.width, self.size.height
        plot_w, plot_h = width - 2, height - 2  # left axis, bottom axis and its caption
        if plot_w < 12 or plot_h < 4:
            return Content.styled(_("(too small for the matrix)"), "$text-muted")
        cells: list[list[tuple[str, str]]] = [[(" ", "")] * plot_w for _ in range(plot_h)]
        mid_x, mid_y = plot_w // 2, plot_h // 2
        for y in range(plot_h):
            cells[y][mid_x] = ("┊", "$foreground 25%")
        for x in range(plot_w):
            cells[mid_y][x] = ("┄", "$foreground 25%") if x != mid_x else ("┼", "$foreground 25%")
        for (top, right), label in CORNERS.items():
            y = 0 if top else plot_h - 1
            x = mid_x + 2 if right else 1
            for i, ch in enumerate(_(label)[: max(mid_x - 2, 0)]):
                if x + i < plot_w:
                    cells[y][x + i] = (ch, "italic $foreground 45%")
        taken: set[tuple[int, int]] = set()
        for rank, case in enumerate(self._cases[: len(MARKS)], start=1):
            x = min(int(case.feasibility * plot_w), plot_w - 1)
            y = min(int((1 - case.value) * plot_h), plot_h - 1)
            style = "bold " + QUADRANT_STYLES.get(str(case.quadrant.value), "")
            cells[y][x] = ("+" if (x, y) in taken else mark(rank), style)
            taken.add((x, y))
        lines = []
        for y, row in enumerate(cells):
            axis = "▲" if y == 0 else "│"
            lines.append(Content.assemble((axis, "$foreground 60%"), " ", *_runs(row)))
        lines.append(Content.styled("└" + "─" * plot_w + "▶", "$foreground 60%"))
        caption = _("value ▲   feasibility ▶")
        lines.append(Content.styled(caption.rjust(plot_w + 2), "$text-muted"))
        return Content("\n").join(lines)


def _runs(row: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge neighbouring cells of one style, so a row is a few spans rather than one per cell."""
    runs: list[tuple[str, str]] = []
    for ch, style in row:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + ch, style)
        else:
            runs.append((ch, style))
    return runs
