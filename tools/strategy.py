"""Recommend an implementation strategy (incremental, focused or hybrid) from explicit rules.

Each rule that fires adds points to one strategy and records why. The strategy with the most
points wins; ties go to the more prudent one (incremental, then hybrid, then focused), because
the methodology's default advice is to build on early successes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from knowledge.i18n import Language
from knowledge.schema import Methodology
from knowledge.vocabulary import Appetite, FunctionKey, GovernanceKey, Quadrant, Size, StrategyName
from tools.assessment import MaturityResult, StrategyOption, StrategyRecommendation, UseCaseAssessment
from tools.profile import Profile
from tools.wording import Wording, wording

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
    key_functions: list[FunctionKey]  # functions weighted 4 or 5


@dataclass(frozen=True)
class Rule:
    strategy: StrategyName
    points: int
    applies: Callable[[Situation], bool]
    reason: Callable[[Situation, Wording], str]  # why it fires, in the wording's language


def _flagship_needs(s: Situation, w: Wording) -> str:
    """The reason of the focused rule, which fires only when there is a flagship."""
    assert s.flagship is not None
    return w.gettext("the most valuable use case, {title}, needs level {level}").format(
        title=s.flagship.title, level=s.flagship.min_level
    )


def _concentrated(s: Situation, w: Wording) -> str:
    """The reason of the rule that fires when one or two functions carry the value."""
    first, *other = [w.label(key) for key in s.key_functions]
    if not other:
        return w.gettext("value concentrates on {function}").format(function=first)
    return w.gettext("value concentrates on {first} and {second}").format(first=first, second=other[0])


def _quadrants(s: Situation) -> set[Quadrant]:
    return {u.quadrant for u in s.top}


RULES: tuple[Rule, ...] = (
    # Incremental: early level, little money or appetite, value within reach.
    Rule(
        StrategyName.incremental,
        2,
        lambda s: s.level <= 2,
        lambda s, w: w.gettext("at level {level} ({name}) the skills are still being built").format(
            level=s.level, name=s.level_name
        ),
    ),
    Rule(
        StrategyName.incremental,
        2,
        lambda s: s.budget == Appetite.low,
        lambda s, w: w.gettext("a low budget favours small, self-funding steps"),
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: s.risk_appetite == Appetite.low,
        lambda s, w: w.gettext("a low risk appetite favours proven, simple use cases first"),
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: bool(s.regulated) and not s.governed,
        lambda s, w: w.gettext("regulated data without monitoring calls for governance built step by step"),
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: bool(s.top) and all(u.min_level <= s.level + 1 for u in s.top),
        lambda s, w: w.gettext("the best use cases are all within one level of today"),
    ),
    Rule(
        StrategyName.incremental,
        1,
        lambda s: s.size in (Size.micro, Size.small),
        lambda s, w: w.gettext("a small organisation needs early, visible results"),
    ),
    # Focused: a strategic flagship above today's level, concentrated value, means to invest.
    Rule(
        StrategyName.focused,
        2,
        lambda s: s.flagship is not None and s.flagship.min_level >= s.level + 2 and s.flagship.value >= 0.6,
        _flagship_needs,
    ),
    Rule(
        StrategyName.focused,
        1,
        lambda s: len(s.key_functions) in (1, 2),
        _concentrated,
    ),
    Rule(
        StrategyName.focused,
        2,
        lambda s: s.budget == Appetite.high,
        lambda s, w: w.gettext("a high budget can fund a tailored solution upfront"),
    ),
    Rule(
        StrategyName.focused,
        1,
        lambda s: s.risk_appetite == Appetite.high,
        lambda s, w: w.gettext("a high risk appetite accepts a larger, bolder bet"),
    ),
    Rule(
        StrategyName.focused,
        -2,
        lambda s: s.budget == Appetite.low,
        lambda s, w: w.gettext("a low budget cannot carry a large upfront investment"),
    ),
    Rule(
        StrategyName.focused,
        -1,
        lambda s: s.risk_appetite == Appetite.low,
        lambda s, w: w.gettext("a low risk appetite argues against skipping levels"),
    ),
    # Hybrid: a mix of quick wins and strategic bets, with the means to run two tracks.
    Rule(
        StrategyName.hybrid,
        2,
        lambda s: {Quadrant.quick_win, Quadrant.strategic_bet} <= _quadrants(s),
        lambda s, w: w.gettext("the best use cases mix quick wins and strategic bets"),
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.size in (Size.medium, Size.large),
        lambda s, w: w.gettext("a medium or large organisation can run two tracks at once"),
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.budget in (Appetite.medium, Appetite.high),
        lambda s, w: w.gettext("the budget allows a basic and an advanced track in parallel"),
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: s.level >= 2,
        lambda s, w: w.gettext("foundations are in place to keep a basic track running"),
    ),
    Rule(
        StrategyName.hybrid,
        1,
        lambda s: len(s.key_functions) >= 3,
        lambda s, w: w.gettext("value is spread over {count} key functions").format(count=len(s.key_functions)),
    ),
)


def situation(profile: Profile, maturity: MaturityResult, use_cases: list[UseCaseAssessment]) -> Situation:
    open_cases = [u for u in use_cases if u.blocker is None and not u.in_place]
    top = open_cases[:TOP_N]
    flagship = max(open_cases[: 3 * TOP_N], key=lambda u: (u.value, u.priority), default=None)
    monitoring = profile.governance_level(GovernanceKey.monitoring)
    org = profile.organization
    key_functions = [key for key, f in profile.value_chain.items() if f.importance is not None and f.importance >= 4]
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


def _client_facts(profile: Profile, s: Situation, use_cases: list[UseCaseAssessment], w: Wording) -> str:
    """The organisation's own facts behind the choice, so two clients never read the same text."""
    _ = w.gettext
    org = profile.organization
    said = {"who": org.name or _("The organisation"), "sector": org.sector, "level": s.level, "name": s.level_name}
    if org.sector:
        facts = [_("{who} ({sector}) stands at level {level} ({name})").format(**said)]
    else:
        facts = [_("{who} stands at level {level} ({name})").format(**said)]
    if s.key_functions:
        functions = w.labels(s.key_functions)
        # English says it the same way for one function or several; French does not.
        facts.append(
            w.ngettext("its value sits in {functions}", "its value sits in {functions}", len(s.key_functions)).format(
                functions=functions
            )
        )
    if s.top:
        facts.append(_("its best case is {title}").format(title=s.top[0].title))
    if s.flagship is not None and (not s.top or s.flagship.id != s.top[0].id):
        facts.append(
            _("its flagship {title} needs level {level}").format(title=s.flagship.title, level=s.flagship.min_level)
        )
    running = [u.title for u in use_cases if u.in_place]
    if running:
        facts.append(_("it already runs {titles}").format(titles=", ".join(running)))
    return ", ".join(facts) + "."


