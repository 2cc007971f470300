"""`advisor interview`: the interview in a plain terminal (prompt and answer lines), and
`advisor interview --simulate PROFILE --json`, the real interview answered from a profile.

Mount it as one command: `app.command("interview")(interview)`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from agent.commands.common import checked_text, fail, load_settings, open_sessions
from agent.contract import (
    AnswerRecorded,
    AssessmentUpdated,
    AssistantText,
    Event,
    InterviewDone,
    ModeChanged,
    Notice,
    ProfileUpdated,
    Question,
    QuestionAsked,
    Session,
    SessionBusy,
    SessionStoreError,
    parse_command,
)
from agent.contract.text import clean, one_line


def interview(
    simulate: Annotated[
        Path | None,
        typer.Option(
            "--simulate",
            metavar="PROFILE",
            help="Answer the interview from this profile, offline and "
            "without a language model; print the assessment and the number of questions asked.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --simulate: print the assessment JSON plus questions_asked.")
    ] = False,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            "-p",
            metavar="FILE",
            help="Start a new session from this profile: what it holds is not asked again.",
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option("--session", "-s", metavar="SESSION", help="Resume a session (its id or a unique prefix)."),
    ] = None,
    client: Annotated[str | None, typer.Option("--client", "-c", help="Client name for a new session.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of a new session.")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Guided mode: never call the language model.")] = False,
) -> None:
    """Interview a client: questions in the terminal, answers on the next line.

    Answer with a choice number or words, a number, yes/no, or in your own words; /help lists
    the commands (/skip, /back, /assess, /ask, /done). The session is saved after every answer:
    /quit or Ctrl-D leaves, `advisor interview --session ID` comes back to the pending question.
    """
    if simulate is not None:
        if profile is not None or session is not None:
            raise fail("--simulate cannot be combined with --profile or --session")
        _simulate(simulate, as_json)
        return
    if as_json:
        raise fail("--json needs --simulate PROFILE")
    client, title = checked_text(client, "--client"), checked_text(title, "--title")
    if profile is not None and session is not None:
        raise fail("--profile starts a new session; it cannot be combined with --session")
    seed = _load(profile) if profile is not None else None
    settings = load_settings(offline=True if offline else None)
    store = open_sessions(settings)
    try:
        if session is not None:
            try:
                current = store.open(session)
            except KeyError as error:
                raise fail(error.args[0]) from None
        else:
            name = client or (seed.organization.name if seed else None) or _ask_client()
            current = store.create(name, title, seed)
        try:
            code = _converse(current, sys.stdin, sys.stdout)
        except (SessionBusy, SessionStoreError) as problem:
            raise fail(str(problem), code=1) from None
    finally:
        store.close()
    raise typer.Exit(code)


def _load(path: Path) -> Any:
    from tools.profile_io import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as error:
        raise fail(str(error)) from None


def _simulate(path: Path, as_json: bool) -> None:
    from agent.simulate import simulate

    source = _load(path)
    result = simulate(source, load_settings(offline=True))
    if as_json:
        from tools.export import render

        document = json.loads(render(result.assessment, "json"))
        document["questions_asked"] = result.questions_asked
        document["questions"] = result.questions
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    for number, (question, answer) in enumerate(result.exchanges, 1):
        typer.echo(f"{number}. {question}\n   > {answer}")
    a = result.assessment
    typer.echo(
        f"\nLevel {a.maturity.level} ({a.maturity.name}) after {result.questions_asked} questions; "
        f"strategy: {a.strategy.title}."
    )
    for case in a.use_cases[:3]:
        typer.echo(f"  - {case.title} (priority {case.priority:.2f})")


def _ask_client() -> str:
    if not sys.stdin.isatty():
        return "Unnamed client"
    try:
        return input("Client name: ").strip() or "Unnamed client"
    except EOFError:
        return "Unnamed client"


def _converse(session: Session, stdin: TextIO, stdout: TextIO) -> int:
    """The prompt-and-answer loop; returns the exit code."""
    printer = PlainPrinter(stdout)
    printer.line(f"Session {session.info.id}: {one_line(session.info.client)} ({one_line(session.info.title)})")
    try:
        printer.show(session.start())
        while True:
            stdout.write("> ")
            stdout.flush()
            line = stdin.readline()
            if not line:  # end of input
                printer.line("")
                break
            text = line.strip()
            if not text:
                continue
            command = parse_command(text)
            if command is not None and command.name == "quit":
                break
            printer.show(session.answer(text))
    except KeyboardInterrupt:
        printer.line(f"\nSaved. Resume with: advisor interview --session {session.info.id}")
        return 130
    if not printer.done:
        printer.line(f"Saved. Resume with: advisor interview --session {session.info.id}")
    else:
        printer.line(f"Export the report with: advisor sessions export {session.info.id} --format md")
    return 0


class PlainPrinter:
    """Session events as plain lines of text. Everything that comes from people, documents or
    the model is cleaned of terminal control sequences before it is printed."""

    def __init__(self, out: TextIO):
        self.out = out
        self.done = False
        self._streaming = False
        self._recorded: list[AnswerRecorded] = []
        self._last_question: tuple[str, str] | None = None

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, events: Iterable[Event]) -> None:
        for event in events:
            if not isinstance(event, AnswerRecorded):
                self._flush_recorded()
            match event:
                case AnswerRecorded():
                    self._recorded.append(event)
                case ModeChanged():
                    self._mode(event)
                case QuestionAsked():
                    self._question(event.question)
                case AssistantText():
                    self._assistant(event)
                case Notice():
                    self.line(("! " if event.level != "info" else "") + clean(event.text))
                case AssessmentUpdated():
                    pass  # shown on /assess by the advisor's own words; the plain terminal has no panel
                case InterviewDone():
                    self._done(event)
                case ProfileUpdated():
                    pass
        self._flush_recorded()

    def _flush_recorded(self) -> None:
        """What the last answer recorded, on one line ("✓ size: large, sector: insurance")."""
        if self._recorded:
            self.line(
                "✓ "
                + ", ".join(f"{r.name}: {one_line(r.shown, 60)}" for r in self._recorded)
                + "   (/fix ANSWER corrects it)"
            )
            self._recorded = []

    def _mode(self, event: ModeChanged) -> None:
        if event.guided:
            self.line(
                f"[guided mode] {one_line(event.reason)}. Answer with a number, the words of a choice, yes or no."
            )
        else:
            self.line(f"[model] {one_line(event.reason)}")

    def _question(self, q: Question) -> None:
        self.done = False
        again = self._last_question == (q.id, q.text)
        self._last_question = (q.id, q.text)
        if again:  # asked again after a refusal: the hint said why, the choices are above
            if q.choices:
                self.line(
                    f"   (choices 1-{len(q.choices)} above"
                    + (", one or more" if q.kind == "multi" else "")
                    + "; /skip to leave it)"
                )
            return
        self.line(f"\n{q.number}. {one_line(q.text)}")
        for i, choice in enumerate(q.choices, 1):
            self.line(f"   {i}) {one_line(choice.label)}")
        if q.kind == "multi":
            self.line("   (one or more, e.g. 1, 3)")
        if q.help:
            self.line(f"   {one_line(q.help)}")

    def _assistant(self, event: AssistantText) -> None:
        if not event.final:
            self.out.write(clean(event.text))
            self.out.flush()
            self._streaming = True
            return
        if self._streaming:
            self.line("")
            self._streaming = False
        else:
            self.line(clean(event.text))
        if event.sources:
            self.line("Sources: " + "; ".join(f"[{i}] {one_line(s)}" for i, s in enumerate(event.sources, 1)))

    def _done(self, event: InterviewDone) -> None:
        self.done = True
        a = event.assessment
        m = a.maturity
        self.line(f"\nAssessment after {event.questions_asked} questions")
        self.line(f"Maturity: level {m.level} ({m.name}), progress {m.progress:.0%}, confidence {m.confidence:.0%}")
        for gap in m.gaps[:4]:
            self.line(f"  gap: {gap.name} is {gap.current}, needs {gap.needed}")
        self.line("Top use cases:")
        for case in a.use_cases[:5]:
            self.line(
                f"  - {one_line(case.title)} ({case.function.value.replace('_', ' ')}, level {case.min_level}, "
                f"priority {case.priority:.2f}, {case.quadrant.value.replace('_', ' ')})"
            )
        self.line(f"Strategy: {a.strategy.title}")
        for phase in a.roadmap.phases:
            self.line(f"  {phase.horizon}: {one_line(phase.name)} (level {phase.target_level})")
        if event.summary:
            self.line(f"\n{clean(event.summary)}")
        self.line("\n(/back changes the last answer, /assess shows the assessment, /quit leaves)")
