"""The CSV export: one row per use case, in priority order, for a spreadsheet.

Readable labels ("Quick win", "Customer service"), not keys, with the phase and track that
deliver each use case; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from knowledge.methodology import load_methodology
from knowledge.schema import Methodology
from tools.assessment import Assessment, Phase, UseCaseAssessment
from tools.export.labels import QUADRANT_LABELS, function_name
from tools.export.summary import track_label

COLUMNS = (
    "Rank",
    "Use case",
    "Function",
    "Minimum level",
    "Value",
    "Feasibility",
    "Risk",
    "Priority",
    "Quadrant",
    "Phase",
    "Track",
    "In place",
    "Blocker",
    "KPIs",
    "Rationale",
    "Id",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(assessment: Assessment, m: Methodology | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted as needed, CRLF line ends
    writer.writerow(COLUMNS)
    for row in use_case_rows(assessment, m or load_methodology()):
        writer.writerow([defuse(c) if isinstance(c, str) else c for c in row])
    return out.getvalue()


def use_case_rows(a: Assessment, m: Methodology) -> list[list[str | int | float]]:
    """The use-case table shared by the CSV and the workbook, in `COLUMNS` order."""
    phase_of: dict[str, Phase] = {}
    for phase in a.roadmap.phases:
        for case_id in phase.use_cases:
            phase_of.setdefault(case_id, phase)
    return [_row(rank, u, phase_of.get(u.id), a, m) for rank, u in enumerate(a.use_cases, start=1)]


def _row(
    rank: int, u: UseCaseAssessment, phase: Phase | None, a: Assessment, m: Methodology
) -> list[str | int | float]:
    phase_name = phase.name if phase else ("Later" if u.id in a.roadmap.later else "")
    return [
        rank,
        u.title,
        function_name(m, u.function),
        u.min_level,
        u.value,
        u.feasibility,
        u.risk,
        u.priority,
        QUADRANT_LABELS[u.quadrant],
        phase_name,
        track_label(phase.track) if phase else "",
        "yes" if u.in_place else "no",
        u.blocker or "",
        "; ".join(u.kpis),
        u.rationale,
        u.id,
    ]


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text: a leading quote stops formula evaluation."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
