"""Export formats, defined once: whatever `tools.export` can render, with a name for menus."""

from __future__ import annotations

from tools.export import FORMATS as EXPORT_FORMATS

ExportFormat = str  # one of EXPORT_FORMATS; the list grows with tools.export, so not a Literal

# Names shown in menus; a format tools.export adds without a name here shows its key upper-cased.
_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON", "csv": "CSV", "pdf": "PDF",
          "pptx": "PowerPoint", "xlsx": "Excel", "docx": "Word"}
# File suffixes read as a format (`-o report.htm`), besides each format's own key.
_SUFFIXES = {".markdown": "md", ".htm": "html"}


def format_name(fmt: ExportFormat) -> str:
    return _NAMES.get(fmt, fmt.upper())


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """The export format a file suffix names (".md", ".HTML", ".htm"), None for others."""
    suffix = suffix.lower()
    fmt = _SUFFIXES.get(suffix, suffix.removeprefix("."))
    return fmt if fmt in EXPORT_FORMATS else None


__all__ = ["EXPORT_FORMATS", "ExportFormat", "format_for_suffix", "format_name"]
