"""The command line's language: the setting (flag > ADVISOR_LANG > config file > locale >
English), `--lang` on the commands that write or talk, and the help, errors and messages in
French with no English sentence of the cli catalogue left in them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import run
from agent.settings import Settings
from conftest import ROOT
from knowledge.catalogues import template
from tools.assess import assess
from tools.export import ReportInfo, render_bytes
from tools.profile_io import load_profile

ADVISOR = Path(sys.executable).with_name("advisor")
ACME = ROOT / "examples" / "acme-retail.yaml"
SPACES = re.compile(r"[ \t\n]+")  # not the no-break spaces French typography puts in


def advisor(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ADVISOR), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "COLUMNS": "100", **env},
    )


def english_sentences() -> list[str]:
    """The cli catalogue's English of three words or more whose French differs."""
    from knowledge.locales import gettext_for

    french = gettext_for("fr", "cli")
    found = []
    for message in template("cli"):
        if isinstance(message.id, str) and len(message.id.split()) >= 3 and french(message.id) != message.id:
            found.append(message.id)
    return found


def leaked(output: str) -> list[str]:
    """English sentences of the catalogue in `output`, compared with the line wrapping undone, and
    also by their first words before a placeholder ("wrote {path}" -> "wrote ")."""
    flat = SPACES.sub(" ", output)
    found = []
    for sentence in english_sentences():
        fixed = SPACES.sub(" ", re.split(r"\{[^}]*\}", sentence)[0]).strip()
        if len(fixed.split()) >= 3 and fixed in flat:
            found.append(sentence)
    return found


def write_config(text: str) -> None:
    Path(os.environ["ADVISOR_CONFIG"]).write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- the setting


def test_the_language_follows_the_locale_then_english(monkeypatch):
    assert Settings().language == "en"  # LANG=C.UTF-8 (conftest)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert Settings().language == "fr"
    monkeypatch.setenv("LC_ALL", "C")
    assert Settings().language == "en"  # the most specific variable decides


