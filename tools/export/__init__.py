"""Exports of an assessment: JSON, Markdown, HTML, CSV, PDF, PPTX and XLSX.

Rendering is pure (the same assessment and report details give the same output, with no clock
inside: the date is one of the details) and writing is a separate step, so the CLI and the
terminal interface share the renderers and only choose a path. `FORMATS` is the registry every
front end offers; `format_for_path` picks a format from a file name. Every export first cleans the
assessment of control characters; none decides anything the assessment does not already say.
Heavy libraries (matplotlib, WeasyPrint, python-pptx, openpyxl) load only for the formats that
need them, so `advisor assess` in JSON stays fast.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from knowledge.i18n import Language
from knowledge.methodology import load_methodology
from knowledge.schema import Methodology
from tools.assessment import Assessment
from tools.export.files import ExportExists, ExportRefused, slugify, write_export
from tools.export.files import default_filename as _filename
from tools.export.labels import (
    QUADRANT_LABELS,
    capability_name,
    cleaned,
    function_name,
    level_name,
    pattern_block_name,
    percent,
)
from tools.export.summary import ReportInfo

TOP_USE_CASES = 10  # use cases shown in the human reports' tables and the matrix; CSV/XLSX have all


class ExportFormat(BaseModel, frozen=True):
    """One format a front end can offer."""

    key: str
    suffix: str  # with the dot
    label: str
    binary: bool
    media_type: str


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in [
        ExportFormat(key="pdf", suffix=".pdf", label="PDF report", binary=True, media_type="application/pdf"),
        ExportFormat(
            key="pptx",
            suffix=".pptx",
            label="Slides (PowerPoint)",
            binary=True,
            media_type="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ExportFormat(key="html", suffix=".html", label="HTML", binary=False, media_type="text/html"),
        ExportFormat(key="md", suffix=".md", label="Markdown", binary=False, media_type="text/markdown"),
        ExportFormat(
            key="xlsx",
            suffix=".xlsx",
            label="Spreadsheet (Excel)",
            binary=True,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ExportFormat(key="csv", suffix=".csv", label="CSV", binary=False, media_type="text/csv"),
        ExportFormat(key="json", suffix=".json", label="JSON", binary=False, media_type="application/json"),
    ]
}
TEXT_FORMATS = tuple(k for k, f in FORMATS.items() if not f.binary)
# Other spellings people use for the same formats.
_SUFFIX_ALIASES = {".markdown": "md", ".htm": "html"}


class UnknownFormat(ValueError):
    """A format name or a file suffix no export writes."""


def format_for_path(path: Path | str) -> str:
    """The format a file name asks for: `board.pdf` -> "pdf"; an unknown suffix is refused."""
    suffix = Path(path).suffix.lower()
    by_suffix = {f.suffix: k for k, f in FORMATS.items()} | _SUFFIX_ALIASES
    if suffix not in by_suffix:
        known = " ".join(f.suffix for f in FORMATS.values())
        shown = f"the suffix {suffix!r} names no export format" if suffix else "no suffix to tell the format"
        raise UnknownFormat(f"{path}: {shown}; use one of {known} or --format")
    return by_suffix[suffix]


def render(
    assessment: Assessment,
    fmt: str,
    m: Methodology | None = None,
    info: ReportInfo | None = None,
    language: Language = "en",
) -> str:
    """The assessment as text in a text format (json, md, html, csv)."""
    if fmt in FORMATS and FORMATS[fmt].binary:
        raise UnknownFormat(f"{fmt} is a binary format: use render_bytes")
    data = render_bytes(assessment, fmt, m, info)
    return data.decode("utf-8")


def render_bytes(
    assessment: Assessment,
    fmt: str,
    m: Methodology | None = None,
    info: ReportInfo | None = None,
    language: Language = "en",
) -> bytes:
    """The assessment in any format, as the bytes of the file; `m` supplies names, `info` who,
    when and for which engagement (default: the advisor, today)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    a = cleaned(assessment)
    if fmt == "json":
        from tools.export.json_export import render_json

        return render_json(a).encode("utf-8")
    methodology, details = m or load_methodology(), info or ReportInfo()
    if fmt == "csv":
        from tools.export.csv_export import render_csv

        return render_csv(a, methodology).encode("utf-8")
    if fmt == "md":
        from tools.export.markdown import render_markdown

        return render_markdown(a, methodology, details).encode("utf-8")
    if fmt == "html":
        from tools.export.html import render_html

        return render_html(a, methodology, details).encode("utf-8")
    if fmt == "pdf":
        from tools.export.pdf import render_pdf

        return render_pdf(a, methodology, details)
    if fmt == "pptx":
        from tools.export.slides import render_pptx

        return render_pptx(a, methodology, details)
    from tools.export.workbook import render_xlsx

    return render_xlsx(a, methodology, details)


def export_file(
    assessment: Assessment,
    fmt: str,
    path: Path,
    force: bool = False,
    info: ReportInfo | None = None,
    language: Language = "en",
) -> Path:
    """Render and write in one call: what the CLI and the interface's export dialog do."""
    return write_export(render_bytes(assessment, fmt, info=info), path, force)


def default_filename(assessment: Assessment, fmt: str) -> str:
    """`acme-retail-genai-roadmap.pdf`, never too long for the file system."""
    suffix = FORMATS[fmt].suffix.lstrip(".") if fmt in FORMATS else fmt
    return _filename(cleaned(assessment).organization.name, suffix)


def use_case_titles(assessment: Assessment) -> dict[str, str]:
    return {u.id: u.title for u in assessment.use_cases}


__all__ = [
    "FORMATS",
    "TEXT_FORMATS",
    "TOP_USE_CASES",
    "QUADRANT_LABELS",
    "ExportExists",
    "ExportFormat",
    "ExportRefused",
    "ReportInfo",
    "UnknownFormat",
    "capability_name",
    "default_filename",
    "export_file",
    "format_for_path",
    "function_name",
    "level_name",
    "pattern_block_name",
    "percent",
    "render",
    "render_bytes",
    "slugify",
    "use_case_titles",
    "write_export",
]
