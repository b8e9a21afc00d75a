"""A fake Bot API server and the bot running against it, for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from support.fake_telegram import FakeTelegram
from support.telegram import BotRunner, TelegramChat, with_groups

from imhbot.engine.knowledge import Knowledge


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake, knowledge, sqlite_url, timeout=2.0)
    await runner.start()
    yield runner
    await runner.stop()


@pytest.fixture
async def desk_bot(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> AsyncIterator[BotRunner]:
    """The bot with Telegram groups for the coordinators of both regions."""
    runner = BotRunner(fake, with_groups(knowledge), sqlite_url)
    await runner.start()
    yield runner
    await runner.stop()


@pytest.fixture
def parent(bot: BotRunner) -> TelegramChat:
    return TelegramChat(bot)
