"""Fuzzing what a respondent or a consultant can hand the advisor.

- Profile documents (random YAML and JSON structures, YAML with anchors and aliases, random text
  and bytes on disk): the result is a Profile or one clean, one-line ProfileError, never another
  exception.
- Interview answers, in English and French, against every question of the bank: the offline
  reader never raises and always returns an Understood whose status says what to do next.

The generous per-example deadline is a hang detector, not a speed target (those live in `make bench`).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.questions import bank
from agent.understand import Understood, understand
from tools.profile import Profile
from tools.profile_io import ProfileError, load_profile, parse_profile

HANG = timedelta(seconds=10)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
section_keys = st.sampled_from(
    [
        "organization",
        "value_chain",
        "capabilities",
        "governance",
        "evidence",
        "name",
        "importance",
        "service",
        "rag",
        "monitoring",
        "data",
        "size",
        "use_cases_in_place",
        "pain_points",
        "genai_today",
        "<<",
    ]
)
shaped = st.dictionaries(section_keys, json_values | st.dictionaries(section_keys, json_values, max_size=4), max_size=5)
yaml_scalars = st.sampled_from(
    [
        "pilot",
        "production",
        "none",
        "2024-13-45",
        "2024-02-29",
        "!!int abc",
        "!!float x",
        "'3'",
        "3",
        "1e999",
        "9" * 200,
        "~",
        "yes",
        "no",
        "on",
        '"\\ud800"',
        '"\\x1b[2J"',
        "!!binary aGVsbG8=",
        "!!str 12",
        "{}",
        "[]",
        "Clinique Saint-Roch",
        "Cabinet Lefèvre & Associés",
        "« pilote »",
        "*a",
        "&a x",
        "!!python/name:os.system",
    ]
)


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """YAML text assembled line by line: duplicate keys, tags, anchors and aliases in any order."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = "  " * draw(st.integers(0, 3))
        key = draw(section_keys)
        value = draw(yaml_scalars | st.just(""))
        lines.append(f"{indent}{key}: {value}".rstrip())
    return "\n".join(lines) + "\n"


@st.composite
def alias_nests(draw: st.DrawFn) -> str:
    """A chain of anchors, each a list of aliases to the previous: sizes from tiny to bombs."""
    fan_out = draw(st.integers(1, 9))
    depth = draw(st.integers(1, 10))
    lines = [f"a0: &a0 [{', '.join(['lol'] * fan_out)}]"]
    for level in range(1, depth + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * fan_out)}]")
    target = draw(st.sampled_from(["organization: {name: *a%d}", "use_cases_in_place: *a%d", "evidence: {x: *a%d}"]))
    return "\n".join(lines) + "\n" + target % depth + "\n"


def assert_clean(call, sources=("fuzz.yaml", "fuzz.json")) -> Profile | None:
    try:
        return call()
    except ProfileError as error:
        message = str(error)
        assert "\n" not in message and len(message) < 400
        assert message.startswith(tuple(f"{source}: " for source in sources))
        return None


@settings(max_examples=150, deadline=HANG, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_as_yaml(text):
    assert_clean(lambda: parse_profile(text, "fuzz.yaml"))


@settings(max_examples=150, deadline=HANG)
@given(shaped)
def test_profile_shaped_documents(document):
    assert_clean(lambda: parse_profile(yaml.safe_dump(document), "fuzz.yaml"))
    assert_clean(lambda: parse_profile(json.dumps(document), "fuzz.json", json_format=True))


@settings(max_examples=200, deadline=HANG)
@given(yaml_lines())
def test_hand_written_yaml_with_tags_duplicates_and_aliases(text):
    assert_clean(lambda: parse_profile(text, "fuzz.yaml"))


@settings(max_examples=60, deadline=HANG)
@given(alias_nests())
def test_alias_nests_load_or_are_refused_by_the_budget(text):
    try:
        parse_profile(text, "fuzz.yaml")
    except ProfileError as error:
        assert "\n" not in str(error) and len(str(error)) < 400


@settings(max_examples=60, deadline=HANG)
@given(st.binary(max_size=200), st.sampled_from(["fuzz.yaml", "fuzz.json"]))
def test_any_bytes_on_disk(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    assert_clean(lambda: load_profile(path), sources=(str(path),))


def test_a_megabyte_company_name_is_accepted_as_text():
    profile = parse_profile(json.dumps({"organization": {"name": "x" * 1_000_000}}), "big.json", json_format=True)
    assert len(profile.organization.name) == 1_000_000


# --- interview answers --------------------------------------------------------------------------

QUESTIONS = list(bank().values())
answers = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "oui",
            "non",
            "je ne sais pas",
            "aucune idée",
            "on a un pilote RAG sur les dossiers patients",
            "nobody does that here",
            "3",
            "12",
            "-1",
            "1e999",
            "tous",
            "rien",
            "/skip",
            "/back",
            "/ask pourquoi ?",
            "2024-13-45",
            "\x1b[2J\x1b]0;pwned\x07",
            "\x00" * 50,
            "\ud800",
            "‮",
            "[/]",
            "[link=http://x]a[/link]",
            "Nous sommes un cabinet d'avocats de 40 personnes à Lyon, très prudents avec les données clients.",
        ]
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçù ,.;!?'-0123456789", min_size=1, max_size=400),
)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
@settings(max_examples=25, deadline=HANG, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=answers)
def test_understand_never_raises_and_says_what_to_do(question, text):
    read = understand(question, text)
    assert isinstance(read, Understood)
    assert read.status in {"value", "unknown", "unclear"}
    if read.status == "unclear":
        assert read.value is None
    # a sector the catalogue does not list is still a sector: its choices are suggestions
    if read.status == "value" and question.kind == "choice" and question.id != "organization.sector":
        assert read.value in {choice.value for choice in question.choices}


@settings(max_examples=20, deadline=HANG)
@given(st.integers(1_000, 200_000))
def test_a_pasted_page_is_read_without_raising(length):
    page = ("Le service client recopie les réponses à la main. " * (length // 50 + 1))[:length]
    for question in QUESTIONS[:: max(1, len(QUESTIONS) // 8)]:
        assert isinstance(understand(question, page), Understood)
