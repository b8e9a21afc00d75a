"""What Telegram's refusals at start-up mean for the operator, in one line (`StartupError`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from telegram.error import InvalidToken, NetworkError, TelegramError

from imhbot.settings import Settings
from imhbot.store.db import StartupError


@contextmanager
def explained(settings: Settings, *, refusals: bool = False) -> Iterator[None]:
    """An unknown token or an unreachable Bot API becomes a `StartupError`; with `refusals`
    any other refusal of Telegram too (for a one-off command, not a running bot)."""
    try:
        yield
    except InvalidToken:
        raise StartupError(
            "Telegram kent TELEGRAM_BOT_TOKEN niet: vraag het token opnieuw op bij @BotFather"
        ) from None
    except NetworkError as error:
        raise StartupError(
            f"de Bot API op {settings.telegram_api_base_url} is niet bereikbaar ({error}):"
            " controleer TELEGRAM_API_BASE_URL en het netwerk"
        ) from None
    except TelegramError as error:
        if not refusals:
            raise
        raise StartupError(f"Telegram weigert: {error}") from None
