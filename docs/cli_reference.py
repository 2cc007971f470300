"""Write docs/cli.md from the `--help` of every advisor command, so the reference never drifts
from the code (`make docs`; a test fails when the file is out of date)."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from agent.cli import app

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
TARGET = Path(__file__).with_name("cli.md")


def reference() -> str:
    runner = CliRunner()
    parts = ["# CLI reference\n", "Generated from `--help` by `docs/cli_reference.py` (`make docs`).\n"]
    for words in COMMANDS:
        result = runner.invoke(app, [*words, "--help"], prog_name="advisor", env={"COLUMNS": "100"})
        if result.exit_code != 0:
            raise RuntimeError(f"advisor {' '.join(words)} --help failed: {result.output}")
        parts.append(f"## advisor {' '.join(words)}".rstrip() + "\n")
        parts.append("```text\n" + result.output.rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
