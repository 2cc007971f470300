"""The whole assessment of one profile: maturity → use cases → strategy → roadmap.

A pure function: the same profile and methodology always give the same assessment.
"""

from __future__ import annotations

from knowledge.i18n import Language
from knowledge.methodology import load_methodology, sector_key
from knowledge.schema import Methodology
from knowledge.vocabulary import StrategyName
from tools.assessment import Assessment, MaturityResult, OrganizationSummary
from tools.classify import classify_maturity
from tools.evaluate import evaluate_use_cases
from tools.profile import Profile
from tools.roadmap import plan_roadmap
from tools.roadmap_text import LOW_CONFIDENCE, track_summary
from tools.strategy import recommend_strategy


def assess(profile: Profile, m: Methodology | None = None, language: Language = "en") -> Assessment:
    m = m or load_methodology()
    maturity = classify_maturity(profile, m)
    use_cases = evaluate_use_cases(profile, maturity, m)
    strategy = recommend_strategy(profile, maturity, use_cases, m)
    roadmap = plan_roadmap(profile, maturity, use_cases, strategy, m)
    if strategy.name == StrategyName.hybrid:
        titles = {u.id: u.title for u in use_cases}
        strategy = strategy.model_copy(
            update={"rationale": f"{strategy.rationale} Two tracks run in parallel: {track_summary(roadmap, titles)}."}
        )
    org = profile.organization
    return Assessment(
        organization=OrganizationSummary(
            name=org.name,
            sector=org.sector,
            sector_key=sector_key(m, org.sector),
            size=org.size.value if org.size else None,
        ),
        maturity=maturity,
        use_cases=use_cases,
        strategy=strategy,
        roadmap=roadmap,
        methodology_version=m.version,
        warnings=_warnings(profile, maturity, m),
    )


def _warnings(profile: Profile, maturity: MaturityResult, m: Methodology) -> list[str]:
    """What the reader must know before trusting the advice, most important first."""
    warnings = []
    if maturity.confidence < LOW_CONFIDENCE:
        unknown = ", ".join(maturity.unknown[:5]) or "the value chain and objectives"
        warnings.append(
            f"Confidence is only {maturity.confidence:.0%}: most of what decides the advice is "
            f"unknown ({unknown}). Treat the level and the plan as a first hypothesis; "
            "confirm these facts before committing budget."
        )
        if not profile.value_chain:
            warnings.append(
                "No value chain is described: use cases are ranked without knowing where the "
                "organisation creates value."
            )
    sector = profile.organization.sector
    if sector and sector_key(m, sector) is None:
        warnings.append(
            f'The sector "{sector}" is not one the catalogue knows: use cases are ranked without sector fit.'
        )
    return warnings
