"""The language model: a `ChatOllama` factory, a preflight check, and `LanguageModel`, the only
object the graph talks to for model work.

Every `LanguageModel` method either returns something usable or raises `ModelUnavailable` with a
sentence a user can act on; the graph then switches to guided mode and the interview carries on.
A reply that is merely malformed (bad JSON, a value outside the allowed ones) is retried once with
the error, then the question falls back to its guided form: that is not a reason to leave the
model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError

from agent import phrasing, prompts
from agent.budget import CallMeter, CallRecord, DeadlineExceeded, Usage, estimate_tokens
from agent.extraction import (  # Extraction, extraction_schema and allowed_values are re-exported
    Extraction,
    allowed_values,
    also_wanted,
    capped,
    extraction_schema,
    to_extraction,
)
from agent.questions import BankQuestion
from agent.settings import Settings
from knowledge.i18n import Language
from knowledge.locales import gettext_for
from knowledge.model_names import same_model

PREFLIGHT_TIMEOUT = 3.0  # seconds: the preflight must not hold up the start of an interview
PROBE_TIMEOUT = 2.0  # seconds: probing a model that failed, while the interview goes on guided
MAX_QUESTION_CHARS = 400
PHRASE_DEADLINE = 6.0  # seconds: phrasing is a nicety; past this the plain question is shown
SLOW_PHRASE = 2.5  # seconds: a phrasing this slow switches phrasing off for the session
CHEAP_PHRASE = 1.0  # seconds: a phrasing this quick is worth it even when it only rewords a plain question
DEFAULT_DEADLINE = 60.0  # seconds, when no settings say otherwise (fakes in tests)
PHRASE_TOKENS = 60  # output caps per call kind: one question, a 120-word answer, a 5-sentence summary
ANSWER_TOKENS = 260  # 120 words of French are about 200 tokens
SUMMARY_TOKENS = 220


class ModelUnavailable(RuntimeError):
    """The model cannot be used (server down, model missing, timeout, broken stream)."""


class ModelStatus(BaseModel):
    ok: bool
    host: str
    model: str
    reachable: bool = False
    model_present: bool = False
    capabilities: list[str] = []
    reason: str = ""  # why not ok, in one sentence
    hint: str | None = None  # what to do about it


def preflight(settings: Settings, timeout: float = PREFLIGHT_TIMEOUT) -> ModelStatus:
    """Is Ollama reachable, is the model pulled, can it chat? Never raises."""
    import ollama

    client = ollama.Client(host=settings.ollama_host, timeout=timeout)
    try:
        return _preflight(client, settings, timeout)
    finally:
        client._client.close()  # the ollama client keeps an httpx pool open until closed


def _preflight(client: Any, settings: Settings, timeout: float) -> ModelStatus:
    import httpx
    import ollama

    _ = gettext_for(language_of_settings(settings), "answers")
    host = settings.ollama_host
    status = ModelStatus(ok=False, host=settings.ollama_host, model=settings.model)
    try:
        listed = client.list()
    except httpx.TimeoutException:
        status.reason = _("Ollama at {host} did not answer within {seconds} s").format(
            host=host, seconds=f"{timeout:g}"
        )
        status.hint = _("check that the server is not overloaded, or set OLLAMA_HOST to where it runs")
        return status
    except (ConnectionError, httpx.HTTPError, OSError):
        status.reason = _("Ollama is not reachable at {host}").format(host=host)
        status.hint = _("start it with `ollama serve`, or set OLLAMA_HOST to where it runs")
        return status
    except ollama.ResponseError as error:
        status.reason = _("Ollama at {host} answered an error ({status}: {error})").format(
            host=host, status=error.status_code, error=_short(error)
        )
        return status
    except Exception as error:  # a reply that is not Ollama's: wrong port, proxy page...
        status.reason = _("{host} does not answer like Ollama ({error})").format(host=host, error=_short(error))
        return status
    status.reachable = True
    names = [m.model for m in listed.models if m.model]
    if not any(same_model(settings.model, name) for name in names):
        status.reason = _("the model {model} is not pulled on {host}").format(model=settings.model, host=host)
        status.hint = _("run `ollama pull {model}`, or choose another model with ADVISOR_MODEL").format(
            model=settings.model
        )
        return status
    status.model_present = True
    try:
        shown = client.show(settings.model)
        status.capabilities = [str(c) for c in (shown.capabilities or [])]
    except Exception:  # older servers have no capabilities: assume a chat model
        status.capabilities = []
    if status.capabilities and "completion" not in status.capabilities:
        status.reason = _("the model {model} cannot chat (capabilities: {capabilities})").format(
            model=settings.model, capabilities=", ".join(status.capabilities)
        )
        status.hint = _("choose a chat model with ADVISOR_MODEL, for example qwen2.5:7b")
        return status
    status.ok = True
    return status


def chat_model(settings: Settings, thinking: bool = False) -> BaseChatModel:
    """ChatOllama as the advisor uses it: deterministic, bounded in time and context.

    `thinking`: whether the model can think; if so thinking is switched off explicitly (it only
    slows extraction and phrasing down)."""
    from langchain_ollama import ChatOllama

    return ChatOllama(
        model=settings.model,
        base_url=settings.ollama_host,
        temperature=0,
        num_ctx=settings.num_ctx,
        reasoning=False if thinking else None,
        client_kwargs={"timeout": settings.ollama_timeout},
        keep_alive="10m",
    )


def describe_failure(error: BaseException, settings: Settings | None = None) -> str:
    """One sentence saying why the model failed."""
    import httpx
    import ollama

    _ = gettext_for(language_of_settings(settings), "answers")
    host = settings.ollama_host if settings else _("the Ollama server")
    model = settings.model if settings else _("the model")
    if isinstance(error, DeadlineExceeded):
        return _("the model did not finish within {seconds} s").format(seconds=f"{error.seconds:g}")
    if isinstance(error, ModelUnavailable):
        return str(error)
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        if settings is None:
            return _("the model did not answer")
        return _("the model did not answer within {seconds} s").format(seconds=f"{settings.ollama_timeout:g}")
    if isinstance(error, httpx.ConnectError | ConnectionError):
        return _("Ollama is not reachable at {host}").format(host=host)
    if isinstance(error, ollama.ResponseError):
        if error.status_code == 404:
            return _("the model {model} is not available: run `ollama pull {model}`").format(model=model)
        return _("Ollama answered an error ({status}: {error})").format(status=error.status_code, error=_short(error))
    return _("the model call failed ({kind}: {error})").format(kind=type(error).__name__, error=_short(error))


def language_of_settings(settings: Settings | None) -> Language:
    """The language the settings speak (English without settings: fakes in tests)."""
    return settings.language if settings is not None else "en"


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:160]


class LanguageModel:
    """The chat model plus the advisor's four uses of it; counts its calls and records, per call,
    the prompt tokens the server reports and the time to the first token (`usage`)."""

    def __init__(
        self,
        chat: BaseChatModel,
        settings: Settings | None = None,
        can_call_tools: bool = True,
        probe: Callable[[], bool] | None = None,
    ):
        self.chat = chat
        self.settings = settings
        self.can_call_tools = can_call_tools  # Ollama refuses tools to a model without that capability
        self.calls = 0
        self.usage = Usage()
        self.phrasing = True  # switched off when phrasing proves slow: the bank's words are good enough
        self._probe = probe
        # Each kind of call caps its output; phrasing also waits less for the first byte.
        self.phrase_chat = _variant(chat, num_predict=PHRASE_TOKENS, timeout=PHRASE_DEADLINE)
        self.answer_chat = _variant(chat, num_predict=ANSWER_TOKENS)
        self.summary_chat = _variant(chat, num_predict=SUMMARY_TOKENS)

    @property
    def deadline(self) -> float:
        return self.settings.ollama_timeout if self.settings is not None else DEFAULT_DEADLINE

    def _meter(self, kind: str, messages: list[BaseMessage], deadline: float | None = None) -> CallMeter:
        record = CallRecord(kind=kind, estimated_tokens=sum(estimate_tokens(_text_of(m)) for m in messages))
        if self.usage.keep_prompts:
            record.prompt = list(messages)
        self.usage.records.append(record)
        return CallMeter(record, deadline or self.deadline)

    def _invoke(
        self, runnable: Any, messages: list[BaseMessage], kind: str = "extract", deadline: float | None = None
    ) -> Any:
        self.calls += 1
        meter = self._meter(kind, messages, deadline)
        try:
            return runnable.invoke(messages, config={"callbacks": [meter]})
        except Exception as error:  # every failure of the model becomes one sentence
            meter.record.ok = False
            raise ModelUnavailable(describe_failure(error, self.settings)) from error

    def probe(self) -> bool:
        """Whether the model answers again (after a failure): a quick look, never raises."""
        try:
            if self._probe is not None:
                return bool(self._probe())
            if self.settings is not None:
                return preflight(self.settings, timeout=PROBE_TIMEOUT).ok
            self._invoke(self.chat, [HumanMessage("ping")], kind="probe", deadline=PROBE_TIMEOUT)
            return True
        except Exception:  # any failure means "not yet"
            return False

    def phrase(
        self, question: str, organisation: dict[str, Any], previous: tuple[str, str] | None, language: str = "en"
    ) -> str | None:
        """The question in natural words in `language` (the session's), or None when a rewording
        would add nothing and costs time (after a plain answer, `phrasing.worth_rewording`, with a
        model slower than `CHEAP_PHRASE`: no model call then), or the reply is
        unusable, changes the question's meaning or shows prompt text. A phrasing past its short
        deadline is dropped and phrasing stops for the session (the model is slow, not gone)."""
        if not phrasing.worth_rewording(previous) and self._phrase_cost() > CHEAP_PHRASE:
            return None
        messages = prompts.phrase_messages(question, organisation, previous, language)
        try:
            reply = self._invoke(
                self.phrase_chat, messages, kind="phrase", deadline=min(PHRASE_DEADLINE, self.deadline)
            )
        except ModelUnavailable as error:
            if isinstance(error.__cause__, DeadlineExceeded | TimeoutError) or "did not answer" in str(error):
                self.phrasing = False
                return None
            raise
        if self.usage.records[-1].total_s > SLOW_PHRASE:
            self.phrasing = False
        text = _text_of(reply).strip().strip('"').strip()
        if not text or len(text) > MAX_QUESTION_CHARS or "?" not in text or "\n\n" in text:
            return None
        text = " ".join(text.split())
        return text if phrasing.acceptable(question, text) else None

    def _phrase_cost(self) -> float:
        """How long the last phrasing took (0 before the first: the first question is phrased)."""
        done = [r.total_s for r in self.usage.of("phrase") if r.ok]
        return done[-1] if done else 0.0

    def extract(
        self, question: BankQuestion, description: str, asked: str, answer: str, hints: str = ""
    ) -> Extraction | None:
        """The values in a free-text answer: the asked field and, for an organisation question, the
        other facts it gives; None when two replies in a row were unusable. `hints`: what the guided
        reader found, so a small model starts from it. The answer is capped (`MAX_ANSWER_CHARS`)."""
        schema = extraction_schema(question)
        structured = self.chat.with_structured_output(schema, method="json_schema", include_raw=True)
        messages = prompts.extract_messages(
            question.field,
            description,
            asked,
            allowed_values(question),
            capped(answer),
            hints=hints,
            also=also_wanted(question),
        )
        for attempt in range(2):
            result = self._invoke(structured, messages)
            raw, parsed, error = _structured_parts(result)
            if parsed is not None and error is None:
                try:
                    return to_extraction(
                        question,
                        schema.model_validate(
                            parsed.model_dump() if isinstance(parsed, BaseModel) else parsed
                        ).model_dump(),
                    )
                except ValidationError as invalid:
                    error = invalid
            if attempt == 0:
                messages = [
                    *messages,
                    AIMessage(_text_of(raw) if raw is not None else ""),
                    prompts.retry_message(str(error) if error else "the reply was empty"),
                ]
        return None

    def answer(
        self,
        query: str,
        passages: Sequence[prompts.Source],
        facts: str,
        on_chunk: Callable[[str], None] | None = None,
        language: str = "en",
        ground: Sequence[str] = (),
    ) -> str:
        """A grounded answer, streamed through `on_chunk`. No tools are bound: the passages, the
        facts and `ground` (the key facts of the advisor's own answer, which the model states and
        explains) are in the prompt, and tool schemas would double a small model's prompt."""
        messages = prompts.answer_messages(query, passages, facts, language, ground)
        return whole_sentences(_text_of(self._stream(self.answer_chat, messages, on_chunk)).strip())

    def summarise(self, facts: str, language: str = "en") -> str:
        reply = self._invoke(self.summary_chat, prompts.summary_messages(facts, language), kind="summary")
        return whole_sentences(_text_of(reply).strip())

    def _stream(self, model: Any, messages: list[BaseMessage], on_chunk: Callable[[str], None] | None) -> AIMessage:
        self.calls += 1
        meter = self._meter("answer", messages)
        whole: AIMessageChunk | None = None
        try:
            for chunk in model.stream(messages, config={"callbacks": [meter]}):
                whole = chunk if whole is None else whole + chunk
                text = _text_of(chunk)
                if text and on_chunk is not None:
                    on_chunk(text)
                meter.check()  # the overall deadline, on every chunk, empty ones included
        except Exception as error:
            meter.record.ok = False
            raise ModelUnavailable(describe_failure(error, self.settings)) from error
        meter.record.total_s = meter.clock() - meter.started
        usage = getattr(whole, "usage_metadata", None)
        if usage and usage.get("input_tokens"):
            meter.record.prompt_tokens = int(usage["input_tokens"])
        if whole is None:
            return AIMessage("")
        return AIMessage(content=whole.content, tool_calls=whole.tool_calls)


def _variant(chat: BaseChatModel, num_predict: int | None = None, timeout: float | None = None) -> BaseChatModel:
    """The same ChatOllama with an output cap (and a shorter HTTP timeout); other chat models
    (fakes in tests) as they are."""
    try:
        from langchain_ollama import ChatOllama
    except ImportError:  # pragma: no cover - a dependency of the project
        return chat
    if not isinstance(chat, ChatOllama):
        return chat
    params = {k: v for k, v in chat.model_dump().items() if v is not None}
    if num_predict is not None:
        params["num_predict"] = num_predict
    if timeout is not None:
        params["client_kwargs"] = {**params.get("client_kwargs", {}), "timeout": timeout}
    return ChatOllama(**params)


_SENTENCE_END = re.compile(r"[.!?…)\]»\"]\s*$")


def whole_sentences(text: str) -> str:
    """A reply cut by the output cap ends at its last whole sentence (never mid-word)."""
    if not text or _SENTENCE_END.search(text):
        return text
    cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "), text.rfind(".\n"))
    return text[: cut + 1] if cut > len(text) // 3 else text + "…"


def _structured_parts(result: Any) -> tuple[Any, Any, Any]:
    if isinstance(result, dict) and "raw" in result:
        return result.get("raw"), result.get("parsed"), result.get("parsing_error")
    return None, result, None if result is not None else "no value"


def _text_of(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")
