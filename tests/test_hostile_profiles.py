"""Hostile profile documents: special files, alias bombs, oversized files, duplicate keys and values
no loader can build. Each one is refused with one line naming the file, the field and the reason
(exit 2 from the CLI), fast, and without growing memory.

The cases that hung or exhausted memory before run in a child process with a memory ceiling and a
timeout, so a regression fails the test instead of stalling or swapping the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import tools.profile_io
from conftest import ROOT
from knowledge.vocabulary import Adoption, CapabilityKey
from tools.assess import assess
from tools.profile_io import MAX_PROFILE_BYTES, ProfileError, load_profile, parse_profile
from tools.safe_parse import MAX_NODES

ADVISOR = Path(sys.executable).with_name("advisor")
CODE_ROOT = Path(tools.profile_io.__file__).resolve().parent.parent  # the code under test
MEMORY_CEILING = 1 << 30  # 1 GiB of address space: the advisor needs a fraction of it

# 297 bytes that stand for 9**7 = 4.8 million strings once aliases are expanded.
ALIAS_BOMB = (
    "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
        for prev, name in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=False)
    )
    + "organization: {name: *g}\n"
)

CLINIQUE = """\
# Groupe hospitalier: the consultant pasted the notes of a second workshop below the first.
organization:
  name: Clinique Saint-Roch
  sector: healthcare
  size: medium
  regulated: true
capabilities:
  public_llm_use: production
  llm_api_apps: production
  rag: pilot
governance:
  ai_policy: basic
capabilities:
  public_llm_use: exploring
"""


def isolated(code: str) -> subprocess.CompletedProcess:
    """Run `code` in a child with a memory ceiling; a hang becomes a TimeoutExpired, not a stall."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))

    env = os.environ | {"PYTHONPATH": str(CODE_ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        env=env,
        cwd=CODE_ROOT,
    )


def load_in_child(path: Path) -> str:
    """The one-line refusal a child process printed for `path`, failing on anything else."""
    result = isolated(
        "import sys\nfrom pathlib import Path\nfrom tools.profile_io import ProfileError, load_profile\n"
        f"try:\n    load_profile(Path({str(path)!r}))\nexcept ProfileError as error:\n"
        "    print(error)\n    sys.exit(2)\nprint('loaded')\n"
    )
    assert result.returncode == 2, result.stderr[-500:] or result.stdout
    assert result.stdout.count("\n") == 1
    return result.stdout.strip()


def refusal(text: str, source: str = "client.yaml", json_format: bool = False) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source, json_format=json_format)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{source}: ")
    return caught.value


# --- special files, checked before reading ----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_given_as_a_profile_is_refused_at_once(tmp_path):
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    assert load_in_child(fifo) == f"{fifo}: is a named pipe (FIFO), not a regular file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_without_reading_it():
    assert load_in_child(Path("/dev/zero")) == "/dev/zero: is a character device, not a regular file"


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "acme.yaml"
    folder.mkdir()
    with pytest.raises(ProfileError, match=r"acme.yaml: is a directory"):
        load_profile(folder)


def test_a_profile_over_the_size_cap_is_refused_without_being_read_whole(tmp_path):
    big = tmp_path / "export-crm.yaml"
    with big.open("w") as out:  # a CRM export pasted into the pain points, then 10 GiB more (sparse)
        out.write('value_chain:\n  service:\n    pain_points: "')
        out.write("appels clients en attente " * 100_000)
        out.truncate(10 << 30)
    assert load_in_child(big) == f"{big}: larger than the limit of 1 MiB"


def test_a_profile_just_under_the_cap_is_accepted(tmp_path):
    notes = "Les équipes du service client recopient les réponses à la main. "
    path = tmp_path / "forges.yaml"
    body = 'organization:\n  name: Forges de Lorraine\nvalue_chain:\n  operations:\n    pain_points: ""\n'
    filler = notes * ((MAX_PROFILE_BYTES - len(body.encode()) - 200) // len(notes.encode()))
    path.write_text(body.replace('""', json.dumps(filler, ensure_ascii=False)), encoding="utf-8")
    assert MAX_PROFILE_BYTES - 300 < path.stat().st_size <= MAX_PROFILE_BYTES
    assert load_profile(path).value_chain["operations"].pain_points.startswith("Les équipes")


def test_a_symlink_to_a_regular_profile_is_followed(tmp_path):
    link = tmp_path / "current.yaml"
    link.symlink_to(ROOT / "examples" / "acme-retail.yaml")
    assert load_profile(link).organization.name == "Acme Retail"


# --- alias bombs and nesting ------------------------------------------------------------------


def test_an_alias_bomb_is_refused_fast_and_small(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB)
    assert bomb.stat().st_size < 450
    assert load_in_child(bomb).startswith(f"{bomb}: aliases expand to more than {MAX_NODES:,} values")


def test_aliases_within_the_budget_still_work():
    profile = parse_profile(
        "value_chain:\n  service: &d {importance: 3, genai_today: none}\n"
        "  procurement: *d\n  operations: {<<: *d, importance: 5}\n"
    )
    assert profile.value_chain["procurement"].importance == 3
    assert profile.value_chain["operations"].importance == 5


def test_a_document_of_too_many_plain_values_says_so_without_blaming_aliases():
    error = refusal("use_cases_in_place: [" + ", ".join(["chatbot"] * (MAX_NODES + 1)) + "]\n")
    assert f"holds more than {MAX_NODES:,} values" in str(error)


def test_an_alias_inside_its_own_anchor_is_refused():
    assert "alias refers to the node that contains it" in str(refusal("organization: &o {name: *o}\n"))


def test_deep_nesting_is_refused_in_yaml_and_json():
    assert "nested deeper than 64 levels" in str(refusal("a: " + "[" * 5000 + "]" * 5000))
    assert "nested deeper than 64 levels" in str(
        refusal('{"a": ' + "[" * 500 + "]" * 500 + "}", "client.json", json_format=True)
    )


def test_an_error_about_a_huge_value_shows_only_its_start():
    error = refusal('organization:\n  size: "' + "énorme " * 100_000 + '"\n')
    assert error.field == "organization.size" and len(str(error)) < 300


# --- duplicate keys -------------------------------------------------------------------------


def test_a_second_capabilities_block_is_refused_not_silently_merged(tmp_path):
    path = tmp_path / "clinique.yaml"
    path.write_text(CLINIQUE)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.field == "capabilities"
    assert "given twice (again on line 13)" in str(caught.value)
    first_block = parse_profile(CLINIQUE.rsplit("capabilities:", 1)[0])
    assert first_block.capabilities[CapabilityKey.rag] == Adoption.pilot
    assert assess(first_block).maturity.level == 3  # what the silent merge turned into level 1


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("organization:\n  name: Cabinet Lefèvre\n  size: small\n  size: large\n", "organization.size"),
        (
            "value_chain:\n  service:\n    importance: 2\n    data: [documents]\n    importance: 5\n",
            "value_chain.service.importance",
        ),
        ("governance: {monitoring: basic, monitoring: advanced}\n", "governance.monitoring"),
    ],
    ids=["organization", "function", "flow-mapping"],
)
def test_duplicate_keys_are_refused_at_any_depth_in_yaml(text, field):
    assert refusal(text).field == field


