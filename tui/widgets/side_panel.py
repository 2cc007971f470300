"""The interview's side panel: profile completeness, maturity gauge, top use cases, strategy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.sanitize import one_line
from tui.widgets.bars import bar, percent
from tui.words import N_, language_of, words_for

SECTION_LABELS = {
    "organization": N_("Organisation"),
    "value_chain": N_("Value chain"),
    "capabilities": N_("Capabilities"),
    "governance": N_("Governance"),
}
QUADRANT_STYLES = {
    "quick_win": "$success",
    "strategic_bet": "$accent",
    "fill_in": "$primary",
    "deprioritize": "$text-muted",
}
BAR = 7


def title(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def gauges(rows: Sequence[tuple[str, float | None, str]], room: int) -> list[Content]:
    """One line per (label, fraction, style): the label, padded so the gauges line up, then its
    gauge. The gauge shrinks to fit `room` cells (French labels are longer); below 3 cells it goes
    under its label."""
    width = max(len(label) for label, _, _ in rows)
    cells = min(BAR, room - width - 1 - 5) if room else BAR  # 0: not laid out yet
    lines = []
    for label, fraction, style in rows:
        if cells >= 3:
            lines.append(Content.assemble(f"{label.ljust(width)} ", bar(fraction, cells, style), percent(fraction)))
        else:
            lines += [Content(label), Content.assemble(bar(fraction, BAR, style), percent(fraction))]
    return lines


class SidePanel(VerticalScroll, can_focus=False):
    """Fills in live from `ProfileUpdated` and `AssessmentUpdated` events."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._completeness: dict[str, float] = {}
        self._assessment: Any | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="side-profile")
        yield Static(id="side-maturity")
        yield Static(id="side-usecases")
        yield Static(id="side-strategy")

    def on_mount(self) -> None:
        self.relabel()

    def on_resize(self) -> None:
        self.relabel()

    @property
    def _room(self) -> int:
        """The cells a line has (the content width: no border, padding or scrollbar)."""
        return self.size.width

    def relabel(self) -> None:
        """Redraw what it shows in the app's language."""
        self.show_completeness(self._completeness)
        self.show_assessment(self._assessment)

    def show_completeness(self, completeness: dict[str, float]) -> None:
        self._completeness = completeness
        _ = words_for(self)
        rows = [(_(label), completeness.get(key, 0.0), "$success") for key, label in SECTION_LABELS.items()]
        lines = [title(_("Profile")), *gauges(rows, self._room)]
        self.query_one("#side-profile", Static).update(Content("\n").join(lines))

    def show_assessment(self, assessment: Any | None) -> None:
        """`assessment` is a `tools.assessment.Assessment` (or None before the first one)."""
        self._assessment = assessment
        _ = words_for(self)
        maturity = [title(_("Maturity"))]
        cases = [title(_("Top use cases"))]
        strategy = [title(_("Strategy"))]
        if assessment is None:
            maturity.append(Content.styled(_("not assessed yet"), "$text-muted"))
            cases.append(Content.styled("—", "$text-muted"))
            strategy.append(Content.styled("—", "$text-muted"))
        else:
            from agent.contract.language import format_number  # the agent is loaded by now

            m = assessment.maturity
            level = _("Level {level}").format(level=m.level)
            maturity.append(Content.assemble((level, "bold"), " · ", one_line(m.name, 18)))
            rows = [(_("progress"), m.progress, "$success"), (_("confidence"), m.confidence, "$primary")]
            maturity += gauges(rows, self._room)
            for rank, case in enumerate(assessment.use_cases[:3], start=1):
                style = QUADRANT_STYLES.get(str(case.quadrant.value), "")
                priority = format_number(case.priority, language_of(self), 2)
                cases.append(Content.assemble((f"{rank} ", style), one_line(case.title, 17), (f" {priority}", "dim")))
            if not assessment.use_cases:
                cases.append(Content.styled(_("none yet"), "$text-muted"))
            width = min(30, self._room) if self._room else 30
            strategy.append(Content.styled(one_line(assessment.strategy.title, width), "bold"))
        for widget_id, lines in (("#side-maturity", maturity), ("#side-usecases", cases), ("#side-strategy", strategy)):
            self.query_one(widget_id, Static).update(Content("\n").join(lines))
