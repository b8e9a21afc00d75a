"""`imhbot webhook set|delete|info`: the deploy step registers the webhook once, so that
several instances behind one address do not each call setWebhook (run them with
WEBHOOK_REGISTER=false)."""

from __future__ import annotations

import asyncio

from telegram import Bot, Update
from telegram.request import HTTPXRequest

from imhbot.channels.telegram.startup import explained
from imhbot.settings import Settings


def webhook_command(action: str, settings: Settings) -> str:
    """What the action did, in a few lines for the operator."""
    with explained(settings, refusals=True):
        return asyncio.run(_webhook(action, settings))


async def _webhook(action: str, settings: Settings) -> str:
    assert settings.telegram_bot_token is not None
    request = HTTPXRequest(connect_timeout=settings.telegram_timeout)
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        request=request,
    )
    async with bot:
        if action == "set":
            assert settings.webhook_url is not None
            assert settings.webhook_secret is not None
            await bot.set_webhook(
                settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
            )
            return f"De webhook staat op {settings.webhook_url}."
        if action == "delete":
            await bot.delete_webhook()
            return "De webhook is weg: de bot kan nu met long polling draaien (zonder WEBHOOK_URL)."
        info = await bot.get_webhook_info()
        lines = [
            f"webhook: {info.url or '(geen: long polling)'}",
            f"wachtende updates: {info.pending_update_count}",
        ]
        if info.last_error_message:
            when = info.last_error_date.isoformat() if info.last_error_date else "?"
            lines.append(f"laatste fout: {info.last_error_message} ({when})")
        if info.max_connections:
            lines.append(f"verbindingen tegelijk: {info.max_connections}")
        return "\n".join(lines)
