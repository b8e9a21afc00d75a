"""A bare python-telegram-bot echo bot behind the same webhook server as imhbot: the ceiling
that bench/webhook_speed.py compares the real bot with. Configured like `imhbot run`
(TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PORT)."""

from __future__ import annotations

import asyncio
import os

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from imhbot.channels.telegram.webhook import (
    serve_webhook,
    stop_on_signals,
    webhook_server,
)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    text: str | None = None
    if update.callback_query is not None:
        await update.callback_query.answer()
        text = update.callback_query.data
    elif update.effective_message is not None:
        text = update.effective_message.text
    await context.bot.send_message(chat.id, text or "?")


async def main() -> None:
    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .rate_limiter(AIORateLimiter(overall_max_rate=float(os.environ["TELEGRAM_MAX_RATE"])))
        .concurrent_updates(256)
        .connection_pool_size(64)
        .updater(None)
        .build()
    )
    application.add_handler(MessageHandler(filters.ALL, echo))
    application.add_handler(CallbackQueryHandler(echo))
    url, secret = os.environ["WEBHOOK_URL"], os.environ["WEBHOOK_SECRET"]
    server = webhook_server(
        application,
        webhook_url=url,
        secret=secret,
        listen="127.0.0.1",
        port=int(os.environ["WEBHOOK_PORT"]),
    )
    stop_on_signals(server)
    await serve_webhook(application, server, webhook_url=url, secret=secret)


if __name__ == "__main__":
    asyncio.run(main())
