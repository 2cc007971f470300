"""Fuzzing the profile loader: whatever the file holds, the result is a profile or a clean,
one-line ProfileError — never another exception."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.profile_io import ProfileError, load_profile, parse_profile

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
section_keys = st.sampled_from(["organization", "value_chain", "capabilities", "governance", "evidence",
                                "name", "importance", "service", "rag", "monitoring", "data"])
shaped = st.dictionaries(section_keys, json_values | st.dictionaries(section_keys, json_values, max_size=4),
                         max_size=5)


def assert_clean(call):
    try:
        call()
    except ProfileError as error:
        assert "\n" not in str(error)
        assert str(error).startswith("fuzz.yaml: ") or str(error).startswith("fuzz.json: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_as_yaml(text):
    assert_clean(lambda: parse_profile(text, "fuzz.yaml"))


@settings(max_examples=150, deadline=None)
@given(shaped)
def test_profile_shaped_documents(document):
    assert_clean(lambda: parse_profile(yaml.safe_dump(document), "fuzz.yaml"))
    assert_clean(lambda: parse_profile(json.dumps(document), "fuzz.json", json_format=True))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_on_disk(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_profile(path)
    except ProfileError as error:
        assert "\n" not in str(error)


def test_yaml_bombs_and_deep_nesting_are_refused_cleanly():
    deep = "a: " + "[" * 5000 + "]" * 5000
    assert_clean(lambda: parse_profile(deep, "fuzz.yaml"))
    aliases = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n" \
              "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\norganization: {name: *c}\n"
    assert_clean(lambda: parse_profile(aliases, "fuzz.yaml"))


def test_a_megabyte_company_name_is_accepted_as_text():
    profile = parse_profile(json.dumps({"organization": {"name": "x" * 1_000_000}}), "big.json", json_format=True)
    assert len(profile.organization.name) == 1_000_000
