"""A fake `SessionStore` and `Session` with the shapes of the contract (`agent.contract`), for tests,
snapshots and benchmarks of the interface: a scripted guided interview of nine questions and a
fixed assessment. It holds no methodology: answers are parsed just enough to exercise the
interface. `tests/test_session_contract.py` runs one scenario on it and on the real store, so it
cannot drift from the real session's behaviour unnoticed.

`FakeSessionStore(path=...)` keeps its sessions in a JSON file, so "quit and resume" can be tested
across two app runs; without a path it lives in memory.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fake_french import ENGLISH_WORDS, QUESTIONS, SAMPLES, WORDS, french_assessment

from agent.contract import (
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
    SessionInfo,
    StoreStatus,
)
from agent.contract.language import Language
from fake_data import FIXED_ASSESSMENT
from tools.assessment import Assessment
from tools.profile import Profile

CLOCK_START = datetime(2026, 5, 4, 9, 0)
FIXED = Assessment.model_validate(FIXED_ASSESSMENT)
FIXED_FR = Assessment.model_validate(french_assessment())  # the same, its texts in French

_ADOPTION = [
    Choice(value="none", label="Not at all"),
    Choice(value="exploring", label="Exploring"),
    Choice(value="pilot", label="Pilot"),
    Choice(value="production", label="In production"),
]
_OBJECTIVES = [
    ("revenue_growth", "Revenue growth"),
    ("cost_reduction", "Cost reduction"),
    ("customer_experience", "Customer experience"),
    ("employee_productivity", "Employee productivity"),
    ("innovation", "Innovation"),
    ("risk_compliance", "Risk and compliance"),
    ("time_to_market", "Time to market"),
]


def _q(
    id: str, section: str, text: str, kind: str, choices: list[Choice] | None = None, help: str | None = None
) -> dict[str, Any]:
    return {
        "id": id,
        "field": id,
        "section": section,
        "text": text,
        "kind": kind,
        "choices": choices or [],
        "help": help,
    }


SCRIPT: list[dict[str, Any]] = [
    _q(
        "organization.sector",
        "organization",
        "Which sector is the organisation in?",
        "choice",
        [
            Choice(value="retail", label="Retail"),
            Choice(value="banking", label="Banking"),
            Choice(value="insurance", label="Insurance"),
            Choice(value="healthcare", label="Healthcare"),
            Choice(value="manufacturing", label="Manufacturing"),
        ],
        help="Pick the closest, or name it in a few words.",
    ),
    _q(
        "organization.size",
        "organization",
        "How many people work there?",
        "choice",
        [
            Choice(value="micro", label="Fewer than 10"),
            Choice(value="small", label="10 to 249"),
            Choice(value="medium", label="250 to 4,999"),
            Choice(value="large", label="5,000 or more"),
        ],
    ),
    _q(
        "organization.objectives",
        "organization",
        "Which objectives should GenAI serve?",
        "multi",
        [Choice(value=v, label=label) for v, label in _OBJECTIVES],
        help="Pick any; separate values with commas when typing.",
    ),
    _q(
        "organization.regulated",
        "organization",
        "Does it handle regulated or sensitive data (health, finance, personal)?",
        "yesno",
        [Choice(value="yes", label="Yes"), Choice(value="no", label="No")],
    ),
    _q(
        "value_chain.service.importance",
        "value_chain",
        "How much does customer service weigh in the value the firm creates?",
        "scale",
        help="1 = marginal, 5 = the heart of the business.",
    ),
    _q(
        "capabilities.public_llm_use",
        "capabilities",
        "Do staff use public assistants such as ChatGPT, Gemini or Copilot?",
        "choice",
        _ADOPTION,
    ),
    _q(
        "capabilities.llm_api_apps",
        "capabilities",
        "Has the organisation built its own applications on LLM APIs?",
        "choice",
        _ADOPTION,
    ),
    _q(
        "capabilities.rag",
        "capabilities",
        "Do any applications answer from company documents (retrieval augmented generation)?",
        "choice",
        _ADOPTION,
    ),
    _q(
        "governance.ai_policy",
        "governance",
        "Is there a policy for the use of AI?",
        "choice",
        [
            Choice(value="none", label="None"),
            Choice(value="basic", label="Basic"),
            Choice(value="advanced", label="Advanced"),
        ],
    ),
]
SECTIONS = ("organization", "value_chain", "capabilities", "governance")
INTRO = (
    "Welcome. I will ask a few questions about the organisation, how it uses GenAI today "
    "and how it governs it. Answer with the buttons or in your own words; type `/help` for "
    "commands."
)
HELP = (
    "Commands: `/skip` leaves the question unanswered, `/back` returns to the previous one, "
    "`/assess` shows the assessment so far, `/ask QUESTION` asks the advisor, "
    "`/export` writes the report."
)
ASK_REPLY = (
    "In guided mode I answer from the method's notes. **Level 2** organisations build "
    "their own applications on LLM APIs; the next step, *level 3*, connects them to "
    "company documents through retrieval. You asked: "
)
ENGLISH = {
    "intro": INTRO,
    "help": HELP,
    "ask_reply": ASK_REPLY,
    "assess": "Here is the assessment so far: **level 2, Beginner**.",
    "summary": "Acme Retail is at **level 2 (Beginner)**: start with FAQ automation and customer reply drafting.",
    "no_skip": "There is no question to skip.",
    "first": "This is the first question.",
    "back": "Back to question {number}: 1 answer undone.",
    "unknown": "Unknown command {name}; type /help.",
    "unread": "I could not read {text!r} as an answer: {hint}",
    "free": "in a few words, please, or /skip.",
    "pick": "please pick one: {choices}.",
    **ENGLISH_WORDS,
}


class FakeError(RuntimeError):
    """What the fake raises when told to fail, to test that a failing worker does not crash."""


class FakeSession:
    def __init__(self, store: FakeSessionStore, info: SessionInfo, state: dict[str, Any]) -> None:
        self.info = info
        self._store = store
        self._answers: dict[str, Any] = state.get("answers", {})
        self._history: list[str] = state.get("history", [])
        self._messages: list[Message] = [Message.model_validate(m) for m in state.get("messages", [])]
        self._done: bool = state.get("done", False)
        self._asked: int = state.get("asked", 0)
        self._pending: int | None = state.get("pending")
        self._guided = store.guided

    # --- the Session protocol ---------------------------------------------------------------
    def start(self) -> Iterator[Event]:
        yield ModeChanged(guided=self._guided, reason=self._store.mode_reason)
        yield self._profile_event()
        if self._answers:
            yield AssessmentUpdated(assessment=self.assessment())
        if self._done:
            yield self._done_event()
            return
        if not self._messages:
            yield from self._say(self._words("intro"))
        if self._pending is None:
            self._pending = self._next_index()
        yield from self._ask(self._pending, again=bool(self._asked))

    def answer(self, text: str) -> Iterator[Event]:
        text = text.strip()
        self._record("user", text)
        if self._store.fail_on is not None and text == self._store.fail_on:
            raise FakeError(f"scripted failure on {text!r}")
        if self._store.drop_model_on is not None and text == self._store.drop_model_on:
            self._guided = True
            yield ModeChanged(guided=True, reason="Ollama stopped answering: guided mode")
        if text.startswith("/"):
            yield from self._command(text)
        elif self._done or self._pending is None:
            yield from self._reply(text)
        else:
            value = self._parse(self._question(self._pending), text)
            if value is _INVALID:
                if text.endswith("?"):
                    yield from self._reply(text)
                    yield from self._ask(self._pending, again=True)
                    return
                hint = self._words("unread").format(text=text, hint=self._choices_hint(self._pending))
                yield from self._say(hint)
                yield from self._ask(self._pending, again=True, help=hint)
                return
            yield from self._accept(value, text)
        self._save()

    def transcript(self) -> list[Message]:
        return list(self._messages)

    def pending_question(self) -> Question | None:
        if self._done or self._pending is None:
            return None
        return Question(**self._question(self._pending), number=self._asked)

    def profile(self) -> Profile:
        return Profile.model_validate(self._profile_dict())

    def close(self) -> None:
        self.closed = True

    def assessment(self) -> Assessment:
        return FIXED_FR if self.info.language == "fr" else FIXED

    def export(self, fmt: str, path: Path, force: bool = False) -> Path:
        path = Path(path)
        if path.exists() and not force:
            raise FileExistsError(f"{path} exists; export again with force to overwrite")
        a = FIXED_ASSESSMENT
        if fmt == "json":
            text = json.dumps(a, indent=2)
        elif fmt == "csv":
            text = "id,title,priority\n" + "".join(f"{u['id']},{u['title']},{u['priority']}\n" for u in a["use_cases"])
        elif fmt == "html":
            text = f"<html><body><h1>GenAI roadmap: {self.info.client}</h1></body></html>\n"
        else:
            text = f"# GenAI roadmap: {self.info.client}\n\nLevel {a['maturity']['level']}\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    # --- the script ---------------------------------------------------------------------------
    def _command(self, text: str) -> Iterator[Event]:
        name, _, rest = text.partition(" ")
        if name == "/skip":
            if self._pending is None:
                yield self._notice(self._words("no_skip"), "warning")
            else:
                yield from self._accept(None, "(skipped)")
        elif name == "/back":
            if not self._history:
                yield self._notice(self._words("first"), "warning")
            else:
                previous = self._history.pop()
                self._answers.pop(SCRIPT[_index(previous)]["field"], None)
                self._done = False
                yield self._notice(self._words("back").format(number=len(self._history) + 1))
                yield self._profile_event()
                yield from self._ask(_index(previous))
        elif name == "/assess":
            yield AssessmentUpdated(assessment=self.assessment())
            yield from self._say(self._words("assess"))
        elif name == "/ask":
            yield from self._reply(rest)
            if self._pending is not None and not self._done:  # as the real session: asked again
                yield from self._ask(self._pending, again=True)
        elif name == "/help":
            yield from self._say(self._words("help"))
        elif name == "/lang":
            yield from self._switch_language(rest.strip().lower())
        else:
            yield self._notice(self._words("unknown").format(name=name), "warning")

    def _switch_language(self, language: str) -> Iterator[Event]:
        """`/lang fr|en`: the session speaks `language` from now on; no answer changes."""
        if language not in ("en", "fr"):
            yield self._notice(self._words("bad_lang").format(name=language or "?"), "warning")
            return
        self.info.language = language  # type: ignore[assignment]
        yield LanguageChanged(language=self.info.language)
        yield self._notice(self._words("lang"))
        if self._answers:
            yield AssessmentUpdated(assessment=self.assessment())
        if self._pending is not None and not self._done:
            yield from self._ask(self._pending, again=True)  # the same question, in its new words

    def _words(self, key: str) -> str:
        return (WORDS if self.info.language == "fr" else ENGLISH)[key]

    def _question(self, index: int) -> dict[str, Any]:
        """The script's question `index` in the session's language (same id, field and values)."""
        q = SCRIPT[index]
        if self.info.language != "fr":
            return q
        text, help, labels = QUESTIONS[q["id"]]
        choices = [Choice(value=c.value, label=labels.get(c.value, c.label)) for c in q["choices"]]
        return q | {"text": text, "help": help, "choices": choices}

    def _choices_hint(self, index: int) -> str:
        choices: list[Choice] = self._question(index)["choices"]
        if not choices:
            return self._words("free")
        return self._words("pick").format(choices="; ".join(f"{i}. {c.label}" for i, c in enumerate(choices, 1)))

    def _accept(self, value: Any, shown: str) -> Iterator[Event]:
        q = self._question(self._pending)
        if value is None:
            self._answers.pop(q["field"], None)
        else:
            self._answers[q["field"]] = value
        self._history.append(q["id"])
        yield AnswerRecorded(field=q["field"], value=value, question=q["text"], answer=shown)
        yield self._profile_event()
        if q["section"] in ("capabilities", "governance"):
            yield AssessmentUpdated(assessment=self.assessment())
        following = self._next_index()
        if following is None:
            self._pending = None
            self._done = True
            self.info.status = "done"
            self.info.level = FIXED.maturity.level
            yield self._done_event()
        else:
            yield from self._ask(following)

    def _ask(self, index: int, again: bool = False, help: str | None = None) -> Iterator[Event]:
        self._pending = index
        if not again:
            self._asked += 1
            self.info.questions_asked = self._asked
            self._record("advisor", self._question(index)["text"])
        fields = self._question(index) | ({"help": help} if help else {})
        yield QuestionAsked(question=Question(**fields, number=self._asked))

    def _reply(self, question: str) -> Iterator[Event]:
        text = self._words("ask_reply") + question
        words = text.split(" ")
        for i, word in enumerate(words):
            if self._store.chunk_delay:
                time.sleep(self._store.chunk_delay)
            yield AssistantText(text=word + (" " if i < len(words) - 1 else ""), final=False)
        self._record("advisor", text)
        yield AssistantText(text=text, final=True, sources=["Method notes › Levels"])

    def _say(self, text: str) -> Iterator[Event]:
        self._record("advisor", text)
        yield AssistantText(text=text)

    def _notice(self, text: str, level: str = "info") -> Notice:
        self._record("system", text)
        return Notice(level=level, text=text)

    def _done_event(self) -> InterviewDone:
        return InterviewDone(
            assessment=self.assessment(),
            questions_asked=self._asked,
            summary=self._words("summary"),
        )

    def _next_index(self) -> int | None:
        answered = set(self._history)
        return next((i for i, q in enumerate(SCRIPT) if q["id"] not in answered), None)

    def _parse(self, q: dict[str, Any], text: str) -> Any:
        lowered = text.lower().strip().rstrip(".")
        if q["kind"] == "text":
            return text
        if q["kind"] == "scale":
            return int(lowered) if lowered in {"1", "2", "3", "4", "5"} else _INVALID
        if q["kind"] == "yesno":
            return {"yes": True, "y": True, "oui": True, "no": False, "n": False, "non": False}.get(lowered, _INVALID)
        choices: list[Choice] = q["choices"]
        if q["kind"] == "multi":
            parts = [p.strip() for p in lowered.split(",") if p.strip()]
            values = [_match(choices, p) for p in parts]
            return values if values and _INVALID not in values else _INVALID
        return _match(choices, lowered)

    def _profile_dict(self) -> dict[str, Any]:
        profile: dict[str, Any] = {}
        for field, value in self._answers.items():
            *path, last = field.split(".")
            node = profile
            for key in path:
                node = node.setdefault(key, {})
            node[last] = value
        return profile

    def _profile_event(self) -> ProfileUpdated:
        completeness = {}
        for section in SECTIONS:
            ids = [q["id"] for q in SCRIPT if q["section"] == section]
            done = sum(1 for qid in ids if qid in self._history)
            completeness[section] = round(done / len(ids), 3)
        return ProfileUpdated(profile=self._profile_dict(), completeness=completeness)

    def _record(self, role: str, text: str) -> None:
        self._messages.append(Message(role=role, text=text, at=self._store.tick()))
        self.info.updated = self._store.now

    def _save(self) -> None:
        self._store.save_session(self)

    def state(self) -> dict[str, Any]:
        return {
            "answers": self._answers,
            "history": self._history,
            "done": self._done,
            "asked": self._asked,
            "pending": self._pending,
            "messages": [m.model_dump(mode="json") for m in self._messages],
        }


class _Invalid:
    pass


_INVALID = _Invalid()


def _index(question_id: str) -> int:
    return next(i for i, q in enumerate(SCRIPT) if q["id"] == question_id)


def _match(choices: list[Choice], text: str) -> Any:
    for number, choice in enumerate(choices, start=1):
        if text in (choice.value.lower(), choice.label.lower(), str(number)):
            return choice.value
    return _INVALID


class FakeSessionStore:
    """Sessions in memory (or in one JSON file), with a deterministic clock."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        guided: bool = True,
        chunk_delay: float = 0.0,
        fail_on: str | None = None,
        drop_model_on: str | None = None,
        status: StoreStatus | None = None,
        samples: bool = False,
        language: Language = "en",
    ) -> None:
        self.path = path
        self.language = language  # of the sessions created without one, as the settings' would be
        self.guided = guided
        self.chunk_delay = chunk_delay
        self.fail_on = fail_on
        self.drop_model_on = drop_model_on
        self.mode_reason = "offline: no language model" if guided else "qwen2.5:7b ready"
        self._status = status or StoreStatus(
            model="qwen2.5:7b", ollama="offline" if guided else "ready", guided=guided, kb="312 passages"
        )
        self._lock = threading.Lock()
        self._minutes = 0
        self._infos: dict[str, SessionInfo] = {}
        self._states: dict[str, dict[str, Any]] = {}
        self._open: dict[str, FakeSession] = {}
        self.closed = False
        if path is not None and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            self._minutes = data["minutes"]
            for item in data["sessions"]:
                info = SessionInfo.model_validate(item["info"])
                self._infos[info.id] = info
                self._states[info.id] = item["state"]
        elif samples:
            self._add_samples()

    # --- the SessionStore protocol ------------------------------------------------------------
    def list(self, search: str | None = None) -> list[SessionInfo]:
        infos = sorted(self._infos.values(), key=lambda i: i.updated, reverse=True)
        if search:
            needle = search.lower()
            infos = [i for i in infos if needle in i.client.lower() or needle in i.title.lower()]
        return [i.model_copy() for i in infos]

    def create(
        self, client: str, title: str | None = None, seed: Profile | None = None, language: Language | None = None
    ) -> FakeSession:
        with self._lock:
            session_id = f"s{len(self._infos) + 1:03d}-{self._minutes:04d}"
            now = self.tick()
            info = SessionInfo(
                id=session_id,
                client=client,
                title=title or "Interview",
                created=now,
                updated=now,
                language=language or self.language,
            )
            self._infos[session_id] = info
            self._states[session_id] = {}
        session = FakeSession(self, info, {})
        self._open[session_id] = session
        self.save_session(session)
        return session

    def open(self, session_id: str) -> FakeSession:
        matches = [i for i in self._infos if i.startswith(session_id)]
        if len(matches) != 1:
            raise KeyError(session_id)
        found = matches[0]
        if found not in self._open:
            self._open[found] = FakeSession(self, self._infos[found], self._states[found])
        return self._open[found]

    def rename(self, session_id: str, title: str, client: str | None = None) -> SessionInfo:
        info = self._infos[session_id]
        info.title = title
        if client:
            info.client = client
        info.updated = self.tick()
        self._write()
        return info.model_copy()

    def delete(self, session_id: str) -> None:
        self._infos.pop(session_id)
        self._states.pop(session_id, None)
        self._open.pop(session_id, None)
        self._write()

    def close(self) -> None:
        self.closed = True
        self._write()

    def status(self) -> StoreStatus:
        """Model, Ollama and knowledge-base state for the status bar."""
        return self._status.model_copy()

    # --- helpers --------------------------------------------------------------------------------
    @property
    def now(self) -> datetime:
        return CLOCK_START + timedelta(minutes=self._minutes)

    def tick(self) -> datetime:
        self._minutes += 1
        return self.now

    def save_session(self, session: FakeSession) -> None:
        self._states[session.info.id] = session.state()
        self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        data = {
            "minutes": self._minutes,
            "sessions": [
                {"info": info.model_dump(mode="json"), "state": self._states.get(sid, {})}
                for sid, info in self._infos.items()
            ],
        }
        self.path.write_text(json.dumps(data, indent=1), encoding="utf-8")

    def _add_samples(self) -> None:
        samples = [
            ("Acme Retail", "Discovery workshop", 2, "done", 9),
            ("Northwind Logistics", "Board briefing", None, "in_progress", 4),
            ("Helix Pharma", "Second opinion", None, "in_progress", 0),
        ]
        if self.language == "fr":
            samples = SAMPLES
        for client, title, level, status, answered in samples:
            session = self.create(client, title)
            for _ in session.start():
                pass
            answers = ["retail", "4", "2, 3", "yes", "4", "3", "3", "1", "2"]
            if self.language == "fr":  # as a French consultant types them
                answers = ["commerce", "4", "2, 3", "oui", "4", "3", "3", "1", "2"]
            for answer in answers[:answered]:
                for _ in session.answer(answer):
                    pass
            session.info.level = level
            session.info.status = status
            self.tick()
