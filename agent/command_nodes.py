"""The nodes of the commands that answer and ask the same question again: `/assess` (the
assessment so far) and `/help` (how to answer, the commands), in the session's language."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from agent import report
from agent.contract.commands import command_help
from agent.events import AssessmentUpdated, AssistantText
from agent.state import Context, InterviewState, message
from agent.understand import parse_command
from knowledge.locales import gettext_for
from tools.assess import assess
from tools.profile import Profile


def report_assessment(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """`/assess`: the assessment so far, then the same question again."""
    writer = get_stream_writer()
    language = runtime.context.language
    assessment = assess(Profile.model_validate(state.get("profile") or {}), language=language)
    writer(AssessmentUpdated(assessment=assessment.model_dump(mode="json")))
    _ = gettext_for(language, "interview")
    text = _("So far: {summary}").format(summary=report.summary_text(assessment, language))
    writer(AssistantText(text=text))
    return {"transcript": [message("user", state.get("last_input", "/assess")), message("advisor", text)]}


def help_text(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    writer = get_stream_writer()
    language = runtime.context.language
    text = state.get("last_input", "")
    command = parse_command(text)
    shown = "\n".join(command_help(language))
    # An unknown command comes back as help whose argument is the command itself ("/frobnicate");
    # "/help back" is help with an argument, not an unknown command.
    if command is not None and command.name == "help" and command.argument.startswith("/"):
        _ = gettext_for(language, "interview")
        unknown = _("Unknown command {command}.").format(command=text.split()[0])
        shown = f"{unknown}\n{shown}"
    writer(AssistantText(text=shown))
    return {"transcript": [message("user", text), message("advisor", shown)]}
