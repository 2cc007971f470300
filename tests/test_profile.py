"""The profile contract: YAML and JSON in and out, every field optional, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from conftest import EXAMPLES, ROOT
from knowledge.vocabulary import Adoption, CapabilityKey, FunctionKey
from strategies import profiles
from tools.profile import Profile
from tools.profile_io import MAX_PROFILE_BYTES, ProfileError, dump_profile, load_profile, parse_profile
from tools.safe_parse import MAX_DEPTH, MAX_DIGITS, MAX_NODES

CONTRACT_EXAMPLE = Path(__file__).parent / "data" / "contract_profile.yaml"


def test_contract_example_loads_with_every_section():
    profile = load_profile(CONTRACT_EXAMPLE)
    assert profile.organization.name == "Acme Retail"
    assert profile.value_chain[FunctionKey.marketing_sales].importance == 5
    assert profile.capabilities[CapabilityKey.public_llm_use] == Adoption.production
    assert len(profile.capabilities) == 13


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_shipped_examples_load(path):
    assert load_profile(path).organization.name


def test_empty_profile_is_all_unknown():
    profile = parse_profile("")
    assert profile == Profile()


def test_null_values_mean_unknown_and_bare_function_means_present():
    profile = parse_profile("value_chain:\n  service:\ncapabilities:\n  rag:\n")
    assert FunctionKey.service in profile.value_chain
    assert profile.value_chain[FunctionKey.service].importance is None
    assert CapabilityKey.rag not in profile.capabilities


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("organization: [", None, "invalid YAML at line 1"),
        ("- a\n- b\n", None, "expected a mapping at the top level, got a list"),
        ("organization:\n  size: huge\n", "organization.size", "'huge' is not one of"),
        ("value_chain:\n  sales:\n    importance: 3\n", "value_chain.sales", "'sales' is not one of"),
        ("value_chain:\n  service:\n    importance: 7\n", "value_chain.service.importance", "out of range"),
        ("capabilities:\n  rag: sometimes\n", "capabilities.rag", "'sometimes' is not one of"),
        ("capabilites:\n  rag: pilot\n", "capabilites", "unknown field"),
        ("governance:\n  monitoring: strong\n", "governance.monitoring", "is not one of"),
    ],
)
def test_bad_profiles_give_one_line_naming_file_field_and_reason(text, field, reason):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "client.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("client.yaml: ")
    assert caught.value.field == field
    assert reason in message


def test_json_profiles_and_json_errors(tmp_path):
    good = tmp_path / "p.json"
    good.write_text(json.dumps({"capabilities": {"public_llm_use": "pilot"}}))
    assert load_profile(good).capabilities[CapabilityKey.public_llm_use] == Adoption.pilot
    bad = tmp_path / "bad.json"
    bad.write_text('{"capabilities": ')
    with pytest.raises(ProfileError, match=r"bad.json: invalid JSON at line 1"):
        load_profile(bad)


def test_missing_file_and_binary_file(tmp_path):
    with pytest.raises(ProfileError, match="no such file"):
        load_profile(tmp_path / "absent.yaml")
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\x01\xff")
    with pytest.raises(ProfileError):
        load_profile(binary)


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_any_profile_round_trips_through_yaml_and_json(profile):
    assert parse_profile(dump_profile(profile)) == profile
    assert parse_profile(dump_profile(profile, json_format=True), json_format=True) == profile


def test_control_characters_are_dropped_from_free_text():
    profile = parse_profile(
        'organization:\n  name: "Acme\\x1b[2J\\x00 Retail\\x9b"\n'
        'value_chain:\n  service:\n    pain_points: "slow\\ttickets\\nand\\x07 more"\n'
    )
    assert profile.organization.name == "Acme[2J Retail"
    assert profile.value_chain["service"].pain_points == "slow\ttickets\nand more"


def test_text_longer_than_the_cap_is_refused_before_parsing():
    with pytest.raises(ProfileError, match=r"pasted.yaml: longer than the limit of 1 MiB"):
        parse_profile("organization: {name: " + "x" * MAX_PROFILE_BYTES + "}", "pasted.yaml")


def test_the_readme_states_the_limits_the_loader_enforces():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    assert f"{MAX_PROFILE_BYTES >> 20} MiB" in section
    assert f"{MAX_NODES:,} values" in section
    assert f"{MAX_DEPTH} levels of nesting" in section
    assert f"{MAX_DIGITS} digits" in section
