"""Export speed: the time to render and write each format for the largest example profile."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench.figures import Figure, timed_ms

ROOT = Path(__file__).resolve().parent.parent
# Milliseconds a consultant waits for `advisor assess -o board.<fmt>`, beyond the assessment itself.
TARGETS_MS = {"json": 50, "csv": 50, "md": 50, "html": 2000, "xlsx": 2000, "pptx": 4000, "pdf": 6000}


def run() -> list[Figure]:
    from knowledge.methodology import load_methodology
    from tools.assess import assess
    from tools.export import FORMATS, ReportInfo, render_bytes, write_export
    from tools.profile_io import load_profile

    largest = max(sorted((ROOT / "examples").glob("*.yaml")), key=lambda p: p.stat().st_size)
    m = load_methodology()
    assessment = assess(load_profile(largest), m)
    info = ReportInfo(prepared_by="bench")
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            target = Path(folder) / f"board{FORMATS[fmt].suffix}"
            render_bytes(assessment, fmt, m, info)  # warm imports and fonts, as a second export would be
            heavy = FORMATS[fmt].binary or fmt == "html"

            def export(f: str = fmt, t: Path = target) -> None:
                write_export(render_bytes(assessment, f, m, info), t, force=True)

            samples = timed_ms(export, 3 if heavy else 20)
            figures.append(
                Figure(
                    area="exports",
                    name=f"{fmt} of {largest.stem}, render + write, median",
                    value=statistics.median(samples),
                    unit="ms",
                    target=TARGETS_MS.get(fmt),
                )
            )
            figures.append(
                Figure(
                    area="exports",
                    name=f"{fmt} of {largest.stem}, file size",
                    value=target.stat().st_size / 1024,
                    unit="KiB",
                )
            )
    return figures
