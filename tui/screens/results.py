"""The results: Maturity (evidence, gaps, ahead), Use cases (sortable table and the value /
feasibility matrix), Strategy (rationale, alternatives), Roadmap (phases as a timeline)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from tui.words import N_, Gettext, Relabelled, language_of, words_for

QUADRANTS = {
    "quick_win": N_("quick win"),
    "strategic_bet": N_("strategic bet"),
    "fill_in": N_("fill-in"),
    "deprioritize": N_("deprioritise"),
}
COLUMNS = {
    "rank": "#",
    "title": N_("Use case"),
    "priority": N_("Prio."),
    "value": N_("Value"),
    "feasibility": N_("Feas."),
    "risk": N_("Risk"),
    "level": N_("Lvl"),
    "quadrant": N_("Quadrant"),
    "function": N_("Function"),
}
TABS = {
    "maturity": N_("Maturity"),
    "use-cases": N_("Use cases"),
    "strategy": N_("Strategy"),
    "roadmap": N_("Roadmap"),
}
DESCENDING_FIRST = {"priority", "value", "feasibility"}


@dataclass(frozen=True, order=True)
class Score:
    """A table cell that sorts by its value and shows it as the locale writes it ("0.76", "0,76")."""

    value: float
    shown: str = field(compare=False)

    def __rich__(self) -> Text:
        return Text(self.shown)


def heading(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def bullet(*parts: Any) -> Content:
    return Content.assemble(("  • ", "$text-muted"), *parts)


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


class ResultsScreen(Relabelled, Screen):
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("1", "tab('maturity')", N_("Maturity"), show=False),
        Binding("2", "tab('use-cases')", N_("Use cases"), show=False),
        Binding("3", "tab('strategy')", N_("Strategy"), show=False),
        Binding("4", "tab('roadmap')", N_("Roadmap"), show=False),
    ]

    def __init__(self, assessment: Any, tab: str = "maturity") -> None:
        super().__init__()
        self.keep_english_bindings()
        self.assessment = assessment
        self._tab = tab
        self._sorted: tuple[str, bool] = ("rank", False)

    @property
    def _(self) -> Gettext:
        return words_for(self)

    def compose(self) -> ComposeResult:
        _ = self._
        yield StatusBar(classes="status")
        with TabbedContent(initial=self._tab, id="tabs"):
            with TabPane(_(TABS["maturity"]), id="maturity"):
                with VerticalScroll():
                    yield Static(self._maturity(), id="maturity-text")
            with TabPane(_(TABS["use-cases"]), id="use-cases"):
                with Vertical(id="uc-body"):
                    yield DataTable(id="uc-table", cursor_type="row", zebra_stripes=True)
                    with Horizontal(id="uc-lower"):
                        yield Static(id="uc-detail")
                        yield Matrix(id="uc-matrix")
            with TabPane(_(TABS["strategy"]), id="strategy"):
                with VerticalScroll():
                    yield Static(self._strategy(), id="strategy-text")
            with TabPane(_(TABS["roadmap"]), id="roadmap"):
                with VerticalScroll():
                    yield Timeline(id="timeline")
                    yield Static(self._roadmap(), id="roadmap-text")
        yield Footer()

    def on_mount(self) -> None:
        self.relabel_bindings(self._)
        self._fill_table()
        self.query_one("#uc-matrix", Matrix).show(self.assessment.use_cases)
        self.query_one("#timeline", Timeline).show(self.assessment.roadmap.phases)
        self._detail(self.assessment.use_cases[0] if self.assessment.use_cases else None)

    def _fill_table(self) -> None:
        from agent.contract.names import function_name  # the agent is loaded by now

        _ = self._
        language = language_of(self)
        table = self.query_one("#uc-table", DataTable)
        for key, label in COLUMNS.items():
            table.add_column(Text(_(label)), key=key)
        for rank, case in enumerate(self.assessment.use_cases, start=1):
            quadrant = str(case.quadrant.value)
            style = QUADRANT_STYLES.get(quadrant, "")
            table.add_row(
                Text(mark(rank), style="bold"),
                Text(one_line(case.title, 30)),
                *(self._figure(x) for x in (case.priority, case.value, case.feasibility, case.risk)),
                case.min_level,
                Text(_(QUADRANTS[quadrant]) if quadrant in QUADRANTS else quadrant, style=_rich_style(style)),
                Text(function_name(str(case.function.value), language)),
                key=case.id,
            )
        key, reverse = self._sorted
        if key != "rank":
            self.sort_use_cases(key, reverse)

    def _figure(self, value: float) -> Score:
        from agent.contract.language import format_number

        return Score(value, format_number(value, language_of(self), 2))

    def relabel(self) -> None:
        """Every word in the app's language: tabs, table, texts (the tab and sort order stay)."""
        _ = self._
        self.relabel_bindings(_)
        tabs = self.query_one(TabbedContent)
        for pane, label in TABS.items():
            tabs.get_tab(pane).label = _(label)
        table = self.query_one("#uc-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self._fill_table()
        table.move_cursor(row=row)
        self.query_one("#maturity-text", Static).update(self._maturity())
        self.query_one("#strategy-text", Static).update(self._strategy())
        self.query_one("#roadmap-text", Static).update(self._roadmap())
        self.query_one("#uc-matrix", Matrix).refresh()
        self.query_one("#timeline", Timeline).refresh()

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
        _ = self._
        detail = self.query_one("#uc-detail", Static)
        if case is None:
            detail.update(muted(_("No use cases.")))
            return
        parts: list[Any] = [(one_line(case.title), "bold"), self._colon, one_line(case.rationale)]
        if case.blocker:
            parts += [("  " + _("Blocked:") + " ", "$warning"), one_line(case.blocker)]
        detail.update(Content.assemble(*parts))

    # --- text tabs --------------------------------------------------------------------------
    def _maturity(self) -> Content:
        from agent.contract.names import field_name  # the agent is loaded by now

        _ = self._
        language = language_of(self)
        m = self.assessment.maturity
        none = muted("  " + _("none"))
        level = _("Level {level} · {name}").format(level=m.level, name=one_line(m.name))
        lines = [
            Content.assemble(
                (level, "bold"),
                "   " + _("progress") + " ",
                bar(m.progress, 10),
                percent(m.progress),
                "   " + _("confidence") + " ",
                bar(m.confidence, 10, "$primary"),
                percent(m.confidence),
            ),
            Content(""),
            heading(_("Evidence")),
        ]
        lines += [
            bullet(
                one_line(field_name(f.field, language)),
                " = ",
                (one_line(self._value(f.field, f.value)), "bold"),
                " → ",
                one_line(f.conclusion),
                ("" if f.source == "profile" else f"  ({one_line(f.source, 80)})", "$text-muted"),
            )
            for f in m.evidence
        ] or [none]
        gaps = _("Gaps to level {level}").format(level=m.next_level) if m.next_level else _("Gaps")
        lines += [Content(""), heading(gaps)]
        lines += [
            bullet(
                (one_line(g.name), "bold"),
                f"{self._colon}{one_line(self._value(g.item, g.current))} → {one_line(self._value(g.item, g.needed))}",
                (f"  ({one_line(g.why)})", "$text-muted"),
            )
            for g in m.gaps
        ] or [none]
        lines += [Content(""), heading(_("Ahead"))]
        lines += [
            bullet(
                (one_line(a.name), "bold"),
                " " + _("(level {level}): {value}").format(level=a.level, value=one_line(self._value(a.item, a.value))),
                (f"  {one_line(a.note)}", "$text-muted"),
            )
            for a in m.ahead
        ] or [none]
        if m.unknown:
            lines += [Content(""), heading(_("Unknown (answering these raises confidence)"))]
            lines += [bullet(one_line(u)) for u in m.unknown]
        return Content("\n").join(lines)

    def _strategy(self) -> Content:
        from agent.contract.names import strategy_title  # the agent is loaded by now

        _ = self._
        s = self.assessment.strategy
        lines = [
            Content.assemble((one_line(s.title), "bold"), ("  " + self._score(s.score), "$text-muted")),
            Content(""),
            plain(s.rationale),
            Content(""),
            heading(_("Why")),
        ]
        lines += [bullet(one_line(r)) for r in s.reasons]
        lines += [Content(""), heading(_("Alternatives"))]
        for alt in s.alternatives:
            title = strategy_title(str(alt.name.value), language_of(self))
            lines.append(bullet((one_line(title), "bold"), " " + self._score(alt.score)))
            lines += [Content.assemble("      ", muted(one_line(r))) for r in alt.reasons]
        if s.watch_out:
            lines += [Content(""), heading(_("Watch out"))]
            lines += [bullet(one_line(w)) for w in s.watch_out]
        return Content("\n").join(lines)

    def _value(self, field: str, value: str) -> str:
        """A profile value as words in the language ("pilot" -> "en pilote"); "unknown" too."""
        from agent.contract.names import value_word

        return self._("not known") if value == "unknown" else value_word(field, value, language_of(self))

    @property
    def _colon(self) -> str:
        # TRANSLATORS: between a name in bold and what follows it; French puts a space before the colon.
        return self._(": ")

    def _score(self, score: int) -> str:
        return self._("(score {score})").format(score=score)

    def _roadmap(self) -> Content:
        from agent.contract.names import capability_name  # the agent is loaded by now

        _ = self._
        language = language_of(self)
        titles = {u.id: one_line(u.title) for u in self.assessment.use_cases}
        lines: list[Content] = []
        for phase in self.assessment.roadmap.phases:
            when = _("{horizon} · target level {level}").format(
                horizon=one_line(phase.horizon), level=phase.target_level
            )
            lines += [
                Content(""),
                Content.assemble((one_line(phase.name), "bold $accent"), ("  " + when, "$text-muted")),
                plain(phase.objective),
            ]
            if phase.use_cases:
                cases = ", ".join(titles.get(u, one_line(u)) for u in phase.use_cases)
                lines.append(Content.assemble(("  " + _("Use cases:") + " ", "bold"), cases))
            if phase.capabilities:
                names = ", ".join(one_line(capability_name(c, language)) for c in phase.capabilities)
                lines.append(Content.assemble(("  " + _("Capabilities:") + " ", "bold"), names))
            lines += [bullet(one_line(g)) for g in phase.governance]
        if self.assessment.roadmap.later:
            later = ", ".join(titles.get(u, one_line(u)) for u in self.assessment.roadmap.later)
            lines += [Content(""), Content.assemble((_("Later:") + " ", "bold"), later)]
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
