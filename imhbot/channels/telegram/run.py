"""`imhbot run`: the bot on Telegram, by long polling or, with WEBHOOK_URL, by webhook."""

from __future__ import annotations

import asyncio

from telegram import Update

from imhbot.channels.telegram.bot import Connection, build_application
from imhbot.channels.telegram.startup import explained
from imhbot.channels.telegram.webhook import (
    AnyApplication,
    serve_webhook,
    stop_on_signals,
    webhook_server,
)
from imhbot.engine.knowledge import Knowledge
from imhbot.nlu.names import NAMES
from imhbot.service.app import App
from imhbot.service.loading import TextUse
from imhbot.service.reloading import freeze_heap
from imhbot.settings import Settings
from imhbot.store.db import make_engine, upgrade


def run_bot(settings: Settings, knowledge: Knowledge, uses: TextUse) -> None:
    assert settings.telegram_bot_token is not None
    engine = make_engine(settings.database_url)
    upgrade(engine)
    connection = Connection(
        token=settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_file_url,
        timeout=settings.telegram_timeout,
        max_rate=settings.telegram_max_rate,
    )
    polling = settings.webhook_url is None
    NAMES.cache_dir = settings.cache_dir
    NAMES.warm_up()  # the parents' words are masked on the event loop's thread (SQLite)
    app = App(knowledge, engine, uses=uses)
    application = build_application(connection, app, polling=polling, watch=settings.reload)
    freeze_heap()
    with explained(settings):
        _serve(application, settings, app, polling=polling)


def _serve(application: AnyApplication, settings: Settings, app: App, *, polling: bool) -> None:
    if polling:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    assert settings.webhook_url is not None
    assert settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    server = webhook_server(
        application,
        webhook_url=settings.webhook_url,
        secret=secret,
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        app=app,
    )
    url, register = settings.webhook_url, settings.webhook_register

    async def main() -> None:
        stop_on_signals(server)
        await serve_webhook(application, server, webhook_url=url, secret=secret, register=register)

    asyncio.run(main())
