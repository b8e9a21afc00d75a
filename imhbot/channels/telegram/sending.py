"""Sending to Telegram so that nothing is lost and nothing arrives twice: one way of reading
Telegram's answers, for replies to a parent and for the outbox alike.

`send_once` makes one attempt at one message and says how it went: a 429 asks to wait as long
as Telegram says (the rate limiter does this first, pausing every request), 5xx and network
errors ask to try again after a pause, and a timeout only when the request surely never
reached Telegram. When Telegram may have received it (the answer was late), sending again
could show the same message twice, so it counts as sent and is logged. Formatting Telegram
refuses is sent once more as plain text. A 403 means the chat refuses the bot.

`Sender` sends a turn's replies right away, retrying in memory; the outbox loop
(`imhbot.service.outbox`) retries from the database.
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
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

from imhbot.channels.telegram.text import callback_data, plain, split_html
from imhbot.engine.model import Button, Reply
from imhbot.service.channel import Blocked, Delivered, Refused, Retry, Sent

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


async def send_once(
    bot: Bot,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    edit: int | None = None,
    ref: str = "",
) -> Delivered:
    """One message (HTML), or with `edit` a new text for that message; what became of it."""
    parse_mode: str | None = ParseMode.HTML
    while True:
        try:
            if edit is None:
                sent = await bot.send_message(
                    chat_id, text, parse_mode=parse_mode, reply_markup=markup
                )
                return Sent(sent.message_id)
            changed = await bot.edit_message_text(
                text, chat_id, edit, parse_mode=parse_mode, reply_markup=markup
            )
            return Sent(edit if changed else None)
        except BadRequest as error:
            if "not modified" in error.message:
                return Sent(None)
            if parse_mode is None:
                log.error("telegram refused a message", extra={"chat_ref": ref})
                return Refused()
            log.warning("formatting refused, sending plain", extra={"reason": error.message})
            text, parse_mode = plain(text), None
        except TelegramError as error:
            return _outcome(error, ref)


def _outcome(error: TelegramError, ref: str) -> Delivered:
    if isinstance(error, Forbidden):
        log.info("chat blocked the bot", extra={"chat_ref": ref})
        return Blocked()
    if isinstance(error, RetryAfter):
        return Retry(retry_wait(error))
    if isinstance(error, TimedOut) and not surely_unsent(error):
        log.warning("delivery not confirmed, not resent", extra={"chat_ref": ref})
        return Sent(None)
    return Retry()


class Sender:
    """A turn's replies, sent in order while the parent waits."""

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
        for attempt in range(self.attempts):
            outcome = await send_once(self.bot, chat_id, text, markup, ref=ref)
            if isinstance(outcome, Sent):
                return Delivery.SENT
            if isinstance(outcome, Blocked):
                await self.on_blocked(chat_id)
                return Delivery.BLOCKED
            if isinstance(outcome, Refused):
                return Delivery.FAILED
            await asyncio.sleep(
                outcome.after if outcome.after is not None else self._pause(attempt)
            )
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
