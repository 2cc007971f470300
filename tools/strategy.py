"""Recommend an implementation strategy (incremental, focused or hybrid) from explicit rules.

Each rule that fires adds points to one strategy and records why. The strategy with the most
points wins; ties go to the more prudent one (incremental, then hybrid, then focused), because
the methodology's default advice is to build on early successes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from knowledge.schema import Methodology
from knowledge.vocabulary import Appetite, GovernanceKey, Quadrant, Size, StrategyName
from tools.assessment import MaturityResult, StrategyOption, StrategyRecommendation, UseCaseAssessment
from tools.profile import Profile

PRUDENCE_ORDER = (StrategyName.incremental, StrategyName.hybrid, StrategyName.focused)
TOP_N = 5  # the use cases that shape the strategy


@dataclass(frozen=True)
class Situation:
    """The facts the strategy rules read."""

    level: int
    level_name: str
    top: list[UseCaseAssessment]
    flagship: UseCaseAssessment | None  # the most valuable use case not blocked
    budget: Appetite | None
    risk_appetite: Appetite | None
    size: Size | None
    regulated: bool | None
    governed: bool  # monitoring at least basic
    key_functions: list[str]  # functions weighted 4 or 5


@dataclass(frozen=True)
class Rule:
    strategy: StrategyName
    points: int
    applies: Callable[[Situation], bool]
    reason: Callable[[Situation], str]


def _flagship_needs(s: Situation) -> str:
    """The reason of the focused rule, which fires only when there is a flagship."""
    assert s.flagship is not None
    return f"the most valuable use case, {s.flagship.title}, needs level {s.flagship.min_level}"


def _quadrants(s: Situation) -> set[Quadrant]:
    return {u.quadrant for u in s.top}


RULES: tuple[Rule, ...] = (
    # Incremental: early level, little money or appetite, value within reach.
    Rule(
        StrategyName.incremental,
        2,
        lambda s: s.level <= 2,
        lambda s: f"at level {s.level} ({s.level_name}) the skills are still being built",
    ),
    Rule(
        StrategyName.incremental,
        2,
        lambda s: s.budget == Appetite.low,
        lambda s: "a low budget favours small, self-funding steps",
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: s.risk_appetite == Appetite.low,
        lambda s: "a low risk appetite favours proven, simple use cases first",
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: bool(s.regulated) and not s.governed,
        lambda s: "regulated data without monitoring calls for governance built step by step",
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: bool(s.top) and all(u.min_level <= s.level + 1 for u in s.top),
        lambda s: "the best use cases are all within one level of today",
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: s.size in (Size.micro, Size.small),
        lambda s: "a small organisation needs early, visible results",
    ),
    # Focused: a strategic flagship above today's level, concentrated value, means to invest.
    Rule(
        StrategyName.focused,
        2,
        lambda s: s.flagship is not None and s.flagship.min_level >= s.level + 2 and s.flagship.value >= 0.6,
        lambda s: _flagship_needs(s),
    ),
    Rule(
        StrategyName.focused,
        1,
        lambda s: len(s.key_functions) in (1, 2),
        lambda s: "value concentrates on " + " and ".join(s.key_functions),
    ),
    Rule(
        StrategyName.focused,
        2,
        lambda s: s.budget == Appetite.high,
        lambda s: "a high budget can fund a tailored solution upfront",
    ),
    Rule(
        StrategyName.focused,
        1,
        lambda s: s.risk_appetite == Appetite.high,
        lambda s: "a high risk appetite accepts a larger, bolder bet",
    ),
    Rule(
        StrategyName.focused,
        -2,
        lambda s: s.budget == Appetite.low,
        lambda s: "a low budget cannot carry a large upfront investment",
    ),
    Rule(
        StrategyName.focused,
        -1,
        lambda s: s.risk_appetite == Appetite.low,
        lambda s: "a low risk appetite argues against skipping levels",
    ),
    # Hybrid: a mix of quick wins and strategic bets, with the means to run two tracks.
    Rule(
        StrategyName.hybrid,
        2,
        lambda s: {Quadrant.quick_win, Quadrant.strategic_bet} <= _quadrants(s),
        lambda s: "the best use cases mix quick wins and strategic bets",
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.size in (Size.medium, Size.large),
        lambda s: "a medium or large organisation can run two tracks at once",
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.budget in (Appetite.medium, Appetite.high),
        lambda s: "the budget allows a basic and an advanced track in parallel",
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.level >= 2,
        lambda s: "foundations are in place to keep a basic track running",
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: len(s.key_functions) >= 3,
        lambda s: f"value is spread over {len(s.key_functions)} key functions",
    ),
)


def situation(profile: Profile, maturity: MaturityResult, use_cases: list[UseCaseAssessment]) -> Situation:
    open_cases = [u for u in use_cases if u.blocker is None and not u.in_place]
    top = open_cases[:TOP_N]
    flagship = max(open_cases[: 3 * TOP_N], key=lambda u: (u.value, u.priority), default=None)
    monitoring = profile.governance_level(GovernanceKey.monitoring)
    org = profile.organization
    key_functions = [
        key.value.replace("_", " ")
        for key, f in profile.value_chain.items()
        if f.importance is not None and f.importance >= 4
    ]
    return Situation(
        level=maturity.level,
        level_name=maturity.name,
        top=top,
        flagship=flagship,
        budget=org.budget,
        risk_appetite=org.risk_appetite,
        size=org.size,
        regulated=org.regulated,
        governed=monitoring is not None and monitoring.rank >= 1,
        key_functions=key_functions,
    )


def _client_facts(profile: Profile, s: Situation, use_cases: list[UseCaseAssessment]) -> str:
    """The organisation's own facts behind the choice, so two clients never read the same text."""
    org = profile.organization
    who = org.name or "The organisation"
    facts = [f"{who}" + (f" ({org.sector})" if org.sector else "") + f" stands at level {s.level} ({s.level_name})"]
    if s.key_functions:
        facts.append("its value sits in " + ", ".join(s.key_functions))
    if s.top:
        facts.append(f"its best case is {s.top[0].title}")
    if s.flagship is not None and (not s.top or s.flagship.id != s.top[0].id):
        facts.append(f"its flagship {s.flagship.title} needs level {s.flagship.min_level}")
    running = [u.title for u in use_cases if u.in_place]
    if running:
        facts.append("it already runs " + ", ".join(running))
    return ", ".join(facts) + "."


