"""The HTML export: one self-contained, printable page (no script, no font, no image from the net),
and the source of the PDF, which WeasyPrint lays out from the same template.

This module gathers what the template shows: the executive summary, names for every key, and the
charts as inline SVG. Jinja2 escapes every value (autoescape on, and the template never marks
anything safe); the charts are marked safe here because matplotlib escapes the text it draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup
from matplotlib.figure import Figure

from knowledge.schema import Methodology
from tools.assessment import Assessment, Phase
from tools.export import TOP_USE_CASES, charts, use_case_titles
from tools.export.labels import (
    QUADRANT_LABELS,
    capability_name,
    field_label,
    function_name,
    level_name,
    pattern_block_name,
    percent,
    strategy_label,
    value_label,
)
from tools.export.summary import ReportInfo, executive_summary, track_label, tracks_of, use_case_needs


@dataclass(frozen=True)
class PhaseView:
    number: int
    phase: Phase
    level_name: str
    use_cases: list[str]
    capabilities: list[str]
    pattern: list[str]


def render_html(assessment: Assessment, m: Methodology, info: ReportInfo, for_print: bool = False) -> str:
    a = assessment
    titles = use_case_titles(a)
    top = [u for u in a.use_cases if not u.in_place][:TOP_USE_CASES]
    numbered = {id(p): i for i, p in enumerate(a.roadmap.phases, start=1)}
    return _template().render(
        a=a,
        s=executive_summary(a, m, info),
        for_print=for_print,
        org_name=a.organization.name or "your organisation",
        next_level_name=level_name(m, a.maturity.next_level or a.maturity.level),
        evidence=[(field_label(m, f.field), value_label(f.value), f.conclusion, f.source) for f in a.maturity.evidence],
        unknown=[field_label(m, k) for k in a.maturity.unknown],
        in_place=[u for u in a.use_cases if u.in_place],
        top=[
            (rank, u, function_name(m, u.function), QUADRANT_LABELS[u.quadrant], use_case_needs(u, a, m))
            for rank, u in enumerate(top, start=1)
        ],
        more=len(a.use_cases) - len(top),
        strategy_label=strategy_label(a.strategy.name),
        alternatives=[(strategy_label(o.name), o.score, "; ".join(o.reasons) or "—") for o in a.strategy.alternatives],
        tracks=[
            (track_label(name), [_phase_view(numbered[id(p)], p, titles, m) for p in phases])
            for name, phases in tracks_of(a.roadmap.phases).items()
        ],
        phases=[_phase_view(i, p, titles, m) for i, p in enumerate(a.roadmap.phases, start=1)],
        later=[titles.get(i, i) for i in a.roadmap.later],
        blocked=[(u.title, u.blocker) for u in a.use_cases if u.blocker][:TOP_USE_CASES],
        levels=m.levels,
        value_label=value_label,
        percent=percent,
        charts={
            "staircase": _chart(charts.staircase(a, m)),
            "evidence": _chart(charts.evidence(a, m)),
            "matrix": _chart(charts.matrix(top)) if top else None,
            "timeline": _chart(charts.timeline(a)) if a.roadmap.phases else None,
        },
    )


def _chart(figure: Figure) -> Markup:
    # matplotlib writes its text escaped (&, <, >); the SVG is markup we made, not user text.
    return Markup(charts.svg(figure))


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tools.export", "templates"),
        autoescape=True,  # on for every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html.j2")


def _phase_view(number: int, phase: Phase, titles: dict[str, str], m: Methodology) -> PhaseView:
    return PhaseView(
        number=number,
        phase=phase,
        level_name=level_name(m, phase.target_level),
        use_cases=[titles.get(i, i) for i in phase.use_cases],
        capabilities=[capability_name(m, k) for k in phase.capabilities],
        pattern=[pattern_block_name(m, k) for k in phase.pattern],
    )
