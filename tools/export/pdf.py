"""The PDF export: the HTML report laid out on A4 by WeasyPrint (no browser; it needs pango).

The charts stay vector graphics (inline SVG). The same template as the HTML, with its print rules;
the document's language (PDF /Lang) is the HTML's `lang`.
"""

from __future__ import annotations

from tools.assessment import Assessment
from tools.export.html import render_html
from tools.export.summary import ReportInfo
from tools.export.words import Words


def render_pdf(assessment: Assessment, w: Words, info: ReportInfo) -> bytes:
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores (e.g. grid); a CLI user needs none of that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = render_html(assessment, w, info, for_print=True)
    document = HTML(string=html).render()
    return document.write_pdf() or b""
