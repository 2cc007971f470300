"""`advisor assess`, as scripts and consultants call it (a real subprocess where the exit code
and the streams matter)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from tools.assess import assess
from tools.export.files import current_umask
from tools.profile_io import load_profile

ADVISOR = Path(sys.executable).with_name("advisor")
EXPECTED_LEVELS = {
    "bistro-digital.yaml": 1,
    "northwind-logistics.yaml": 1,
    "acme-retail.yaml": 2,
    "meridian-bank.yaml": 3,
    "helix-pharma.yaml": 5,
    "hospital-group.yaml": 1,
    "law-firm.yaml": 1,
    "french-manufacturer.yaml": 2,
}


def advisor(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(ADVISOR), *args], capture_output=True, text=True, cwd=cwd, timeout=60)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_cover_levels_and_json_follows_the_contract(path):
    result = advisor("assess", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["maturity"]["level"] == EXPECTED_LEVELS[path.name]
    for key in ("level", "name", "progress", "confidence", "evidence", "gaps", "ahead"):
        assert key in data["maturity"]
    assert data["strategy"]["name"] in {"incremental", "focused", "hybrid"}
    priorities = [u["priority"] for u in data["use_cases"]]
    assert priorities == sorted(priorities, reverse=True)
    assert {u["quadrant"] for u in data["use_cases"]} <= {"quick_win", "strategic_bet", "fill_in", "deprioritize"}
    for phase in data["roadmap"]["phases"]:
        assert {"name", "horizon", "target_level", "use_cases", "capabilities", "governance"} <= phase.keys()


def test_examples_span_at_least_three_levels():
    assert len(set(EXPECTED_LEVELS.values())) >= 3
    assert {p.name for p in EXAMPLES} == set(EXPECTED_LEVELS)


def test_bad_profile_exits_2_with_one_line_naming_file_and_field(tmp_path):
    bad = tmp_path / "client.yaml"
    bad.write_text("capabilities:\n  rag: maybe\n")
    result = advisor("assess", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and "capabilities.rag" in lines[0] and "'maybe'" in lines[0]
    assert "Traceback" not in result.stderr


def test_formats_and_output_files(tmp_path):
    source = ROOT / "examples" / "acme-retail.yaml"
    expected = assess(load_profile(source))
    md = tmp_path / "out" / "acme.md"
    assert advisor("assess", str(source), "-o", str(md)).returncode == 0
    assert md.read_text().startswith("# ") and "```mermaid" in md.read_text()
    assert stat.S_IMODE(os.stat(md).st_mode) == 0o666 & ~current_umask()  # made to be shared (issue 11)
    again = advisor("assess", str(source), "-o", str(md))
    assert again.returncode == 2 and "--force" in again.stderr
    assert advisor("assess", str(source), "-o", str(md), "--force").returncode == 0
    rows = list(csv.DictReader(io.StringIO(advisor("assess", str(source), "--format", "csv").stdout)))
    assert [r["Id"] for r in rows] == [u.id for u in expected.use_cases]
    html = advisor("assess", str(source), "-f", "html").stdout
    assert html.lstrip().lower().startswith("<!doctype html") and "<svg" in html


def test_unknown_format_is_a_usage_error():
    result = advisor("assess", str(EXAMPLES[0]), "--format", "docx")
    assert result.returncode == 2 and "Traceback" not in result.stderr
