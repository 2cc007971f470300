"""The question bank: every question the interview can ask, derived from the methodology data.

One question asks about one thing: one profile field, or (for "which functions matter most") the
list of functions the value chain holds. Each question knows the field it fills, its kind and its
choices, how to write an answer into a profile, and which answers are plausible (for the planner's
value-of-information check).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from agent.events import Choice, Question
from agent.question_choices import (  # the bank's words, re-exported for its callers
    ADOPTION_CHOICES,
    DATA_LABELS,
    GOVERNANCE_CHOICES,
    GOVERNANCE_QUESTIONS,
    OBJECTIVE_LABELS,
    SCALE_CHOICES,
    SIZE_CHOICES,
    YESNO_CHOICES,
)
from knowledge.locales import N_
from knowledge.methodology import capability, load_methodology
from knowledge.methodology import function as function_spec
from knowledge.schema import Methodology
from knowledge.vocabulary import (
    Appetite,
    CapabilityKey,
    DataKind,
    FunctionKey,
    GovernanceKey,
)
from tools.profile import Evidence, Profile

Section = Literal["organization", "value_chain", "capabilities", "governance"]
Kind = Literal["choice", "multi", "scale", "yesno", "text"]

Translate = Callable[[str], str]
KEY_FUNCTIONS = "value_chain.key_functions"
FUNCTION_DETAILS = ("importance", "pain_points", "data", "genai_today")


@dataclass(frozen=True)
class BankQuestion:
    """A question of the bank; `event()` gives what an interface shows."""

    id: str
    field: str  # the profile field path it fills ("value_chain" for the key functions)
    section: Section
    text: str
    kind: Kind
    choices: tuple[Choice, ...] = ()
    help: str | None = None
    function: FunctionKey | None = None
    detail: str | None = None  # for a function's detail: importance, pain_points, data, genai_today
    # A choice whose answer may also be a name outside the list, kept as said (the sector:
    # "shipbuilding" is a sector the methodology does not list). Readers and extraction
    # schemas test this, never the question's id.
    open_choice: bool = False

    def event(self, number: int, text: str | None = None, help: str | None = None) -> Question:
        return Question(
            id=self.id,
            field=self.field,
            section=self.section,
            text=text or self.text,
            kind=self.kind,
            choices=list(self.choices),
            help=help or self.help,
            number=number,
        )

    # --- reading and writing the profile ---------------------------------------------------

    def is_known(self, profile: Profile) -> bool:
        """Whether the profile already holds an answer (from a seed or an earlier answer)."""
        return self.current(profile) is not None

    def current(self, profile: Profile) -> Any:
        """The field's value in `profile` as JSON, or None when unknown."""
        if not self.field:  # not a question about the client (the closing offer)
            return None
        if self.id == KEY_FUNCTIONS:
            return sorted(k.value for k in profile.value_chain) or None
        section, *rest = self.field.split(".")
        if section == "organization":
            value = getattr(profile.organization, rest[0])
        elif section == "capabilities":
            value = profile.capabilities.get(CapabilityKey(rest[0]))
        elif section == "governance":
            value = profile.governance.get(GovernanceKey(rest[0]))
        else:
            details = profile.value_chain.get(FunctionKey(rest[0]))
            value = getattr(details, rest[1]) if details is not None else None
        if isinstance(value, list):
            return [str(getattr(v, "value", v)) for v in value]
        return getattr(value, "value", value)

    def apply(self, profile: Profile, value: Any, evidence: Evidence | None = None) -> Profile:
        """A new profile with `value` (JSON, as `understand` returns it) written into the field."""
        data = profile.model_dump(mode="json", exclude_none=True)
        recorded: list[str] = []
        if self.id == KEY_FUNCTIONS:
            chain = data.setdefault("value_chain", {})
            for key in value:
                chain.setdefault(key, {})
                recorded.append(f"value_chain.{key}")
        else:
            section, *rest = self.field.split(".")
            target = data.setdefault(section, {})
            for part in rest[:-1]:
                target = target.setdefault(part, {})
            target[rest[-1]] = value
            recorded.append(self.field)
        if evidence is not None:
            for field in recorded:
                data.setdefault("evidence", {})[field] = evidence.model_dump()
        return Profile.model_validate(data)

    def plausible_answers(self, profile: Profile, m: Methodology) -> list[Any]:
        """Answers worth trying when judging whether this question could change a conclusion.

        Ordered scales are tried at their two ends: the methodology's scores move one way with
        them, so if neither end changes a conclusion, nothing in between does."""
        if self.detail == "pain_points":
            # One pain point per use case of the function, in the words its catalogue entry uses.
            return [
                " ".join(case.keywords[:3] or [case.title]) for case in m.use_cases if case.function == self.function
            ]
        if self.detail == "data":
            # None, everything, and exactly what each of the function's use cases needs.
            answers = [[DataKind.none.value], [d.value for d in DataKind if d != DataKind.none]]
            for case in m.use_cases:
                needed = sorted(d.value for d in case.data if d != DataKind.none)
                if case.function == self.function and needed and needed not in answers:
                    answers.append(needed)
            return answers
        if self.kind == "scale":
            return [1, 5]
        if self.kind == "yesno":
            return [True, False]
        if self.kind == "choice" and self.choices:
            return [self.choices[0].value, self.choices[-1].value]
        return []