@dataclass(frozen=True)
class _Option:
    """A strategy with the rules that fired for it (for and against)."""

    name: StrategyName
    fired: list[Rule]

    @property
    def score(self) -> int:
        return sum(rule.points for rule in self.fired)

    def reasons(self, s: Situation, w: Wording, against: bool | None = None) -> list[str]:
        """Why each rule fired; `against` keeps only the rules against (True) or for (False)."""
        return [
            w.gettext("against: {reason}").format(reason=rule.reason(s, w)) if rule.points < 0 else rule.reason(s, w)
            for rule in self.fired
            if against is None or (rule.points < 0) == against
        ]

    def summary(self, s: Situation, w: Wording) -> StrategyOption:
        return StrategyOption(name=self.name, score=self.score, reasons=self.reasons(s, w))


def _why_not(others: list[_Option], best: _Option, s: Situation, w: Wording) -> str:
    """Why not the alternatives: what speaks against each, else the most it has for it."""
    _ = w.gettext
    parts: list[str] = []
    for option in others:
        against = [rule.reason(s, w) for rule in option.fired if rule.points < 0]
        if against:
            why = against[0]
        elif option.fired:
            why = _("even though {reason}").format(reason=option.reasons(s, w)[0])
        else:
            why = _("nothing speaks for it")
        said = {"name": w.label(option.name), "score": option.score, "best": best.score, "why": why}
        part = _("{name} ({score} points against {best}: {why})").format(**said)
        parts.append(
            _("Not {alternative}").format(alternative=part)
            if not parts
            else _("not {alternative}").format(alternative=part)
        )
    return w.clauses(parts) + "."


def recommend_strategy(
    profile: Profile,
    maturity: MaturityResult,
    use_cases: list[UseCaseAssessment],
    m: Methodology,
    language: Language = "en",
) -> StrategyRecommendation:
    """The strategy the rules favour for this situation, with its reasons in `language`."""
    w = wording(m, language)
    _ = w.gettext
    s = situation(profile, maturity, use_cases)
    options = [
        _Option(name, [rule for rule in RULES if rule.strategy == name and rule.applies(s)]) for name in PRUDENCE_ORDER
    ]
    # sorted() is stable, so equal scores keep the prudence order.
    ranked = sorted(options, key=lambda o: -o.score)
    best = ranked[0]
    spec = w.strategies[best.name]
    for_it = best.reasons(s, w, against=False)
    rationale = _("{title}: {reasons}.").format(
        title=spec.title, reasons=w.clauses(for_it) if for_it else _("no rule favours another strategy")
    )
    rationale += " " + _client_facts(profile, s, use_cases, w)
    rationale += " " + _why_not(ranked[1:], best, s, w)
    return StrategyRecommendation(
        name=best.name,
        title=spec.title,
        score=best.score,
        reasons=best.reasons(s, w),
        rationale=rationale,
        alternatives=[option.summary(s, w) for option in ranked[1:]],
        watch_out=list(spec.watch_out),
    )
