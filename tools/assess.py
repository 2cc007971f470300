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
from tools.wording import Wording, wording


def assess(profile: Profile, m: Methodology | None = None, language: Language = "en") -> Assessment:
    """The assessment of `profile`, its texts in `language`: every id, key, level, score and the
    order of everything are the same in every language (see `Assessment.decisions`)."""
    m = m or load_methodology()
    w = wording(m, language)
    _ = w.gettext
    maturity = classify_maturity(profile, m, language)
    use_cases = evaluate_use_cases(profile, maturity, m, language)
    strategy = recommend_strategy(profile, maturity, use_cases, m, language)
    roadmap = plan_roadmap(profile, maturity, use_cases, strategy, m, language)
    if strategy.name == StrategyName.hybrid:
        titles = {u.id: u.title for u in use_cases}
        tracks = _("Two tracks run in parallel: {tracks}.").format(tracks=track_summary(roadmap, titles, w))
        strategy = strategy.model_copy(update={"rationale": f"{strategy.rationale} {tracks}"})
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
        warnings=_warnings(profile, maturity, m, w),
    )


def _warnings(profile: Profile, maturity: MaturityResult, m: Methodology, w: Wording) -> list[str]:
    """What the reader must know before trusting the advice, most important first."""
    _ = w.gettext
    warnings = []
    if maturity.confidence < LOW_CONFIDENCE:
        unknown = w.fields(maturity.unknown[:5]) or _("the value chain and objectives")
        warnings.append(
            _(
                "Confidence is only {confidence}: most of what decides the advice is unknown ({unknown}). "
                "Treat the level and the plan as a first hypothesis; confirm these facts before committing budget."
            ).format(confidence=w.percent(maturity.confidence), unknown=unknown)
        )
        if not profile.value_chain:
            warnings.append(
                _(
                    "No value chain is described: use cases are ranked without knowing where the "
                    "organisation creates value."
                )
            )
    sector = profile.organization.sector
    if sector and sector_key(m, sector) is None:
        warnings.append(
            _('The sector "{sector}" is not one the catalogue knows: use cases are ranked without sector fit.').format(
                sector=sector
            )
        )
    return warnings
