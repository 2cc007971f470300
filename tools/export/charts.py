"""The report's charts, drawn by matplotlib: the maturity staircase, the value × feasibility
matrix, the roadmap timeline with its parallel tracks, and the capability evidence by level.

Each chart is a matplotlib `Figure` built without pyplot (no global figure registry); `svg()`
gives vector graphics for HTML and PDF, `png()` pictures for the slides. The SVG is made
deterministic (fixed hash salt, no date) so that snapshots can pin it, and text stays text
(`svg.fonttype: none`) so that a PDF reader can find and copy it.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from knowledge.locales import N_
from knowledge.methodology import capabilities_of_level
from knowledge.schema import Methodology
from knowledge.vocabulary import Quadrant
from tools.assessment import Assessment, UseCaseAssessment
from tools.evaluate import QUADRANT_THRESHOLD
from tools.export.labels import value_label
from tools.export.summary import horizon, title_of, track_label, tracks_of
from tools.export.words import Words, words_for

INK, MUTED, LINE = "#1d2433", "#5d6779", "#dde2ea"
LEVEL_COLOURS = {1: "#5b8def", 2: "#2bb3a3", 3: "#e0a030", 4: "#d9644a", 5: "#8a5cd6"}
QUADRANT_COLOURS = {
    Quadrant.quick_win: "#2e9d62",
    Quadrant.strategic_bet: "#2f5fd0",
    Quadrant.fill_in: "#c08a1e",
    Quadrant.deprioritize: "#8c8f99",
}
STATE_MARKS = {
    "in place": ("✓", "#2e9d62"),
    "started": ("◐", "#c08a1e"),
    "missing": ("✗", "#b3261e"),
    "not yet": ("·", "#8c8f99"),
}
STATE_LABELS = {
    "in place": N_("in place"),
    "started": N_("started"),
    "missing": N_("missing"),
    "not yet": N_("not yet"),
}
STAGES = {"none": 0, "exploring": 1, "pilot": 2, "production": 3}
STAGE_NAMES = {"none": N_("none"), "exploring": N_("exploring"), "pilot": N_("pilot"), "production": N_("production")}
RC: dict[Any, Any] = {
    "svg.hashsalt": "genai-advisor",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#b8c0cc",
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
}
MATRIX_POINTS = 10
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
MATRIX_CORNERS = {
    Quadrant.quick_win: N_("Quick wins"),
    Quadrant.strategic_bet: N_("Strategic bets"),
    Quadrant.fill_in: N_("Fill-ins"),
    Quadrant.deprioritize: N_("Deprioritise"),
}
LABEL_CHARS = 34
LEVEL_NAME_CHARS = 24  # "Intégration de contexte" whole on its step


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(RC), warnings.catch_warnings():
        # A name in a script DejaVu lacks is no error: SVG text falls back to the reader's fonts.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        yield


def svg(figure: Figure) -> str:
    """The figure as an inline `<svg>` element (no XML prolog), byte-identical run after run."""
    out = io.StringIO()
    with _style():
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = out.getvalue()
    # The RDF metadata names outside vocabularies by URL; a self-contained report needs none of it.
    return _METADATA.sub("", text[text.index("<svg") :])


def png(figure: Figure, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    with _style():
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight")
    return out.getvalue()


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the staircase ---------------------------------------------------------------------------


def capability_states(a: Assessment, m: Methodology) -> dict[int, list[tuple[str, str]]]:
    """Per level, each capability's name and state as the assessment records it.

    A recorded value decides (evidence, gaps, ahead); a capability with no recorded value counts
    as in place on a level the client has reached, and as not yet on the levels above."""
    known = {f.field: f.value for f in a.maturity.evidence}
    known |= {g.item: g.current for g in a.maturity.gaps} | {x.item: x.value for x in a.maturity.ahead}
    states: dict[int, list[tuple[str, str]]] = {}
    for spec in m.levels:
        rows = []
        for cap in capabilities_of_level(m, spec.number):
            value = known.get(f"capabilities.{cap.key.value}")
            if value in ("pilot", "production"):
                state = "in place"
            elif value == "exploring":
                state = "started"
            elif value in ("none", "unknown"):
                state = "missing"
            else:
                state = "in place" if spec.number <= a.maturity.level else "not yet"
            rows.append((cap.name, state))
        states[spec.number] = rows
    return states


def staircase(a: Assessment, m: Methodology, w: Words | None = None) -> Figure:
    """`m` is the methodology the advice was computed on; `w` the report's words (English)."""
    w = w or words_for(m=m)
    m = w.m
    with _style():
        figure = Figure(figsize=(10, 4.6))
        ax = figure.add_subplot()
        states = capability_states(a, m)
        for spec in m.levels:
            n = spec.number
            reached = n <= a.maturity.level
            colour = LEVEL_COLOURS.get(n, MUTED) if reached else "#e4e8ef"
            ax.add_patch(Rectangle((n - 1, 0), 0.96, n, facecolor=colour, edgecolor="white"))
            ax.text(
                n - 0.52,
                n - 0.3,
                f"{n}",
                ha="center",
                va="center",
                fontsize=16,
                weight="bold",
                color="white" if reached else MUTED,
            )
            ax.text(
                n - 0.52,
                n - 0.72,
                short(spec.name, LEVEL_NAME_CHARS),
                ha="center",
                va="center",
                fontsize=8.5,
                color="white" if reached else INK,
            )
            for row, (name, state) in enumerate(states[n]):
                mark, mark_colour = STATE_MARKS[state]
                ax.text(
                    n - 0.96,
                    n + 0.3 + row * 0.36,
                    f"{mark} {short(name, 26)}",
                    fontsize=7.5,
                    color=mark_colour if state != "in place" else INK,
                    va="center",
                )
        level = a.maturity.level
        ax.annotate(
            w._(
                "{client} · level {level}, {progress} to next",
                client=short(a.organization.name or w._("You"), 34),
                level=level,
                progress=w.percent(a.maturity.progress),
            ),
            xy=(level - 0.52, 0.35),
            xytext=(level - 0.52, -0.65),
            ha="center",
            fontsize=9,
            weight="bold",
            color=INK,
            arrowprops={"arrowstyle": "-|>", "color": INK},
        )
        ax.set_xlim(-0.1, len(m.levels) + 0.1)
        ax.set_ylim(-1.1, len(m.levels) + 1.9)
        ax.axis("off")
        handles = [
            Patch(color=c, label=f"{mark} {w._(STATE_LABELS[state])}") for state, (mark, c) in STATE_MARKS.items()
        ]
        ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=8, handlelength=0.8)
        ax.set_title(
            w._("Maturity staircase: where the client stands, and the capabilities of each level"),
            loc="left",
            fontsize=10,
            color=INK,
        )
    return figure


