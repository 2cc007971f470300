"""Profile hardening: time and peak memory for the largest profiles the advisor accepts, and how
fast it refuses the hostile ones.

Each measurement runs in a fresh child process, so peak RSS (`getrusage`) belongs to that one load
and not to whatever the benchmark process did before. Two accepted shapes sit at the limits:
- text at the size cap: a 1 MiB profile whose pain points and evidence answers are long pastes;
- nodes at the budget: a profile of thousands of small evidence entries, just under the number of
  values the loader allows (the shape that costs most to parse and validate per byte).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pydantic import BaseModel

from bench.figures import Figure

ROOT = Path(__file__).resolve().parent.parent

# The child loads and assesses the profile; it prints seconds and memory figures as JSON.
CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
from tools.assess import assess
from tools.export import render
from tools.profile_io import ProfileError, load_profile

path, traced = Path(sys.argv[1]), sys.argv[2] == "traced"
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if traced:
    tracemalloc.start()
start = time.perf_counter()
try:
    profile = load_profile(path)
except ProfileError as error:
    loaded, refused = time.perf_counter() - start, str(error)[:120]
    assessed = loaded
else:
    loaded, refused = time.perf_counter() - start, None
    render(assess(profile), "md")
    assessed = time.perf_counter() - start
peak_traced = tracemalloc.get_traced_memory()[1] if traced else 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"load_s": loaded, "assess_s": assessed, "rss_kib": peak, "baseline_kib": baseline,
                  "traced_bytes": peak_traced, "refused": refused}))
"""


class Load(BaseModel):
    """What the child measured for one profile."""

    load_s: float
    assess_s: float
    rss_kib: int
    baseline_kib: int
    traced_bytes: int
    refused: str | None


def run() -> list[Figure]:
    from tools.profile_io import MAX_PROFILE_BYTES
    from tools.safe_parse import MAX_NODES

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        text_path = Path(folder) / "at-size-cap.yaml"
        text_path.write_text(_text_at_cap(MAX_PROFILE_BYTES), encoding="utf-8")
        nodes_path = Path(folder) / "at-node-budget.yaml"
        nodes_path.write_text(_nodes_at_budget(MAX_NODES), encoding="utf-8")
        bomb_path = Path(folder) / "alias-bomb.yaml"
        bomb_path.write_text(_alias_bomb(), encoding="utf-8")
        for label, path in (("1 MiB of text", text_path), (f"{MAX_NODES:,} values", nodes_path)):
            plain, traced = _child(path, False), _child(path, True)
            if plain.refused:
                raise RuntimeError(f"the largest accepted profile was refused: {plain.refused}")
            size = path.stat().st_size / (1 << 20)
            figures += [
                Figure(
                    area="hardening",
                    name=f"load, profile at cap ({label}, {size:.2f} MiB)",
                    value=plain.load_s * 1000,
                    unit="ms",
                    target=2000,
                ),
                Figure(
                    area="hardening",
                    name=f"load + assess + md, profile at cap ({label})",
                    value=plain.assess_s * 1000,
                    unit="ms",
                    target=3000,
                ),
                Figure(
                    area="hardening",
                    name=f"peak RSS, profile at cap ({label})",
                    value=plain.rss_kib / 1024,
                    unit="MiB",
                    target=300,
                ),
                Figure(
                    area="hardening",
                    name=f"peak Python allocations while loading ({label})",
                    value=traced.traced_bytes / (1 << 20),
                    unit="MiB",
                    target=100,
                ),
            ]
        bomb = _child(bomb_path, False)
        if not bomb.refused:
            raise RuntimeError("the alias bomb was accepted")
        figures += [
            Figure(
                area="hardening",
                name=f"alias bomb refused ({bomb_path.stat().st_size} bytes)",
                value=bomb.load_s * 1000,
                unit="ms",
                target=100,
            ),
            Figure(
                area="hardening", name="peak RSS, alias bomb refused", value=bomb.rss_kib / 1024, unit="MiB", target=300
            ),
        ]
    return figures


def _child(path: Path, traced: bool) -> Load:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), "traced" if traced else "plain"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    return Load.model_validate_json(result.stdout)


def _text_at_cap(cap: int) -> str:
    """A real-looking profile whose free text is long pastes, within 1 KiB of the cap."""
    head = (
        Path(ROOT / "examples" / "acme-retail.yaml")
        .read_text(encoding="utf-8")
        .replace('"slow campaign content production"', "PASTE")
    )
    paste = (
        "Les conseillers recopient à la main les réponses aux questions sur les commandes et les "
        "retours, et chaque campagne demande trois semaines de rédaction. "
    )
    room = cap - len(head.encode("utf-8")) - 1024
    repeated = paste * (room // len(paste.encode("utf-8")))
    return head.replace("PASTE", json.dumps(repeated, ensure_ascii=False))


def _nodes_at_budget(budget: int) -> str:
    """Thousands of evidence entries, each six values, just under the loader's budget."""
    entries = (budget - 100) // 6
    lines = ["organization: {name: Groupe Hospitalier Nord, sector: healthcare, size: large}", "evidence:"]
    lines += [f'  "note.{index}": {{question: "Q{index}?", answer: "R{index}"}}' for index in range(entries)]
    return "\n".join(lines) + "\n"


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\norganization: {name: *i}\n"
