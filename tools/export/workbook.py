"""The XLSX workbook (openpyxl): the use cases, the roadmap and the profile on separate sheets,
with a summary sheet first. Cells hold values, never formulas: text that starts like a formula is
stored as a string cell, which a spreadsheet shows and never runs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from knowledge.locales import N_
from tools.assessment import Assessment
from tools.export.csv_export import COLUMNS, use_case_rows
from tools.export.labels import capability_name, field_label, level_name, size_label, value_label
from tools.export.summary import ReportInfo, executive_summary, horizon, track_label, use_case_titles
from tools.export.words import Words

HEADER_FILL = PatternFill("solid", fgColor="DDE2EA")
# Column widths by the column's English name (the header row is in the report's language).
WIDTHS = {"Use case": 42, "Rationale": 80, "Function": 24, "Phase": 30, "KPIs": 40, "Blocker": 30}
ROADMAP_COLUMNS = (
    N_("Phase"),
    N_("Name"),
    N_("Track"),
    N_("Horizon"),
    N_("Start month"),
    N_("End month"),
    N_("Target level"),
    N_("Level name"),
    N_("Use cases"),
    N_("Capabilities to build"),
    N_("KPIs"),
    N_("Gate"),
    N_("Governance"),
    N_("Objective"),
)
ROADMAP_WIDTHS = {
    "Name": 32,
    "Use cases": 60,
    "Capabilities to build": 30,
    "KPIs": 40,
    "Governance": 60,
    "Objective": 60,
}
PROFILE_COLUMNS = (N_("Kind"), N_("What"), N_("Answer"), N_("What it means"))
SUMMARY_COLUMNS = (N_("Item"), N_("Detail"))


def render_xlsx(a: Assessment, w: Words, info: ReportInfo) -> bytes:
    m = w.m
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook has one sheet
    summary.title = w._("Summary")
    s = executive_summary(a, w, info)
    rows: list[list[object]] = [
        [w._("GenAI adoption roadmap"), s.client],
        [w._("Prepared by"), s.prepared_by],
        [w._("Date"), info.prepared_on],
        [w._("Engagement"), s.engagement or ""],
    ]
    rows += [[w._("Warning"), x] for x in s.warnings]
    rows += [[w._("Maturity"), s.level_sentence], [w._("Strategy"), s.strategy]]
    rows += [[w._("Decision {number}", number=i), d] for i, d in enumerate(s.decisions, start=1)]
    _fill(summary, SUMMARY_COLUMNS, rows, {"Item": 18, "Detail": 120}, w)
    _fill(book.create_sheet(w._("Use cases")), COLUMNS, use_case_rows(a, w), WIDTHS, w)
    titles = use_case_titles(w, a)
    roadmap = [
        [
            i,
            p.name,
            track_label(w, p.track),
            horizon(w, p),
            p.start_month,
            p.end_month,
            p.target_level,
            level_name(m, p.target_level),
            w.semicolon.join(titles.get(u, u) for u in p.use_cases),
            w.semicolon.join(capability_name(m, k) for k in p.capabilities),
            w.semicolon.join(w.texts(p.kpis)),
            p.gate,
            w.semicolon.join(w.texts(p.governance)),
            p.objective,
        ]
        for i, p in enumerate(a.roadmap.phases, start=1)
    ]
    _fill(book.create_sheet(w._("Roadmap")), ROADMAP_COLUMNS, roadmap, ROADMAP_WIDTHS, w)
    org = a.organization
    kind = w._("Organisation")
    profile: list[list[object]] = [
        [kind, w._("Name"), org.name or "", ""],
        [kind, w._("Sector"), w.sector_name(org.sector_key, org.sector) or "", ""],
        [kind, w._("Size"), size_label(w, org.size) if org.size else "", ""],
    ]
    profile += [
        [w._("Finding"), field_label(w, f.field), value_label(w, f.value), f.conclusion] for f in a.maturity.evidence
    ]
    profile += [
        [
            w._("Gap"),
            field_label(w, g.item) if w.language != "en" else g.name,
            value_label(w, g.current),
            w._("needed: {needed}; {why}", needed=value_label(w, g.needed), why=g.why),
        ]
        for g in a.maturity.gaps
    ]
    profile += [[w._("In place"), title, w._("yes"), ""] for title in (titles[u.id] for u in a.use_cases if u.in_place)]
    profile += [
        [w._("Not known"), field_label(w, k), "", w._("answering it would raise confidence")]
        for k in a.maturity.unknown
    ]
    _fill(
        book.create_sheet(w._("Profile")),
        PROFILE_COLUMNS,
        profile,
        {"What": 40, "Answer": 18, "What it means": 80},
        w,
    )
    book.properties.creator = s.prepared_by
    book.properties.title = w._("GenAI adoption roadmap — {client}", client=s.client)
    book.properties.language = w.tag
    book.properties.created = book.properties.modified = dt.datetime.combine(info.prepared_on, dt.time())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(
    sheet: Worksheet,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: dict[str, int],
    w: Words,
) -> None:
    """`columns` in English (they key `widths`); the header row shows them in the report's language."""
    sheet.append([w._(name) for name in columns])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl reads "=..." as a formula: keep it text
                cell.data_type = "s"
    for index, name in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 14)
        if widths.get(name, 0) >= 40:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
