"""Load the methodology data files and check that they hold together."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from knowledge.schema import Capability, MaturityLevel, Methodology, UseCase, ValueChainFunction
from knowledge.text import first_clause, phrase_at, word_sequence
from knowledge.vocabulary import CapabilityKey, FunctionKey

DATA_FILES = ("levels.yaml", "value_chain.yaml", "sectors.yaml", "strategies.yaml", "use_cases.yaml")


# The C loader reads the catalogue four times faster; it is the same safe subset of YAML.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MethodologyError(ValueError):
    """The shipped or edited methodology data is inconsistent."""


def data_dir() -> Path:
    return Path(str(resources.files("knowledge") / "data"))


def content_hash(directory: Path | None = None) -> str:
    """A fingerprint of the data files, so derived indexes know when to rebuild."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((directory or data_dir()).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def load_methodology_from(directory: Path) -> Methodology:
    merged: dict[str, object] = {}
    for name in DATA_FILES:
        with directory.joinpath(name).open(encoding="utf-8") as handle:
            merged.update(yaml.load(handle, Loader=_SAFE_LOADER) or {})
    methodology = Methodology.model_validate(merged)
    _check_references(methodology)
    return methodology


@cache
def load_methodology() -> Methodology:
    """The shipped methodology; read once per process since it never changes while running."""
    return load_methodology_from(data_dir())


def _check_references(m: Methodology) -> None:
    blocks = {b.key for b in m.pattern_blocks}
    caps = {c.key for c in m.capabilities}
    sectors = {s.key for s in m.sectors}
    ids = [u.id for u in m.use_cases]
    problems: list[str] = []
    if caps != set(CapabilityKey):
        problems.append(f"capabilities must cover {sorted(set(CapabilityKey) - caps)}")
    if [lvl.number for lvl in m.levels] != [1, 2, 3, 4, 5]:
        problems.append("levels must be numbered 1 to 5 in order")
    if {f.key for f in m.functions} != set(FunctionKey):
        problems.append("value chain must have the nine functions")
    if len(ids) != len(set(ids)):
        problems.append("use-case ids must be unique")
    for level in m.levels:
        problems += [
            f"level {level.number}: unknown pattern block {b!r}" for b in level.pattern_blocks if b not in blocks
        ]
        defining = next((c for c in m.capabilities if c.key == level.defining_capability), None)
        if defining is None or defining.level != level.number or not defining.defining:
            problems.append(f"level {level.number}: defining capability must be of that level")
    for case in m.use_cases:
        problems += [f"use case {case.id}: unknown pattern block {b!r}" for b in case.pattern if b not in blocks]
        problems += [f"use case {case.id}: unknown sector {s!r}" for s in case.sectors if s not in sectors]
        if case.evolves_from is not None:
            base = next((u for u in m.use_cases if u.id == case.evolves_from), None)
            if base is None:
                problems.append(f"use case {case.id}: evolves from unknown {case.evolves_from!r}")
            elif base.min_level >= case.min_level:
                problems.append(f"use case {case.id}: must need a higher level than {base.id}")
        if case.sector_specific and not case.sectors:
            problems.append(f"use case {case.id}: sector_specific needs sectors")
    if problems:
        raise MethodologyError("; ".join(problems))


# Small lookups used across the tools; each is a pure function of the methodology.


def level(m: Methodology, number: int) -> MaturityLevel:
    return m.levels[number - 1]


def capability(m: Methodology, key: CapabilityKey) -> Capability:
    return next(c for c in m.capabilities if c.key == key)


def capabilities_of_level(m: Methodology, number: int) -> list[Capability]:
    return [c for c in m.capabilities if c.level == number]


def function(m: Methodology, key: FunctionKey) -> ValueChainFunction:
    return next(f for f in m.functions if f.key == key)


def use_case(m: Methodology, case_id: str) -> UseCase:
    return next(u for u in m.use_cases if u.id == case_id)


def sector_key(m: Methodology, free_text: str | None) -> str | None:
    """Map a free-text sector ("Financial services", "a mutual insurer", "groupe hospitalier")
    onto a known sector key.

    Names and aliases match as whole words or stem sequences (plurals, French forms, no accents),
    never inside a word: "shipbuilding" is not "building". The organisation is named by the first
    clause ("an insurer that also covers health risks" is insurance); there the longest matching
    name wins ("retail banking" over "retail"), then the earliest.
    """
    if not free_text or not free_text.strip():
        return None
    return _sector_key(tuple((s.key, s.name, tuple(s.aliases)) for s in m.sectors), free_text)


@cache
def _sector_key(sectors: tuple[tuple[str, str, tuple[str, ...]], ...], free_text: str) -> str | None:
    for text in (first_clause(free_text), free_text):
        said = word_sequence(text)
        # Longest name first; then the one whose words are the client's own (after folding, so
        # "Hospitality" is hospitality, not "hospital" by stem), then the closest in spelling,
        # then the earliest in the text, then the order of sectors.yaml.
        best: tuple[int, int, int, int, int] | None = None
        for order, (key, name_, aliases) in enumerate(sectors):
            for name in _sector_names(key, name_, aliases):
                at = phrase_at([stems for _, stems in said], [stems for _, stems in name])
                if at is None:
                    continue
                pairs = list(zip((w for w, _ in said[at : at + len(name)]), (w for w, _ in name), strict=False))
                exact = sum(mine == theirs for mine, theirs in pairs)
                spelling = sum(abs(len(mine) - len(theirs)) for mine, theirs in pairs)
                rank = (-len(name), -exact, spelling, at, order)
                if best is None or rank < best:
                    best = rank
        if best is not None:
            return sectors[best[4]][0]
    return None


@cache
def _sector_names(key: str, name: str, aliases: tuple[str, ...]) -> list[list[tuple[str, frozenset[str]]]]:
    phrases = [key.replace("_", " "), name, *aliases]
    return [seq for seq in (word_sequence(p.replace("-", " ")) for p in phrases) if seq]
