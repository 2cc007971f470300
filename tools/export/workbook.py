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

from knowledge.schema import Methodology
from tools.assessment import Assessment
from tools.export.csv_export import COLUMNS, use_case_rows
from tools.export.labels import capability_name, field_label, level_name, value_label
from tools.export.summary import ReportInfo, executive_summary, track_label

HEADER_FILL = PatternFill("solid", fgColor="DDE2EA")
WIDTHS = {"Use case": 42, "Rationale": 80, "Function": 24, "Phase": 30, "KPIs": 40, "Blocker": 30}


def render_xlsx(a: Assessment, m: Methodology, info: ReportInfo) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook has one sheet
    summary.title = "Summary"
    s = executive_summary(a, m, info)
    rows: list[list[object]] = [
        ["GenAI adoption roadmap", s.client],
        ["Prepared by", s.prepared_by],
        ["Date", info.prepared_on],
        ["Engagement", s.engagement or ""],
    ]
    rows += [["Warning", w] for w in s.warnings]
    rows += [["Maturity", s.level_sentence], ["Strategy", s.strategy]]
    rows += [[f"Decision {i}", d] for i, d in enumerate(s.decisions, start=1)]
    _fill(summary, ["Item", "Detail"], rows, {"Item": 18, "Detail": 120})
    _fill(book.create_sheet("Use cases"), list(COLUMNS), use_case_rows(a, m), WIDTHS)
    titles = {u.id: u.title for u in a.use_cases}
    roadmap = [
        [
            i,
            p.name,
            track_label(p.track),
            p.horizon,
            p.start_month,
            p.end_month,
            p.target_level,
            level_name(m, p.target_level),
            "; ".join(titles.get(u, u) for u in p.use_cases),
            "; ".join(capability_name(m, k) for k in p.capabilities),
            "; ".join(p.kpis),
            p.gate,
            "; ".join(p.governance),
            p.objective,
        ]
        for i, p in enumerate(a.roadmap.phases, start=1)
    ]
    _fill(
        book.create_sheet("Roadmap"),
        [
            "Phase",
            "Name",
            "Track",
            "Horizon",
            "Start month",
            "End month",
            "Target level",
            "Level name",
            "Use cases",
            "Capabilities to build",
            "KPIs",
            "Gate",
            "Governance",
            "Objective",
        ],
        roadmap,
        {"Name": 32, "Use cases": 60, "Capabilities to build": 30, "KPIs": 40, "Governance": 60, "Objective": 60},
    )
    org = a.organization
    profile: list[list[object]] = [
        ["Organisation", "Name", org.name or "", ""],
        ["Organisation", "Sector", org.sector or "", ""],
        ["Organisation", "Size", org.size or "", ""],
    ]
    profile += [["Finding", field_label(m, f.field), value_label(f.value), f.conclusion] for f in a.maturity.evidence]
    profile += [
        ["Gap", g.name, value_label(g.current), f"needed: {value_label(g.needed)}; {g.why}"] for g in a.maturity.gaps
    ]
    profile += [["In place", u.title, "yes", ""] for u in a.use_cases if u.in_place]
    profile += [["Not known", field_label(m, k), "", "answering it would raise confidence"] for k in a.maturity.unknown]
    _fill(
        book.create_sheet("Profile"),
        ["Kind", "What", "Answer", "What it means"],
        profile,
        {"What": 40, "Answer": 18, "What it means": 80},
    )
    book.properties.creator = info.prepared_by
    book.properties.title = f"GenAI adoption roadmap — {s.client}"
    book.properties.created = book.properties.modified = dt.datetime.combine(info.prepared_on, dt.time())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]], widths: dict[str, int]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl reads "=..." as a formula: keep it text
                cell.data_type = "s"
    for index, name in enumerate(header, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 14)
        if widths.get(name, 0) >= 40:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
