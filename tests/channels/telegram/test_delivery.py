"""Telegram's error answers while parents talk: nothing lost, nothing sent twice, others served."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from support.fake_telegram import FakeTelegram
from support.telegram import BotRunner, TelegramChat
from telegram import Bot
from telegram.error import TimedOut

from imhbot.channels.telegram.sending import Delivery, Sender, surely_unsent
from imhbot.channels.telegram.text import plain
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Reply
from imhbot.store.db import transaction
from imhbot.store.tables import ChatSession


def welcome(knowledge: Knowledge) -> str:
    return knowledge.content.texts.get("welcome.text").replace("*", "")


def texts_of(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [s.text for s in fake.sent_to(chat_id)]


async def test_a_429_storm_delays_but_loses_and_doubles_nothing(
    fake: FakeTelegram, bot: BotRunner, knowledge: Knowledge
) -> None:
    first, second = TelegramChat(bot, 1001), TelegramChat(bot, 1002)
    await first.send("/start")
    fake.fail("sendMessage", 429, times=4, retry_after=1)
    await asyncio.gather(first.send("1"), second.send("/start"))
    assert len(fake.sent_to(1001)) == 2
    assert len(fake.sent_to(1002)) == 1
    assert plain(fake.sent_to(1002)[0].text) == welcome(knowledge)
    assert fake.sent_to(1001)[1].labels == (
        knowledge.content.texts.get("buttons.role_parent"),
        knowledge.content.texts.get("buttons.role_professional"),
    )


async def test_server_errors_are_retried_until_the_message_arrives_once(
    fake: FakeTelegram, parent: TelegramChat
) -> None:
    fake.fail("sendMessage", 500, times=2)
    seen = await parent.send("/start")
    assert len(seen) == 1
    assert len(fake.called("sendMessage")) == 3


async def test_a_late_answer_is_not_sent_twice(
    fake: FakeTelegram, knowledge: Knowledge, sqlite_url: str
) -> None:
    runner = BotRunner(fake, knowledge, sqlite_url, timeout=0.5)
    await runner.start()
    try:
        parent = TelegramChat(runner)
        fake.fail("sendMessage", 200, delay=1.5)
        seen = await parent.send("/start")
        assert len(seen) == 1
        assert len(fake.called("sendMessage")) == 1
        assert len(await parent.send("1")) == 1
    finally:
        await runner.stop()


async def test_a_parent_who_blocked_the_bot_is_marked_and_others_are_served(
    fake: FakeTelegram, bot: BotRunner
) -> None:
    blocked, other = TelegramChat(bot, 2001), TelegramChat(bot, 2002)
    await blocked.send("/start")
    await blocked.send("1")
    fake.blocked.add(2001)
    calls = len(fake.called("sendMessage"))
    await asyncio.gather(blocked.send("1"), other.send("/start"))
    assert len(fake.called("sendMessage")) == calls + 2
    assert len(fake.sent_to(2002)) == 1
    with transaction(bot.engine) as db:  # type: ignore[arg-type]
        row = db.get(ChatSession, "tg:2001")
        assert row is not None
        assert row.blocked_at is not None


@pytest.fixture
async def sender_bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(fake.token, base_url=fake.base_url)
    async with bot:
        yield bot


async def test_a_long_reply_with_markup_characters_arrives_whole_in_parts(
    fake: FakeTelegram, sender_bot: Bot
) -> None:
    line = "Kosten: <gratis> & *snel* geregeld, zie a<b>c. "
    long_text = "\n".join(line * 6 for _ in range(60))
    sender = Sender(sender_bot, _never_blocked)
    buttons = (Button("Ja", "ja", "step"),)
    outcome = await sender.reply(7, Reply(long_text, buttons), "ref")
    assert outcome is Delivery.SENT
    parts = fake.sent_to(7)
    assert len(parts) > 1
    assert all(p.parse_mode == "HTML" for p in parts)
    shown = [p.text for p in parts]
    assert all(len(s) <= 4096 for s in shown)
    assert [p.labels for p in parts] == [()] * (len(parts) - 1) + [("Ja",)]
    assert "\n".join(plain(s) for s in shown).replace(" \n", "\n").count("<gratis>") == 6 * 60


async def test_formatting_refused_is_sent_plain_once(fake: FakeTelegram, sender_bot: Bot) -> None:
    fake.fail("sendMessage", 400, "Bad Request: can't parse entities: unexpected end tag")
    outcome = await Sender(sender_bot, _never_blocked).reply(8, Reply("*Let op*: 1 < 2"), "ref")
    assert outcome is Delivery.SENT
    [sent] = fake.sent_to(8)
    assert sent.parse_mode is None
    assert sent.text == "Let op: 1 < 2"


async def test_telegram_down_for_good_is_reported_not_hidden(
    fake: FakeTelegram, sender_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("sendMessage", 502, times=20)
    sender = Sender(sender_bot, _never_blocked, attempts=3, backoff=0.01)
    outcome = await sender.replies(9, [Reply("een"), Reply("twee")], "ref")
    assert outcome is Delivery.FAILED
    assert any(r.getMessage() == "replies not delivered" for r in caplog.records)


def test_only_timeouts_before_sending_are_safe_to_retry() -> None:
    def timed_out(cause: Exception) -> TimedOut:
        try:
            raise TimedOut from cause
        except TimedOut as error:
            return error

    assert surely_unsent(timed_out(httpx.ConnectTimeout("connect")))
    assert surely_unsent(timed_out(httpx.PoolTimeout("pool")))
    assert not surely_unsent(timed_out(httpx.ReadTimeout("read")))
    assert not surely_unsent(timed_out(httpx.WriteTimeout("write")))


async def _never_blocked(chat_id: int) -> None:
    raise AssertionError(f"chat {chat_id} is not blocked")


async def test_database_trouble_gets_a_kind_answer_and_the_bot_keeps_serving(
    fake: FakeTelegram, bot: BotRunner, knowledge: Knowledge
) -> None:
    parent = TelegramChat(bot, 3001)
    await parent.send("/start")
    await parent.send("1")
    assert bot.engine is not None
    with bot.engine.begin() as connection:
        connection.execute(text("ALTER TABLE chat_sessions RENAME TO chat_sessions_away"))
    seen = await parent.send("1")
    assert [s.text for s in seen] == [knowledge.content.texts.get("fallback.trouble")]
    with bot.engine.begin() as connection:
        connection.execute(text("ALTER TABLE chat_sessions_away RENAME TO chat_sessions"))
    seen = await parent.send("1")
    assert seen[-1].text == knowledge.content.texts.get("age.question")
