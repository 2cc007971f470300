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

from knowledge.i18n import Language
from knowledge.locales import translations
from tools.assessment import Assessment, Phase
from tools.export import TOP_USE_CASES, charts
from tools.export.labels import (
    capability_name,
    field_label,
    function_name,
    item_label,
    level_name,
    pattern_block_name,
    quadrant_label,
    size_label,
    source_label,
    strategy_label,
    value_label,
)
from tools.export.summary import (
    ReportInfo,
    executive_summary,
    horizon,
    strategy_title,
    title_of,
    track_label,
    tracks_of,
    use_case_needs,
    use_case_titles,
)
from tools.export.words import DOMAIN, Words


@dataclass(frozen=True)
class PhaseView:
    number: int
    phase: Phase
    horizon: str
    level_name: str
    use_cases: list[str]
    capabilities: list[str]
    pattern: list[str]
    solutions: list[str]
    kpis: list[str]
    governance: list[str]


def render_html(assessment: Assessment, w: Words, info: ReportInfo, for_print: bool = False) -> str:
    a = assessment
    m = w.m
    titles = use_case_titles(w, a)
    top = [u for u in a.use_cases if not u.in_place][:TOP_USE_CASES]
    numbered = {id(p): i for i, p in enumerate(a.roadmap.phases, start=1)}
    org = a.organization
    return _template(w.language).render(
        a=a,
        s=executive_summary(a, w, info),
        for_print=for_print,
        lang=w.language,
        org_name=org.name or w._("your organisation"),
        sector=w.sector_name(org.sector_key, org.sector),
        size=size_label(w, org.size) if org.size else None,
        level_name=level_name(m, a.maturity.level),
        next_level_name=level_name(m, a.maturity.next_level or a.maturity.level),
        strategy_title=strategy_title(w, a),
        evidence=[
            (field_label(w, f.field), value_label(w, f.value), f.conclusion, source_label(w, f.source))
            for f in a.maturity.evidence
        ],
        gaps=[
            (item_label(w, g.item, g.name), value_label(w, g.current), value_label(w, g.needed), g.why)
            for g in a.maturity.gaps
        ],
        ahead=[
            (
                x.name if w.language == "en" else item_label(w, x.item, x.name),
                x.level,
                value_label(w, x.value).lower(),
                x.note,
            )
            for x in a.maturity.ahead
        ],
        unknown=[field_label(w, k) for k in a.maturity.unknown],
        in_place=[title_of(w, u) for u in a.use_cases if u.in_place],
        top=[
            (
                rank,
                u,
                title_of(w, u),
                function_name(m, u.function),
                quadrant_label(w, u.quadrant),
                use_case_needs(u, a, w),
                w.texts(u.kpis),
            )
            for rank, u in enumerate(top, start=1)
        ],
        more=len(a.use_cases) - len(top),
        strategy_label=strategy_label(w, a.strategy.name),
        alternatives=[
            (strategy_label(w, o.name), o.score, w.semicolon.join(o.reasons) or "—") for o in a.strategy.alternatives
        ],
        tracks=[
            (track_label(w, name), [_phase_view(numbered[id(p)], p, titles, w) for p in phases])
            for name, phases in tracks_of(a.roadmap.phases).items()
        ],
        phases=[_phase_view(i, p, titles, w) for i, p in enumerate(a.roadmap.phases, start=1)],
        later=[titles.get(i, i) for i in a.roadmap.later],
        blocked=[(title_of(w, u), u.blocker) for u in a.use_cases if u.blocker][:TOP_USE_CASES],
        levels=m.levels,
        pair=w.pair,
        semicolon=w.semicolon,
        score=w.score,
        percent=w.percent,
        charts={
            "staircase": _chart(charts.staircase(a, m, w)),
            "evidence": _chart(charts.evidence(a, m, w)),
            "matrix": _chart(charts.matrix(top, w)) if top else None,
            "timeline": _chart(charts.timeline(a, w)) if a.roadmap.phases else None,
        },
    )


def _chart(figure: Figure) -> Markup:
    # matplotlib writes its text escaped (&, <, >); the SVG is markup we made, not user text.
    return Markup(charts.svg(figure))


@cache
def _template(language: Language) -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tools.export", "templates"),
        autoescape=True,  # on for every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # New-style gettext: placeholders are filled after translation and their values escaped.
    environment.install_gettext_translations(translations(language, DOMAIN), newstyle=True)  # type: ignore[attr-defined]
    environment.policies["ext.i18n.trimmed"] = True  # one msgid per sentence, whatever the line breaks
    return environment.get_template("report.html.j2")


def _phase_view(number: int, phase: Phase, titles: dict[str, str], w: Words) -> PhaseView:
    return PhaseView(
        number=number,
        phase=phase,
        horizon=horizon(w, phase),
        level_name=level_name(w.m, phase.target_level),
        use_cases=[titles.get(i, i) for i in phase.use_cases],
        capabilities=[capability_name(w.m, k) for k in phase.capabilities],
        pattern=[pattern_block_name(w.m, k) for k in phase.pattern],
        solutions=w.texts(phase.solutions),
        kpis=w.texts(phase.kpis),
        governance=w.texts(phase.governance),
    )
