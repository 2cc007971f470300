from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.methodology import load_methodology
from knowledge.schema import Methodology

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def methodology() -> Methodology:
    return load_methodology()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the developer's real data or config, nor reaches a real Ollama."""
    home = tmp_path_factory.mktemp("advisor-home")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("ADVISOR_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.delenv("QDRANT_URL", raising=False)
    monkeypatch.delenv("ADVISOR_MODEL", raising=False)
    # English unless a test asks for French, whatever the developer's own locale.
    for name in ("ADVISOR_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
