"""What a session tells its interface: the one small vocabulary between the agent and any UI.

The terminal interface, the plain `advisor interview` prompt and the tests all consume these
events; none of them needs to know about LangGraph.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field


class Choice(BaseModel):
    value: str  # what is stored in the profile
    label: str  # what the respondent sees


class Question(BaseModel):
    """One question about one thing (one profile field, or one function's detail)."""

    id: str  # stable key, e.g. "capabilities.rag"
    field: str  # the profile field path it fills
    section: Literal["organization", "value_chain", "capabilities", "governance"]
    text: str
    kind: Literal["choice", "multi", "scale", "yesno", "text"]
    choices: list[Choice] = []
    help: str | None = None
    number: int  # 1-based count of questions asked so far in the session


class AssistantText(BaseModel):
    """Model or advisor prose. Streamed as chunks (final=False), then once whole (final=True)."""

    type: Literal["assistant"] = "assistant"
    text: str
    final: bool = True
    sources: list[str] = []  # citations "document › section"


class QuestionAsked(BaseModel):
    type: Literal["question"] = "question"
    question: Question


class AnswerRecorded(BaseModel):
    type: Literal["answer"] = "answer"
    field: str
    value: Any  # JSON value as stored in the profile; None for "skipped / unknown"
    question: str
    answer: str


class ProfileUpdated(BaseModel):
    type: Literal["profile"] = "profile"
    profile: dict[str, Any]  # Profile.model_dump(mode="json")
    completeness: dict[str, float]  # section -> 0..1


class AssessmentUpdated(BaseModel):
    type: Literal["assessment"] = "assessment"
    assessment: dict[str, Any]  # Assessment.model_dump(mode="json")


class ModeChanged(BaseModel):
    type: Literal["mode"] = "mode"
    guided: bool  # True: no language model, structured questions only
    reason: str


class Notice(BaseModel):
    type: Literal["notice"] = "notice"
    level: Literal["info", "warning", "error"] = "info"
    text: str


class InterviewDone(BaseModel):
    type: Literal["done"] = "done"
    assessment: dict[str, Any]
    summary: str  # a short narrative (model-written when a model is available)
    questions_asked: int


Event = Annotated[
    AssistantText | QuestionAsked | AnswerRecorded | ProfileUpdated | AssessmentUpdated
    | ModeChanged | Notice | InterviewDone,
    Field(discriminator="type"),
]


class Message(BaseModel):
    """One line of the conversation transcript, restored when a session is reopened."""

    role: Literal["advisor", "user", "system"]
    text: str
    at: datetime | None = None


class SessionInfo(BaseModel):
    id: str
    client: str
    title: str
    created: datetime
    updated: datetime
    level: int | None = None
    status: Literal["in_progress", "done"] = "in_progress"
    questions_asked: int = 0
