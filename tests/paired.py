"""The paired respondents (tests/data/respondents/paired/*.yaml): one organisation answering the
same interview in English and in French, the way each language says it. `interview_in` runs the
real graph in guided mode in one language and returns what it recorded and concluded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agent.contract import AnswerRecorded, Event, InterviewDone, LanguageChanged, Question, QuestionAsked
from agent.contract.events import AssistantText, Notice
from tools.assessment import Assessment
from tools.profile import Profile

FOLDER = Path(__file__).parent / "data" / "respondents" / "paired"
UNKNOWN = {"en": "I don't know", "fr": "je ne sais pas"}


@dataclass(frozen=True)
class Pair:
    key: str
    client: str
    level: int
    answers: dict[str, dict[str, Any]]  # question id -> {"en": ..., "fr": ..., "expect": {...}}


@dataclass
class Run:
    profile: Profile
    assessment: Assessment
    asked: list[str]
    events: list[Event] = field(default_factory=list)

    def shown(self) -> str:
        """Everything the session said, as an interface would show it."""
        lines: list[str] = []
        for event in self.events:
            match event:
                case QuestionAsked(question=q):
                    lines += [q.text, q.help or "", *(c.label for c in q.choices)]
                case AssistantText() | Notice():
                    lines.append(event.text)
                case AnswerRecorded():
                    lines.append(f"{event.name}: {event.shown}")
        return "\n".join(lines)


def load_pairs(folder: Path = FOLDER) -> list[Pair]:
    pairs = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs.append(Pair(path.stem, data["client"], int(data["level"]), data["answers"]))
    return pairs


def interview_in(pair: Pair, language: str, store: Any, limit: int = 80) -> Run:
    """The whole interview in `language`, each answer in that language; a question asked again
    (not understood) is skipped, as a tired respondent would."""
    session = store.create(pair.client, title=f"paired {language}", language=language)
    events = list(session.start())
    asked: list[str] = []
    for _ in range(limit):
        question = _pending(events)
        if question is None:
            break
        again = bool(asked) and asked[-1] == question.id
        if not again:
            asked.append(question.id)
        said = pair.answers.get(question.id, {}).get(language, UNKNOWN[language])
        events += list(session.answer("/skip" if again else said))
    done = next((e for e in reversed(events) if isinstance(e, InterviewDone)), None)
    if done is None:
        events += list(session.answer("/done"))
        done = next(e for e in reversed(events) if isinstance(e, InterviewDone))
    assessment = (
        done.assessment if isinstance(done.assessment, Assessment) else Assessment.model_validate(done.assessment)
    )
    return Run(session.profile(), assessment, asked, events)


def _pending(events: list[Event]) -> Question | None:
    for event in reversed(events):
        if isinstance(event, QuestionAsked):
            return event.question
        if isinstance(event, InterviewDone | LanguageChanged):
            return None
    return None
