"""`advisor interview`: the interview in a plain terminal (prompt and answer lines), and
`advisor interview --simulate PROFILE --json`, the real interview answered from a profile.

Mount it as one command: `app.command("interview")(interview)`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from agent.commands.common import fail, load_settings, open_sessions
from agent.session_lock import SessionBusy

QUIT = {"/quit", "/exit", "/q"}


def interview(
    simulate: Annotated[Path | None, typer.Option(
        "--simulate", metavar="PROFILE", help="Answer the interview from this profile, offline and "
        "without a language model; print the assessment and the number of questions asked.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With --simulate: print the assessment JSON "
                                          "plus questions_asked.")] = False,
    profile: Annotated[Path | None, typer.Option(
        "--profile", "-p", metavar="FILE", help="Start a new session from this profile: what it "
        "holds is not asked again.")] = None,
    session: Annotated[str | None, typer.Option(
        "--session", "-s", metavar="SESSION", help="Resume a session (its id or a unique prefix).")] = None,
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
        except SessionBusy as busy:
            raise fail(str(busy), code=1) from None
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
    typer.echo(f"\nLevel {a.maturity.level} ({a.maturity.name}) after {result.questions_asked} questions; "
               f"strategy: {a.strategy.title}.")
    for case in a.use_cases[:3]:
        typer.echo(f"  - {case.title} (priority {case.priority:.2f})")


def _ask_client() -> str:
    if not sys.stdin.isatty():
        return "Unnamed client"
    try:
        return input("Client name: ").strip() or "Unnamed client"
    except EOFError:
        return "Unnamed client"


def _converse(session: Any, stdin: TextIO, stdout: TextIO) -> int:
    """The prompt-and-answer loop; returns the exit code."""
    printer = PlainPrinter(stdout)
    printer.line(f"Session {session.info.id}: {session.info.client} ({session.info.title})")
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
            if text.lower() in QUIT:
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
    """Session events as plain lines of text."""

    def __init__(self, out: TextIO):
        self.out = out
        self.done = False
        self._streaming = False

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, events: Any) -> None:
        for event in events:
            getattr(self, f"_{event.type}", lambda e: None)(event)

    def _mode(self, event: Any) -> None:
        if event.guided:
            self.line(f"[guided mode] {event.reason}. Answer with a number, the words of a choice, yes or no.")
        else:
            self.line(f"[model] {event.reason}")

    def _question(self, event: Any) -> None:
        self.done = False
        q = event.question
        self.line(f"\n{q.number}. {q.text}")
        for i, choice in enumerate(q.choices, 1):
            self.line(f"   {i}) {choice.label}")
        if q.kind == "multi":
            self.line("   (one or more, e.g. 1, 3)")
        if q.help:
            self.line(f"   {q.help}")

    def _assistant(self, event: Any) -> None:
        if not event.final:
            self.out.write(event.text)
            self.out.flush()
            self._streaming = True
            return
        if self._streaming:
            self.line("")
            self._streaming = False
        else:
            self.line(event.text)
        if event.sources:
            self.line("Sources: " + "; ".join(f"[{i}] {s}" for i, s in enumerate(event.sources, 1)))

    def _notice(self, event: Any) -> None:
        self.line(("! " if event.level != "info" else "") + event.text)

    def _assessment(self, event: Any) -> None:
        a = event.assessment
        m = a["maturity"]
        self.line(f"Level {m['level']} ({m['name']}), confidence {m['confidence']:.0%}; "
                  f"strategy: {a['strategy']['name']}.")

    def _done(self, event: Any) -> None:
        self.done = True
        a = event.assessment
        m = a["maturity"]
        self.line(f"\nAssessment after {event.questions_asked} questions")
        self.line(f"Maturity: level {m['level']} ({m['name']}), progress {m['progress']:.0%}, "
                  f"confidence {m['confidence']:.0%}")
        for gap in m["gaps"][:4]:
            self.line(f"  gap: {gap['name']} is {gap['current']}, needs {gap['needed']}")
        self.line("Top use cases:")
        for case in a["use_cases"][:5]:
            self.line(f"  - {case['title']} ({case['function'].replace('_', ' ')}, level {case['min_level']}, "
                      f"priority {case['priority']:.2f}, {case['quadrant'].replace('_', ' ')})")
        self.line(f"Strategy: {a['strategy']['title']}")
        for phase in a["roadmap"]["phases"]:
            self.line(f"  {phase['horizon']}: {phase['name']} (level {phase['target_level']})")
        if event.summary:
            self.line(f"\n{event.summary}")
        self.line("\n(/back changes the last answer, /assess shows the assessment, /quit leaves)")
