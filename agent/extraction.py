"""What a model may extract from one answer: the asked field plus the few other facts an answer
about the organisation often carries, as a JSON schema built from the contract's vocabularies.

The schema is flat and small on purpose: a 1.5B model on two cores reads every token of it. The
answer itself is capped at `MAX_ANSWER_CHARS` before it reaches a model (about 150 tokens; an
answer longer than that is read whole by the guided reader, which runs first)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from agent.questions import BankQuestion
from knowledge.vocabulary import Size

MAX_ANSWER_CHARS = 600  # characters of an answer sent to a model

# Other fields an organisation answer may give, by their key in the model's reply -> profile field.
# Only for organisation questions: elsewhere the asked field alone keeps the prompt short.
# The name is left out: a session starts with the client's name, which an answer never replaces.
EXTRA_FIELDS = {
    "sector": "organization.sector",
    "size": "organization.size",
}
EXTRA_DESCRIPTIONS = {
    "sector": "its sector in one or two words, if the answer says it",
    "size": "micro (<10 staff), small (<250), medium (<5000) or large, if the answer gives a head count",
}

OPTIONAL_TEXT: Any = str | None  # typed Any: create_model takes a union object, not only a class


class Extraction(BaseModel):
    """What the model read in an answer; `value` is validated against the question's choices,
    `also` holds the other fields it found (profile field path -> value)."""

    model_config = ConfigDict(extra="ignore")

    understood: bool
    value: Any = None
    follow_up: str | None = None
    also: dict[str, Any] = {}


def extra_keys(question: BankQuestion) -> list[str]:
    """The other fields this question's extraction may fill."""
    if question.section != "organization":
        return []
    return [key for key, field in EXTRA_FIELDS.items() if field != question.field]


def extraction_schema(question: BankQuestion) -> type[BaseModel]:
    """A pydantic model whose `value` admits exactly the question's allowed answers."""
    values = tuple(c.value for c in question.choices)
    value_type: Any
    if question.kind == "scale":
        value_type = int | None
        value_field = Field(default=None, ge=1, le=5, description="1 (marginal) to 5 (critical)")
    elif question.kind == "yesno":
        value_type = bool | None
        value_field = Field(default=None, description="true for yes, false for no")
    elif question.kind == "multi":
        value_type = list[Literal[values]] | None  # type: ignore[valid-type]
        value_field = Field(default=None, description="one or more of the allowed values")
    elif question.kind == "choice" and not question.open_choice:
        value_type = Literal[values] | None
        value_field = Field(default=None, description="one of the allowed values")
    else:
        value_type = str | None
        value_field = Field(default=None, max_length=500, description="the answer in a few words")
    extras: dict[str, Any] = {}
    for key in extra_keys(question):
        kind: Any = Literal[tuple(s.value for s in Size)] | None if key == "size" else str | None
        extras[key] = (
            kind,
            Field(default=None, max_length=80, description=EXTRA_DESCRIPTIONS[key])
            if key != "size"
            else Field(default=None, description=EXTRA_DESCRIPTIONS[key]),
        )
    return create_model(
        "Extraction_" + question.id.replace(".", "_"),
        __config__=ConfigDict(extra="ignore"),
        understood=(bool, Field(description="true when the answer gives the value")),
        value=(value_type, value_field),
        follow_up=(
            OPTIONAL_TEXT,
            Field(default=None, max_length=300, description="a short question to ask when not understood"),
        ),
        **extras,
    )


def to_extraction(question: BankQuestion, parsed: dict[str, Any]) -> Extraction:
    """The validated reply as an `Extraction`, with the extra fields under their profile paths."""
    also = {EXTRA_FIELDS[key]: parsed[key] for key in extra_keys(question) if parsed.get(key) not in (None, "")}
    return Extraction(
        understood=parsed.get("understood", False),
        value=parsed.get("value"),
        follow_up=parsed.get("follow_up"),
        also=also,
    )


def allowed_values(question: BankQuestion) -> str:
    if question.kind == "scale":
        return "an integer from 1 (marginal) to 5 (critical)"
    if question.kind == "yesno":
        return "true (yes) or false (no)"
    if question.kind == "text" or question.open_choice:
        return "a short phrase taken from the answer"
    listed = "; ".join(f'"{c.value}"' + (f" ({_gist(c.label)})" if _gist(c.label) else "") for c in question.choices)
    return ("a list of any of: " if question.kind == "multi" else "one of: ") + listed


def _gist(label: str) -> str:
    """What a label adds to its value, in a few words ("Exploring: a few people try it out" ->
    "a few people try it out"; "Customer data" -> "")."""
    gist = (
        label.split(":", 1)[1].strip() if ":" in label else label.split(" (", 1)[1].rstrip(")") if " (" in label else ""
    )
    return gist


def also_wanted(question: BankQuestion) -> str:
    """The extra fields, as the prompt lists them ("" when there are none)."""
    return "; ".join(f'"{key}": {EXTRA_DESCRIPTIONS[key]}' for key in extra_keys(question))


def capped(answer: str) -> str:
    return answer if len(answer) <= MAX_ANSWER_CHARS else answer[:MAX_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
