"""`advisor interview` (plain terminal, --simulate --json) and `advisor sessions`, run through a
Typer app that mounts them the way `agent.cli` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from agent.commands import sessions
from agent.commands.interview import interview
from knowledge.vocabulary import Adoption, CapabilityKey, FunctionKey
from tools.assess import assess
from tools.profile import Profile
from tools.profile_io import dump_profile, load_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

app = typer.Typer()
app.command("interview")(interview)
app.add_typer(sessions.app, name="sessions")
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.mark.skipif(not EXAMPLES, reason="no example profiles")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_simulate_reaches_the_level_of_assess(example):
    result = invoke("interview", "--simulate", str(example), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    expected = assess(load_profile(example))
    assert document["maturity"]["level"] == expected.maturity.level
    assert 0 < document["questions_asked"] <= 25 and len(document["questions"]) == document["questions_asked"]
    for key in ("maturity", "use_cases", "strategy", "roadmap"):
        assert key in document


adoption = st.sampled_from([None, *[a.value for a in Adoption]])


@st.composite
def profile_documents(draw) -> dict:
    caps = {k.value: v for k in CapabilityKey if (v := draw(adoption)) is not None}
    functions = draw(st.lists(st.sampled_from([f.value for f in FunctionKey]), max_size=3, unique=True))
    return {
        "organization": {
            "name": draw(st.sampled_from(["Acme", "Zeta Bank", "Ö Corp"])),
            "sector": draw(st.sampled_from(["retail", "banking", "Financial services", "shipbuilding"])),
            "regulated": draw(st.booleans()),
            "budget": draw(st.sampled_from(["low", "medium", "high"])),
        },
        "value_chain": {
            f: {
                "importance": draw(st.integers(1, 5)),
                "genai_today": draw(st.sampled_from([a.value for a in Adoption])),
            }
            for f in functions
        },
        "capabilities": caps,
    }


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(profile_documents())
def test_simulate_matches_assess_on_generated_profiles(tmp_path, document):
    path = tmp_path / "generated.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    result = invoke("interview", "--simulate", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["maturity"]["level"] == assess(Profile.model_validate(document)).maturity.level


def test_simulate_without_json_prints_the_exchanges(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(dump_profile(Profile.model_validate({"capabilities": {"public_llm_use": "exploring"}})))
    result = invoke("interview", "--simulate", str(path))
    assert result.exit_code == 0
    assert "1. Which sector" in result.stdout and "> I don't know" in result.stdout
    assert "Level 1 (Exploratory)" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["interview", "--simulate", "missing.yaml", "--json"], "missing.yaml: no such file"),
        (["interview", "--json"], "--json needs --simulate"),
        (["interview", "--simulate", "x.yaml", "--session", "abc"], "cannot be combined"),
    ],
)
def test_interview_errors_are_one_line_with_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_bad_profile_names_the_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("capabilities:\n  rag: sometimes\n", encoding="utf-8")
    result = invoke("interview", "--simulate", str(path), "--json")
    assert result.exit_code == 2 and "capabilities.rag" in result.stderr


def test_a_plain_terminal_interview_saves_and_resumes(tmp_path):
    first = invoke(
        "interview", "--client", "Acme Retail", "--offline", input="retail\nproduction\nwhat is RAG?\n/skip\n/quit\n"
    )
    assert first.exit_code == 0, first.output
    assert "[guided mode]" in first.stdout and "1. Which sector" in first.stdout
    assert "Sources:" in first.stdout
    assert "Resume with: advisor interview --session" in first.stdout
    listed = json.loads(invoke("sessions", "list", "--json").stdout)
    assert len(listed) == 1 and listed[0]["client"] == "Acme Retail" and listed[0]["questions_asked"] == 3
    session_id = listed[0]["id"]

    second = invoke("interview", "--session", session_id[:6], "--offline", input="customer experience\n")
    assert second.exit_code == 0
    assert "4. Which strategic objectives" in second.stdout
    assert "5. Which parts of the business" in second.stdout


def test_a_plain_interview_to_the_end_then_sessions_commands(tmp_path):
    answers = "\n".join(["retail", "none", "cost reduction", "service", "5", "low", "low", "/done"]) + "\n"
    result = invoke("interview", "--client", "Bistro", "--offline", input=answers)
    assert result.exit_code == 0
    assert "Assessment after" in result.stdout and "Maturity: level 1" in result.stdout
    session_id = json.loads(invoke("sessions", "list", "--json").stdout)[0]["id"]

    shown = invoke("sessions", "show", session_id)
    assert shown.exit_code == 0 and "Bistro" in shown.stdout and "level 1" in shown.stdout
    shown_json = json.loads(invoke("sessions", "show", session_id, "--json").stdout)
    assert shown_json["session"]["status"] == "done" and shown_json["pending_question"] is None

    profile = invoke("sessions", "profile", session_id)
    learned = yaml.safe_load(profile.stdout)
    assert learned["organization"]["sector"] == "retail"
    assert learned["evidence"]["capabilities.public_llm_use"]["answer"] == "none"
    bare = yaml.safe_load(invoke("sessions", "profile", session_id, "--no-evidence").stdout)
    assert "evidence" not in bare

    target = tmp_path / "report.md"
    assert invoke("sessions", "export", session_id, "--format", "md", "-o", str(target)).exit_code == 0
    assert "Bistro" in target.read_text(encoding="utf-8")
    again = invoke("sessions", "export", session_id, "-o", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr
    printed = invoke("sessions", "export", session_id, "--format", "json", "-o", "-")
    assert json.loads(printed.stdout)["maturity"]["level"] == 1

    assert invoke("sessions", "rename", session_id, "Second workshop").exit_code == 0
    assert "Second workshop" in invoke("sessions", "list").stdout
    refused = invoke("sessions", "delete", session_id)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert invoke("sessions", "delete", session_id, "--yes").exit_code == 0
    assert "No sessions yet" in invoke("sessions", "list").stdout


def test_a_profile_seeds_a_new_session(tmp_path):
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        dump_profile(
            Profile.model_validate(
                {
                    "organization": {"name": "Seeded", "sector": "banking"},
                    "capabilities": {"public_llm_use": "production", "llm_api_apps": "none"},
                }
            )
        )
    )
    created = invoke("sessions", "new", "Seeded", "--profile", str(seed))
    assert created.exit_code == 0
    session_id = created.stdout.strip()
    shown = json.loads(invoke("sessions", "show", session_id, "--json").stdout)
    assert shown["session"]["level"] == 1 and shown["session"]["questions_asked"] == 0

    result = invoke("interview", "--profile", str(seed), "--offline", input="/quit\n")
    assert result.exit_code == 0
    assert "1. Which strategic objectives" in result.stdout  # sector and the climb are known


def test_unknown_session_is_exit_2(tmp_path):
    for args in (
        ["sessions", "show", "nope"],
        ["sessions", "export", "nope"],
        ["sessions", "profile", "nope"],
        ["sessions", "rename", "nope", "x"],
        ["interview", "--session", "nope"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2 and "no session matches 'nope'" in result.stderr, args
