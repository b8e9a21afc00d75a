"""Delivering the outbox to Telegram: cards, relayed messages, notices and reminders.

Runs beside the bot. It wakes when a turn or a coordinator wrote something, and every second
for messages whose retry time came. A message is marked sent only after Telegram took it; a
429 waits as long as Telegram asks, 5xx and network errors back off, both from the database,
so a restart in between sends them still. A parent who blocked the bot closes their ticket.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from imhbot.channels.conversation import Clock
from imhbot.channels.coordination import Coordination
from imhbot.channels.telegram.sending import keyboard, messages, retry_wait, surely_unsent
from imhbot.store.outbox import CARD_EDIT, buttons_of
from imhbot.store.tables import OutboxMessage

log = logging.getLogger(__name__)

Run = Callable[..., Awaitable[Any]]
REMIND_EVERY = dt.timedelta(seconds=60)
PURGE_EVERY = dt.timedelta(hours=1)
CARD_PATIENCE = 600


class OutboxWorker:
    def __init__(
        self,
        coordination: Coordination,
        bot: Bot,
        clock: Clock,
        *,
        run: Run,
        interval: float = 1.0,
    ) -> None:
        """`run` does database work (in a thread, or not: see TelegramChannel._in_thread)."""
        self.coordination = coordination
        self.bot = bot
        self.clock = clock
        self.run_db = run
        self.interval = interval
        self._wake = asyncio.Event()
        self._reminded = self._purged = dt.datetime.min.replace(tzinfo=dt.UTC)

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("outbox round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()

    async def drain(self) -> int:
        """Send what is due, each chat's messages in order; the number sent."""
        now = self.clock()
        if now - self._reminded >= REMIND_EVERY:
            self._reminded = now
            await self.run_db(self.coordination.remind, now)
        if now - self._purged >= PURGE_EVERY:
            self._purged = now
            purged = await self.run_db(self.coordination.purge, now)
            log.info("retention purge", extra=dataclasses.asdict(purged))
        rows = await self.run_db(self.coordination.due, "tg:", now)
        by_target: dict[str, list[OutboxMessage]] = {}
        for row in rows:
            by_target.setdefault(row.target, []).append(row)
        results = await asyncio.gather(*(self._chat(chat_rows) for chat_rows in by_target.values()))
        return sum(results)

    async def _chat(self, rows: list[OutboxMessage]) -> int:
        sent = 0
        for row in rows:
            if not await self._deliver(row):
                break
            sent += 1
        return sent

    async def _deliver(self, row: OutboxMessage) -> bool:
        """True when the row is done (sent, or given up); False to keep the rest waiting."""
        chat_id = int(row.target.split(":", 1)[1])
        try:
            message_id = await self._send(row, chat_id)
        except Forbidden:
            await self.run_db(self.coordination.failed, row)
            if chat_id > 0:
                await self.run_db(self.coordination.parent_blocked, row.target, self.clock())
            else:
                log.error("coordinator group refuses the bot", extra={"row": row.id})
            return True
        except RetryAfter as error:
            return await self._later(row, retry_wait(error))
        except TimedOut as error:
            if surely_unsent(error):
                return await self._later(row, _backoff(row.attempts))
            log.warning("outbox delivery not confirmed, not resent", extra={"row": row.id})
            message_id = None
        except BadRequest as error:
            if "not modified" in error.message:
                message_id = None
            else:
                log.error("telegram refused an outbox message", extra={"row": row.id})
                await self.run_db(self.coordination.failed, row)
                return True
        except NetworkError:
            return await self._later(row, _backoff(row.attempts))
        except _CardNotSent:
            if row.attempts >= CARD_PATIENCE:
                await self.run_db(self.coordination.failed, row)
                return True
            return await self._later(row, 1.0)
        await self.run_db(self.coordination.sent, row, message_id, self.clock())
        return True

    async def _later(self, row: OutboxMessage, seconds: float) -> bool:
        at = self.clock() + dt.timedelta(seconds=seconds)
        await self.run_db(self.coordination.retry, row, at)
        return False

    async def _send(self, row: OutboxMessage, chat_id: int) -> int | None:
        parts = messages(row.text or "", buttons_of(row))
        if row.kind == CARD_EDIT:
            card = await self.run_db(self.coordination.card_message, row)
            if card is None:
                raise _CardNotSent
            text, _ = parts[0]
            result: Any = await self.bot.edit_message_text(
                text,
                chat_id,
                card,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(buttons_of(row)),
            )
            return card if result else None
        message_id = None
        for text, markup in parts:
            sent = await self.bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
            message_id = sent.message_id
        return message_id


class _CardNotSent(Exception):
    """An edit of a card that is not on Telegram yet: try again after the card."""


def _backoff(attempts: int) -> float:
    return float(min(2**attempts, 300))
