"""Exports: JSON parses back, CSV is safe in a spreadsheet, Markdown and HTML escape user text,
writes are atomic, private and never clobber a file unasked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import stat
from pathlib import Path

import markupsafe
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.assess import assess
from tools.assessment import Assessment
from tools.export import FORMATS, TEXT_FORMATS, ExportExists, ReportInfo, default_filename, render, write_export
from tools.export.csv_export import COLUMNS
from tools.export.labels import clean
from tools.export.markdown import line_start, md, mermaid_label
from tools.profile_io import parse_profile

ACME = """
organization:
  name: Acme Retail
  sector: retail
  size: large
  objectives: [customer_experience, cost_reduction]
  budget: medium
  risk_appetite: low
  regulated: true
value_chain:
  marketing_sales:
    importance: 5
    pain_points: "slow campaign content production"
    data: [documents, customer_data]
    genai_today: pilot
capabilities:
  public_llm_use: production
  prompt_engineering: pilot
  llm_api_apps: pilot
  io_filters: exploring
  private_cloud_ai: none
  rag: none
governance:
  monitoring: basic
  ai_policy: basic
  data_governance: none
"""

INFO = ReportInfo(prepared_by="Jean Dupont", prepared_on=dt.date(2026, 12, 1))
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# The HTML draws four charts (about a second): fewer examples, the same hostile strings.
CHARTED = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = [
    "<script>alert(1)</script>",
    "a | b",
    "`code`",
    "&amp;",
    "\"double\" 'single'",
    "line\nbreak",
    "=cmd|' /C calc'!A0",
    "# heading",
    "- item",
    "1. item",
    "</style>",
    "]]>",
    "{{ 7*7 }}",
    "\\|",
    "<!-- x",
    "https://evil.example/x.png",
    "\u2028sep",
    "ünïcødé 東京",
]
# Text a user might type: anything but NUL (profiles refuse it) and lone surrogates (not UTF-8).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
HOSTILE = st.builds(lambda a, b, c: a + b + c, TEXT, st.sampled_from(NASTY), TEXT)


@pytest.fixture(scope="module")
def acme() -> Assessment:
    return assess(parse_profile(ACME))


def spoiled(assessment: Assessment, text: str) -> Assessment:
    """The assessment with `text` put in front of every free-text field (enums left valid)."""

    def walk(node: object, key: str | None, parent: str | None) -> object:
        if isinstance(node, dict):
            return {k: walk(v, k, key) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key, parent) for v in node]
        enum = key in ("function", "quadrant") or (key == "name" and parent in ("strategy", "alternatives"))
        return text + node if isinstance(node, str) and not enum else node

    return Assessment.model_validate(walk(assessment.model_dump(mode="json"), None, None))


# --- JSON -------------------------------------------------------------------------------------


def test_json_parses_back_to_the_same_assessment(acme):
    data = json.loads(render(acme, "json"))
    assert Assessment.model_validate(data) == acme


def test_json_has_the_contract_keys(acme):
    data = json.loads(render(acme, "json"))
    assert {"level", "name", "progress", "confidence", "evidence", "gaps", "ahead"} <= data["maturity"].keys()
    assert {
        "id",
        "title",
        "function",
        "min_level",
        "value",
        "feasibility",
        "risk",
        "priority",
        "quadrant",
        "rationale",
    } <= data["use_cases"][0].keys()
    assert {"name", "rationale", "alternatives"} <= data["strategy"].keys()
    assert {"name", "horizon", "target_level", "use_cases", "capabilities", "governance"} <= data["roadmap"]["phases"][
        0
    ].keys()


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_render_is_pure(acme, fmt):
    assert render(acme, fmt, info=INFO) == render(acme.model_copy(deep=True), fmt, info=INFO)


def test_unknown_format_is_refused(acme):
    with pytest.raises(ValueError, match="docx"):
        render(acme, "docx")


# --- CSV --------------------------------------------------------------------------------------


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_use_case_in_priority_order(acme):
    header, *rows = csv_rows(render(acme, "csv"))
    assert tuple(header) == COLUMNS
    assert [r[COLUMNS.index("Id")] for r in rows] == [u.id for u in acme.use_cases]
    assert [int(r[0]) for r in rows] == list(range(1, len(acme.use_cases) + 1))
    priorities = [float(r[COLUMNS.index("Priority")]) for r in rows]
    assert priorities == sorted(priorities, reverse=True)


def test_csv_shows_labels_with_phase_and_track(acme):
    header, *rows = csv_rows(render(acme, "csv"))
    named = [dict(zip(header, r, strict=False)) for r in rows]
    assert {r["Quadrant"] for r in named} <= {"Quick win", "Strategic bet", "Fill-in", "Deprioritise"}
    assert (
        "quick_win" not in render(acme, "csv")
        and "marketing_sales" not in render(acme, "csv").split("\r\n", 1)[1].rsplit(",", 1)[0]
    )
    first_phase = acme.roadmap.phases[0]
    planned = [r for r in named if r["Id"] in first_phase.use_cases]
    assert planned and all(r["Phase"] == first_phase.name and r["Track"] == "Main track" for r in planned)
    assert any(r["Function"] == "Marketing and sales" for r in named)


def test_csv_defuses_formulas(acme):
    case = acme.use_cases[0].model_copy(
        update={"title": '=HYPERLINK("http://x")', "rationale": "+1", "blocker": "@SUM(A1)", "id": "-2"}
    )
    doctored = acme.model_copy(update={"use_cases": [case]})
    row = csv_rows(render(doctored, "csv"))[1]
    named = dict(zip(COLUMNS, row, strict=False))
    assert named["Use case"] == '\'=HYPERLINK("http://x")'
    assert named["Rationale"] == "'+1" and named["Blocker"] == "'@SUM(A1)" and named["Id"] == "'-2"
    assert named["Value"] == str(case.value)  # numbers stay numbers


# --- Markdown ---------------------------------------------------------------------------------


def gantt_lines(markdown: str) -> list[str]:
    block = re.search(r"```mermaid\n(.*?)\n```", markdown, re.S)
    assert block, "no mermaid block"
    lines = block.group(1).splitlines()
    assert lines[0] == "gantt"
    return lines


TASK = r"    [^:#;\n]+ :p\d+, \d{4}-\d\d-01, \d{4}-\d\d-01"


def test_markdown_has_a_dated_gantt_task_per_phase(acme):
    markdown = render(acme, "md", info=INFO)
    assert markdown.startswith("# GenAI adoption roadmap — Acme Retail\n")
    lines = gantt_lines(markdown)
    assert "    dateFormat YYYY-MM-DD" in lines  # Mermaid 11 misplaces "dateFormat X" month numbers
    tasks = [line for line in lines if re.fullmatch(TASK, line)]
    assert len(tasks) == len(acme.roadmap.phases) == 3
    months = [(p.start_month, p.end_month) for p in acme.roadmap.phases]
    assert months[0][0] == 0 and tasks[0].endswith(
        ":p1, 2026-12-01, " + f"{2026 + (11 + months[0][1]) // 12}-{(11 + months[0][1]) % 12 + 1:02d}-01"
    )
    assert (
        "## Risks and governance" in markdown and "## What you told us" in markdown and "### Alternatives" in markdown
    )


def test_markdown_text_helpers():
    assert md("a|b <i>&\nc") == "a\\|b &lt;i&gt;&amp; c"
    assert line_start("1. x") == "1\\. x" and line_start("- x") == "\\- x" and line_start("a - b") == "a - b"
    assert mermaid_label("Phase: one; #2\n<b>", "fallback") == "Phase one 2 b"
    assert mermaid_label(":;#", "fallback") == "fallback"


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def assert_tables_intact(markdown: str) -> None:
    header = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            header = None
        elif header is None:
            header = unescaped_pipes(line)
        else:
            assert unescaped_pipes(line) == header, line


@FAST
@given(HOSTILE)
def test_markdown_escapes_every_user_string(acme, text):
    markdown = render(spoiled(acme, text), "md")
    assert "<" not in markdown and ">" not in markdown  # the report itself uses neither
    assert_tables_intact(markdown)
    tasks = [line for line in gantt_lines(markdown)[4:] if not line.startswith("    section ")]
    assert len(tasks) == len(acme.roadmap.phases)
    assert all(re.fullmatch(TASK, t) for t in tasks), tasks


# --- HTML -------------------------------------------------------------------------------------


def tags(html: str) -> set[str]:
    return set(re.findall(r"<(?:/)?([^\s>/]*)", html))


def test_html_is_self_contained(acme):
    html = render(acme, "html")
    assert html.count("<svg") == 4  # the charts are inline
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I)
    assert "@import" not in html and "<script" not in html
    assert not re.search(r"url\((?!#)", html)  # only references inside the page (SVG clip paths)
    # namespace names are identifiers, never fetched
    fetchable = re.sub(r'xmlns(?::\w+)?="http://www\.w3\.org/[^"]*"', "", html)
    assert "http://" not in fetchable and "https://" not in fetchable
    assert "@media print" in html
    assert "Retrieval augmented generation" in html  # capability names, not keys
    assert "Acme Retail" in html


def test_template_never_marks_text_safe():
    template = Path(__file__).parents[1] / "tools" / "export" / "templates" / "report.html.j2"
    assert not re.search(r"\|\s*safe|Markup|autoescape\s+false", template.read_text())


@CHARTED
@given(HOSTILE)
def test_html_escapes_every_user_string(acme, text):
    plain = render(acme, "html")
    html = render(spoiled(acme, text), "html")
    assert tags(html) <= tags(plain)  # no tag but the report's own
    assert str(markupsafe.escape(clean(text))) in html
    if set(text) & set("<>"):  # quotes are harmless in text; a raw "x&" also starts an escaped "x&amp;"
        # the report's own markup may hold the same text ("</style>"): never more of it than that
        assert html.count(clean(text)) <= plain.count(clean(text))


@CHARTED
@given(name=HOSTILE, pain=HOSTILE)
def test_exports_of_any_profile_parse_back_and_escape(name, pain):
    profile = parse_profile(ACME).model_copy(deep=True)
    profile.organization.name = name
    profile.value_chain[next(iter(profile.value_chain))].pain_points = pain
    assessment = assess(profile)
    exported = Assessment.model_validate(json.loads(render(assessment, "json")))
    assert exported.organization.name == clean(name)
    assert exported.model_copy(update={"organization": assessment.organization}).maturity == assessment.maturity
    assert len(csv_rows(render(assessment, "csv"))) == len(assessment.use_cases) + 1
    html = render(assessment, "html")
    assert "<script>" not in html and str(markupsafe.escape(clean(name))) in html
    assert "<script>" not in render(assessment, "md")


# --- Writing ----------------------------------------------------------------------------------


def test_write_export_follows_the_umask_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "new" / "dir" / "report.md"
    old_umask = os.umask(0o022)  # exports are made to be shared: the user's normal mode
    try:
        assert write_export("first\n", target) == target
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    with pytest.raises(ExportExists, match="--force"):
        write_export("second\n", target)
    assert target.read_text() == "first\n"
    old_umask = os.umask(0o077)
    try:
        write_export("second\r\n", target, force=True)
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"second\r\n"  # CSV line ends kept as written
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]  # no temp file left


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("kept")
    with pytest.raises(UnicodeEncodeError):  # raised before anything is written
        write_export("bad \udc80 text", target, force=True)
    assert target.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_dangling_symlink_is_not_followed(tmp_path):
    target = tmp_path / "report.md"
    target.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OSError, match="symbolic link"):
        write_export("x", target)
    assert not (tmp_path / "elsewhere.md").exists()


# --- File names -------------------------------------------------------------------------------


def named(name: str | None) -> Assessment:
    return assess(parse_profile(f"organization: {json.dumps({'name': name})}"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Retail", "acme-retail-genai-roadmap.md"),
        ("Société Générale", "societe-generale-genai-roadmap.md"),
        ("../../etc/passwd", "etc-passwd-genai-roadmap.md"),
        ("東京電力", "東京電力-genai-roadmap.md"),
        ("", "genai-roadmap.md"),
        ("///", "genai-roadmap.md"),
        (None, "genai-roadmap.md"),
    ],
)
def test_default_filename(name, expected):
    assert default_filename(named(name), "md") == expected


@FAST
@given(TEXT, st.sampled_from(list(FORMATS)))
def test_default_filename_is_always_safe(acme, name, fmt):
    organization = acme.organization.model_copy(update={"name": name})
    filename = default_filename(acme.model_copy(update={"organization": organization}), fmt)
    assert filename.endswith(f"genai-roadmap.{fmt}")
    assert not filename.startswith((".", "-"))
    assert not set(filename) & set('/\\:*?"<>| \t\n\x00')
    assert len(filename.encode("utf-8")) <= 255