def _choices(labels: dict[Any, str], _: Translate) -> tuple[Choice, ...]:
    return tuple(Choice(value=key.value, label=_(label)) for key, label in labels.items())


def translated_choices(choices: tuple[Choice, ...], _: Translate) -> tuple[Choice, ...]:
    return tuple(Choice(value=c.value, label=_(c.label)) for c in choices)


def _organization_questions(m: Methodology, _: Translate) -> list[BankQuestion]:
    sectors = tuple(Choice(value=s.key, label=s.name) for s in m.sectors)
    appetite = (
        Choice(value=Appetite.low.value, label=_("Low")),
        Choice(value=Appetite.medium.value, label=_("Medium")),
        Choice(value=Appetite.high.value, label=_("High")),
    )
    org: Section = "organization"
    return [
        BankQuestion(
            f"{org}.sector",
            f"{org}.sector",
            org,
            _("Which sector does the organisation work in?"),
            "choice",
            sectors,
            help=_("Pick the closest, or name it in a few words."),
            open_choice=True,
        ),
        BankQuestion(
            f"{org}.size",
            f"{org}.size",
            org,
            _("How many people work in the organisation?"),
            "choice",
            translated_choices(SIZE_CHOICES, _),
        ),
        BankQuestion(
            f"{org}.objectives",
            f"{org}.objectives",
            org,
            _("Which strategic objectives should generative AI serve first?"),
            "multi",
            _choices(OBJECTIVE_LABELS, _),
            help=_("Pick one or more."),
        ),
        BankQuestion(
            f"{org}.budget",
            f"{org}.budget",
            org,
            _("How much is the organisation ready to invest in generative AI over the next year or two?"),
            "choice",
            appetite,
        ),
        BankQuestion(
            f"{org}.risk_appetite",
            f"{org}.risk_appetite",
            org,
            _("How much risk is the organisation willing to take with new technology?"),
            "choice",
            appetite,
        ),
        BankQuestion(
            f"{org}.regulated",
            f"{org}.regulated",
            org,
            _("Does the organisation handle regulated or sensitive data, such as health, financial or personal data?"),
            "yesno",
            translated_choices(YESNO_CHOICES, _),
        ),
    ]


def _value_chain_questions(m: Methodology, _: Translate) -> list[BankQuestion]:
    functions = tuple(Choice(value=f.key.value, label=f.name) for f in m.functions)
    questions = [
        BankQuestion(
            KEY_FUNCTIONS,
            "value_chain",
            "value_chain",
            _("Which parts of the business matter most to how the organisation creates value?"),
            "multi",
            functions,
            help=_("Pick the two to four that weigh most; the others are taken as less important."),
        )
    ]
    for spec in m.functions:
        key, name = spec.key, spec.name.lower()
        base = f"value_chain.{key.value}"
        questions += [
            BankQuestion(
                f"{base}.importance",
                f"{base}.importance",
                "value_chain",
                _(
                    "How much does {name} weigh in the value the organisation creates, from 1 (marginal) to 5 (critical)?"
                ).format(name=name),
                "scale",
                translated_choices(SCALE_CHOICES, _),
                help=spec.description,
                function=key,
                detail="importance",
            ),
            BankQuestion(
                f"{base}.pain_points",
                f"{base}.pain_points",
                "value_chain",
                _("In {name}, what takes too much time or effort today?").format(name=name),
                "text",
                help=_("A sentence is enough, for example: slow replies to customer emails."),
                function=key,
                detail="pain_points",
            ),
            BankQuestion(
                f"{base}.data",
                f"{base}.data",
                "value_chain",
                _("What kinds of data does {name} hold that AI could use?").format(name=name),
                "multi",
                _choices(DATA_LABELS, _),
                function=key,
                detail="data",
            ),
            BankQuestion(
                f"{base}.genai_today",
                f"{base}.genai_today",
                "value_chain",
                _("How far has {name} gone with generative AI today?").format(name=name),
                "choice",
                translated_choices(ADOPTION_CHOICES, _),
                function=key,
                detail="genai_today",
            ),
        ]
    return questions


