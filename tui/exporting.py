"""Writing an export the user asked for: never over an existing file without a yes, and every
outcome said in a notification (the session's `export` does the writing)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.words import N_, words

if TYPE_CHECKING:
    from agent.contract import Session
    from tui.app import AdvisorApp


async def write_export(app: AdvisorApp, session: Session, fmt: str, path: Path, force: bool = False) -> None:
    """Export the session's assessment as `fmt` to `path`, asking before replacing a file."""
    if path.exists() and not force:
        if not await confirm_overwrite(app, path):
            return
        force = True
    while True:
        try:
            written = await app.agent_thread.call(session.export, fmt, path, force)
            break
        except FileExistsError as error:  # appeared since the check (ExportExists is one)
            if not force:
                if not await confirm_overwrite(app, path):
                    return
                force = True
                continue
            app.notify_error(N_("Export failed: {error}"), error)
            return
        except Exception as error:
            app.notify_error(N_("Export failed: {error}"), error)
            return
    _ = words(app.language)
    app.notify(_("Written {path}").format(path=written), title=_("Exported"), markup=False, timeout=8)


async def confirm_overwrite(app: AdvisorApp, path: Path) -> bool:
    from tui.screens.confirm import ConfirmScreen

    _ = words(app.language)
    question = _("{path} already exists. Replace it?").format(path=path)
    replace: bool = await app.push_screen_wait(ConfirmScreen(_("Overwrite?"), question, yes=_("Overwrite")))
    return replace
