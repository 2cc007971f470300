"""Reports in French: every format, opened with its reader, speaks French from its title to its
footer, with the white paper's words, French numbers and dates, and no English sentence of the
reports' own catalogue left in it; English reports are what they were.

The texts the tools compute (rationales, gates, warnings) are the advice's, not the reports':
the leak tests blank them so that they assert on the reports' words only. The Markdown snapshot
renders a frozen assessment of examples/acme-retail.yaml (tests/data/acme-retail.fr.assessment.json),
so that it moves with the reports' words and not with the catalogue of use cases; refresh it with
`python tests/test_export_french.py` (freeze) then `pytest tests/test_export_french.py --snapshot-update`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_cases import hospital, hybrid
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from knowledge.catalogues import template
from knowledge.i18n import localized_methodology
from knowledge.methodology import load_methodology
from tools.assess import assess
from tools.assessment import Assessment
from tools.export import FORMATS, ReportInfo, charts, format_label, render, render_bytes
from tools.export.csv_export import COLUMNS
from tools.export.words import words_for
from tools.profile_io import load_profile

ROOT = Path(__file__).resolve().parent.parent
FROZEN = Path(__file__).resolve().parent / "data" / "acme-retail.fr.assessment.json"
INFO = ReportInfo(prepared_by="Claire Martin, Lumen Conseil", prepared_on=dt.date(2026, 12, 1))
PAPER_WORDS = ("feuille de route", "cas d'usage", "chaîne de valeur", "approche incrémentale et évolutive")
PLACEHOLDERS = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s|<[^>]+>")


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _file_extension = "md"
    _write_mode = WriteMode.TEXT


@pytest.fixture
def md_snapshot(snapshot):
    return snapshot.use_extension(MarkdownSnapshot)


def freeze() -> None:
    """Write the frozen acme-retail assessment, its texts in French."""
    a = assess(load_profile(ROOT / "examples" / "acme-retail.yaml"), language="fr")
    FROZEN.write_text(a.model_dump_json(indent=2) + "\n", encoding="utf-8")


@cache
def case(name: str) -> Assessment:
    """The frozen acme-retail assessment, a hospital's hybrid one, or either without tool texts."""
    if name == "acme":
        return Assessment.model_validate_json(FROZEN.read_text(encoding="utf-8"))
    if name == "hospital":
        return hybrid(hospital())
    return without_tool_texts(case(name.removeprefix("blank ")))


@pytest.fixture(scope="module")
def acme() -> Assessment:
    return case("acme")


def without_tool_texts(a: Assessment) -> Assessment:
    """`a` with every text the tools wrote replaced by a neutral mark: what is left is ours."""
    x = "…"
    maturity = a.maturity.model_copy(
        update={
            "evidence": [f.model_copy(update={"conclusion": x}) for f in a.maturity.evidence],
            "gaps": [g.model_copy(update={"why": x, "name": x}) for g in a.maturity.gaps],
            "ahead": [h.model_copy(update={"note": x, "name": x}) for h in a.maturity.ahead],
        }
    )
    return a.model_copy(
        update={
            "maturity": maturity,
            "warnings": [x for _ in a.warnings],
            "use_cases": [
                u.model_copy(update={"rationale": x, "blocker": x if u.blocker else None}) for u in a.use_cases
            ],
            "strategy": a.strategy.model_copy(
                update={
                    "rationale": x,
                    "reasons": [x],
                    "watch_out": [x],
                    "alternatives": [o.model_copy(update={"reasons": [x]}) for o in a.strategy.alternatives],
                }
            ),
            "roadmap": a.roadmap.model_copy(
                update={
                    "phases": [
                        p.model_copy(update={"name": f"P{i}", "objective": x, "gate": x, "horizon": x})
                        for i, p in enumerate(a.roadmap.phases, start=1)
                    ],
                    "notes": [x for _ in a.roadmap.notes],
                }
            ),
        }
    )


