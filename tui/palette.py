"""The command palette's actions (ctrl+p), in the interface's language, Textual's own included."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.words import N_, words

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app import AdvisorApp

# What Textual's own commands say (`App.get_system_commands`), so that a French palette is French.
TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def system_commands(app: AdvisorApp, screen: Screen, textual: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """The advisor's actions for `screen`, then Textual's (`textual`), all in the app's language."""
    from tui.screens.interview import InterviewScreen
    from tui.screens.sessions import SessionsScreen

    _ = words(app.language)
    yield SystemCommand(_("New session"), _("Start an interview with a client (ctrl+n)"), app.action_new_session)
    yield SystemCommand(_("Sessions"), _("List, search, resume, rename or delete sessions"), app.action_sessions)
    if app.session is not None:
        yield SystemCommand(
            _("Export"), _("Write the assessment as Markdown, HTML, JSON or CSV (ctrl+e)"), app.action_export
        )
        yield SystemCommand(_("Results"), _("Maturity, use cases, strategy and roadmap (ctrl+r)"), app.action_results)
    if isinstance(screen, InterviewScreen):
        yield SystemCommand(_("Cancel reply"), _("Stop the reply being generated (esc)"), screen.action_cancel)
        yield SystemCommand(
            _("Toggle side panel"), _("Show or hide the live assessment (ctrl+b)"), screen.action_toggle_panel
        )
    if isinstance(screen, SessionsScreen):
        yield SystemCommand(_("Search sessions"), _("Filter by client or title (/)"), screen.action_search)
        yield SystemCommand(_("Rename session"), _("Rename the selected session (r)"), screen.action_rename)
        yield SystemCommand(_("Delete session"), _("Delete the selected session (d)"), screen.action_delete)
    yield SystemCommand(_("Help"), _("Keys and commands (F1)"), app.action_help)
    for command in textual:
        yield command._replace(title=_(command.title), help=_(command.help))
