"""All configuration, from the environment or a `.env` file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

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
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    telegram_timeout: float = Field(default=10.0, gt=0, le=120)
    telegram_max_rate: float = Field(
        default=30, gt=0, description="messages a second to Telegram, over all chats"
    )
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_register: bool = Field(
        default=True,
        description="imhbot run zet de webhook zelf; false als de uitrol dat doet"
        " (imhbot webhook set), met meer instanties achter één adres",
    )
    database_url: str = "sqlite:///imhbot.sqlite3"
    content_dir: Path = Field(default_factory=lambda: _shipped("content"))
    flows_dir: Path = Field(default_factory=lambda: _shipped("flows"))
    retention_days: int = Field(default=30, ge=1, le=3650)
    reload: bool = Field(
        default=True, description="`imhbot run` loads changed content and flows while it runs"
    )
    log_level: str = "INFO"
    cache_dir: Path | None = Field(
        default=None,
        description="where deduce's name lists are built once (default ~/.cache/imhbot)",
    )


_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def telegram_problem(settings: Settings) -> str | None:
    """What is missing or wrong for `imhbot run`, as one line that says what to set."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if not token:
        return (
            "TELEGRAM_BOT_TOKEN ontbreekt: zet het token van @BotFather in de omgeving of in .env "
            "(zonder token kun je de bot proberen met: imhbot shell)"
        )
    if not _TOKEN.match(token):
        return "TELEGRAM_BOT_TOKEN is geen token zoals @BotFather het geeft (123456789:AAE...)"
    for name, url in (
        ("TELEGRAM_API_BASE_URL", settings.telegram_api_base_url),
        ("TELEGRAM_API_FILE_URL", settings.telegram_api_file_url),
        ("WEBHOOK_URL", settings.webhook_url),
    ):
        if url is not None and not _is_http_url(url):
            return f"{name} is geen geldige http(s)-URL: zet bijvoorbeeld https://bot.example.org/telegram"
    if settings.webhook_url is None:
        return None
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not _SECRET.match(secret):
        return (
            "WEBHOOK_SECRET ontbreekt of is ongeldig: zet bij WEBHOOK_URL een geheim van 1 tot 256 "
            "tekens (letters, cijfers, _ en -)"
        )
    return None


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
