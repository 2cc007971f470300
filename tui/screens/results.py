"""The results: Maturity (evidence, gaps, ahead), Use cases (sortable table and the value /
feasibility matrix), Strategy (rationale, alternatives), Roadmap (phases as a timeline)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from tui.sanitize import one_line, plain
from tui.widgets.bars import bar, percent
from tui.widgets.matrix import Matrix, mark
from tui.widgets.side_panel import QUADRANT_STYLES
from tui.widgets.status_bar import StatusBar
from tui.widgets.timeline import Timeline

QUADRANTS = {
    "quick_win": "quick win",
    "strategic_bet": "strategic bet",
    "fill_in": "fill-in",
    "deprioritize": "deprioritise",
}
COLUMNS = {
    "rank": "#",
    "title": "Use case",
    "priority": "Prio.",
    "value": "Value",
    "feasibility": "Feas.",
    "risk": "Risk",
    "level": "Lvl",
    "quadrant": "Quadrant",
    "function": "Function",
}
DESCENDING_FIRST = {"priority", "value", "feasibility"}


def heading(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def bullet(*parts: Any) -> Content:
    return Content.assemble(("  • ", "$text-muted"), *parts)


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


class ResultsScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("1", "tab('maturity')", "Maturity", show=False),
        Binding("2", "tab('use-cases')", "Use cases", show=False),
        Binding("3", "tab('strategy')", "Strategy", show=False),
        Binding("4", "tab('roadmap')", "Roadmap", show=False),
    ]

    def __init__(self, assessment: Any, tab: str = "maturity") -> None:
        super().__init__()
        self.assessment = assessment
        self._tab = tab
        self._sorted: tuple[str, bool] = ("rank", False)

    def compose(self) -> ComposeResult:
        yield StatusBar(classes="status")
        with TabbedContent(initial=self._tab, id="tabs"):
            with TabPane("Maturity", id="maturity"):
                with VerticalScroll():
                    yield Static(self._maturity(), id="maturity-text")
            with TabPane("Use cases", id="use-cases"):
                with Vertical(id="uc-body"):
                    yield DataTable(id="uc-table", cursor_type="row", zebra_stripes=True)
                    with Horizontal(id="uc-lower"):
                        yield Static(id="uc-detail")
                        yield Matrix(id="uc-matrix")
            with TabPane("Strategy", id="strategy"):
                with VerticalScroll():
                    yield Static(self._strategy(), id="strategy-text")
            with TabPane("Roadmap", id="roadmap"):
                with VerticalScroll():
                    yield Timeline(id="timeline")
                    yield Static(self._roadmap(), id="roadmap-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#uc-table", DataTable)
        for key, label in COLUMNS.items():
            table.add_column(label, key=key)
        for rank, case in enumerate(self.assessment.use_cases, start=1):
            style = QUADRANT_STYLES.get(str(case.quadrant.value), "")
            table.add_row(
                Text(mark(rank), style="bold"),
                Text(one_line(case.title, 30)),
                case.priority,
                case.value,
                case.feasibility,
                case.risk,
                case.min_level,
                Text(QUADRANTS.get(str(case.quadrant.value), str(case.quadrant.value)), style=_rich_style(style)),
                Text(str(case.function.value).replace("_", " ")),
                key=case.id,
            )
        self.query_one("#uc-matrix", Matrix).show(self.assessment.use_cases)
        self.query_one("#timeline", Timeline).show(self.assessment.roadmap.phases)
        self._detail(self.assessment.use_cases[0] if self.assessment.use_cases else None)

    # --- use cases --------------------------------------------------------------------------
    @on(DataTable.HeaderSelected, "#uc-table")
    def _sort(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        reverse = not self._sorted[1] if self._sorted[0] == key else key in DESCENDING_FIRST
        self.sort_use_cases(key, reverse)

    def sort_use_cases(self, key: str, reverse: bool = False) -> None:
        self.query_one("#uc-table", DataTable).sort(key, key=_sort_key, reverse=reverse)
        self._sorted = (key, reverse)

    @on(DataTable.RowHighlighted, "#uc-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        by_id = {u.id: u for u in self.assessment.use_cases}
        self._detail(by_id.get(str(event.row_key.value)))

    def _detail(self, case: Any | None) -> None:
        detail = self.query_one("#uc-detail", Static)
        if case is None:
            detail.update(muted("No use cases."))
            return
        parts: list[Any] = [(one_line(case.title), "bold"), ": ", one_line(case.rationale)]
        if case.blocker:
            parts += [("  Blocked: ", "$warning"), one_line(case.blocker)]
        detail.update(Content.assemble(*parts))

    # --- text tabs --------------------------------------------------------------------------
    def _maturity(self) -> Content:
        m = self.assessment.maturity
        lines = [
            Content.assemble(
                (f"Level {m.level} · {one_line(m.name)}", "bold"),
                "   progress ",
                bar(m.progress, 10),
                percent(m.progress),
                "   confidence ",
                bar(m.confidence, 10, "$primary"),
                percent(m.confidence),
            ),
            Content(""),
            heading("Evidence"),
        ]
        lines += [
            bullet(
                one_line(f.field),
                " = ",
                (one_line(f.value), "bold"),
                " → ",
                one_line(f.conclusion),
                ("" if f.source == "profile" else f"  ({one_line(f.source, 80)})", "$text-muted"),
            )
            for f in m.evidence
        ] or [muted("  none")]
        target = f" to level {m.next_level}" if m.next_level else ""
        lines += [Content(""), heading(f"Gaps{target}")]
        lines += [
            bullet(
                (one_line(g.name), "bold"),
                f": {one_line(g.current)} → {one_line(g.needed)}",
                (f"  ({one_line(g.why)})", "$text-muted"),
            )
            for g in m.gaps
        ] or [muted("  none")]
        lines += [Content(""), heading("Ahead")]
        lines += [
            bullet(
                (one_line(a.name), "bold"),
                f" (level {a.level}): {one_line(a.value)}",
                (f"  {one_line(a.note)}", "$text-muted"),
            )
            for a in m.ahead
        ] or [muted("  none")]
        if m.unknown:
            lines += [Content(""), heading("Unknown (answering these raises confidence)")]
            lines += [bullet(one_line(u)) for u in m.unknown]
        return Content("\n").join(lines)

    def _strategy(self) -> Content:
        s = self.assessment.strategy
        lines = [
            Content.assemble((one_line(s.title), "bold"), (f"  (score {s.score})", "$text-muted")),
            Content(""),
            plain(s.rationale),
            Content(""),
            heading("Why"),
        ]
        lines += [bullet(one_line(r)) for r in s.reasons]
        lines += [Content(""), heading("Alternatives")]
        for alt in s.alternatives:
            lines.append(bullet((str(alt.name.value), "bold"), f" (score {alt.score})"))
            lines += [Content.assemble("      ", muted(one_line(r))) for r in alt.reasons]
        if s.watch_out:
            lines += [Content(""), heading("Watch out")]
            lines += [bullet(one_line(w)) for w in s.watch_out]
        return Content("\n").join(lines)

    def _roadmap(self) -> Content:
        titles = {u.id: one_line(u.title) for u in self.assessment.use_cases}
        lines: list[Content] = []
        for phase in self.assessment.roadmap.phases:
            lines += [
                Content(""),
                Content.assemble(
                    (one_line(phase.name), "bold $accent"),
                    (f"  {one_line(phase.horizon)} · target level {phase.target_level}", "$text-muted"),
                ),
                plain(phase.objective),
            ]
            if phase.use_cases:
                lines.append(
                    Content.assemble(
                        ("  Use cases: ", "bold"), ", ".join(titles.get(u, one_line(u)) for u in phase.use_cases)
                    )
                )
            if phase.capabilities:
                lines.append(
                    Content.assemble(("  Capabilities: ", "bold"), ", ".join(one_line(c) for c in phase.capabilities))
                )
            lines += [bullet(one_line(g)) for g in phase.governance]
        if self.assessment.roadmap.later:
            lines += [
                Content(""),
                Content.assemble(
                    ("Later: ", "bold"), ", ".join(titles.get(u, one_line(u)) for u in self.assessment.roadmap.later)
                ),
            ]
        lines += [muted(one_line(n)) for n in self.assessment.roadmap.notes]
        return Content("\n").join(lines)

    # --- actions ----------------------------------------------------------------------------
    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.app.pop_screen()


def _sort_key(cell: Any) -> Any:
    return cell.plain.lower() if isinstance(cell, Text) else cell


def _rich_style(style: str) -> str:
    """Rich cannot read Textual's theme variables: the table's quadrant cells use plain colours."""
    return {"$success": "green", "$accent": "yellow", "$primary": "cyan", "$text-muted": "dim"}.get(style, "")
