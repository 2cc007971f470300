"""A simulated respondent: the real interview, answered from a profile as a person would.

Each question is answered in words the guided parser reads (a choice value, a number, yes/no,
a list, the pain point as written), "I don't know" where the profile is silent. For the
"functions that matter most" question the respondent names the functions the profile weighs 3 or
more (or lists without a weight). The session runs offline in an in-memory database: the same
graph, planner and parser as a real interview, no model and no file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.coverage import REVIEW
from agent.events import InterviewDone, Question, QuestionAsked
from agent.model import LanguageModel
from agent.questions import KEY_FUNCTIONS
from agent.questions import question as bank_question
from agent.retrieval import BuiltinRetriever
from agent.session import SqliteSessionStore
from agent.settings import Settings
from knowledge.i18n import SOURCE_LANGUAGE, Language
from tools.assessment import Assessment
from tools.profile import Profile

UNKNOWN = "I don't know"
# What a respondent says in each language (their words, read by the reader, not the advisor's).
SAYS: dict[Language, dict[str, str]] = {
    "en": {"unknown": UNKNOWN, "yes": "yes", "no": "no", "none": "none"},
    "fr": {"unknown": "je ne sais pas", "yes": "oui", "no": "non", "none": "aucune"},
}
MAX_TURNS = 120  # a safety net: the planner's budget stops far earlier
MAX_REASKS = 2  # an answer the parser cannot read twice in a row is skipped


@dataclass
class Simulation:
    assessment: Assessment
    profile: Profile  # what the interview learned
    questions: list[str] = field(default_factory=list)  # ids, in the order asked
    exchanges: list[tuple[str, str]] = field(default_factory=list)  # (question text, answer)
    model_calls: int = 0
    turns: int = 0

    @property
    def questions_asked(self) -> int:
        return len(self.questions)


def simulated_answer(question: Question, source: Profile, language: Language = SOURCE_LANGUAGE) -> str:
    """What a respondent who knows `source` answers to `question`, in `language`'s small words.
    To the closing offer to answer what was left unknown it says no: what it did not know then,
    it does not know now."""
    says = SAYS[language]
    if question.id == REVIEW:
        return says["no"]
    bank = bank_question(question.id)
    if question.id == KEY_FUNCTIONS:
        if not source.value_chain:
            return says["unknown"]
        chosen = [key.value for key, f in source.value_chain.items() if f.importance is None or f.importance >= 3]
        return ", ".join(chosen) if chosen else says["none"]
    return _words(bank.current(source), says)


def _words(value: Any, says: dict[str, str]) -> str:
    if value is None:
        return says["unknown"]
    if isinstance(value, bool):
        return says["yes"] if value else says["no"]
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else says["none"]
    return str(value)


def simulate(
    source: Profile,
    settings: Settings | None = None,
    *,
    model: LanguageModel | None = None,
    client: str | None = None,
    language: Language = SOURCE_LANGUAGE,
) -> Simulation:
    """Run the interview against `source` in `language`; offline unless a `model` (a fake, in
    benchmarks) is given."""
    settings = settings or Settings(offline=True)
    store = SqliteSessionStore(
        settings,
        path=":memory:",
        model=model,
        retriever=BuiltinRetriever(),
        guided_reason="simulated interview: no language model",
    )
    try:
        name = client or source.organization.name or "Simulated client"
        session = store.create(name, title="simulation", language=language)
        asked: list[str] = []
        exchanges: list[tuple[str, str]] = []
        pending, done = _last(session.start())
        reasks, turns = 0, 0
        while pending is not None and turns < MAX_TURNS:
            turns += 1
            answer = simulated_answer(pending, source, language)
            if asked and asked[-1] == pending.id:
                reasks += 1
                if reasks > MAX_REASKS:
                    answer = "/skip"
            elif pending.id != REVIEW:  # the closing offer is not a question about the client
                asked.append(pending.id)
                reasks = 0
            exchanges.append((pending.text, answer))
            pending, done = _last(session.answer(answer))
        if pending is not None:  # never expected: the planner's budget ends every interview
            _, done = _last(session.answer("/done"))
        assert done is not None, "the simulated interview did not finish"
        return Simulation(
            assessment=Assessment.model_validate(done.assessment),
            profile=session.profile(),
            questions=asked,
            exchanges=exchanges,
            model_calls=session.model_calls,
            turns=turns,
        )
    finally:
        store.close()


def _last(events: Any) -> tuple[Question | None, InterviewDone | None]:
    pending, done = None, None
    for event in events:
        if isinstance(event, QuestionAsked):
            pending = event.question
        elif isinstance(event, InterviewDone):
            done = event
    return pending, done
