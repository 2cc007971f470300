"""The interview's side panel: profile completeness, maturity gauge, top use cases, strategy."""

from __future__ import annotations

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


def aligned(labels: list[str]) -> list[str]:
    """`labels` padded to one width, so the gauges after them line up in any language."""
    width = max(len(label) for label in labels)
    return [label.ljust(width) for label in labels]


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

    def relabel(self) -> None:
        """Redraw what it shows in the app's language."""
        self.show_completeness(self._completeness)
        self.show_assessment(self._assessment)

    def show_completeness(self, completeness: dict[str, float]) -> None:
        self._completeness = completeness
        _ = words_for(self)
        lines = [title(_("Profile"))]
        labels = aligned([_(label) for label in SECTION_LABELS.values()])
        for key, label in zip(SECTION_LABELS, labels, strict=True):
            value = completeness.get(key, 0.0)
            lines.append(Content.assemble(f"{label} ", bar(value, BAR), percent(value)))
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
            progress, confidence = aligned([_("progress"), _("confidence")])
            maturity.append(Content.assemble(f"{progress} ", bar(m.progress, BAR), percent(m.progress)))
            maturity.append(
                Content.assemble(f"{confidence} ", bar(m.confidence, BAR, "$primary"), percent(m.confidence))
            )
            for rank, case in enumerate(assessment.use_cases[:3], start=1):
                style = QUADRANT_STYLES.get(str(case.quadrant.value), "")
                priority = format_number(case.priority, language_of(self), 2)
                cases.append(Content.assemble((f"{rank} ", style), one_line(case.title, 17), (f" {priority}", "dim")))
            if not assessment.use_cases:
                cases.append(Content.styled(_("none yet"), "$text-muted"))
            strategy.append(Content.styled(one_line(assessment.strategy.title, 30), "bold"))
        for widget_id, lines in (("#side-maturity", maturity), ("#side-usecases", cases), ("#side-strategy", strategy)):
            self.query_one(widget_id, Static).update(Content("\n").join(lines))
