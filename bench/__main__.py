"""Run every benchmark, print one table of figures with targets, write bench/results.json."""

from __future__ import annotations

import importlib
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.figures import Figure

# Each module exposes `run() -> list[Figure]`; they are imported lazily so one missing piece
# does not stop the others from being measured.
SUITES = (
    "bench.bench_assess",
    "bench.bench_kb",
    "bench.bench_agent",
    "bench.bench_reading",
    "bench.bench_model",
    "bench.bench_sessions",
    "bench.bench_tui",
    "bench.bench_hardening",
    "bench.bench_export",
)


def main() -> int:
    console = Console(width=None if sys.stdout.isatty() else 130)  # a log keeps rows on one line
    figures: list[Figure] = []
    failed = False
    for name in SUITES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name == name:
                continue
            raise
        console.print(f"[dim]running {name}…[/dim]")
        try:
            figures.extend(module.run())
        except Exception as error:  # a broken suite is reported, the rest still run
            console.print(f"[red]{name} failed: {error!r}[/red]")
            failed = True
    table = Table(title="GenAI advisor benchmarks")
    for column in ("area", "figure", "value", "target", "ok"):
        table.add_column(column)
    for f in figures:
        sign = "≤" if f.better == "lower" else "≥"
        target = f"{sign} {f.target:g} {f.unit}" if f.target is not None else "-"
        ok = {True: "[green]yes[/green]", False: "[red]no[/red]", None: ""}[f.meets_target]
        table.add_row(f.area, f.name, f"{f.value:.4g} {f.unit}", target, ok)
    console.print(table)
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "figures": [f.model_dump() | {"meets_target": f.meets_target} for f in figures],
    }
    out = Path(__file__).parent / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    console.print(f"written {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
