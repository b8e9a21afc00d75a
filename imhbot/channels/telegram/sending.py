"""Sending replies to Telegram so that none is lost and none arrives twice.

A reply becomes one or more messages (under 4,096 characters), buttons on the last. Each is
sent until Telegram takes it: a 429 waits as long as Telegram asks (the rate limiter does
this first, pausing every request), 5xx and network errors are retried with backoff, and a
timeout is retried only when the request surely never reached Telegram. When Telegram may
have received it (the answer was late), sending again could show the parent the same
message twice, so it counts as sent and is logged. A 403 means the parent blocked the bot:
nothing more goes to that chat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import logging
from collections.abc import Awaitable, Callable, Sequence

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from imhbot.channels.telegram_text import callback_data, plain, split_html
from imhbot.engine.model import Button, Reply

log = logging.getLogger(__name__)

OnBlocked = Callable[[int], Awaitable[None]]


class Delivery(enum.Enum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """One button a row: labels are short sentences, and a phone screen is narrow."""
    if not buttons:
        return None
    rows = [[InlineKeyboardButton(b.label, callback_data=callback_data(b))] for b in buttons]
    return InlineKeyboardMarkup(rows)


def messages(text: str, buttons: Sequence[Button]) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """`text` as Telegram messages (HTML, under the length limit), the buttons under the last."""
    parts = split_html(text)
    markup = keyboard(buttons)
    return [(part, markup if n == len(parts) else None) for n, part in enumerate(parts, 1)]


class Sender:
    def __init__(
        self, bot: Bot, on_blocked: OnBlocked, *, attempts: int = 6, backoff: float = 0.5
    ) -> None:
        self.bot = bot
        self.on_blocked = on_blocked
        self.attempts = attempts
        self.backoff = backoff

    async def replies(self, chat_id: int, replies: Sequence[Reply], ref: str) -> Delivery:
        """Send in order; stop at the first reply that cannot be delivered."""
        for number, reply in enumerate(replies):
            outcome = await self.reply(chat_id, reply, ref)
            if outcome is not Delivery.SENT:
                left = len(replies) - number
                log.error("replies not delivered", extra={"chat_ref": ref, "replies": left})
                return outcome
        return Delivery.SENT

    async def reply(self, chat_id: int, reply: Reply, ref: str) -> Delivery:
        for text, markup in messages(reply.text, reply.buttons):
            outcome = await self._deliver(chat_id, text, markup, ref)
            if outcome is not Delivery.SENT:
                return outcome
        return Delivery.SENT

    async def _deliver(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None, ref: str
    ) -> Delivery:
        parse_mode: str | None = ParseMode.HTML
        for attempt in range(self.attempts):
            try:
                await self.bot.send_message(
                    chat_id, text, parse_mode=parse_mode, reply_markup=markup
                )
                return Delivery.SENT
            except Forbidden:
                log.info("chat blocked the bot", extra={"chat_ref": ref})
                await self.on_blocked(chat_id)
                return Delivery.BLOCKED
            except RetryAfter as error:
                await asyncio.sleep(retry_wait(error))
            except TimedOut as error:
                if not surely_unsent(error):
                    log.warning("delivery not confirmed, not resent", extra={"chat_ref": ref})
                    return Delivery.SENT
                await asyncio.sleep(self._pause(attempt))
            except BadRequest as error:
                if parse_mode is None:
                    log.error("telegram refused a message", extra={"chat_ref": ref})
                    return Delivery.FAILED
                log.warning("formatting refused, sending plain", extra={"reason": error.message})
                text, parse_mode = plain(text), None
            except NetworkError:
                await asyncio.sleep(self._pause(attempt))
        return Delivery.FAILED

    def _pause(self, attempt: int) -> float:
        return float(min(self.backoff * 2**attempt, 30.0))


def retry_wait(error: RetryAfter) -> float:
    """Seconds to wait after a 429: as long as Telegram asks, and a little more."""
    span = error.retry_after
    return (span.total_seconds() if isinstance(span, dt.timedelta) else float(span)) + 0.1


def surely_unsent(error: TimedOut) -> bool:
    """Connecting or waiting for a free connection timed out: nothing reached Telegram."""
    return isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout) or (
        "Pool timeout" in error.message
    )