def _why_not(others: list[StrategyOption], best: StrategyOption) -> str:
    """Why not the alternatives: what speaks against each, else the most it has for it."""
    parts = []
    for option in others:
        against = [r.removeprefix("against: ") for r in option.reasons if r.startswith("against: ")]
        if against:
            why = against[0]
        elif option.reasons:
            why = f"even though {option.reasons[0]}"
        else:
            why = "nothing speaks for it"
        parts.append(f"{option.name.value} ({option.score} points against {best.score}: {why})")
    return "Not " + "; not ".join(parts) + "."


def recommend_strategy(
    profile: Profile, maturity: MaturityResult, use_cases: list[UseCaseAssessment], m: Methodology
) -> StrategyRecommendation:
    s = situation(profile, maturity, use_cases)
    options = []
    for name in PRUDENCE_ORDER:
        fired = [rule for rule in RULES if rule.strategy == name and rule.applies(s)]
        options.append(
            StrategyOption(
                name=name,
                score=sum(rule.points for rule in fired),
                reasons=[("against: " if rule.points < 0 else "") + rule.reason(s) for rule in fired],
            )
        )
    # sorted() is stable, so equal scores keep the prudence order.
    ranked = sorted(options, key=lambda o: -o.score)
    best = ranked[0]
    spec = next(st for st in m.strategies if st.name == best.name)
    for_it = [r for r in best.reasons if not r.startswith("against: ")]
    rationale = f"{spec.title}: " + ("; ".join(for_it) if for_it else "no rule favours another strategy")
    rationale += ". " + _client_facts(profile, s, use_cases)
    rationale += " " + _why_not(ranked[1:], best)
    return StrategyRecommendation(
        name=best.name,
        title=spec.title,
        score=best.score,
        reasons=best.reasons,
        rationale=rationale,
        alternatives=ranked[1:],
        watch_out=list(spec.watch_out),
    )