def test_precedence_flag_then_environment_then_config_then_locale(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    write_config('language = "en"\n')
    assert Settings().language == "en"  # the config file beats the locale
    monkeypatch.setenv("ADVISOR_LANG", "FR")
    assert Settings().language == "fr"  # the environment beats the config file
    monkeypatch.setenv("ADVISOR_LANG", "en")
    assert run(["kb", "search", "   ", "--lang", "fr"]) == 2
    assert capsys.readouterr().err == "advisor: la requête est vide\n"  # the flag beats the environment
    assert run(["kb", "search", "   "]) == 2
    assert capsys.readouterr().err == "advisor: the query is empty\n"


def test_a_locale_name_is_a_language(monkeypatch):
    monkeypatch.setenv("ADVISOR_LANG", "fr_CA.UTF-8")
    assert Settings().language == "fr"


@pytest.mark.parametrize("where", ["environment", "config"])
def test_a_bad_language_setting_is_one_line_naming_the_choices(where, monkeypatch, capsys):
    if where == "environment":
        monkeypatch.setenv("ADVISOR_LANG", "klingon")
    else:
        write_config('language = "klingon"\n')
    assert run(["sessions", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'klingon'" in err and "choose en or fr" in err
    assert "Traceback" not in err


def test_a_bad_lang_option_names_the_choices_in_the_users_language(monkeypatch):
    monkeypatch.setenv("ADVISOR_LANG", "fr")
    result = advisor("assess", str(ACME), "--lang", "de")
    assert result.returncode == 2 and result.stdout == ""
    assert (
        "Erreur\u00a0: Valeur invalide pour '--lang'\u00a0: 'de' ne fait pas partie des choix possibles"
        in result.stderr
    )
    assert "'en', 'fr'" in result.stderr and "Value error" not in result.stderr


def test_advisor_lang_opens_the_interface_in_that_language(monkeypatch):
    import advisor as root
    import tui.app

    seen = {}
    monkeypatch.setattr(tui.app, "run", lambda factory, options: seen.setdefault("options", options) and 0)
    assert run(["--lang", "fr"], root.open_interface) == 0
    assert seen["options"].language == "fr"
    seen.clear()
    monkeypatch.setenv("ADVISOR_LANG", "fr")
    assert run(["--lang", "en"], root.open_interface) == 0
    assert seen["options"].language == "en"


# ----------------------------------------------------------------------------- help


def test_advisor_help_is_french_under_advisor_lang_fr():
    result = advisor("--help", ADVISOR_LANG="fr")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Utilisation\u00a0: advisor [OPTIONS] COMMAND [ARGS]...")
    assert "chaîne de valeur" in SPACES.sub(" ", out) and "feuille de route" in SPACES.sub(" ", out)
    assert "Options\u00a0:" in out and "Commandes\u00a0:" in out and "Afficher cette aide et quitter." in out
    assert "Show this message and exit." not in out and "Usage:" not in out
    assert leaked(out) == []


def test_assess_help_is_french_with_clicks_own_words_translated():
    result = advisor("assess", "--help", ADVISOR_LANG="fr")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Évaluer un profil" in out and "[obligatoire]" in out and "Arguments\u00a0:" in out
    assert "[required]" not in out
    assert leaked(out) == []
    english = advisor("assess", "--help", ADVISOR_LANG="fr", LANG="fr_FR.UTF-8").stdout
    assert english == out  # ADVISOR_LANG and the locale agree here; the flag below overrides both
    assert advisor("assess", "--help", "--lang", "en", ADVISOR_LANG="fr").stdout.startswith("Usage: advisor assess")


def test_every_help_page_is_french_and_defaults_read_the_french_way(capsys):
    from docs.cli_reference import COMMANDS

    pages = []
    for words in COMMANDS:
        if words == ["interview"]:
            continue  # agent/commands/interview.py: the interview catalogue's
        assert run([*words, "--help"], language="fr") == 0
        pages.append(capsys.readouterr().out)
    assert leaked("\n".join(pages)) == []
    search = pages[[w for w in COMMANDS if w != ["interview"]].index(["kb", "search"])]
    assert "[par défaut\u00a0: 5; 1<=x<=100]" in SPACES.sub(" ", search) and "Nombre de passages." in search


def test_the_french_reference_is_up_to_date():
    from docs.cli_reference import TARGETS, reference

    assert TARGETS["fr"].read_text(encoding="utf-8") == reference("fr"), "run `make docs`"


# ----------------------------------------------------------------------------- errors and messages


def test_a_commands_errors_are_french(tmp_path):
    out = tmp_path / "acme.md"
    out.write_text("keep me\n")
    refused = advisor("assess", str(ACME), "-o", str(out), "--lang", "fr")
    assert refused.returncode == 2 and out.read_text() == "keep me\n"
    assert refused.stderr == f"advisor: {out}\u00a0: existe déjà (utilisez --force pour le remplacer)\n"
    missing = advisor("--lang", "fr", "assess")
    assert missing.returncode == 2
    assert (
        "Argument manquant\u00a0: 'PROFILE'." in missing.stderr
        and "Essayez «\u00a0advisor assess -h\u00a0»" in missing.stderr
    )
    unknown = advisor("asess", ADVISOR_LANG="fr")
    assert "Commande inconnue\u00a0: 'asess'. Vouliez-vous dire 'assess'" in unknown.stderr
    assert leaked(refused.stderr + missing.stderr + unknown.stderr) == []


def test_usage_errors_stay_as_click_writes_them_in_english():
    missing = advisor("assess")
    assert missing.returncode == 2
    assert missing.stderr == (
        "Usage: advisor assess [OPTIONS] {PROFILE}\nTry 'advisor assess -h' for help.\n\nError: Missing argument 'PROFILE'.\n"
    )


def test_sessions_speak_french_list_show_and_new(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")  # the table on one line per session
    assert (
        run(
            [
                "sessions",
                "new",
                "Hôpital Saint-Luc",
                "--profile",
                str(ROOT / "examples" / "hospital-group.yaml"),
                "--lang",
                "fr",
            ]
        )
        == 0
    )
    session_id = capsys.readouterr().out.strip()
    assert run(["sessions", "list", "--lang", "fr"]) == 0
    listing = capsys.readouterr().out
    assert "titre" in listing and "niveau" in listing and "mise à jour" in listing and "en cours" in listing
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", listing)  # Babel's short French date
    assert run(["sessions", "show", session_id, "--lang", "fr"]) == 0
    shown = capsys.readouterr().out
    assert "créée le" in shown and "questions posées" in shown and "confiance" in shown
    assert re.search(r"confiance \d+\u00a0%", shown)
    assert leaked(listing + shown) == []
    assert run(["sessions", "show", session_id]) == 0  # the setting: English
    assert "questions asked" in capsys.readouterr().out


def test_a_sessions_report_is_in_its_language_unless_asked(monkeypatch, tmp_path, capsys):
    import tools.export

    asked = []
    real = tools.export.render_bytes
    monkeypatch.setattr(tools.export, "render_bytes", lambda *a, **k: asked.append(k.get("language")) or real(*a, **k))
    assert run(["sessions", "new", "Cabinet Durand", "--lang", "fr"]) == 0
    session_id = capsys.readouterr().out.strip()
    assert run(["sessions", "export", session_id, "-o", str(tmp_path / "a.md")]) == 0
    assert run(["sessions", "export", session_id, "-o", str(tmp_path / "b.md"), "--lang", "fr"]) == 0
    # Without --lang: the session's own language (what the store remembers of it), messages in English.
    assert asked == [session_language(session_id), "fr"]
    assert capsys.readouterr().err == f"wrote {tmp_path / 'a.md'}\n{tmp_path / 'b.md'} écrit\n"


def session_language(session_id: str) -> str:
    from agent.session_store import SqliteSessionStore

    with SqliteSessionStore(Settings()) as store:
        return store.open(session_id).info.language


# ----------------------------------------------------------------------------- assess


def test_assess_lang_fr_md_runs_and_the_english_is_unchanged():
    today = render_bytes(assess(load_profile(ACME)), "md", info=ReportInfo()).decode("utf-8")
    plain = advisor("assess", str(ACME), "-f", "md")
    assert plain.returncode == 0 and plain.stdout == today + ("" if today.endswith("\n") else "\n")
    assert advisor("assess", str(ACME), "-f", "md", "--lang", "en", ADVISOR_LANG="fr").stdout == plain.stdout
    french = advisor("assess", str(ACME), "--lang", "fr", "-f", "md")
    assert french.returncode == 0, french.stderr
    assert french.stdout.startswith("# ") and "Acme Retail" in french.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "html", "csv", "xlsx"])
def test_assess_passes_the_language_to_the_assessment_and_the_report(fmt, monkeypatch, tmp_path):
    import tools.assess
    import tools.export

    seen: dict[str, object] = {}
    real_assess, real_render = tools.assess.assess, tools.export.render_bytes
    monkeypatch.setattr(tools.assess, "assess", lambda *a, **k: seen.setdefault("assess", k) and real_assess(*a, **k))
    monkeypatch.setattr(
        tools.export, "render_bytes", lambda *a, **k: seen.setdefault("render", k) and real_render(*a, **k)
    )
    assert run(["assess", str(ACME), "-f", fmt, "-o", str(tmp_path / f"out.{fmt}"), "--lang", "fr"]) == 0
    assert seen["assess"] == {"language": "fr"}
    assert seen["render"]["language"] == "fr"  # type: ignore[index]


# ----------------------------------------------------------------------------- kb search


@pytest.fixture(scope="module")
def kb_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kb-language-home")


def test_kb_search_puts_passages_of_the_askers_language_first(kb_home, monkeypatch, capsys):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(kb_home / "data"))
    firsts = {}
    for lang in ("fr", "en"):  # "RAG" alone is in neither language: --lang decides
        assert run(["kb", "search", "RAG", "-k", "3", "--offline", "--lang", lang]) == 0
        firsts[lang] = capsys.readouterr().out.splitlines()[0]
    assert " fr/" in firsts["fr"] and "[méthodologie, score 0," in firsts["fr"]
    assert " fr/" not in firsts["en"] and "[methodology, score 0." in firsts["en"]
    # A French question brings French passages first even when the setting is English.
    assert run(["kb", "search", "quels outils pour la génération augmentée ?", "-k", "1", "--offline"]) == 0
    assert " fr/" in capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize(
    ("typed", "expected"), [("oui\n", True), ("O\n", True), ("y\n", True), ("non\n", False), ("\n", False)]
)
def test_a_french_confirmation_takes_oui_or_non(typed, expected, monkeypatch, capsys):
    from agent.commands.common import confirm

    monkeypatch.setattr("sys.stdin", io.StringIO("peut-être\n" + typed))
    assert confirm("Supprimer ce document\u202f?", "fr") is expected
    captured = capsys.readouterr()
    assert "Supprimer ce document\u202f? [o/N]\u00a0: " in captured.out
    assert captured.err == "Répondez par oui ou par non.\n"


def test_kb_ingest_list_and_remove_report_in_french(kb_home, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(kb_home / "data"))
    note = tmp_path / "note.md"
    note.write_text("# Revue de contrats\n\nLe cabinet relit ses contrats avec un assistant.\n")
    assert (
        run(["kb", "ingest", str(note), str(tmp_path / "absent.md"), "--client", "Cabinet", "--offline"], language="fr")
        == 0
    )
    out, err = capsys.readouterr()
    assert out == f"{note}\u00a0: ajouté, 1 fragment\n"
    assert err.endswith("1 fichier(s) pour Cabinet\u00a0: 1 fragment de plus, 1 ignoré(s)\n")
    assert run(["kb", "list", "--client", "Cabinet", "--lang", "fr"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("client Cabinet\u00a0:\n  note.md  1 fragment, ajouté le ")
    assert run(["kb", "remove", "--client", "Cabinet", "--yes", "--lang", "fr"]) == 0
    removed = capsys.readouterr().out
    assert removed == "1 document(s) supprimé(s), 1 fragment\n"
    assert leaked(out + err + listed + removed) == []


def test_advisor_lang_before_the_command_reaches_it():
    from typer.testing import CliRunner

    from agent.cli import app

    result = CliRunner().invoke(app, ["--lang", "fr", "kb", "search", " "])  # no pre-scan: Click alone
    assert result.exit_code == 2 and result.stderr == "advisor: la requête est vide\n"


class _Terminal(io.StringIO):
    """Standard input as a terminal, so the command asks."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("lang", "said"), [("en", "Aborted!"), ("fr", "Interrompu.")])
def test_a_question_left_unanswered_aborts_in_the_users_language(lang, said, monkeypatch, capsys):
    assert run(["sessions", "new", "Usine Martin"]) == 0
    session_id = capsys.readouterr().out.strip()
    monkeypatch.setattr("sys.stdin", _Terminal(""))  # Ctrl-D at the confirmation
    assert run(["sessions", "delete", session_id, "--lang", lang]) == 1
    assert capsys.readouterr().err.endswith(said + "\n")
    assert run(["sessions", "show", session_id]) == 0  # nothing deleted