def test_duplicate_keys_are_refused_in_json():
    text = '{"organization": {"name": "Cabinet Lefèvre"}, "capabilities": {"rag": "pilot", "rag": "none"}}'
    error = refusal(text, "lefevre.json", json_format=True)
    assert error.field == "capabilities.rag" and "given twice" in str(error)


# --- values no loader can build: one line, never a traceback ------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        (
            "organization:\n  name: Forges de Lorraine\n  founded: 2024-13-45\n",
            "organization.founded",
            "'2024-13-45' is not a valid date (month must be in 1..12)",
        ),
        (
            "value_chain:\n  operations:\n    importance: !!int abc\n",
            "value_chain.operations.importance",
            "'abc' is not a valid whole number",
        ),
        (
            "value_chain:\n  operations:\n    importance: " + "9" * 5000 + "\n",
            "value_chain.operations.importance",
            "a number of 5,000 characters is too long",
        ),
        ('organization:\n  name: "Clinique \\ud800 Saint-Roch"\n', "organization.name", "lone surrogate"),
        ("organization:\n  name: !!binary 'pas du base64'\n", "organization.name", "failed to decode base64 data"),
    ],
    ids=["date", "int-tag", "5000-digits", "surrogate", "binary-tag"],
)
def test_values_the_loader_cannot_build_name_the_field(text, field, reason):
    error = refusal(text)
    assert error.field == field
    assert reason in str(error)


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ('{"value_chain": {"service": {"importance": ' + "7" * 5000 + "}}}", None, "a number of 5,000 digits"),
        ('{"organization": {"name": "Cabinet \\udc00"}}', "organization.name", "lone surrogate"),
        ('{"organization": {"name": NaN}}', None, "NaN is not a JSON value"),
    ],
    ids=["5000-digits", "surrogate", "nan"],
)
def test_json_values_the_loader_cannot_build(text, field, reason):
    error = refusal(text, "client.json", json_format=True)
    assert error.field == field and reason in str(error)


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("organization:\n  name: Société Générale d'Études\n".encode("latin-1"))
    with pytest.raises(ProfileError, match=r"latin1.yaml: not UTF-8 text \(byte 0xe9 on line 2\)"):
        load_profile(path)


def test_a_json_profile_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "notepad.json"  # what Windows Notepad writes as "UTF-8 with BOM"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"organization": {"name": "Hôpital Nord"}}).encode())
    assert load_profile(path).organization.name == "Hôpital Nord"
    yaml_path = tmp_path / "notepad.yaml"
    yaml_path.write_bytes(b"\xef\xbb\xbforganization:\n  name: H\xc3\xb4pital Nord\n")
    assert load_profile(yaml_path).organization.name == "Hôpital Nord"


CLI_CASES = {
    "date": ("organization:\n  name: 2024-13-45\n", "not a valid date"),
    "int": ("organization:\n  name: !!int abc\n", "not a valid whole number"),
    "digits": ("value_chain:\n  service:\n    importance: " + "1" * 5000 + "\n", "too long"),
    "surrogate": ('organization:\n  name: "\\ud800"\n', "lone surrogate"),
    "duplicate": (CLINIQUE, "given twice"),
    "bomb": (ALIAS_BOMB, "aliases expand"),
}


@pytest.mark.parametrize("name", CLI_CASES)
def test_the_cli_prints_one_line_and_exits_2(tmp_path, name):
    text, reason = CLI_CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    result = subprocess.run(
        [str(ADVISOR), "assess", str(path), "-f", "md"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING,) * 2),
    )
    assert result.returncode == 2, result.stderr[-300:]
    assert result.stdout == ""
    assert result.stderr.startswith(f"advisor: {path}: ") and result.stderr.count("\n") == 1
    assert reason in result.stderr
