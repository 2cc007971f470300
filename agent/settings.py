"""Configuration: one typed settings object, read from (highest first) the environment, a `.env`
file in the working directory, then `config.toml` in the user config directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from knowledge.i18n import Language, parse_language
from knowledge.locales import default_language

APP_NAME = "genai-advisor"


def config_file() -> Path:
    """`ADVISOR_CONFIG` points elsewhere, e.g. a team's shared file."""
    return Path(os.environ.get("ADVISOR_CONFIG") or Path(user_config_dir(APP_NAME)) / "config.toml")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADVISOR_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir(APP_NAME)),
        description="Where sessions, the local knowledge base and logs live (ADVISOR_DATA_DIR).",
    )
    model: str = Field(
        default="qwen2.5:7b",
        description="Ollama chat model for phrasing, extraction and answers (ADVISOR_MODEL).",
    )
    embed_model: str = Field(
        default="nomic-embed-text",
        description="Ollama embedding model for dense retrieval (ADVISOR_EMBED_MODEL).",
    )
    ollama_host: str = Field(
        default="http://localhost:11434",
        validation_alias=AliasChoices("OLLAMA_HOST", "ADVISOR_OLLAMA_HOST"),
        description="Ollama server address (OLLAMA_HOST).",
    )
    ollama_timeout: float = Field(default=60.0, gt=0, description="Seconds before a model call gives up.")
    num_ctx: int = Field(default=8192, ge=512, description="Context length asked of the model.")
    offline: bool = Field(default=False, description="Never call Ollama: guided mode only (ADVISOR_OFFLINE).")
    qdrant_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("QDRANT_URL", "ADVISOR_QDRANT_URL"),
        description="A Qdrant server or cluster; unset means the embedded store in data_dir (QDRANT_URL).",
    )
    database_url: str | None = Field(
        default=None,
        description="A PostgreSQL database for a team's shared sessions, e.g. postgresql://advisor@db/advisor; "
        "unset means one SQLite file in data_dir (ADVISOR_DATABASE_URL).",
    )
    language: Language = Field(
        default_factory=default_language,
        validation_alias=AliasChoices("ADVISOR_LANG", "language"),
        description="What the advisor speaks and writes: en or fr; unset follows the locale "
        "(LC_ALL, LC_MESSAGES, LANG), then English (ADVISOR_LANG).",
    )
    qdrant_api_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("QDRANT_API_KEY", "ADVISOR_QDRANT_API_KEY"),
        description="API key for the Qdrant server (QDRANT_API_KEY).",
    )

    @field_validator("language", mode="before")
    @classmethod
    def _language_code(cls, value: object) -> object:
        # "fr", "FR" or a locale name ("fr_FR.UTF-8"); anything else names the choices.
        return parse_language(value) if isinstance(value, str) else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return (init_settings, env_settings, dotenv_settings, toml)

    @property
    def sessions_db(self) -> Path:
        return self.data_dir / "sessions.sqlite"

    @property
    def qdrant_path(self) -> Path:
        return self.data_dir / "qdrant"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"


def private_dir(path: Path) -> Path:
    """`path` as a directory, every folder created on the way readable by the user only (0700),
    whatever the umask: `mkdir(parents=True, mode=...)` applies the mode to the last folder only."""
    missing = []
    current = path
    while not current.exists() and not current.is_symlink() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)  # a umask can only take bits away from 0700
        except FileExistsError:
            pass  # created meanwhile by another process
    return path
