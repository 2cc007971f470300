"""Assessment speed: in-process `assess()` and the whole `advisor assess` process."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure, percentile, timed_ms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ADVISOR = Path(sys.executable).with_name("advisor")


def run() -> list[Figure]:
    from knowledge.methodology import load_methodology
    from tools.assess import assess
    from tools.profile_io import load_profile

    m = load_methodology()
    profiles = [load_profile(path) for path in EXAMPLES]
    for profile in profiles:  # warm caches (stemmer, methodology) as a long-running process would
        assess(profile, m)
    in_process = [sample for profile in profiles for sample in timed_ms(lambda p=profile: assess(p, m), 20)]
    whole = []
    for path in EXAMPLES:
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([str(ADVISOR), "assess", str(path)], check=True, capture_output=True)
            whole.append(time.perf_counter() - start)
    return [
        Figure(area="assessment", name="assess() in-process, p50", value=statistics.median(in_process),
               unit="ms", target=20),
        Figure(area="assessment", name="assess() in-process, p95", value=percentile(in_process, 95), unit="ms"),
        Figure(area="assessment", name="`advisor assess` whole process, median", value=statistics.median(whole),
               unit="s", target=0.5),
        Figure(area="assessment", name="`advisor assess` whole process, max", value=max(whole), unit="s"),
    ]
