"""Every human format opened with its reader library: the PDF with pypdf, the slides with
python-pptx, the workbook with openpyxl, the HTML with an HTML parser. The executive summary comes
first, warnings before it, labels instead of keys, the parallel tracks of a hybrid roadmap."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from export_cases import INFO, WARNING, hospital, hybrid
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from tools.assessment import Assessment
from tools.export import FORMATS, render, render_bytes
from tools.export.summary import executive_summary
from tools.export.words import words_for

KEYS = re.compile(r"\b(?:capabilities|governance)\.[a-z_]+|\bquick_win\b|\bstrategic_bet\b|\bdeprioritize\b")


@pytest.fixture(scope="module")
def board() -> Assessment:
    return hybrid(hospital())


@pytest.fixture(scope="module")
def pdf(board) -> PdfReader:
    return PdfReader(io.BytesIO(render_bytes(board, "pdf", info=INFO)))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_summary_is_read_off_the_assessment(board):
    s = executive_summary(board, words_for("en"), INFO)
    assert s.client == "Groupe Hospitalier Saint-Roch" and s.prepared_on == "1 December 2026"
    assert s.warnings == [WARNING]
    assert len(s.decisions) == 3
    assert "2 tracks in parallel: Quick wins, Foundations" in s.decisions[0]
    assert s.decisions[1].startswith("Fund the first phases: ")  # one per track
    assert "DPO" in s.decisions[2]  # a warning turns the third decision into settling it first
    assert [t.name for t in s.tracks] == ["Quick wins", "Foundations"]
    # the use case already running is evidence, not a proposal
    assert board.use_cases[0].title not in [u.title for u in s.top_use_cases]
    assert f"level {board.maturity.level} of 5" in s.level_sentence
    assert f"{board.maturity.confidence:.0%}" in s.level_sentence


def test_pdf_opens_with_the_summary_on_one_a4_page(pdf, board):
    first = flat(pdf.pages[0].extract_text())
    width, height = (round(float(v) * 25.4 / 72) for v in pdf.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)
    for expected in (
        "Groupe Hospitalier Saint-Roch",
        "Claire Martin, Lumen Conseil",
        "1 December 2026",
        "Read this first",
        "Decisions the board is asked to take",
        "Top use cases",
    ):
        assert expected in first, expected
    assert first.index("Read this first") < first.index("Executive summary")
    assert "What you told us" not in first  # the detail starts on page 2
    assert "Quick wins:" in first and "Foundations:" in first


def test_pdf_detail_has_labels_not_keys(pdf, board):
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert not KEYS.findall(text)
    assert "Use of public LLMs" in text and "Vectorized enterprise data" in text  # names from the methodology
    for heading in (
        "What you told us",
        "Maturity",
        "Use cases",
        "Strategy",
        "Roadmap",
        "Risks and governance",
        "Method and legend",
    ):
        assert heading in text
    assert "RAG platform audited by the DPO" in text and "45 minutes saved per doctor per day" in text
    assert len(pdf.pages) >= 4


def test_pdf_keeps_each_phase_on_one_page(pdf, board):
    pages = [flat(page.extract_text()) for page in pdf.pages]
    for phase in board.roadmap.phases:
        # the last page quoting the objective holds the phase's card (the summary may quote it earlier)
        card = [i for i, text in enumerate(pages) if phase.objective[:40] in text]
        assert card, phase.name
        whole = pages[card[-1]]
        assert phase.name in whole and f"Target: level {phase.target_level}" in whole
        if phase.gate:
            assert phase.gate[:30] in whole


def test_pdf_charts_are_vector(board):
    data = render_bytes(board, "pdf", info=INFO)
    assert b"/Subtype /Image" not in data  # no raster picture anywhere: the charts are paths and text


def test_slides(board):
    deck = Presentation(io.BytesIO(render_bytes(board, "pptx", info=INFO)))
    slides = list(deck.slides)
    assert 9 <= len(slides) <= 12
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in slides]
    first = texts[0]
    assert "Groupe Hospitalier Saint-Roch" in first and "Claire Martin" in first and WARNING in first
    assert first.count("\n1. ") + first.startswith("1. ") >= 1 and "3. " in first
    titles = [slide.shapes.title.text for slide in slides]
    assert any("staircase" in t for t in titles) and any("feasibility" in t for t in titles)
    assert any(t == "Roadmap timeline" for t in titles) and titles[-1] == "Next steps"
    pictures = [s for slide in slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 3
    for slide in slides:  # nothing hangs off the slide
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
    assert not KEYS.findall("\n".join(texts))
    assert deck.core_properties.author == "Claire Martin, Lumen Conseil"


def test_workbook_sheets(board):
    book = load_workbook(io.BytesIO(render_bytes(board, "xlsx", info=INFO)))
    assert book.sheetnames == ["Summary", "Use cases", "Roadmap", "Profile"]
    cases = list(book["Use cases"].values)
    assert cases[0][:3] == ("Rank", "Use case", "Function") and len(cases) == len(board.use_cases) + 1
    assert cases[1][cases[0].index("In place")] == "yes"
    roadmap = list(book["Roadmap"].values)
    header = roadmap[0]
    assert [r[header.index("Track")] for r in roadmap[1:]] == ["Quick wins", "Quick wins", "Foundations"]
    assert [r[header.index("Start month")] for r in roadmap[1:]] == [0, 6, 0]
    profile = [r[1] for r in book["Profile"].values]
    assert "Retrieval augmented generation" in profile and "Vectorized enterprise data" in profile
    assert not any(KEYS.search(str(v)) for v in profile)
    summary = dict((r[0], r[1]) for r in book["Summary"].values)
    assert summary["Warning"] == WARNING and summary["Prepared by"] == "Claire Martin, Lumen Conseil"


def test_workbook_keeps_formula_lookalikes_as_text(board):
    case = board.use_cases[2].model_copy(update={"title": '=HYPERLINK("http://x","click")'})
    doctored = board.model_copy(update={"use_cases": [board.use_cases[0], board.use_cases[1], case]})
    sheet = load_workbook(io.BytesIO(render_bytes(doctored, "xlsx", info=INFO)))["Use cases"]
    cell = sheet.cell(row=4, column=2)
    assert cell.value == '=HYPERLINK("http://x","click")' and cell.data_type == "s"


class Outline(HTMLParser):
    """The report's section ids and h2 headings, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.headings: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs).get("id") or "")
        self._in_h2 = tag == "h2"

    def handle_data(self, data):
        if self._in_h2 and data.strip():
            self.headings.append(data.strip())
            self._in_h2 = False