def _capability_questions(m: Methodology, _: Translate) -> list[BankQuestion]:
    return [
        BankQuestion(
            f"capabilities.{c.key.value}",
            f"capabilities.{c.key.value}",
            "capabilities",
            c.question,
            "choice",
            translated_choices(ADOPTION_CHOICES, _),
            help=c.description,
        )
        for c in m.capabilities
    ]


def _governance_questions(_: Translate) -> list[BankQuestion]:
    return [
        BankQuestion(
            f"governance.{key.value}",
            f"governance.{key.value}",
            "governance",
            _(text),
            "choice",
            translated_choices(GOVERNANCE_CHOICES, _),
            help=_(help),
        )
        for key, (text, help) in GOVERNANCE_QUESTIONS.items()
    ]


def build_bank(m: Methodology, _: Translate) -> dict[str, BankQuestion]:
    questions = (
        _organization_questions(m, _)
        + _value_chain_questions(m, _)
        + _capability_questions(m, _)
        + _governance_questions(_)
    )
    return {q.id: q for q in questions}


def _same(text: str) -> str:
    return text


# Methodology objects are immutable but unhashable (they hold lists): cache by identity, keeping
# the object alive so its id cannot be reused.
_BANKS: dict[int, tuple[Methodology, dict[str, BankQuestion]]] = {}


def bank(m: Methodology | None = None) -> dict[str, BankQuestion]:
    """Every question, by id, in a stable order."""
    m = m or load_methodology()
    cached = _BANKS.get(id(m))
    if cached is None:
        cached = _BANKS[id(m)] = (m, build_bank(m, _same))
    return cached[1]


# Not a question about the client, so not in the bank the planner walks: the offer, before the
# results, to answer what was skipped or left unknown (agent.coverage).
REVIEW = "interview.unknowns"
REVIEW_QUESTION = BankQuestion(REVIEW, "", "organization", N_("Answer the open questions now?"), "yesno", YESNO_CHOICES)


def question(question_id: str, m: Methodology | None = None) -> BankQuestion:
    if question_id == REVIEW:
        return REVIEW_QUESTION
    return bank(m)[question_id]


def find(reference: str, m: Methodology | None = None) -> BankQuestion | None:
    """A question by id, field or a unique suffix of its id ("rag", "sector", "service.importance")."""
    questions = bank(m)
    if reference in questions:
        return questions[reference]
    matches = [q for q in questions.values() if q.id.endswith("." + reference) or q.field == reference]
    return matches[0] if len(matches) == 1 else None


def function_name(key: FunctionKey, m: Methodology | None = None) -> str:
    return function_spec(m or load_methodology(), key).name


def capability_name(key: CapabilityKey, m: Methodology | None = None) -> str:
    return capability(m or load_methodology(), key).name


def completeness(profile: Profile) -> dict[str, float]:
    """Per section, the share of what the interview can learn that is known (0..1)."""
    org = profile.organization
    org_fields = [org.sector, org.size, org.objectives, org.budget, org.risk_appetite, org.regulated]
    chain = profile.value_chain
    if chain:
        known = sum(getattr(details, d) is not None for details in chain.values() for d in FUNCTION_DETAILS)
        value_chain = 0.25 + 0.75 * known / (len(FUNCTION_DETAILS) * len(chain))
    else:
        value_chain = 0.0
    return {
        "organization": round(sum(v is not None for v in org_fields) / len(org_fields), 3),
        "value_chain": round(value_chain, 3),
        "capabilities": round(len(profile.capabilities) / len(CapabilityKey), 3),
        "governance": round(len(profile.governance) / len(GovernanceKey), 3),
    }
