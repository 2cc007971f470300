"""The HTML export: one self-contained, printable page (no script, no font, no image from the net).

This module computes the figures' geometry and the names to show; the template lays them out.
Jinja2 escapes every value (autoescape on, and the template never marks anything safe), so user
text such as an organisation's name cannot become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from knowledge.schema import Methodology
from knowledge.vocabulary import Quadrant
from tools.assessment import Assessment, Phase, UseCaseAssessment
from tools.evaluate import QUADRANT_THRESHOLD
from tools.export import (
    QUADRANT_LABELS,
    TOP_USE_CASES,
    capability_name,
    function_name,
    level_name,
    pattern_block_name,
    percent,
    use_case_titles,
)

# Matrix plot area inside its SVG (user units).
MATRIX = {"left": 56, "top": 16, "width": 360, "height": 300}
# Timeline: a column of month ticks over a fixed drawing width, one row per phase.
TIMELINE = {"left": 16, "top": 34, "width": 700, "row": 54}
LEVEL_COLOURS = {1: "#5b8def", 2: "#2bb3a3", 3: "#e0a030", 4: "#d9644a", 5: "#8a5cd6"}
# The same colours as the template's quadrant badges; given as attributes, not CSS, so the
# figure keeps them in SVG renderers that ignore stylesheets.
QUADRANT_COLOURS = {Quadrant.quick_win: "#2e9d62", Quadrant.strategic_bet: "#2f5fd0",
                    Quadrant.fill_in: "#c08a1e", Quadrant.deprioritize: "#8c8f99"}


@dataclass(frozen=True)
class Dot:
    rank: int
    title: str
    colour: str
    x: float
    y: float


@dataclass(frozen=True)
class Bar:
    label: str
    horizon: str
    label_x: float
    anchor: str  # a bar starting far right has its label end at the bar's end, inside the figure
    x: float
    y: float
    width: float
    colour: str


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class PhaseView:
    number: int
    phase: Phase
    level_name: str
    use_cases: list[str]
    capabilities: list[str]
    pattern: list[str]


def render_html(assessment: Assessment, m: Methodology) -> str:
    top = assessment.use_cases[:TOP_USE_CASES]
    titles = use_case_titles(assessment)
    return _template().render(
        a=assessment,
        org_name=assessment.organization.name or "your organisation",
        next_level_name=level_name(m, assessment.maturity.next_level or assessment.maturity.level),
        top=[(rank, u, function_name(m, u.function), QUADRANT_LABELS[u.quadrant])
             for rank, u in enumerate(top, start=1)],
        more=len(assessment.use_cases) - len(top),
        matrix=MATRIX, threshold=_matrix_point(QUADRANT_THRESHOLD, QUADRANT_THRESHOLD),
        dots=_dots(top), timeline=_timeline(assessment.roadmap.phases),
        phases=[_phase_view(i, p, titles, m) for i, p in enumerate(assessment.roadmap.phases, start=1)],
        later=[titles.get(i, i) for i in assessment.roadmap.later],
        percent=percent,
    )


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tools.export", "templates"),
        autoescape=True,  # on for every template, whatever its file name
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("report.html.j2")


def _matrix_point(feasibility: float, value: float) -> tuple[float, float]:
    return (round(MATRIX["left"] + feasibility * MATRIX["width"], 1),
            round(MATRIX["top"] + (1 - value) * MATRIX["height"], 1))


def _dots(top: list[UseCaseAssessment]) -> list[Dot]:
    dots = []
    for rank, case in enumerate(top, start=1):
        x, y = _matrix_point(case.feasibility, case.value)
        dots.append(Dot(rank=rank, title=case.title, colour=QUADRANT_COLOURS[case.quadrant], x=x, y=y))
    return dots


def _timeline(phases: list[Phase]) -> dict[str, object]:
    months = max([p.end_month for p in phases] + [1])
    step = 3 if months <= 24 else 6 if months <= 48 else 12
    scale = TIMELINE["width"] / months
    left, top, row = TIMELINE["left"], TIMELINE["top"], TIMELINE["row"]
    bars = []
    for i, p in enumerate(phases):
        x, end = left + p.start_month * scale, left + p.end_month * scale
        late = p.start_month > 0.6 * months
        bars.append(Bar(label=f"{p.name} · level {p.target_level}", horizon=p.horizon,
                        label_x=round(end - 2 if late else x + 2, 1), anchor="end" if late else "start",
                        x=round(x, 1), y=top + i * row, width=round(max(end - x, 0), 1),
                        colour=LEVEL_COLOURS.get(p.target_level, "#777777")))
    ticks = [Tick(label=str(month), x=round(left + month * scale, 1))
             for month in range(0, months + 1, step)]
    return {"bars": bars, "ticks": ticks, "height": top + max(len(phases), 1) * row,
            "right": left + TIMELINE["width"]}


def _phase_view(number: int, phase: Phase, titles: dict[str, str], m: Methodology) -> PhaseView:
    return PhaseView(
        number=number, phase=phase, level_name=level_name(m, phase.target_level),
        use_cases=[titles.get(i, i) for i in phase.use_cases],
        capabilities=[capability_name(m, k) for k in phase.capabilities],
        pattern=[pattern_block_name(m, k) for k in phase.pattern])
