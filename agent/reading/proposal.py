"""A model's extraction is a proposal; the respondent's words decide.

`judge` merges the guided reading (the floor) with what a model proposes:
- a correct guided value is never dropped: when the model disagrees, the guided value is stored,
  and when the words could carry the model's reading too the respondent is told, so a wrong
  reading can be corrected with /back;
- a proposed value the words contradict is refused: a negation or "none" never becomes
  "production", "no" never becomes a yes;
- a proposed value that cannot be traced to the words is not stored;
- the model adds what the guided reader missed: a value it could not read, items of a list,
  other fields the answer gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from agent.labels import field_label, value_label
from agent.questions import KEY_FUNCTIONS, BankQuestion, bank
from agent.reading import words as w
from agent.reading.choices import item_phrases, stages
from agent.reading.numbers import head_count, size_band
from agent.reading.sector import read_sector
from agent.reading.text import has, has_negation, mentions, normalise
from agent.reading.understood import Understood
from agent.understand import yes_or_no
from knowledge.i18n import SOURCE_LANGUAGE, Language
from knowledge.locales import gettext_for
from knowledge.vocabulary import Size

if TYPE_CHECKING:
    from agent.extraction import Extraction

Support = Literal["traced", "contradicted", "untraced"]
# Words that say some generative AI is in use, for a stage the answer names in its own way.
AI_USE = (
    "chatgpt",
    "copilot",
    "gpt",
    "gemini",
    "claude",
    "mistral",
    "llm",
    "llms",
    "ai",
    "ia",
    "genai",
    "chatbot",
    "bot",
    "assistant",
    "assistants",
    "model",
    "models",
    "modele",
    "rag",
    "api",
    "openai",
    "azure",
    "retrieval",
    "fine tuned",
    "fine tuning",
    "vector",
    "embeddings",
    "pipeline",
    "pipelines",
    "gpu",
    "gpus",
    "llama",
    "agent",
    "agents",
)


@dataclass
class Judged:
    reading: Understood
    notes: list[str] = field(default_factory=list)  # what to tell the respondent
    refused: list[str] = field(default_factory=list)  # "field=value" proposals not stored, for tests and logs


def judge(
    question: BankQuestion, text: str, guided: Understood, proposal: Extraction, language: Language = SOURCE_LANGUAGE
) -> Judged:
    """The model's proposal checked against the answer's words; notes in `language`."""
    result = Judged(guided)
    also = dict(guided.also)
    for path, value in proposal.also.items():  # other fields: guided facts first, then traced proposals
        target = _question_for(path)
        if path in also or path == question.field:
            continue
        checked = _normalised(target, value) if target is not None else _name(value, text)
        if checked is not None and (target is None or support(target, checked, text) == "traced"):
            also[path] = checked
        else:
            result.refused.append(f"{path}={value}")
    value = _normalised(question, proposal.value) if proposal.understood else None
    reading = guided
    if guided.status == "value":
        if question.kind == "multi" and isinstance(value, list):
            added = [
                item
                for item in value
                if item not in guided.value and item != "none" and support(question, [item], text) == "traced"
            ]
            reading = Understood("value", [*guided.value, *added], hint=guided.hint)
        elif value is not None and value != guided.value:
            result.refused.append(f"{question.field}={value}")
            if support(question, value, text) == "traced":  # a real ambiguity in the words: say so
                _ = gettext_for(language, "interview")
                note = _("I kept {kept} from your words; they could also mean {other}. Type /back if that is wrong.")
                result.notes.append(
                    note.format(kept=_shown(question, guided.value, language), other=_shown(question, value, language))
                )
    elif guided.status == "unclear" and value is not None:
        verdict = support(question, value, text)
        if verdict == "traced":
            reading = Understood("value", value)
        else:
            result.refused.append(f"{question.field}={value}")
    result.reading = Understood(reading.status, reading.value, reading.exact, reading.hint, tuple(also.items()))
    return result


def support(question: BankQuestion, value: Any, text: str) -> Support:
    """Whether the answer's words support `value` for `question`."""
    norm = normalise(text)
    values = [c.value for c in question.choices]
    if question.kind == "yesno":
        sensitive = [mentions(text, p) for p in w.SENSITIVE]
        yes = any(plain for _, plain in sensitive) or yes_or_no(text) is True
        if value is True:
            return "traced" if yes else "contradicted" if has_negation(text) else "untraced"
        return "traced" if has_negation(text) or yes_or_no(text) is False else "contradicted" if yes else "untraced"
    if question.kind == "scale":
        digit = f"{value}"
        if has(norm, digit) or any(mentions(text, p)[1] for v, ps in w.SCALE if v == value for p in ps):
            return "traced"
        return "untraced"
    if question.kind == "multi":
        items = value if isinstance(value, list) else [value]
        said = [i for i in items if i in values and any(mentions(text, p)[1] for p in item_phrases(question, i))]
        return "traced" if said and len(said) == len(items) else "untraced"
    if question.id == "organization.sector":
        reading = read_sector(text)
        if value in reading.mentioned or any(
            len(part) >= 4 and has(norm, part) for part in normalise(str(value)).split()
        ):
            return "traced"
        return "untraced"
    if question.id == "organization.size":
        count = head_count(text, asked_size=True)
        if count is not None:
            return "traced" if size_band(count) == value else "contradicted"
        return "traced" if any(mentions(text, p)[1] for p in w.SIZE.get(str(value), ())) else "untraced"
    if set(values) == set(w.ADOPTION) or set(values) == set(w.GOVERNANCE):
        vocabulary = w.ADOPTION if set(values) == set(w.ADOPTION) else w.GOVERNANCE
        positive, negative = stages(text, norm, vocabulary)
        if value == "none":
            return "traced" if negative or has_negation(text) else "untraced"
        if not positive and (negative or has_negation(text)):
            return "contradicted"
        if value in positive or (not positive and any(has(norm, word) for word in AI_USE)):
            return "traced"
        return "untraced"
    if set(values) == set(w.APPETITE):
        return "traced" if any(mentions(text, p)[1] for p in w.APPETITE.get(str(value), ())) else "untraced"
    return "untraced"


def _question_for(path: str) -> BankQuestion | None:
    return bank().get(path)


def _normalised(question: BankQuestion | None, value: Any) -> Any:
    """The proposed value as the profile stores it, or None when it does not fit the contract."""
    if question is None or value in (None, "", []):
        return None
    if question.id == "organization.sector":
        key = read_sector(str(value)).key
        return key or " ".join(str(value).split())[:80]
    if question.id == "organization.size":
        return value if value in {s.value for s in Size} else None
    if question.kind == "multi":
        items = [v for i, v in enumerate(value) if v not in value[:i]] if isinstance(value, list) else [value]
        if len(items) > 1 and "none" in items:
            items.remove("none")
        return items
    return value


def _name(value: Any, text: str) -> str | None:
    """An organisation name is stored only as the answer writes it."""
    name = " ".join(str(value).split())[:80] if value else ""
    return name if name and normalise(name) and has(normalise(text), normalise(name)) else None


def _shown(question: BankQuestion, value: Any, language: Language) -> str:
    """ "size: Large" / "taille : Grande": the field's label and the value's words."""
    field = "value_chain" if question.id == KEY_FUNCTIONS else question.field
    _ = gettext_for(language, "interview")
    return _("{field}: {value}").format(field=field_label(field, language), value=value_label(field, value, language))
