"""Write docs/cli.md (English) and docs/cli.fr.md (French) from the `--help` of every advisor
command, so the reference never drifts from the code (`make docs`; a test fails when a file is
out of date)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

from agent.cli import run
from knowledge.i18n import Language

COMMANDS = (
    [],
    ["assess"],
    ["interview"],
    ["sessions"],
    ["sessions", "list"],
    ["sessions", "show"],
    ["sessions", "rename"],
    ["sessions", "delete"],
    ["sessions", "export"],
    ["sessions", "profile"],
    ["sessions", "new"],
    ["kb"],
    ["kb", "search"],
    ["kb", "ingest"],
    ["kb", "status"],
    ["kb", "rebuild"],
)
TARGETS: dict[Language, Path] = {"en": Path(__file__).with_name("cli.md"), "fr": Path(__file__).with_name("cli.fr.md")}
TARGET = TARGETS["en"]
HEADINGS: dict[Language, tuple[str, str]] = {
    "en": ("# CLI reference\n", "Generated from `--help` by `docs/cli_reference.py` (`make docs`).\n"),
    "fr": (
        "# Référence de la ligne de commande\n",
        "Produite à partir de `--help` (`ADVISOR_LANG=fr`) par `docs/cli_reference.py` (`make docs`).\n",
    ),
}


def _help(words: list[str], language: Language) -> str:
    out = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # the width the reference is written at, whatever the terminal
    try:
        with contextlib.redirect_stdout(out):
            code = run([*words, "--help"], language=language)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    if code != 0:
        raise RuntimeError(f"advisor {' '.join(words)} --help failed: {out.getvalue()}")
    return out.getvalue()


def reference(language: Language = "en") -> str:
    parts = list(HEADINGS[language])
    for words in COMMANDS:
        parts.append(f"## advisor {' '.join(words)}".rstrip() + "\n")
        parts.append("```text\n" + _help(words, language).rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    for lang, target in TARGETS.items():
        target.write_text(reference(lang), encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
