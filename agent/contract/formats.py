"""Export formats, defined once: whatever `tools.export` can render (its registry), with the name
menus show. An interface offers every format automatically when the exports gain one."""

from __future__ import annotations

from tools.export import FORMATS

ExportFormat = str  # a key of the registry; the list grows with tools.export, so not a Literal
EXPORT_FORMATS: tuple[ExportFormat, ...] = tuple(FORMATS)


def format_name(fmt: ExportFormat) -> str:
    """ "Markdown", "PDF report": what a menu shows for a format."""
    return FORMATS[fmt].label if fmt in FORMATS else fmt.upper()


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """The export format a file suffix names (".md", ".PDF"), None for others."""
    wanted = suffix.lower()
    return next((key for key, spec in FORMATS.items() if spec.suffix == wanted), None)


__all__ = ["EXPORT_FORMATS", "ExportFormat", "format_for_suffix", "format_name"]
