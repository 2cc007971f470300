"""Retrieval quality on a question set: recall@k and mean reciprocal rank, with the misses listed
so a failing figure says which questions to look at."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from knowledge.kb.store import KnowledgeBase


class Question(BaseModel):
    q: str
    expect: str  # "source › section path" of the passage that must come back
    also: str | None = None  # another passage that answers it as well


class RetrievalScore(BaseModel):
    questions: int
    recall: float  # share of questions with an expected passage in the top k
    mrr: float  # mean of 1/rank of the first expected passage (0 when absent from the top k)
    misses: list[str]


def load_questions(path: Path) -> list[Question]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question.model_validate(item) for item in data["questions"]]


def evaluate(kb: KnowledgeBase, questions: list[Question], k: int = 5) -> RetrievalScore:
    hits = 0
    reciprocal = 0.0
    misses = []
    for question in questions:
        wanted = {question.expect, question.also}
        found = [p.citation for p in kb.search(question.q, k=k)]
        rank = next((n for n, citation in enumerate(found, start=1) if citation in wanted), None)
        if rank is None:
            misses.append(f"{question.q!r} -> {found}")
            continue
        hits += 1
        reciprocal += 1 / rank
    total = len(questions) or 1
    return RetrievalScore(questions=len(questions), recall=hits / total, mrr=reciprocal / total, misses=misses)
