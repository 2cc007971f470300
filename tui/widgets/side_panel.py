"""The interview's side panel: profile completeness, maturity gauge, top use cases, strategy."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.sanitize import one_line
from tui.widgets.bars import bar, percent

SECTION_LABELS = {
    "organization": "Organisation",
    "value_chain": "Value chain",
    "capabilities": "Capabilities",
    "governance": "Governance",
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


class SidePanel(VerticalScroll, can_focus=False):
    """Fills in live from `ProfileUpdated` and `AssessmentUpdated` events."""

    def compose(self) -> ComposeResult:
        yield Static(id="side-profile")
        yield Static(id="side-maturity")
        yield Static(id="side-usecases")
        yield Static(id="side-strategy")

    def on_mount(self) -> None:
        self.show_completeness({})
        self.show_assessment(None)

    def show_completeness(self, completeness: dict[str, float]) -> None:
        lines = [title("Profile")]
        for key, label in SECTION_LABELS.items():
            value = completeness.get(key, 0.0)
            lines.append(Content.assemble(f"{label:<12} ", bar(value, BAR), percent(value)))
        self.query_one("#side-profile", Static).update(Content("\n").join(lines))

    def show_assessment(self, assessment: Any | None) -> None:
        """`assessment` is a `tools.assessment.Assessment` (or None before the first one)."""
        maturity = [title("Maturity")]
        cases = [title("Top use cases")]
        strategy = [title("Strategy")]
        if assessment is None:
            maturity.append(Content.styled("not assessed yet", "$text-muted"))
            cases.append(Content.styled("—", "$text-muted"))
            strategy.append(Content.styled("—", "$text-muted"))
        else:
            m = assessment.maturity
            maturity.append(Content.assemble((f"Level {m.level}", "bold"), " · ", one_line(m.name, 18)))
            maturity.append(Content.assemble("progress   ", bar(m.progress, BAR), percent(m.progress)))
            maturity.append(Content.assemble("confidence ", bar(m.confidence, BAR, "$primary"), percent(m.confidence)))
            for rank, case in enumerate(assessment.use_cases[:3], start=1):
                style = QUADRANT_STYLES.get(str(case.quadrant.value), "")
                cases.append(
                    Content.assemble((f"{rank} ", style), one_line(case.title, 17), (f" {case.priority:.2f}", "dim"))
                )
            if not assessment.use_cases:
                cases.append(Content.styled("none yet", "$text-muted"))
            strategy.append(Content.styled(one_line(assessment.strategy.title, 30), "bold"))
        for widget_id, lines in (("#side-maturity", maturity), ("#side-usecases", cases), ("#side-strategy", strategy)):
            self.query_one(widget_id, Static).update(Content("\n").join(lines))