# --- the matrix ------------------------------------------------------------------------------


def matrix(use_cases: list[UseCaseAssessment], w: Words | None = None) -> Figure:
    """Value against feasibility for the top use cases, each point numbered and named."""
    w = w or words_for()
    top = use_cases[:MATRIX_POINTS]
    with _style():
        figure = Figure(figsize=(10, 5.2))
        ax = figure.add_subplot()
        t = QUADRANT_THRESHOLD
        shades = [((0, t), "#eef2fc"), ((t, t), "#e9f6ef"), ((0, 0), "#f3f3f5"), ((t, 0), "#fbf4e6")]
        for (x, y), colour in shades:
            ax.add_patch(Rectangle((x, y), 0.5 if x == t else t, 0.5 if y == t else t, facecolor=colour, zorder=0))
        corners = [
            (0.02, 0.98, "left", "top", Quadrant.strategic_bet),
            (0.98, 0.98, "right", "top", Quadrant.quick_win),
            (0.02, 0.02, "left", "bottom", Quadrant.deprioritize),
            (0.98, 0.02, "right", "bottom", Quadrant.fill_in),
        ]
        for x, y, ha, va, quadrant in corners:
            ax.text(
                x,
                y,
                w._(MATRIX_CORNERS[quadrant]),
                ha=ha,
                va=va,
                fontsize=9,
                color=QUADRANT_COLOURS[quadrant],
                weight="bold",
                transform=ax.transAxes,
            )
        for rank, case in enumerate(top, start=1):
            ax.scatter(
                [case.feasibility],
                [case.value],
                s=190,
                color=QUADRANT_COLOURS[case.quadrant],
                edgecolors="white",
                zorder=3,
                clip_on=False,
            )
            ax.text(
                case.feasibility,
                case.value,
                str(rank),
                ha="center",
                va="center",
                fontsize=7.5,
                color="white",
                weight="bold",
                zorder=4,
            )
        # Points of a real assessment cluster; a numbered key beside the plot stays readable.
        key = "\n".join(f"{rank:>2}. {short(title_of(w, case), 40)}" for rank, case in enumerate(top, start=1))
        ax.text(1.04, 1.0, key, transform=ax.transAxes, va="top", ha="left", fontsize=7.5, color=INK, linespacing=1.6)
        ax.set_xlim(0, 1.0)
        ax.set_ylim(0, 1.04)
        ax.set_xlabel(w._("Feasibility (today's capabilities, data, effort) →"))
        ax.set_ylabel(w._("Value (weight of the function, objectives, pain points) →"))
        ax.set_title(w._("Value × feasibility of the top use cases"), loc="left", fontsize=10, color=INK)
    return figure


