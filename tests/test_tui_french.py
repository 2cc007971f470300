"""The interface in French: every screen drawn in French leaves none of the interface's English
sentences on screen, a session's language sets the interface's, and `/lang` switches it live
without losing what was typed or changing an answer."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from agent.contract import COMMANDS, InterfaceOptions
from fake_session import FakeSessionStore
from tui.words import words
from tui_helpers import make_app, send, settle, texts

CATALOGUE = Path(__file__).resolve().parents[1] / "knowledge/locale/fr/LC_MESSAGES/tui.po"


def english_sentences() -> set[str]:
    """The tui catalogue's English of three words or more: each stretch of a message between its
    placeholders and Markdown marks (what could show on screen as it is)."""
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        if not message.id or message.string == message.id:
            continue
        for part in re.split(r"\{[^}]*\}|\*\*|`|\n", str(message.id)):
            part = " ".join(part.split()).strip(" ,.;:()·/")
            if len(part.split()) >= 3:
                found.add(part)
    return found


def screen_text(app: Any) -> str:
    """What the terminal shows, row by row (from the app's own SVG screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    svg = app.export_screenshot()
    for match in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows[float(match.group(2))].append((float(match.group(1)), html.unescape(match.group(3))))
    lines = ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]
    return "\n".join(lines).replace("\xa0", " ").replace("\u202f", " ")


def leaks(shown: str, sentences: set[str]) -> list[str]:
    """The sentences of `sentences` on screen. The commands' help lines are left out: they are the
    contract's words, in the interview's catalogue (and "export the assessment" is one of ours too)."""
    flat = " ".join(shown.split())
    for spec in COMMANDS:
        flat = flat.replace(spec.summary, "")
    return sorted(s for s in sentences if s in flat)


def french_app(**kwargs: Any) -> Any:
    return make_app(FakeSessionStore(samples=True, language="fr"), language="fr", **kwargs)


def test_the_catalogue_gives_sentences_to_look_for():
    sentences = english_sentences()
    assert {"Search by client or title…", "Question {number}"} & sentences == {"Search by client or title…"}
    assert len(sentences) > 40


async def test_the_check_sees_the_english_interface():
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert "Search by client or title…" in leaks(screen_text(app), english_sentences())


async def test_every_screen_in_french_shows_no_english_sentence_of_the_interface():
    sentences = english_sentences()
    app = french_app()
    seen: dict[str, str] = {}

    async def look(name: str, *keys: str) -> None:
        if keys:
            await pilot.press(*keys)
        await settle(pilot)
        seen[name] = screen_text(app)

    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await look("sessions")
        await look("new session", "ctrl+n")
        await look("new session, client missing", "tab", "tab", "tab", "enter")
        await look("after", "escape")
        await look("rename", "r")
        await look("after rename", "escape")
        await look("delete", "d")
        await look("after delete", "escape")
        await look("help", "f1")
        await look("after help", "escape")
        await look("palette", "ctrl+p")
        await look("after palette", "escape")
        app.open_session("s002")
        await look("interview")
        app.screen.query_one("#prompt").value = "/"
        await look("command hints")
        app.screen.query_one("#prompt").value = ""
        await send(pilot, "pas lisible du tout")
        await look("hint")
        await look("results", "ctrl+r")
        for tab in "234":
            await look(f"results {tab}", tab)
        await look("back", "escape")
        await look("export", "ctrl+e")
        await look("after export", "escape")
        await look("sessions again", "ctrl+o")
        app.open_session("s001")
        await look("done interview")
        await look("export of a done session", "ctrl+e")
        app.screen.query_one("#path").value = ""
        await look("export, no file", "enter")
        notices = " ".join(message for _, message in app.notices)

    found = {name: leaks(text, sentences) for name, text in seen.items()}
    assert {name: words for name, words in found.items() if words} == {}
    assert leaks(notices, sentences) == []
    assert "Rechercher par client ou par titre" in seen["sessions"]
    assert "Question 5 · Chaîne de valeur" in seen["interview"]
    assert "Écarts pour atteindre le niveau 3" in seen["results"]


