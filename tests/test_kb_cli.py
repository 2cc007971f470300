"""`advisor kb` through Typer's CliRunner: pure JSON on stdout, one-line errors with the right exit
codes, ingest reports, status and rebuild. The sub-app is invoked directly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.commands.kb import app
from agent.settings import Settings
from knowledge.kb import KnowledgeBase

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kb-cli-home")


@pytest.fixture(autouse=True)
def shared_data_dir(_isolated_user_dirs, home, monkeypatch):
    """One data directory for the module, so the methodology is indexed once, not per test."""
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(home / "data"))


def run(*args: str):
    return runner.invoke(app, list(args))


def test_search_json_is_pure_json_with_the_promised_fields():
    result = run("search", "which tools for RAG?", "-k", "3", "--json")
    assert result.exit_code == 0, result.output
    passages = json.loads(result.stdout)
    assert len(passages) == 3
    assert {"text", "source", "section", "score"} <= set(passages[0])
    assert passages[0]["source"] == "solutions.md"


def test_search_human_output_ranks_passages_with_their_source():
    # -k 5: each catalogue chunk names its level, so "level" weighs less than it did, and the dense
    # half ranks the governance and fine-tuning passages about level 4 close to it.
    result = run("search", "what changes between level 3 and 4", "-k", "5")
    assert result.exit_code == 0
    assert result.stdout.startswith("1. ")
    assert "levels.md › Maturity levels > From level 3 to level 4" in result.stdout
    assert "2. " in result.stdout


def test_search_filters_and_french():
    result = run("search", "quels outils pour le RAG ?", "--level", "3", "--json")
    passages = json.loads(result.stdout)
    assert passages and all(3 in p["metadata"]["levels"] for p in passages)
    service = json.loads(run("search", "chatbot", "--function", "service", "--json").stdout)
    assert service and {p["metadata"]["function"] for p in service} == {"service"}


@pytest.mark.parametrize(
    "args",
    [
        ("search", "   "),
        ("search", "rag", "-k", "0"),
        ("search", "rag", "-c", "elsewhere"),
        ("search", "rag", "--level", "9"),
    ],
)
def test_bad_input_exits_2_without_a_traceback(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_ingest_reports_added_and_skipped_files_then_search_finds_them(tmp_path):
    (tmp_path / "policy.md").write_text("# AI policy\n## Public assistants\nNo client files in public chatbots.\n")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    result = run("ingest", str(tmp_path / "policy.md"), str(tmp_path / "scan.pdf"))
    assert result.exit_code == 0, result.output
    assert "policy.md: added, 1 chunk" in result.stdout
    assert "skipped" in result.stderr and "scan.pdf" in result.stderr
    found = json.loads(run("search", "client files public chatbots", "-c", "documents", "--json").stdout)
    assert found[0]["source"] == "policy.md" and found[0]["collection"] == "documents"
    assert "unchanged" in run("ingest", str(tmp_path / "policy.md")).stdout


def test_ingest_with_nothing_readable_exits_2(tmp_path):
    assert run("ingest", str(tmp_path / "missing.md")).exit_code == 2
    (tmp_path / "empty").mkdir()
    result = run("ingest", str(tmp_path / "empty"))
    assert result.exit_code == 2 and "no DOCX, PPTX, PDF, HTML, Markdown or text file" in result.stderr


def test_status_and_rebuild():
    status = json.loads(run("status", "--json").stdout)
    assert status["mode"] == "embedded" and status["embedding"] == "hybrid: use-multilingual-v3"
    assert status["location"] == str(Settings().qdrant_path)
    methodology = next(c for c in status["collections"] if c["name"] == "methodology")
    assert methodology["points"] > 100
    human = run("status").stdout
    assert "methodology:" in human and "location:" in human
    rebuilt = run("rebuild")
    assert rebuilt.exit_code == 0 and rebuilt.stdout.startswith("rebuilt (hybrid: use-multilingual-v3): methodology")


def test_a_busy_store_exits_1_with_one_line():
    with KnowledgeBase(path=Settings().qdrant_path):
        result = run("search", "rag")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "already open" in result.stderr
    assert "Traceback" not in result.output