def test_html_order_summary_first_then_the_detail(board):
    html = render(board, "html", info=INFO)
    outline = Outline()
    outline.feed(html)
    assert outline.sections == [
        "summary",
        "said",
        "maturity",
        "use-cases",
        "strategy",
        "roadmap",
        "governance",
        "method",
    ]
    assert outline.headings[0] == "Executive summary"
    assert html.index("Read this first") < html.index("Executive summary")
    assert html.count("<svg") == 4  # staircase, evidence, matrix, timeline
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    assert not KEYS.findall(visible)


def test_markdown_summary_first_and_a_gantt_section_per_track(board):
    markdown = render(board, "md", info=INFO)
    assert (
        markdown.index("Read this first")
        < markdown.index("## Executive summary")
        < markdown.index("## What you told us")
    )
    gantt = re.search(r"```mermaid\n(.*?)\n```", markdown, re.S).group(1)
    assert "dateFormat YYYY-MM-DD" in gantt and "section Quick wins" in gantt and "section Foundations" in gantt
    # the foundations track starts the same month as the quick wins: in parallel, not after
    assert re.search(r":p1, 2026-12-01, 2027-06-01", gantt) and re.search(r":p3, 2026-12-01, 2027-12-01", gantt)
    assert not KEYS.findall(markdown)


@pytest.mark.parametrize("fmt", [k for k, f in FORMATS.items() if f.binary])
def test_binary_formats_are_not_text(board, fmt):
    with pytest.raises(ValueError, match="binary"):
        render(board, fmt)
    assert render_bytes(board, fmt, info=INFO)[:4] in (b"%PDF", b"PK\x03\x04")
