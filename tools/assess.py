"""The whole assessment of one profile: maturity → use cases → strategy → roadmap.

A pure function: the same profile and methodology always give the same assessment.
"""

from __future__ import annotations

from knowledge.methodology import load_methodology, sector_key
from knowledge.schema import Methodology
from tools.assessment import Assessment, OrganizationSummary
from tools.classify import classify_maturity
from tools.evaluate import evaluate_use_cases
from tools.profile import Profile
from tools.roadmap import plan_roadmap
from tools.strategy import recommend_strategy


def assess(profile: Profile, m: Methodology | None = None) -> Assessment:
    m = m or load_methodology()
    maturity = classify_maturity(profile, m)
    use_cases = evaluate_use_cases(profile, maturity, m)
    strategy = recommend_strategy(profile, maturity, use_cases, m)
    roadmap = plan_roadmap(profile, maturity, use_cases, strategy, m)
    org = profile.organization
    return Assessment(
        organization=OrganizationSummary(
            name=org.name, sector=org.sector, sector_key=sector_key(m, org.sector),
            size=org.size.value if org.size else None),
        maturity=maturity,
        use_cases=use_cases,
        strategy=strategy,
        roadmap=roadmap,
        methodology_version=m.version,
    )