def english_sentences() -> set[str]:
    """The reports catalogue's English, cut at its placeholders: every run of 3+ words."""
    found = set()
    for message in template("reports"):
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in PLACEHOLDERS.split(msgid or ""):
                words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
                if len(words) >= 3:
                    found.add(" ".join(piece.split()).strip(" .,;:()·—-"))
    return found


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@cache
def text_of(name: str, fmt: str, language: str = "fr") -> str:
    """What a reader of the format sees, through its reader library (rendered once per run)."""
    data = render_bytes(case(name), fmt, info=INFO, language=language)  # type: ignore[arg-type]
    if fmt in ("md", "csv", "json"):
        return flat(data.decode("utf-8"))
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        return flat(" ".join(parser.parts))
    if fmt == "pdf":
        return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    if fmt == "pptx":
        parts = []
        for slide in Presentation(io.BytesIO(data)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if shape.has_table:
                    parts += [cell.text for row in shape.table.rows for cell in row.cells]
        return flat(" ".join(parts))
    book = load_workbook(io.BytesIO(data))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    return flat(" ".join(book.sheetnames + cells))


HUMAN = [f for f in FORMATS if f != "json"]


@pytest.fixture(scope="module")
def sentences() -> set[str]:
    found = english_sentences()
    assert len(found) > 40  # the catalogue was read: headings, legends, summary sentences
    return found


@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("name", ["acme", "hospital"])  # a plain roadmap; two tracks, a warning, a case in place
def test_no_english_sentence_of_the_reports_in_a_french_report(name, sentences, fmt):
    shown = text_of(f"blank {name}", fmt)
    leaks = sorted(s for s in sentences if s and s in shown)
    assert leaks == []


@pytest.mark.parametrize("fmt", [f for f in HUMAN if f != "csv"])  # the CSV has headers only
def test_the_english_report_does_say_those_sentences(sentences, fmt):
    """The leak test can fail: the same check finds English sentences in the English report."""
    assert any(s in text_of("blank acme", fmt, "en") for s in sentences)


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_french_reports_use_the_papers_words(fmt):
    shown = text_of("acme", fmt).lower()
    for words in PAPER_WORDS:
        assert words in shown, words


@pytest.mark.parametrize("fmt", ["pptx", "xlsx"])
def test_slides_and_workbook_use_the_papers_words(fmt):
    shown = text_of("acme", fmt).lower()
    for words in ("feuille de route", "cas d'usage", "approche incrémentale et évolutive"):
        assert words in shown, words


def test_french_markdown_names_the_methodology_in_french():
    """Even an assessment computed in English: names are looked up by id."""
    english, fr = case("hospital"), localized_methodology("fr")
    shown = render(english, "md", info=INFO, language="fr")
    top = next(u for u in english.use_cases if not u.in_place and u.kpis)
    french = next(u for u in fr.use_cases if u.id == top.id)
    assert french.title != top.title and french.title in shown  # looked up by id
    assert french.kpis[0] in shown  # a KPI the tools copied, shown in French
    level = fr.levels[english.maturity.level - 1].name
    assert f"## Maturité\u00a0: niveau {english.maturity.level} — {level}" in shown
    assert "Synthèse" in shown and "Décisions attendues du comité de direction" in shown


def test_french_numbers_dates_and_typography(acme):
    shown = render(acme, "md", info=INFO, language="fr")
    assert "1 décembre 2026" in shown and "décembre 2026, mois de ce rapport" in shown
    value = f"{acme.use_cases[0].value:.2f}".replace(".", ",")
    assert f"| {value} |" in shown  # a decimal comma
    assert f"{acme.maturity.progress:.0%}".replace("%", "\u00a0%") in shown  # "47 %", unbreakable
    assert "Stratégie\u00a0: " in shown  # a non-breaking space before the colon
    assert "«\u00a0Approche incrémentale et évolutive\u00a0»" in shown
    assert "axisFormat %m/%Y" in shown  # Mermaid names months in English only


def test_french_markdown_snapshot(acme, md_snapshot):
    assert render(acme, "md", info=INFO, language="fr") == md_snapshot


def test_csv_header_row_is_french(acme):
    header, first = render(acme, "csv", language="fr").splitlines()[:2]
    assert header.split(",")[:4] == ["Rang", "Cas d'usage", "Fonction", "Niveau minimal"]
    assert header.endswith("Indicateurs clés,Justification,Identifiant")
    assert set(header.split(",")) & set(COLUMNS) == {"Phase", "Quadrant"}  # the same word in French
    assert "Gain rapide" in first and ",non," in first
    assert ",0.7" in first  # numbers stay numbers a program reads: the CSV is for imports


def test_workbook_sheets_and_headers_are_french(acme):
    book = load_workbook(io.BytesIO(render_bytes(acme, "xlsx", info=INFO, language="fr")))
    assert book.sheetnames == ["Synthèse", "Cas d'usage", "Feuille de route", "Profil"]
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in book}
    assert headers["Synthèse"] == ["Rubrique", "Détail"]
    assert headers["Cas d'usage"][1] == "Cas d'usage"
    assert headers["Feuille de route"][:4] == ["Phase", "Nom", "Volet", "Horizon"]
    assert headers["Profil"] == ["Type", "Élément", "Réponse", "Ce que cela signifie"]
    assert book.properties.language == "fr-FR"
    assert book["Synthèse"]["A2"].value == "Feuille de route d'adoption de l'IA générative"
    assert book["Synthèse"]["B2"].value == "Acme Retail"


