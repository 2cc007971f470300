"""LangChain tools over the advisor's deterministic functions, for a model answering questions
(in the agent: the tools package stays free of LangChain).

The tools only read: they assess a profile and search the knowledge base. Nothing a model passes
to them can change a conclusion, since every conclusion is recomputed from the profile by the
same pure functions the headless commands use.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from langchain_core.tools import BaseTool, StructuredTool, tool
from pydantic import ValidationError

from tools.assess import assess
from tools.assessment import Assessment
from tools.profile import Profile

Search = Callable[[str], Sequence[tuple[str, str]]]  # query -> (citation, text) pairs


def brief(a: Assessment, top: int = 5) -> dict:
    """The part of an assessment a model needs to explain it, small enough for a prompt."""
    return {
        "level": a.maturity.level,
        "level_name": a.maturity.name,
        "progress": a.maturity.progress,
        "confidence": a.maturity.confidence,
        "evidence": [f"{f.field} = {f.value}: {f.conclusion}" for f in a.maturity.evidence],
        "gaps": [f"{g.name}: {g.current}, needs {g.needed} ({g.why})" for g in a.maturity.gaps],
        "top_use_cases": [
            {
                "title": u.title,
                "function": u.function.value,
                "min_level": u.min_level,
                "priority": u.priority,
                "quadrant": u.quadrant.value,
                "rationale": u.rationale,
            }
            for u in a.use_cases[:top]
        ],
        "strategy": {"name": a.strategy.name.value, "rationale": a.strategy.rationale},
    }


@tool
def assess_profile(profile: dict) -> str:
    """Assess an organisation profile (the advisor's profile contract as JSON): returns its maturity
    level with evidence and gaps, the top use cases and the recommended strategy."""
    try:
        parsed = Profile.model_validate(profile)
    except ValidationError as error:
        return f"invalid profile: {error.errors()[0]['msg']}"
    return json.dumps(brief(assess(parsed)), ensure_ascii=False)


def agent_tools(current_profile: Callable[[], Profile], search: Search) -> list[BaseTool]:
    """Tools bound to one interview: its current profile and the knowledge base."""

    def current_assessment() -> str:
        """The client's current assessment, from the answers given so far: maturity level with
        evidence and gaps, top use cases and strategy."""
        return json.dumps(brief(assess(current_profile())), ensure_ascii=False)

    def search_knowledge_base(query: str) -> str:
        """Search the methodology knowledge base; returns passages with their source to cite."""
        found = search(query)
        if not found:
            return "no passage found"
        return "\n\n".join(f"{citation}\n{text}" for citation, text in found)

    return [StructuredTool.from_function(current_assessment), StructuredTool.from_function(search_knowledge_base)]
