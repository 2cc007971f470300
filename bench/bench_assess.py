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


def advice_figures(assessments: list, m) -> list[Figure]:
    """How far the advice is the client's own: rationales no other example shares, top cases that fit
    the client's sector, and phases that climb to a level none of their use cases needs."""
    cases = {c.id: c for c in m.use_cases}
    texts = [
        {
            a.strategy.rationale,
            *(u.rationale for u in a.use_cases[:10]),
            *(ph.objective for ph in a.roadmap.phases),
            *(ph.gate for ph in a.roadmap.phases if ph.gate),
        }
        for a in assessments
    ]
    unique_share = []
    for i, own in enumerate(texts):
        others = set().union(*(t for j, t in enumerate(texts) if j != i))
        unique_share.append(len(own - others) / len(own))
    strategies = {a.strategy.rationale for a in assessments}
    fit, seen = 0, 0
    for a in assessments:
        key = a.organization.sector_key
        if key is None:
            continue
        top = [u for u in a.use_cases if not u.in_place][:5]
        fit += sum(key in cases[u.id].sectors for u in top)
        seen += len(top)
    idle = 0
    for a in assessments:
        by_id = {u.id: u for u in a.use_cases}
        needed: dict[str, int] = {}
        for phase in a.roadmap.phases:
            levels = [by_id[c].min_level for c in phase.use_cases]
            needed[phase.track] = max([needed.get(phase.track, a.maturity.level), *levels])
            if phase.target_level > needed[phase.track]:
                idle += 1
    return [
        Figure(
            area="advice",
            name="distinct strategy rationales / examples",
            value=len(strategies) / len(assessments),
            unit="ratio",
            target=1.0,
            better="higher",
        ),
        Figure(
            area="advice",
            name="reasons (strategy, top 10, phase objectives and gates) no other example shares",
            value=statistics.mean(unique_share),
            unit="ratio",
            target=0.9,
            better="higher",
        ),
        Figure(
            area="advice",
            name="top-5 cases that fit the example's sector",
            value=fit / seen if seen else 0.0,
            unit="share",
            target=0.4,
            better="higher",
        ),
        Figure(
            area="advice",
            name="phases targeting a level none of their use cases needs",
            value=idle,
            unit="phases",
            target=0,
        ),
    ]


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
    figures = advice_figures([assess(profile, m) for profile in profiles], m)
    return figures + [
        Figure(
            area="assessment",
            name="assess() in-process, p50",
            value=statistics.median(in_process),
            unit="ms",
            target=20,
        ),
        Figure(area="assessment", name="assess() in-process, p95", value=percentile(in_process, 95), unit="ms"),
        Figure(
            area="assessment",
            name="`advisor assess` whole process, median",
            value=statistics.median(whole),
            unit="s",
            target=0.5,
        ),
        Figure(area="assessment", name="`advisor assess` whole process, max", value=max(whole), unit="s"),
    ]
