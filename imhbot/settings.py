"""All configuration, from the environment or a `.env` file."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _shipped(folder: str) -> Path:
    """The shipped folder next to the package (a source checkout), else one in the working directory."""
    beside = PROJECT_ROOT / folder
    return beside if beside.is_dir() else Path(folder)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    database_url: str = "sqlite:///imhbot.sqlite3"
    content_dir: Path = Field(default_factory=lambda: _shipped("content"))
    flows_dir: Path = Field(default_factory=lambda: _shipped("flows"))
    retention_days: int = Field(default=30, ge=1, le=3650)
    log_level: str = "INFO"
