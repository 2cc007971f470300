"""The documentation a newcomer follows stays true to the code."""

from __future__ import annotations

import re

from conftest import ROOT
from docs.cli_reference import TARGET, reference


def test_cli_reference_is_up_to_date():
    assert TARGET.read_text(encoding="utf-8") == reference(), "run `make docs`"


def test_readme_links_and_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", readme):
        assert (ROOT / link).exists(), link
    for target in ("make run", "make test"):
        assert target in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make install" in (ROOT / ".ci" / "run").read_text() and "make test" in (ROOT / ".ci" / "run").read_text()
    for name in ("install", "run", "test", "bench", "docs"):
        assert re.search(rf"^{name}:", makefile, re.MULTILINE), name
