"""The session events, kept importable here for the graph's nodes: they are defined once, in the
typed contract (`agent.contract.events`)."""

from agent.contract.events import (
    AnswerRecorded,
    AssessmentUpdated,
    AssistantText,
    Choice,
    Event,
    InterviewDone,
    Message,
    ModeChanged,
    Notice,
    ProfileUpdated,
    Question,
    QuestionAsked,
    SessionInfo,
)

__all__ = [
    "AnswerRecorded",
    "AssessmentUpdated",
    "AssistantText",
    "Choice",
    "Event",
    "InterviewDone",
    "Message",
    "ModeChanged",
    "Notice",
    "ProfileUpdated",
    "Question",
    "QuestionAsked",
    "SessionInfo",
]
