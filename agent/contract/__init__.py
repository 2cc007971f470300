"""The typed session contract between the agent and its interfaces: the session API, its events
and payloads, the export formats and the slash commands. An interface imports this package and
nothing else of the agent, tools or knowledge (import-linter checks it, see pyproject.toml).

The names load on first use (PEP 562), so an interface that only needs `agent.contract.text`
before its first frame does not pay for pydantic and the tools' models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.contract.api import (
        InterfaceOptions,
        Session,
        SessionBusy,
        SessionStore,
        SessionStoreError,
        StoreFactory,
        StoreState,
        StoreStatus,
    )
    from agent.contract.commands import COMMANDS, Command, CommandName, CommandSpec, parse_command
    from agent.contract.events import (
        AnswerRecorded,
        AssessmentUpdated,
        AssistantText,
        Choice,
        Event,
        InterviewDone,
        LanguageChanged,
        Message,
        ModeChanged,
        Notice,
        ProfileUpdated,
        Question,
        QuestionAsked,
        QuestionKind,
        Section,
        SessionInfo,
    )
    from agent.contract.formats import EXPORT_FORMATS, ExportFormat, format_for_suffix, format_name
    from tools.assessment import Assessment
    from tools.profile import Profile

__all__ = [
    "COMMANDS",
    "EXPORT_FORMATS",
    "AnswerRecorded",
    "Assessment",
    "AssessmentUpdated",
    "AssistantText",
    "Choice",
    "Command",
    "CommandName",
    "CommandSpec",
    "Event",
    "ExportFormat",
    "InterfaceOptions",
    "InterviewDone",
    "LanguageChanged",
    "Message",
    "ModeChanged",
    "Notice",
    "Profile",
    "ProfileUpdated",
    "Question",
    "QuestionAsked",
    "QuestionKind",
    "Section",
    "Session",
    "SessionBusy",
    "SessionInfo",
    "SessionStore",
    "SessionStoreError",
    "StoreFactory",
    "StoreState",
    "StoreStatus",
    "format_for_suffix",
    "format_name",
    "parse_command",
]

_HOME = {
    **dict.fromkeys(
        [
            "InterfaceOptions",
            "Session",
            "SessionBusy",
            "SessionStore",
            "SessionStoreError",
            "StoreFactory",
            "StoreState",
            "StoreStatus",
        ],
        "agent.contract.api",
    ),
    **dict.fromkeys(["COMMANDS", "Command", "CommandName", "CommandSpec", "parse_command"], "agent.contract.commands"),
    **dict.fromkeys(
        [
            "AnswerRecorded",
            "AssessmentUpdated",
            "AssistantText",
            "Choice",
            "Event",
            "InterviewDone",
            "LanguageChanged",
            "Message",
            "ModeChanged",
            "Notice",
            "ProfileUpdated",
            "Question",
            "QuestionAsked",
            "QuestionKind",
            "Section",
            "SessionInfo",
        ],
        "agent.contract.events",
    ),
    **dict.fromkeys(["EXPORT_FORMATS", "ExportFormat", "format_for_suffix", "format_name"], "agent.contract.formats"),
    "Assessment": "tools.assessment",
    "Profile": "tools.profile",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'agent.contract' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # looked up once
    return value
