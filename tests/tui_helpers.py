"""Shared helpers for the interface tests: an app on the fake store that records notifications."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fake_session import FakeSessionStore
from tui.app import AdvisorApp

EXPORT_DIR = Path("/exports")  # shown in the export dialog of snapshots; tests pass a tmp dir


def make_app(store: Any | None = None, **kwargs: Any) -> AdvisorApp:
    store = store if store is not None else FakeSessionStore(samples=True)
    kwargs.setdefault("export_dir", EXPORT_DIR)
    app = AdvisorApp(lambda: store, **kwargs)
    app.notices = []  # type: ignore[attr-defined]
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        app.notices.append((options.get("severity", "information"), str(message)))  # type: ignore[attr-defined]
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return app


async def settle(pilot: Any) -> None:
    """Let the store open, every worker finish and the screen catch up."""
    for _ in range(250):
        if getattr(pilot.app, "status", None) is None or pilot.app.status.store != "loading":
            break
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until_laid_out(pilot: Any, tries: int = 40) -> None:
    """Wait until nothing on screen changes size or content for two frames running (Markdown
    lays out late; under load, so can the screen beneath a dialog, which shows through it)."""
    from textual.containers import ScrollableContainer

    def state() -> list[Any]:
        return [
            (w.virtual_size, w.scroll_offset, w.vertical_scrollbar.position, w.size)
            for screen in pilot.app.screen_stack
            for w in screen.query(ScrollableContainer)
        ] + [pilot.app.export_screenshot()]

    previous, steady = None, 0
    for _ in range(tries):
        await pilot.pause(0.02)
        current = state()
        steady = steady + 1 if current == previous else 0
        if steady == 2:
            return
        previous = current


async def send(pilot: Any, text: str, wait: bool = True) -> None:
    """Type `text` into the interview's prompt and press Enter."""
    prompt = pilot.app.screen.query_one("#prompt")
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")
    if wait:
        await settle(pilot)


def freeze_cursors(app: Any) -> None:
    """No blinking cursor in snapshots."""
    from textual.widgets import Input

    for screen in app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False


def texts(app: Any, selector: str) -> list[str]:
    """The plain text of the widgets matching `selector` on the current screen."""
    out = []
    for widget in app.screen.query(selector):
        visual = widget.render()
        out.append(getattr(visual, "plain", None) or str(visual))
    return out
