"""DOCX, PPTX and HTML to text, with the parsers LangChain's community loaders wrap, used directly:
python-docx, python-pptx and Beautiful Soup (with the standard library's HTML parser).

Why not the loaders themselves: langchain-community's Word and PowerPoint loaders go through
`unstructured` (hundreds of MB, with NLTK data fetched at run time, which cannot work offline) or
docx2txt (which drops the headings). Read directly, a document keeps its structure: Word headings
become Markdown headings (so sections), a slide becomes one section titled by its title.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

DOCX = {".docx"}
PPTX = {".pptx"}
HTML = {".html", ".htm"}


class OfficeError(Exception):
    """The file is not a readable document of its type; the message says why."""


def docx_markdown(data: bytes) -> str:
    """The document's paragraphs and tables in order, headings as Markdown headings."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise OfficeError(f"not a readable Word document ({error.__class__.__name__})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            if text:
                lines.append(_heading_prefix(block.style.name if block.style is not None else "") + text)
        elif isinstance(block, Table):
            lines += _table_rows(block)
        lines.append("")
    return "\n".join(lines)


def _heading_prefix(style: str) -> str:
    # "Heading 1".."Heading 6" (and "Titre 1" in a French Word) and "Title" mark sections.
    name = style.strip().lower()
    if name in ("title", "titre"):
        return "# "
    for word in ("heading ", "titre "):
        if name.startswith(word) and name[len(word) :].isdigit():
            return "#" * min(6, int(name[len(word) :]) + 1) + " "
    return ""


def _table_rows(table: object) -> list[str]:
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = list(dict.fromkeys(" ".join(cell.text.split()) for cell in row.cells))  # merged cells repeat
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def pptx_slides(data: bytes) -> list[tuple[str, str]]:
    """(section title, text) per slide: its title, the text of its shapes and tables, its notes."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        deck = Presentation(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise OfficeError(f"not a readable PowerPoint deck ({error.__class__.__name__})") from error
    slides = []
    for number, slide in enumerate(deck.slides, start=1):
        title_shape = slide.shapes.title
        title = (
            " ".join(title_shape.text_frame.text.split())
            if title_shape is not None and title_shape.has_text_frame
            else ""
        )
        parts = []
        for shape in slide.shapes:
            if shape is title_shape:
                continue
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += _table_rows(shape.table)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            parts.append(slide.notes_slide.notes_text_frame.text)
        body = "\n\n".join(p.strip() for p in parts if p.strip())
        if title or body:
            slides.append((f"slide {number}: {title}" if title else f"slide {number}", body or title))
    return slides


_BLOCKS = ["p", "li", "td", "th", "pre", "blockquote", "dt", "dd", "figcaption", "caption"]


def html_markdown(html: str) -> str:
    """The page's visible text, its h1-h6 as Markdown headings; scripts, styles and navigation out."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "svg", "head"]):
        tag.decompose()
    lines = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", *_BLOCKS]):
        if element.name in _BLOCKS and element.find_parent(_BLOCKS) is not None:
            continue  # nested blocks: the outer one carries the text
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        prefix = "#" * int(element.name[1]) + " " if element.name[0] == "h" and element.name[1:].isdigit() else ""
        lines += [prefix + text, ""]
    if not lines:  # a page of bare text without block tags
        lines = [" ".join(soup.get_text(" ").split())]
    return "\n".join(lines)