async def test_the_interface_speaks_the_options_language_and_then_each_session_s():
    store = FakeSessionStore(samples=True)  # English sessions
    app = make_app(store, language="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Rechercher par client ou par titre" in screen_text(app)
        app.open_session("s002")
        await settle(pilot)
        shown = screen_text(app)
        assert "Question 5 · Value chain" in shown and "^r Results" in shown  # the session is English
        await pilot.press("ctrl+o")
        await settle(pilot)
        shown = screen_text(app)
        assert "Rechercher par client ou par titre" in shown and "Mise à jour" in shown  # the user's again


async def test_lang_switches_the_chrome_live_and_keeps_answers_and_what_is_typed(tmp_path: Path):
    store = FakeSessionStore(samples=True)
    app = make_app(store, drafts_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_session("s002")
        await settle(pilot)
        profile = store.open("s002").profile()
        await send(pilot, "/lang fr")
        shown = screen_text(app)
        assert app.language == "fr" and store.open("s002").info.language == "fr"
        assert "Question 5 · Chaîne de valeur" in shown  # the panel's words
        assert "Quel poids le service client" in shown  # the session's question, asked again
        assert "^r Résultats" in shown and "Cas d'usage phares" in shown  # footer, side panel
        assert "Réponse, question, ou / pour les commandes" in shown  # the empty prompt's placeholder
        assert store.open("s002").profile() == profile  # no answer changed

        prompt = app.screen.query_one("#prompt")
        prompt.value = "environ 4, je dirais"  # typed, not sent, when the language changes again
        app.set_language("en")
        await settle(pilot)
        assert prompt.value == "environ 4, je dirais"
        assert "Question 5 · Value chain" in screen_text(app)
        await send(pilot, "4")
        assert store.open("s002").profile().value_chain is not None


async def test_a_new_session_in_the_language_chosen_in_the_dialog():
    store = FakeSessionStore()
    app = make_app(store)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#client").value = "Cabinet Martin"
        dialog.query_one("#lang-fr").value = True
        await settle(pilot)
        dialog.query_one("#client").focus()
        await pilot.press("enter")
        await settle(pilot)
        [info] = store.list()
        assert info.client == "Cabinet Martin" and info.language == "fr"
        shown = screen_text(app)
        assert "Dans quel secteur l'organisation opère-t-elle" in shown and "Question 1 · Organisation" in shown


async def test_french_dates_and_numbers_follow_the_locale():
    app = french_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "4 mai 2026 09:20" in screen_text(app)
        app.open_session("s002")
        await settle(pilot)
        assert "0,76" in " ".join(texts(app, "#side-usecases"))


def test_run_takes_the_language_from_the_options(monkeypatch: pytest.MonkeyPatch):
    from tui import app as app_module

    started: list[str] = []
    monkeypatch.setattr(app_module.AdvisorApp, "run", lambda self: started.append(self.language))
    app_module.run(FakeSessionStore, InterfaceOptions(language="fr"))
    assert started == ["fr"]


def test_english_needs_no_catalogue_and_french_has_one():
    assert words("en")("Search by client or title…") == "Search by client or title…"
    assert words("fr")("Search by client or title…") == "Rechercher par client ou par titre…"


async def test_the_results_screen_switches_language_in_place():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_session("s001")
        await settle(pilot)
        await pilot.press("ctrl+r", "2")
        await settle(pilot)
        app.screen.sort_use_cases("risk", reverse=True)
        app.set_language("fr")
        await settle(pilot)
        shown = screen_text(app)
        assert "Feuille de route" in shown and "Faisab." in shown and "Marketing et ventes" in shown
        assert app.screen.query_one("#tabs").active == "use-cases"  # the tab stays
        table = app.screen.query_one("#uc-table")
        risks = [table.get_row_at(i)[5].value for i in range(table.row_count)]
        assert risks == sorted(risks, reverse=True)  # and the order
