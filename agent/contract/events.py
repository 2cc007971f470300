"""What a session tells its interface: the one small vocabulary between the agent and any UI.

Every event is a typed pydantic model; interfaces match on the class (`case QuestionAsked():`),
never on a string. Payloads are typed too: the assessment is the `tools.assessment.Assessment`
the tools computed (no dict round trip inside one process), the profile a `tools.profile.Profile`.
None of this needs LangGraph.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, JsonValue

from knowledge.i18n import Language
from tools.assessment import Assessment
from tools.profile import Profile

Section = Literal["organization", "value_chain", "capabilities", "governance"]
QuestionKind = Literal["choice", "multi", "scale", "yesno", "text"]


class Choice(BaseModel):
    value: str  # what is stored in the profile
    label: str  # what the respondent sees


class Question(BaseModel):
    """One question about one thing (one profile field, or one function's detail)."""

    id: str  # stable key, e.g. "capabilities.rag"
    field: str  # the profile field path it fills
    section: Section
    text: str
    kind: QuestionKind
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
    """One profile field recorded from an answer (an answer that says several things gives
    several of these in a row). `value` None means skipped / unknown."""

    type: Literal["answer"] = "answer"
    field: str
    value: JsonValue = None  # as stored in the profile
    question: str
    answer: str
    label: str = ""  # the field as the session's language names it ("taille", "RAG (…)")
    value_text: str = ""  # the value as understood, in the session's language ("Grande")

    @property
    def name(self) -> str:
        """The field's label, as shown ("size", "taille"); its short name when the session gave none."""
        return self.label or self.field.rsplit(".", 1)[-1].replace("_", " ")

    @property
    def shown(self) -> str:
        """The value as understood ("production"), not the keystrokes that chose it ("4")."""
        if self.value_text:
            return self.value_text
        if self.value is None:
            return "skipped"
        if isinstance(self.value, list):
            return ", ".join(str(v).replace("_", " ") for v in self.value)
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return str(self.value).replace("_", " ")  # "cost reduction", not the key "cost_reduction"


class ProfileUpdated(BaseModel):
    type: Literal["profile"] = "profile"
    profile: Profile
    completeness: dict[str, float]  # section -> 0..1


class AssessmentUpdated(BaseModel):
    type: Literal["assessment"] = "assessment"
    assessment: Assessment


class ModeChanged(BaseModel):
    type: Literal["mode"] = "mode"
    guided: bool  # True: no language model, structured questions only
    reason: str


class Notice(BaseModel):
    type: Literal["notice"] = "notice"
    level: Literal["info", "warning", "error"] = "info"
    text: str


class LanguageChanged(BaseModel):
    """The session now speaks `language` (`/lang fr`): questions, hints and answers from here on;
    an interface switches its own words too. No answer is lost or changed."""

    type: Literal["language"] = "language"
    language: Language


class InterviewDone(BaseModel):
    type: Literal["done"] = "done"
    assessment: Assessment
    summary: str  # a short narrative (model-written when a model is available)
    questions_asked: int


# The `type` tags stay so that events serialise and validate back (logs, a future wire format).
Event = Annotated[
    AssistantText
    | QuestionAsked
    | AnswerRecorded
    | ProfileUpdated
    | AssessmentUpdated
    | ModeChanged
    | Notice
    | LanguageChanged
    | InterviewDone,
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
    language: Language = "en"  # what the session speaks; profiles and JSON keys stay English
