"""The slash commands, defined once for both interfaces: their names, aliases and help lines.

`parse_command` reads a typed answer as a command once per turn; the session passes the result
on. Interfaces take their menus and help from `COMMANDS` (`local` ones are handled by the
interface itself and never sent to the session).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CommandName = Literal["skip", "back", "fix", "assess", "ask", "unknowns", "lang", "help", "done", "export", "quit"]


@dataclass(frozen=True)
class CommandSpec:
    name: CommandName
    usage: str  # as shown in help: "/back [QUESTION]"
    summary: str  # one short line for menus
    aliases: tuple[str, ...] = ()
    local: bool = False  # handled by the interface, not the session


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("ask", "/ask QUESTION", "ask the advisor a question", ("why", "explain")),
    CommandSpec("skip", "/skip", "leave this question unanswered", ("pass",)),
    CommandSpec("back", "/back [QUESTION]", "return to the previous (or a named) question", ("undo", "previous")),
    CommandSpec("fix", "/fix ANSWER", "correct the last answer at once", ("correct",)),
    CommandSpec("assess", "/assess", "assess now and show the results", ("assessment",)),
    CommandSpec(
        "unknowns",
        "/unknowns",
        "answer what was skipped or left unknown (also after the results)",
        ("unknown", "inconnues"),
    ),
    CommandSpec("lang", "/lang fr|en", "speak French or English from now on", ("language", "langue")),
    CommandSpec("done", "/done", "finish now and see the assessment", ("finish", "stop")),
    CommandSpec("export", "/export", "export the assessment", local=True),
    CommandSpec("help", "/help", "keys and commands", ("?",)),
    CommandSpec("quit", "/quit", "leave (the session is saved)", ("exit", "q"), local=True),
)
_BY_WORD = {word: spec for spec in COMMANDS for word in (spec.name, *spec.aliases)}


@dataclass(frozen=True)
class Command:
    name: CommandName
    argument: str = ""


def parse_command(text: str) -> Command | None:
    """`/skip`, `/back [question]`, `/fix ANSWER`, `/ask QUESTION`...; None when `text` is not a
    command. An unknown command is `help` with the command itself as argument."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    word, _, rest = stripped[1:].partition(" ")
    spec = _BY_WORD.get(word.lower())
    if spec is None:
        return Command("help", stripped)
    return Command(spec.name, rest.strip())


def command_spec(name: CommandName) -> CommandSpec:
    return next(spec for spec in COMMANDS if spec.name == name)
