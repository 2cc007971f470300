"""The methodology questions with known answers (tests/data/known_answers.yaml): loading them and
judging an answer, for the tests (fake models) and `make bench` (the real model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from agent.faithful import has, normalise, problems
from tools.assessment import Assessment

ROOT = Path(__file__).resolve().parent.parent
KNOWN_ANSWERS = ROOT / "tests" / "data" / "known_answers.yaml"


class KnownAnswer(BaseModel):
    id: str
    lang: str
    question: str
    must: list[list[str]] = []  # one word of every group
    must_not: list[str] = []


class KnownAnswers(BaseModel):
    client: str
    questions: list[KnownAnswer]

    @property
    def client_path(self) -> Path:
        return ROOT / self.client


def load_known_answers(path: Path = KNOWN_ANSWERS) -> KnownAnswers:
    return KnownAnswers.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def judge(answer: str, entry: KnownAnswer, assessment: Assessment) -> list[str]:
    """Why `answer` is not a right answer to `entry` (empty: it is)."""
    text = normalise(answer)
    why: list[str] = [p.detail for p in problems(answer, assessment)]
    why += [f"says none of {group}" for group in entry.must if not any(has(text, normalise(w)) for w in group)]
    why += [f"says {w!r}" for w in entry.must_not if has(text, normalise(w))]
    return why


def as_dict(entry: KnownAnswer) -> dict[str, Any]:
    return entry.model_dump()
