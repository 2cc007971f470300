"""The CSV export: one row per use case, in priority order, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from tools.assessment import Assessment, UseCaseAssessment

COLUMNS = ("rank", "id", "title", "function", "min_level", "value", "feasibility", "risk",
           "priority", "quadrant", "blocker", "rationale")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(assessment: Assessment) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted as needed, CRLF line ends
    writer.writerow(COLUMNS)
    for rank, case in enumerate(assessment.use_cases, start=1):
        writer.writerow([rank, *_cells(case)])
    return out.getvalue()


def _cells(case: UseCaseAssessment) -> list[str | int | float]:
    texts = [case.id, case.title, case.function.value]
    numbers = [case.min_level, case.value, case.feasibility, case.risk, case.priority]
    tail = [case.quadrant.value, case.blocker or "", case.rationale]
    return [*map(defuse, texts), *numbers, *map(defuse, tail)]


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text: a leading quote stops formula evaluation."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
