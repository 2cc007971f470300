"""The slash commands, defined once for both interfaces: their names, aliases and help lines.

`parse_command` reads a typed answer as a command once per turn; the session passes the result
on. Interfaces take their menus and help from `COMMANDS` (`local` ones are handled by the
interface itself and never sent to the session), in the user's language through `command_help`
and `command_lines` (the usages and summaries are marked for translation, the names are not:
`/skip` is `/skip` in French too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge.i18n import SOURCE_LANGUAGE, Language
from knowledge.locales import N_, gettext_for

CommandName = Literal["skip", "back", "fix", "assess", "ask", "unknowns", "lang", "help", "done", "export", "quit"]


@dataclass(frozen=True)
class CommandSpec:
    name: CommandName
    usage: str  # as shown in help: "/back [QUESTION]"
    summary: str  # one short line for menus
    aliases: tuple[str, ...] = ()
    local: bool = False  # handled by the interface, not the session


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("ask", N_("/ask QUESTION"), N_("ask the advisor a question"), ("why", "explain", "pourquoi")),
    CommandSpec("skip", "/skip", N_("leave this question unanswered"), ("pass", "passer")),
    CommandSpec(
        "back",
        N_("/back [QUESTION]"),
        N_("return to the previous (or a named) question"),
        ("undo", "previous", "retour"),
    ),
    CommandSpec("fix", N_("/fix ANSWER"), N_("correct the last answer at once"), ("correct", "corriger")),
    CommandSpec("assess", "/assess", N_("assess now and show the results"), ("assessment", "evaluer", "évaluer")),
    CommandSpec(
        "unknowns",
        "/unknowns",
        N_("answer what was skipped or left unknown (also after the results)"),
        ("unknown", "inconnues"),
    ),
    CommandSpec("lang", "/lang fr|en", N_("speak French or English from now on"), ("language", "langue")),
    CommandSpec("done", "/done", N_("finish now and see the assessment"), ("finish", "stop", "fin", "terminer")),
    CommandSpec("export", "/export", N_("export the assessment"), local=True),
    CommandSpec("help", "/help", N_("keys and commands"), ("?", "aide")),
    CommandSpec("quit", "/quit", N_("leave (the session is saved)"), ("exit", "q", "quitter"), local=True),
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


def command_lines(language: Language = SOURCE_LANGUAGE, local: bool = True) -> list[tuple[str, str]]:
    """(usage, summary) of every command in `language`, for menus and help screens; without the
    interface's own commands when `local` is False."""
    _ = gettext_for(language, "interview")
    return [(_(spec.usage), _(spec.summary)) for spec in COMMANDS if local or not spec.local]


def command_help(language: Language = SOURCE_LANGUAGE) -> list[str]:
    """The help text's lines in `language`: how to answer, then one line per command."""
    _ = gettext_for(language, "interview")
    return [
        _("Answer with a choice (its number or its words), a number, yes or no, or in your own words;"),
        _("a question ending with ? is answered too. Commands:"),
        *(f"  {usage:<17}{summary}" for usage, summary in command_lines(language)),
    ]
