"""The interview: questions asked by the simulated interview on the example profiles, the graph's
own time per turn with the SQLite checkpointer and no model, and language-model calls per turn
with a counting fake model (answers given as exact choices, then as free-text sentences). A turn
is the start of a session or one answer; the one call writing the closing summary is left out.
The real model's figures come from `bench.bench_model` (or "no model")."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, percentile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


MAX_TURNS = 60  # more than any interview takes (its budget is 25 questions, re-asks included)


def run() -> list[Figure]:
    from tools.assess import assess
    from tools.profile_io import load_profile

    profiles = [load_profile(path) for path in EXAMPLES]
    if not profiles:
        return []
    asked, agree, top_shared = [], 0, []
    for profile in profiles:
        result = _simulate(profile)
        expected = assess(profile)
        asked.append(result.questions_asked)
        agree += result.assessment.maturity.level == expected.maturity.level
        top = {u.id for u in expected.use_cases[:3]}
        top_shared.append(len(top & {u.id for u in result.assessment.use_cases[:3]}) / 3)
    turns = _turn_times(profiles)
    exact_mean, exact_max = _calls_per_turn(profiles, wordy=False)
    wordy_mean, wordy_max = _calls_per_turn(profiles, wordy=True)
    n = len(profiles)
    return [
        Figure(
            area="agent",
            name=f"questions asked, simulated interview, median of {n} examples",
            value=statistics.median(asked),
            unit="questions",
            target=20,
        ),
        Figure(
            area="agent",
            name="questions asked, simulated interview, max",
            value=max(asked),
            unit="questions",
            target=25,
        ),
        Figure(
            area="agent",
            name="simulated level = `advisor assess` level",
            value=agree / n,
            unit="share",
            target=1.0,
            better="higher",
        ),
        Figure(
            area="agent",
            name="top-3 use cases shared with the full profile, mean",
            value=statistics.mean(top_shared),
            unit="share",
            better="higher",
        ),
        Figure(
            area="agent",
            name="graph time per turn, SQLite checkpointer, no model, p50",
            value=statistics.median(turns),
            unit="ms",
            target=20,
        ),
        Figure(
            area="agent",
            name="graph time per turn, SQLite checkpointer, no model, p95",
            value=percentile(turns, 95),
            unit="ms",
        ),
        Figure(area="agent", name="graph time per turn, max", value=max(turns), unit="ms"),
        Figure(area="agent", name="model calls per turn, exact answers, mean", value=exact_mean, unit="calls"),
        Figure(area="agent", name="model calls per turn, exact answers, max", value=exact_max, unit="calls", target=1),
        Figure(area="agent", name="model calls per turn, free-text answers, mean", value=wordy_mean, unit="calls"),
        Figure(
            area="agent", name="model calls per turn, free-text answers, max", value=wordy_max, unit="calls", target=1
        ),
    ] + _model_figures()


def _model_figures() -> list[Figure]:
    """The real model's figures (bench.bench_model), or one "no model" line."""
    from bench.bench_model import run as run_model

    return run_model()


def _simulate(profile: Any, model: Any = None) -> Any:
    from agent.settings import Settings
    from agent.simulate import simulate

    return simulate(profile, Settings(offline=True, data_dir=Path(tempfile.gettempdir())), model=model)


def _turn_times(profiles: list[Any]) -> list[float]:
    """Milliseconds per answered question, whole turn through the session API, on a file."""
    from agent.events import QuestionAsked
    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore
    from agent.settings import Settings
    from agent.simulate import simulated_answer

    samples: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteSessionStore(
            Settings(data_dir=Path(folder), offline=True), model=None, retriever=BuiltinRetriever()
        )
        for profile in profiles:
            session = store.create(profile.organization.name or "Bench")
            pending = [e.question for e in session.start() if isinstance(e, QuestionAsked)]
            for _ in range(MAX_TURNS):  # a refused answer is asked again: never loop without end
                if not pending:
                    break
                answer = simulated_answer(pending[-1], profile)
                start = time.perf_counter()
                events = list(session.answer(answer))
                samples.append((time.perf_counter() - start) * 1000)
                pending = [e.question for e in events if isinstance(e, QuestionAsked)]
        store.close()
    return samples


def _calls_per_turn(profiles: list[Any], wordy: bool) -> tuple[float, int]:
    """Model calls per turn (the start and each answer), mean and max, with a counting fake model.
    The one closing call that writes the report's summary is not counted in the last turn."""
    from agent.events import QuestionAsked
    from agent.model import LanguageModel
    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore
    from agent.settings import Settings
    from agent.simulate import UNKNOWN, simulated_answer

    per_turn: list[int] = []
    for profile in profiles:
        chat = _CountingChat()
        store = SqliteSessionStore(
            Settings(offline=True, data_dir=Path(tempfile.gettempdir())),
            path=":memory:",
            model=LanguageModel(chat),
            retriever=BuiltinRetriever(),
        )
        session = store.create(profile.organization.name or "Bench")
        pending = [e.question for e in session.start() if isinstance(e, QuestionAsked)]
        per_turn.append(chat.count)
        for _ in range(MAX_TURNS):  # a refused answer is asked again: never loop without end
            if not pending:
                break
            answer = simulated_answer(pending[-1], profile)
            if wordy and answer != UNKNOWN and pending[-1].kind != "text":
                answer = f"well, I would say {answer}, more or less, as far as I know"
            before = chat.count - chat.summaries
            pending = [e.question for e in session.answer(answer) if isinstance(e, QuestionAsked)]
            per_turn.append(chat.count - chat.summaries - before)
        store.close()
    return statistics.mean(per_turn), max(per_turn)


def _counting_chat_class() -> type:
    from langchain_core.language_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration, ChatResult
    from langchain_core.runnables import RunnableLambda

    from agent import prompts
    from agent.questions import find
    from agent.understand import understand

    class CountingChat(GenericFakeChatModel):
        """Replies as a well-behaved model would; counts calls."""

        count: int = 0
        summaries: int = 0
        disable_streaming: bool = True

        def __init__(self, **kwargs: Any):
            super().__init__(messages=iter(()), **kwargs)

        def _text(self, messages: list[Any]) -> str:
            self.count += 1
            system, human = messages[0].content, messages[-1].content
            if system == prompts.PHRASE_SYSTEM:
                return "Could you tell me: " + human.rsplit("Question to rewrite: ", 1)[-1]
            if system == prompts.EXTRACT_SYSTEM:
                field = human.split("\n", 1)[0].removeprefix("Field: ")
                answer = json.loads(human.rsplit("Answer (DATA): ", 1)[-1])
                reading = understand(find(field), answer.removeprefix("well, I would say ").split(",")[0])
                return json.dumps({"understood": reading.status == "value", "value": reading.value})
            self.summaries += 1
            return "A short summary."

        def _generate(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> ChatResult:
            return ChatResult(generations=[ChatGeneration(message=AIMessage(self._text(messages)))])

        def with_structured_output(self, schema: Any, **kwargs: Any) -> Any:
            def run(messages: Any) -> dict:
                raw = AIMessage(self._text(messages))
                try:
                    return {"raw": raw, "parsed": schema.model_validate_json(raw.content), "parsing_error": None}
                except ValueError as error:
                    return {"raw": raw, "parsed": None, "parsing_error": error}

            return RunnableLambda(run)

    return CountingChat


def _CountingChat() -> Any:  # noqa: N802 - a factory standing in for the class, built lazily
    return _counting_chat_class()()
