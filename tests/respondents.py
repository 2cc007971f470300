"""Respondents written as data (tests/data/respondents/*.yaml) and a runner that interviews them
through the real graph: each answers in their own words, per question id, and lists what a
careful listener records from each answer. Used by tests/test_reading_personas.py (guided mode)
and by bench/bench_reading.py (guided and with a model)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agent.events import AnswerRecorded, InterviewDone, Question, QuestionAsked
from agent.questions import bank
from tools.profile import Profile

FOLDER = Path(__file__).parent / "data" / "respondents"
UNKNOWN = "I don't know"


@dataclass(frozen=True)
class Answer:
    say: str
    expect: dict[str, Any]  # profile field -> value a careful listener records (None: left unknown)


@dataclass(frozen=True)
class Respondent:
    key: str
    client: str
    language: str
    level: int
    answers: dict[str, Answer]


@dataclass
class Outcome:
    respondent: Respondent
    level: int
    asked: list[str]
    right: list[str] = field(default_factory=list)
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, expected, recorded)
    turn_seconds: list[float] = field(default_factory=list)
    calls_per_turn: list[int] = field(default_factory=list)  # model calls, the closing summary left out
    recorded_events: int = 0
    ended_guided: bool = False  # the model failed during the interview (the rest was guided)

    @property
    def recall(self) -> float:
        total = len(self.right) + len(self.wrong)
        return len(self.right) / total if total else 1.0


def load_respondents(folder: Path = FOLDER) -> list[Respondent]:
    people = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        answers = {qid: Answer(a["say"], dict(a.get("expect") or {})) for qid, a in data["answers"].items()}
        people.append(Respondent(path.stem, data["client"], data["language"], int(data["level"]), answers))
    return people


def recorded(profile: Profile, path: str) -> Any:
    """A field's value in the profile as JSON (None when unknown)."""
    if path == "value_chain":
        return sorted(k.value for k in profile.value_chain) or None
    if path == "organization.name":
        return profile.organization.name
    return bank()[path].current(profile)


def same(expected: Any, got: Any) -> bool:
    if isinstance(expected, list) and isinstance(got, list):
        return sorted(expected) == sorted(got)
    if isinstance(expected, str) and isinstance(got, str):
        return expected.strip().lower() == got.strip().lower()
    return expected == got


def interview(respondent: Respondent, store: Any, limit: int = 60) -> Outcome:
    """Run one interview; a question asked again (not understood) is skipped the second time, as a
    person tired of repeating would."""
    session = store.create(respondent.client, title="respondent")
    asked: list[str] = []
    started, calls = time.perf_counter(), session.model_calls  # one model serves every session of a store
    question, done, events = _last(session.start())
    turns = [time.perf_counter() - started]
    per_turn = [session.model_calls - calls]
    count = events
    for _ in range(limit):
        if question is None:
            break
        again = bool(asked) and asked[-1] == question.id
        if not again:
            asked.append(question.id)
        answer = respondent.answers.get(question.id)
        text = "/skip" if again else (answer.say if answer else UNKNOWN)
        started, calls = time.perf_counter(), session.model_calls
        question, done, events = _last(session.answer(text))
        turns.append(time.perf_counter() - started)
        per_turn.append(session.model_calls - calls - (1 if done is not None and session.model_calls > calls else 0))
        count += events
    if question is not None:
        _, done, _ = _last(session.answer("/done"))
    assert done is not None, f"{respondent.key}: the interview did not finish"
    profile = session.profile()
    level = (
        done.assessment.maturity.level if hasattr(done.assessment, "maturity") else done.assessment["maturity"]["level"]
    )
    outcome = Outcome(
        respondent,
        int(level),
        asked,
        turn_seconds=turns,
        calls_per_turn=per_turn,
        recorded_events=count,
        ended_guided=session.guided,
    )
    for qid in asked:
        answer = respondent.answers.get(qid)
        for path, expected in (answer.expect if answer else {}).items():
            got = recorded(profile, path)
            if same(expected, got):
                outcome.right.append(path)
            else:
                outcome.wrong.append((path, expected, got))
    return outcome


def _last(events: Any) -> tuple[Question | None, InterviewDone | None, int]:
    question, done, recorded_events = None, None, 0
    for event in events:
        if isinstance(event, QuestionAsked):
            question = event.question
        elif isinstance(event, InterviewDone):
            question, done = None, event
        elif isinstance(event, AnswerRecorded) and event.value is not None:
            recorded_events += 1
    return question, done, recorded_events


def read_every_answer(respondent: Respondent) -> Outcome:
    """Every answer of the respondent read by the guided reader alone, whatever the planner asks:
    what a careful listener records against what the reader gives (asked field and side facts)."""
    from agent.understand import understand

    outcome = Outcome(respondent, respondent.level, list(respondent.answers))
    for qid, answer in respondent.answers.items():
        question = bank()[qid]
        reading = understand(question, answer.say)
        given: dict[str, Any] = dict(reading.also)
        value = reading.value if reading.status == "value" else None
        given["value_chain" if qid == "value_chain.key_functions" else question.field] = value
        for path, expected in answer.expect.items():
            got = given.get(path)
            if same(expected, got):
                outcome.right.append(path)
            else:
                outcome.wrong.append((path, expected, got))
    return outcome
