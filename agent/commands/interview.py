"""`advisor interview`: the interview in a plain terminal (prompt and answer lines), and
`advisor interview --simulate PROFILE --json`, the real interview answered from a profile.

Mount it as one command: `app.command(help=interview.__doc__)(interview)`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from agent.commands.common import Lang, checked_text, fail, language_for, load_settings, open_sessions
from agent.contract import (
    AnswerRecorded,
    AssessmentUpdated,
    AssistantText,
    Event,
    InterviewDone,
    LanguageChanged,
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
from agent.contract.language import N_, Language, format_number, gettext_for
from agent.contract.text import clean, one_line
from knowledge.locales import format_percent
from knowledge.vocabulary import label

# The command's help, in the interview catalogue: the command line shows it in the run's language.
HELP = N_(
    "Interview a client: questions in the terminal, answers on the next line.\n\n"
    "Answer with a choice number or words, a number, yes/no, or in your own words; /help lists\n"
    "the commands (/skip, /back, /assess, /ask, /done). The session is saved after every answer:\n"
    "/quit or Ctrl-D leaves, `advisor interview --session ID` comes back to the pending question."
)


def interview(
    simulate: Annotated[
        Path | None,
        typer.Option(
            "--simulate",
            metavar="PROFILE",
            help=N_(
                "Answer the interview from this profile, offline and without a language model; print the "
                "assessment and the number of questions asked."
            ),
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=N_("With --simulate: print the assessment JSON plus questions_asked."))
    ] = False,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            "-p",
            metavar="FILE",
            help=N_("Start a new session from this profile: what it holds is not asked again."),
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option("--session", "-s", metavar="SESSION", help=N_("Resume a session (its id or a unique prefix).")),
    ] = None,
    client: Annotated[str | None, typer.Option("--client", "-c", help=N_("Client name for a new session."))] = None,
    title: Annotated[str | None, typer.Option("--title", help=N_("Title of a new session."))] = None,
    offline: Annotated[bool, typer.Option("--offline", help=N_("Guided mode: never call the language model."))] = False,
    lang: Lang = None,
) -> None:
    language = language_for(lang)
    _ = gettext_for(language, "interview")
    if simulate is not None:
        if profile is not None or session is not None:
            raise fail(_("--simulate cannot be combined with --profile or --session"))
        _simulate(simulate, as_json, language)
        return
    if as_json:
        raise fail(_("--json needs --simulate PROFILE"))
    client, title = checked_text(client, "--client", language), checked_text(title, "--title", language)
    if profile is not None and session is not None:
        raise fail(_("--profile starts a new session; it cannot be combined with --session"))
    seed = _load(profile) if profile is not None else None
    settings = load_settings(offline=True if offline else None)
    store = open_sessions(settings, language=language)
    try:
        if session is not None:
            try:
                current = store.open(session)
            except KeyError as error:
                raise fail(error.args[0]) from None
            if lang is not None and language != current.info.language:
                current.speak(language)  # `--lang` on a resumed session: as `/lang`, nothing lost
        else:
            name = client or (seed.organization.name if seed else None) or _ask_client(language)
            current = store.create(name, title, seed, language=language)
        try:
            code = _converse(current, sys.stdin, sys.stdout)
        except (SessionBusy, SessionStoreError) as problem:
            raise fail(str(problem), code=1) from None
    finally:
        store.close()
    raise typer.Exit(code)


interview.__doc__ = HELP  # what `app.command(help=interview.__doc__)` shows, translated where shown


def _load(path: Path) -> Any:
    from tools.profile_io import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as error:
        raise fail(str(error)) from None


def _simulate(path: Path, as_json: bool, spoken: Language) -> None:
    from agent.simulate import simulate

    source = _load(path)
    result = simulate(source, load_settings(offline=True), language=spoken)
    if as_json:
        from tools.export import render

        # The lead wires `language=spoken` here once `render` takes it (fr-reports).
        document = json.loads(render(result.assessment, "json"))
        document["questions_asked"] = result.questions_asked
        document["questions"] = result.questions
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    _ = gettext_for(spoken, "interview")
    for number, (question, answer) in enumerate(result.exchanges, 1):
        typer.echo(f"{number}. {question}\n   > {answer}")
    a = result.assessment
    typer.echo(
        "\n"
        + _("Level {level} ({name}) after {count} questions; strategy: {strategy}.").format(
            level=a.maturity.level, name=a.maturity.name, count=result.questions_asked, strategy=a.strategy.title
        )
    )
    for case in a.use_cases[:3]:
        typer.echo(
            "  - "
            + _("{title} (priority {priority})").format(
                title=case.title, priority=format_number(case.priority, spoken, 2)
            )
        )


def _ask_client(language: Language) -> str:
    _ = gettext_for(language, "interview")
    unnamed = _("Unnamed client")
    if not sys.stdin.isatty():
        return unnamed
    try:
        return input(_("Client name: ")).strip() or unnamed
    except EOFError:
        return unnamed


def _converse(session: Session, stdin: TextIO, stdout: TextIO) -> int:
    """The prompt-and-answer loop; returns the exit code."""
    printer = PlainPrinter(stdout, session.info.language)
    info = session.info
    printer.line(
        printer._("Session {id}: {client} ({title})").format(
            id=info.id, client=one_line(info.client), title=one_line(info.title)
        )
    )
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
        printer.line("\n" + printer._("Saved. Resume with: {command}").format(command=_resume(session)))
        return 130
    if not printer.done:
        printer.line(printer._("Saved. Resume with: {command}").format(command=_resume(session)))
    else:
        printer.line(
            printer._("Export the report with: {command}").format(
                command=f"advisor sessions export {session.info.id} --format md"
            )
        )
    return 0


def _resume(session: Session) -> str:
    return f"advisor interview --session {session.info.id}"


class PlainPrinter:
    """Session events as plain lines of text, in the session's language (it follows `/lang`).
    Everything that comes from people, documents or the model is cleaned of terminal control
    sequences before it is printed."""

    def __init__(self, out: TextIO, language: Language = "en"):
        self.out = out
        self.done = False
        self.language: Language = language
        self._streaming = False
        self._recorded: list[AnswerRecorded] = []
        self._last_question: tuple[str, str] | None = None

    def _(self, text: str) -> str:
        return gettext_for(self.language, "interview")(text)

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
                case LanguageChanged():
                    self.language = event.language
                    self._last_question = None  # the same question again, in the other language
                case AssessmentUpdated():
                    pass  # shown on /assess by the advisor's own words; the plain terminal has no panel
                case InterviewDone():
                    self._done(event)
                case ProfileUpdated():
                    pass
        self._flush_recorded()

    def _flush_recorded(self) -> None:
        """What the last answer recorded, on one line ("✓ size: Large, sector: Insurance")."""
        if self._recorded:
            said = ", ".join(
                self._("{field}: {value}").format(field=r.name, value=one_line(r.shown, 60)) for r in self._recorded
            )
            self.line("✓ " + said + "   " + self._("(/fix ANSWER corrects it)"))
            self._recorded = []

    def _mode(self, event: ModeChanged) -> None:
        if event.guided:
            self.line(
                self._("[guided mode] {reason}. Answer with a number, the words of a choice, yes or no.").format(
                    reason=one_line(event.reason)
                )
            )
        else:
            self.line(self._("[model] {reason}").format(reason=one_line(event.reason)))

    def _question(self, q: Question) -> None:
        self.done = False
        again = self._last_question == (q.id, q.text)
        self._last_question = (q.id, q.text)
        if again:  # asked again after a refusal: the hint said why, the choices are above
            if q.choices:
                reminder = (
                    self._("(choices 1-{count} above, one or more; /skip to leave it)")
                    if q.kind == "multi"
                    else self._("(choices 1-{count} above; /skip to leave it)")
                )
                self.line("   " + reminder.format(count=len(q.choices)))
            return
        self.line(f"\n{q.number}. {one_line(q.text)}")
        for i, choice in enumerate(q.choices, 1):
            self.line(f"   {i}) {one_line(choice.label)}")
        if q.kind == "multi":
            self.line("   " + self._("(one or more, e.g. 1, 3)"))
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
            cited = "; ".join(f"[{i}] {one_line(s)}" for i, s in enumerate(event.sources, 1))
            self.line(self._("Sources: {sources}").format(sources=cited))

    def _done(self, event: InterviewDone) -> None:
        self.done = True
        _, lang = self._, self.language
        a = event.assessment
        m = a.maturity
        after = (
            _("Assessment after {count} question")
            if event.questions_asked == 1
            else _("Assessment after {count} questions")
        )
        self.line("\n" + after.format(count=event.questions_asked))
        self.line(
            _("Maturity: level {level} ({name}), progress {progress}, confidence {confidence}").format(
                level=m.level,
                name=m.name,
                progress=format_percent(m.progress, lang),
                confidence=format_percent(m.confidence, lang),
            )
        )
        for gap in m.gaps[:4]:
            self.line(
                "  "
                + _("gap: {name} is {current}, needs {needed}").format(
                    name=gap.name, current=_value(gap.current, lang), needed=_value(gap.needed, lang)
                )
            )
        self.line(_("Top use cases:"))
        for case in a.use_cases[:5]:
            self.line(
                "  - "
                + _("{title} ({function}, level {level}, priority {priority}, {quadrant})").format(
                    title=one_line(case.title),
                    function=label(case.function, lang),
                    level=case.min_level,
                    priority=format_number(case.priority, lang, 2),
                    quadrant=label(case.quadrant, lang),
                )
            )
        self.line(_("Strategy: {strategy}").format(strategy=a.strategy.title))
        for phase in a.roadmap.phases:
            self.line(
                "  "
                + _("{horizon}: {name} (level {level})").format(
                    horizon=phase.horizon, name=one_line(phase.name), level=phase.target_level
                )
            )
        if event.summary:
            self.line(f"\n{clean(event.summary)}")
        self.line("\n" + _("(/back changes the last answer, /assess shows the assessment, /quit leaves)"))


def _value(level: object, language: Language) -> str:
    """A capability's or governance measure's level in words ("pilot" / "pilote")."""
    from agent.labels import level_word

    return level_word(str(getattr(level, "value", level)), language)