def test_slide_titles_are_french(acme):
    deck = Presentation(io.BytesIO(render_bytes(acme, "pptx", info=INFO, language="fr")))
    titles = [slide.shapes.title.text for slide in deck.slides]
    english = [s.shapes.title.text for s in Presentation(io.BytesIO(render_bytes(acme, "pptx", info=INFO))).slides]
    assert titles[0] == "Feuille de route d'adoption de l'IA générative — Acme Retail"
    assert "Prochaines étapes" in titles and "Risques et gouvernance" in titles
    assert len(titles) == len(english) and not set(titles) & set(english)
    assert deck.core_properties.language == "fr-FR"


def test_pdf_is_french_and_says_so(acme):
    pdf = PdfReader(io.BytesIO(render_bytes(acme, "pdf", info=INFO, language="fr")))
    assert pdf.trailer["/Root"]["/Lang"] == "fr"
    first = flat(pdf.pages[0].extract_text())
    assert "Synthèse" in first and "Décisions attendues du comité de direction" in first
    assert "1 décembre 2026" in first
    assert f"page {len(pdf.pages)} sur {len(pdf.pages)}" in flat(pdf.pages[-1].extract_text())


def test_html_says_its_language(acme):
    assert '<html lang="fr">' in render(acme, "html", info=INFO, language="fr")
    assert '<html lang="en">' in render(acme, "html", info=INFO)


def test_charts_speak_french():
    a = hybrid(hospital())
    w, m = words_for("fr"), load_methodology()
    shown = " ".join(
        charts.svg(figure)
        for figure in (
            charts.staircase(a, m, w),
            charts.matrix(a.use_cases, w),
            charts.timeline(a, w),
            charts.evidence(a, m, w),
        )
    )
    for french in ("Escalier de maturité", "Valeur × faisabilité", "Feuille de route : 2 volets", "non renseignée"):
        assert french.replace(" :", "\u00a0:") in shown, french
    for english in ("Maturity staircase", "Value × feasibility", "Months from the start", "not recorded"):
        assert english not in shown


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_english_is_the_default_and_unchanged_by_the_option(acme, fmt):
    assert render(acme, fmt, info=INFO) == render(acme, fmt, info=INFO, language="en")


def test_json_keeps_its_english_keys_in_french(acme):
    assert render(acme, "json", language="fr") == render(acme, "json")


def test_format_labels_in_french():
    assert format_label("pdf", "fr") == "Rapport PDF" and format_label("pdf") == "PDF report"
    assert format_label("xlsx", "fr") == "Classeur (Excel)"


def test_a_given_methodology_is_shown_in_french_too(acme):
    w = words_for("fr", load_methodology())
    assert w.use_case_title(acme.use_cases[0].id, "x") == words_for("fr").use_case_title(acme.use_cases[0].id, "y")


def test_methodology_texts_copied_by_the_tools_are_found_again(acme):
    w, fr = words_for("fr"), localized_methodology("fr")
    english = next(u for u in load_methodology().use_cases if u.kpis)
    french = next(u for u in fr.use_cases if u.id == english.id)
    assert w.text(english.kpis[0]) == french.kpis[0] != english.kpis[0]
    assert w.text("45 minutes saved per doctor per day") == "45 minutes saved per doctor per day"  # not ours


if __name__ == "__main__":
    freeze()
    sys.exit(0)
