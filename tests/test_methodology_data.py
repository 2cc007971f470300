"""The methodology data files: complete, consistent, and checked when a consultant edits them."""

from __future__ import annotations

import shutil

import pytest
import yaml

from knowledge.methodology import (
    DATA_FILES,
    MethodologyError,
    content_hash,
    data_dir,
    load_methodology_from,
    sector_key,
)
from knowledge.schema import Sector


def test_five_levels_each_defined_by_its_capability(methodology):
    assert [(lvl.number, lvl.defining_capability.value) for lvl in methodology.levels] == [
        (1, "public_llm_use"),
        (2, "llm_api_apps"),
        (3, "rag"),
        (4, "fine_tuning"),
        (5, "custom_models"),
    ]
    for lvl in methodology.levels:
        assert "monitoring" in lvl.pattern_blocks  # monitoring runs across all levels
        assert lvl.governance_measures and lvl.solutions
    blocks = [set(lvl.pattern_blocks) for lvl in methodology.levels]
    assert all(lower <= higher for lower, higher in zip(blocks, blocks[1:], strict=False))  # patterns only grow


def test_three_strategies_and_nine_functions(methodology):
    assert [s.name.value for s in methodology.strategies] == ["incremental", "focused", "hybrid"]
    assert sum(f.kind == "primary" for f in methodology.functions) == 5
    assert sum(f.kind == "support" for f in methodology.functions) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pharmaceuticals", "pharma"),
        ("big pharma company", "pharma"),
        ("financial services", "banking"),
        ("online retail", "ecommerce"),
        ("Transport", "logistics"),
        ("shipbuilding", None),
        ("", None),
        (None, None),
    ],
)
def test_free_text_sectors_map_onto_known_sectors(methodology, text, expected):
    assert sector_key(methodology, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a mutual insurer that also covers some health risks", "insurance"),  # the first clause names it
        ("hospitals", "healthcare"),
        ("Banks", "banking"),
        ("insurers", "insurance"),
        ("Retailers", "retail"),
        ("a hotel chain", "hospitality"),
        ("our consulting firm", "professional_services"),
    ],
)
def test_sentences_plurals_and_stems_find_the_sector(methodology, text, expected):
    assert sector_key(methodology, text) == expected


def test_sector_matching_prefers_the_longest_name_and_folds_accents(methodology):
    sectors = [
        Sector(key="retail", name="Retail", aliases=["shops"]),
        Sector(key="banking", name="Banking", aliases=["retail banking", "banque"]),
        Sector(key="healthcare", name="Healthcare", aliases=["care", "hôpital"]),
    ]
    m = methodology.model_copy(update={"sectors": sectors})
    assert sector_key(m, "retail banking group") == "banking"
    assert sector_key(m, "Banques régionales") == "banking"  # French plural
    assert sector_key(m, "HOPITAL public") == "healthcare"  # no accent typed
    assert sector_key(m, "car maker") is None  # "car" is not "care"
    assert sector_key(m, "shipbuilding") is None


def broken_copy(tmp_path, name, edit):
    for file in DATA_FILES:
        shutil.copy(data_dir() / file, tmp_path / file)
    data = yaml.safe_load((tmp_path / name).read_text())
    edit(data)
    (tmp_path / name).write_text(yaml.safe_dump(data))
    return tmp_path


def test_loader_catches_broken_cross_references(tmp_path):
    def successor_at_same_level(data):
        case = next(u for u in data["use_cases"] if u["id"] == "customer_chatbot_finetuned")
        case["min_level"] = 3

    with pytest.raises(MethodologyError, match="customer_chatbot_finetuned: must need a higher level"):
        load_methodology_from(broken_copy(tmp_path, "use_cases.yaml", successor_at_same_level))


def test_loader_catches_unknown_pattern_block(tmp_path):
    def typo(data):
        data["use_cases"][0]["pattern"].append("rga")

    with pytest.raises(MethodologyError, match="unknown pattern block 'rga'"):
        load_methodology_from(broken_copy(tmp_path, "use_cases.yaml", typo))


def test_content_hash_changes_with_the_data(tmp_path):
    for file in DATA_FILES:
        shutil.copy(data_dir() / file, tmp_path / file)
    before = content_hash(tmp_path)
    assert before == content_hash(data_dir())
    (tmp_path / "strategies.yaml").write_text((tmp_path / "strategies.yaml").read_text() + "\n# edited\n")
    assert content_hash(tmp_path) != before