# --- the roadmap timeline ----------------------------------------------------------------------


def timeline(a: Assessment, w: Words | None = None) -> Figure:
    """One row per phase, grouped by track: phases of different tracks overlap in time."""
    w = w or words_for()
    tracks = tracks_of(a.roadmap.phases)
    rows = [(track, phase) for track, phases in tracks.items() for phase in phases]
    months = max([p.end_month for p in a.roadmap.phases] + [1])
    with _style():
        figure = Figure(figsize=(10, 0.9 + 0.55 * max(len(rows), 1)))
        ax = figure.add_subplot()
        palette = ["#2f5fd0", "#2e9d62", "#d9644a", "#8a5cd6", "#c08a1e"]
        colours = {track: palette[i % len(palette)] for i, track in enumerate(tracks)}
        for y, (track, phase) in enumerate(rows):
            width = max(phase.end_month - phase.start_month, 0.3)
            ax.barh(y, width, left=phase.start_month, height=0.62, color=colours[track])
            ax.text(
                phase.start_month + 0.15,
                y,
                w._("{horizon} · level {level}", horizon=horizon(w, phase), level=phase.target_level),
                va="center",
                fontsize=7.5,
                color="white",
                weight="bold",
                clip_on=True,
            )
            if phase.gate:
                ax.plot([phase.end_month], [y], marker="D", color=INK, markersize=6, clip_on=False)
        ax.set_yticks(range(len(rows)), [short(p.name, 38) for _, p in rows])
        ax.invert_yaxis()
        step = 3 if months <= 24 else 6 if months <= 48 else 12
        ax.set_xticks(range(0, months + 1, step))
        ax.set_xlim(0, months)
        months_label = w._("Months from the start of the programme")
        ax.set_xlabel(months_label + ("  ·  ◆ " + w._("gate") if any(p.gate for _, p in rows) else ""))
        ax.grid(axis="x", color=LINE)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles = [Patch(color=colours[t], label=track_label(w, t)) for t in tracks]
        ax.legend(
            handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(tracks), fontsize=8, frameon=False
        )
        ax.set_title(
            w._("Roadmap: {count} tracks in parallel", count=len(tracks)) if len(tracks) > 1 else w._("Roadmap"),
            loc="left",
            fontsize=10,
            color=INK,
        )
    return figure


# --- the evidence ------------------------------------------------------------------------------


def evidence(a: Assessment, m: Methodology, w: Words | None = None) -> Figure:
    """The recorded adoption stage of each capability, grouped by level; unrecorded ones hatched."""
    w = w or words_for(m=m)
    m = w.m
    known = {f.field: f.value for f in a.maturity.evidence}
    known |= {g.item: g.current for g in a.maturity.gaps} | {x.item: x.value for x in a.maturity.ahead}
    rows = [
        (spec.number, cap.name, known.get(f"capabilities.{cap.key.value}"))
        for spec in m.levels
        for cap in capabilities_of_level(m, spec.number)
    ]
    with _style():
        figure = Figure(figsize=(8, 0.6 + 0.3 * len(rows)))
        ax = figure.add_subplot()
        for y, (number, _name, value) in enumerate(rows):
            stage = STAGES.get(value or "", None)
            if stage is None:
                ax.barh(y, 3, color="none", edgecolor=LINE, hatch="///", height=0.6)
                ax.text(0.05, y, w._("not recorded"), va="center", fontsize=7, color=MUTED)
            else:
                ax.barh(y, max(stage, 0.05), color=LEVEL_COLOURS.get(number, MUTED), height=0.6)
                ax.text(stage + 0.05, y, value_label(w, value or ""), va="center", fontsize=7, color=INK)
        ax.set_yticks(range(len(rows)), [f"L{n} · {short(name, 30)}" for n, name, _ in rows])
        ax.invert_yaxis()
        ax.set_xticks(range(4), [w._(STAGE_NAMES[stage]) for stage in STAGES])
        ax.set_xlim(0, 3.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(
            w._("Capability evidence by level (as recorded in the profile)"), loc="left", fontsize=10, color=INK
        )
    return figure
