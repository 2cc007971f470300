"""The methodology's texts in another language, as overlays on the English data.

`knowledge/data/*.yaml` stays the single source of the methodology: ids, keys, levels, risks and
every number live there only. `knowledge/data/<lang>/*.yaml` holds nothing but the texts (names,
descriptions, questions, use-case titles, strategies' arguments...), keyed by the same ids, so a
translator can never change a level, a risk or a score: `localized_methodology(lang)` is the same
Methodology with its texts replaced, for display (assess on the English one, see below).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from knowledge.methodology import data_dir, load_methodology
from knowledge.schema import Methodology
from knowledge.vocabulary import CapabilityKey, FunctionKey, StrategyName

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
SOURCE_LANGUAGE: Language = "en"  # the language of knowledge/data/*.yaml itself

# Same files as the English data, so a translator finds a text where its English lives.
OVERLAY_FILES = ("levels.yaml", "value_chain.yaml", "sectors.yaml", "strategies.yaml", "use_cases.yaml")

_STRICT = ConfigDict(extra="forbid", frozen=True)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TranslationError(ValueError):
    """A translation overlay is unreadable or does not fit the English data."""


class PatternBlockText(BaseModel):
    model_config = _STRICT

    name: str
    description: str


class CapabilityText(BaseModel):
    model_config = _STRICT

    name: str
    description: str
    question: str


class SolutionText(BaseModel):
    model_config = _STRICT

    kind: str
    # Only when the English examples are descriptions ("shared prompt libraries"), not product names.
    examples: list[str] | None = None


class LevelText(BaseModel):
    model_config = _STRICT

    name: str
    summary: str
    skills: list[str]
    governance_measures: list[str]
    solutions: list[SolutionText]  # in the English order


class FunctionText(BaseModel):
    model_config = _STRICT

    name: str
    description: str


class SectorText(BaseModel):
    """Only the display name: aliases already hold the French words clients use."""

    model_config = _STRICT

    name: str


class UseCaseText(BaseModel):
    model_config = _STRICT

    title: str
    description: str
    value_drivers: list[str]
    kpis: list[str]
    # Only for a case whose English names deployments: the names stay, what is said of them is translated.
    deployments: list[str] | None = None


class StrategyText(BaseModel):
    model_config = _STRICT

    title: str
    summary: str
    fits_when: list[str]
    watch_out: list[str]
    example: str


class MethodologyText(BaseModel):
    """Every text of the methodology in one language, keyed like the English data."""

    model_config = _STRICT

    pattern_blocks: dict[str, PatternBlockText]
    capabilities: dict[CapabilityKey, CapabilityText]
    levels: dict[str, LevelText]  # by level key (exploratory, beginner...)
    functions: dict[FunctionKey, FunctionText]
    sectors: dict[str, SectorText]
    use_cases: dict[str, UseCaseText]
    strategies: dict[StrategyName, StrategyText]


# Each section of the data, the model of its translatable texts and the field naming an entry.
SECTIONS: dict[str, tuple[type[BaseModel], str]] = {
    "pattern_blocks": (PatternBlockText, "key"),
    "capabilities": (CapabilityText, "key"),
    "levels": (LevelText, "key"),
    "functions": (FunctionText, "key"),
    "sectors": (SectorText, "key"),
    "use_cases": (UseCaseText, "id"),
    "strategies": (StrategyText, "name"),
}


# The fields of the data that are not texts to translate, and why; with SECTIONS, every field of
# every section is accounted for (a test fails on a new text field that is in neither).
NOT_TRANSLATED: dict[str, frozenset[str]] = {
    "pattern_blocks": frozenset({"key"}),
    "capabilities": frozenset({"key", "level", "defining"}),
    # source_name is the paper's own (French) name of the level.
    "levels": frozenset(
        {"number", "key", "source_name", "defining_capability", "pattern_blocks", "governance_expected"}
    ),
    "functions": frozenset({"key", "kind"}),
    "sectors": frozenset({"key", "aliases"}),  # aliases already hold the words clients use, French included
    # keywords are matched against the client's words and already carry the French ones.
    "use_cases": frozenset(
        {
            "id",
            "function",
            "min_level",
            "pattern",
            "objectives",
            "data",
            "risks",
            "effort",
            "sectors",
            "sector_specific",
            "evolves_from",
            "keywords",
            "customer_facing",
            "regulated_data",
            "ai_act_high_risk",
        }
    ),
    "strategies": frozenset({"name"}),
}


def overlay_dir(lang: Language) -> Path:
    return data_dir() / lang


def load_texts_from(directory: Path) -> MethodologyText:
    merged: dict[str, Any] = {}
    for name in OVERLAY_FILES:
        path = directory / name
        try:
            with path.open(encoding="utf-8") as handle:
                content = yaml.load(handle, Loader=_SAFE_LOADER) or {}
        except (OSError, yaml.YAMLError) as error:
            raise TranslationError(f"{path}: {error}") from error
        if not isinstance(content, dict):
            raise TranslationError(f"{path}: expected a mapping of sections")
        merged.update(content)
    try:
        return MethodologyText.model_validate(merged)
    except ValidationError as error:
        raise TranslationError(f"{directory}: {error}") from error


@cache
def load_texts(lang: Language) -> MethodologyText:
    """The shipped overlay of a language other than English; read once per process."""
    if lang == SOURCE_LANGUAGE:
        raise TranslationError("English is the source data, it has no overlay")
    return load_texts_from(overlay_dir(lang))


def _compare(where: str, english: Sequence[str], translated: Collection[str]) -> list[str]:
    missing = [key for key in english if key not in translated]
    extra = [key for key in translated if key not in english]
    problems = [f"{where}: no translation for {key!r}" for key in missing]
    return problems + [f"{where}: {key!r} is not in the English data" for key in extra]


def _same_length(where: str, english: Sequence[object], translated: Sequence[object]) -> list[str]:
    if len(english) == len(translated):
        return []
    return [f"{where}: {len(translated)} items translated, the English has {len(english)}"]


def _blanks(where: str, entry: BaseModel) -> list[str]:
    """Texts left empty in a translation entry (an empty string, or one in a list)."""
    problems = []
    for name, value in entry:
        if isinstance(value, str) and not value.strip():
            problems.append(f"{where}: empty {name}")
        elif isinstance(value, list) and any(isinstance(v, str) and not v.strip() for v in value):
            problems.append(f"{where}: empty text in {name}")
        elif isinstance(value, list):
            problems += [p for item in value if isinstance(item, BaseModel) for p in _blanks(f"{where} {name}", item)]
    return problems


def translation_gaps(m: Methodology, t: MethodologyText) -> list[str]:
    """Every difference between the English texts and a translation: missing or unknown keys,
    empty texts, and lists whose length differs (a sign the English changed after it was
    translated)."""
    problems = _compare("pattern_blocks", [b.key for b in m.pattern_blocks], t.pattern_blocks)
    problems += _compare("capabilities", [c.key for c in m.capabilities], t.capabilities)
    problems += _compare("levels", [lvl.key for lvl in m.levels], t.levels)
    problems += _compare("functions", [f.key for f in m.functions], t.functions)
    problems += _compare("sectors", [s.key for s in m.sectors], t.sectors)
    problems += _compare("use_cases", [u.id for u in m.use_cases], t.use_cases)
    problems += _compare("strategies", [s.name for s in m.strategies], t.strategies)
    for lvl in m.levels:
        if (lt := t.levels.get(lvl.key)) is None:
            continue
        where = f"level {lvl.key}"
        problems += _same_length(f"{where} skills", lvl.skills, lt.skills)
        problems += _same_length(f"{where} governance_measures", lvl.governance_measures, lt.governance_measures)
        problems += _same_length(f"{where} solutions", lvl.solutions, lt.solutions)
        for sol, st in zip(lvl.solutions, lt.solutions, strict=False):
            if st.examples is not None:
                problems += _same_length(f"{where} solution {sol.kind!r}", sol.examples, st.examples)
    for case in m.use_cases:
        if (ct := t.use_cases.get(case.id)) is None:
            continue
        problems += _same_length(f"use case {case.id} value_drivers", case.value_drivers, ct.value_drivers)
        problems += _same_length(f"use case {case.id} kpis", case.kpis, ct.kpis)
        if case.deployments and ct.deployments is None:
            problems.append(f"use case {case.id} deployments: no translation")
        elif ct.deployments is not None:
            problems += _same_length(f"use case {case.id} deployments", case.deployments, ct.deployments)
    for strategy in m.strategies:
        if (stt := t.strategies.get(strategy.name)) is None:
            continue
        problems += _same_length(f"strategy {strategy.name} fits_when", strategy.fits_when, stt.fits_when)
        problems += _same_length(f"strategy {strategy.name} watch_out", strategy.watch_out, stt.watch_out)
    for section in SECTIONS:
        entries: dict[Any, BaseModel] = getattr(t, section)
        problems += [p for key, entry in entries.items() for p in _blanks(f"{section} {key}", entry)]
    return problems


def _texts(entry: BaseModel | None) -> dict[str, Any]:
    return entry.model_dump(exclude={"solutions"}, exclude_none=True) if entry is not None else {}


def localize(m: Methodology, t: MethodologyText) -> Methodology:
    """`m` with the texts of `t` in place of the English ones; ids, keys and numbers unchanged.

    An entry the translation lacks keeps its English text, so a use case added to the catalogue
    after the translation still shows (the data test is what forbids shipping such a gap)."""
    data = m.model_dump()
    for block in data["pattern_blocks"]:
        block.update(_texts(t.pattern_blocks.get(block["key"])))
    for cap in data["capabilities"]:
        cap.update(_texts(t.capabilities.get(cap["key"])))
    for lvl in data["levels"]:
        lt = t.levels.get(lvl["key"])
        lvl.update(_texts(lt))
        if lt is not None and len(lt.solutions) == len(lvl["solutions"]):
            for sol, st in zip(lvl["solutions"], lt.solutions, strict=False):
                sol.update(st.model_dump(exclude_none=True))
    for fn in data["functions"]:
        fn.update(_texts(t.functions.get(fn["key"])))
    for sector in data["sectors"]:
        sector.update(_texts(t.sectors.get(sector["key"])))
    for case in data["use_cases"]:
        case.update(_texts(t.use_cases.get(case["id"])))
    for strategy in data["strategies"]:
        strategy.update(_texts(t.strategies.get(strategy["name"])))
    return Methodology.model_validate(data)


@cache
def localized_methodology(lang: Language) -> Methodology:
    """The shipped methodology with its texts in `lang`; built once per language and process.

    For display only: assess on `load_methodology()` and look the results up here by id. The
    tools read some texts (pain-point matching stems the use-case titles), so assessing on a
    translation would change the advice, which must not depend on the report's language."""
    if lang == SOURCE_LANGUAGE:
        return load_methodology()
    return localize(load_methodology(), load_texts(lang))


def parse_language(value: str) -> Language:
    """A language code from a setting or an option ("fr", "FR", "fr_FR.UTF-8") or a clear error."""
    code = value.strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    for lang in LANGUAGES:
        if code == lang:
            return lang
    raise TranslationError(f"unknown language {value!r}: choose one of {', '.join(LANGUAGES)}")
