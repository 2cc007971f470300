"""SVG snapshots of the main screens at 80×24 and 120×40, on the fake store's fixed data, in
English and in French (a French consultant's store, the interface in French).

Update after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update` and
look at the report before committing `__snapshots__/`. Textual minor releases move pixels: the
snapshots are made with the Textual in the project's environment.
"""

from __future__ import annotations

import pytest

from fake_session import FakeSessionStore
from tui_helpers import freeze_cursors, make_app, settle, until_laid_out

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def ready(*steps):
    """A `run_before` that waits for the store, runs `steps` (callables or key tuples), and
    freezes the cursors."""

    async def run_before(pilot) -> None:
        pilot.app.animation_level = "none"  # scrolling jumps rather than glides
        await settle(pilot)
        for step in steps:
            if callable(step):
                step(pilot.app)
            else:
                await pilot.press(*step)
            await settle(pilot)
        await until_laid_out(pilot)
        for log in pilot.app.screen.query("#conversation"):
            # Markdown sets its height after mounting; the anchored scroll follows but the
            # scrollbar thumb can be drawn one scroll behind (Textual 8.2): redraw it.
            log.vertical_scrollbar.refresh()
        await pilot.pause()
        freeze_cursors(pilot.app)
        await pilot.pause()

    return run_before


def open_northwind(app) -> None:
    app.open_session("s002")  # in progress at question 5: a scale, the side panel filled in (in French: the hospital)


def open_acme(app) -> None:
    app.open_session("s001")  # done: the results are there


@pytest.mark.parametrize("size", SIZES)
def test_sessions_screen(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=ready())


@pytest.mark.parametrize("size", SIZES)
def test_interview_screen(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=ready(open_northwind))


@pytest.mark.parametrize("size", SIZES)
def test_results_use_cases(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=ready(open_acme, ("ctrl+r",), ("2",)))


def test_results_maturity(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready(open_acme, ("ctrl+r",)))


def test_results_roadmap(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=ready(open_acme, ("ctrl+r",), ("4",)))


def test_export_dialog(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready(open_acme, ("ctrl+e",)))


def test_help_screen(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready(("f1",)))


# --- the same screens in French: a French consultant's store, the interface in French -------------
def french_app():
    return make_app(FakeSessionStore(samples=True, language="fr"), language="fr")


@pytest.mark.parametrize("size", SIZES)
def test_french_sessions_screen(snap_compare, size):
    assert snap_compare(french_app(), terminal_size=size, run_before=ready())


@pytest.mark.parametrize("size", SIZES)
def test_french_interview_screen(snap_compare, size):
    assert snap_compare(french_app(), terminal_size=size, run_before=ready(open_northwind))


@pytest.mark.parametrize("size", SIZES)
def test_french_results_use_cases(snap_compare, size):
    assert snap_compare(french_app(), terminal_size=size, run_before=ready(open_acme, ("ctrl+r",), ("2",)))


def test_french_results_maturity(snap_compare):
    assert snap_compare(french_app(), terminal_size=(80, 24), run_before=ready(open_acme, ("ctrl+r",)))


def test_french_results_roadmap(snap_compare):
    assert snap_compare(french_app(), terminal_size=(120, 40), run_before=ready(open_acme, ("ctrl+r",), ("4",)))


def test_french_export_dialog(snap_compare):
    assert snap_compare(french_app(), terminal_size=(80, 24), run_before=ready(open_acme, ("ctrl+e",)))


def test_french_help_screen(snap_compare):
    assert snap_compare(french_app(), terminal_size=(80, 24), run_before=ready(("f1",)))
