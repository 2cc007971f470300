"""The CSV export: one row per use case, in priority order, for a spreadsheet.

Readable labels ("Quick win", "Customer service"), not keys, with the phase and track that
deliver each use case; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from knowledge.locales import N_
from tools.assessment import Assessment, Phase, UseCaseAssessment
from tools.export.labels import function_name, quadrant_label
from tools.export.summary import title_of, track_label
from tools.export.words import Words, words_for

# In English; the header row is written in the report's language (`header()`).
COLUMNS = (
    N_("Rank"),
    N_("Use case"),
    N_("Function"),
    N_("Minimum level"),
    N_("Value"),
    N_("Feasibility"),
    N_("Risk"),
    N_("Priority"),
    N_("Quadrant"),
    N_("Phase"),
    N_("Track"),
    N_("In place"),
    N_("Blocker"),
    N_("KPIs"),
    N_("Rationale"),
    N_("Id"),
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(w: Words) -> list[str]:
    return [w._(name) for name in COLUMNS]


def render_csv(assessment: Assessment, w: Words | None = None) -> str:
    """Comma-separated whatever the language, numbers with a decimal point: the CSV is for
    programs and imports (RFC 4180); the workbook is the spreadsheet people open."""
    w = w or words_for()
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted as needed, CRLF line ends
    writer.writerow(header(w))
    for row in use_case_rows(assessment, w):
        writer.writerow([defuse(c) if isinstance(c, str) else c for c in row])
    return out.getvalue()


def use_case_rows(a: Assessment, w: Words) -> list[list[str | int | float]]:
    """The use-case table shared by the CSV and the workbook, in `COLUMNS` order."""
    phase_of: dict[str, Phase] = {}
    for phase in a.roadmap.phases:
        for case_id in phase.use_cases:
            phase_of.setdefault(case_id, phase)
    return [_row(rank, u, phase_of.get(u.id), a, w) for rank, u in enumerate(a.use_cases, start=1)]


def _row(rank: int, u: UseCaseAssessment, phase: Phase | None, a: Assessment, w: Words) -> list[str | int | float]:
    phase_name = phase.name if phase else (w._("Later") if u.id in a.roadmap.later else "")
    return [
        rank,
        title_of(w, u),
        function_name(w.m, u.function),
        u.min_level,
        u.value,
        u.feasibility,
        u.risk,
        u.priority,
        quadrant_label(w, u.quadrant),
        phase_name,
        track_label(w, phase.track) if phase else "",
        w._("yes") if u.in_place else w._("no"),
        u.blocker or "",
        w.semicolon.join(w.texts(u.kpis)),
        u.rationale,
        u.id,
    ]


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text: a leading quote stops formula evaluation."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
