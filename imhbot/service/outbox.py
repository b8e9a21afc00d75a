"""Delivering the outbox through a channel: cards, their edits, relayed messages, notices,
reminders and whatever else was written to be sent.

The same loop for every channel. It wakes when something was written, and every `interval`
for messages whose retry time came. A message is marked sent only after the channel took it;
one that must wait (a 429, a server error, a network away) waits in the database, so a restart
in between sends it still, and it holds back the later messages to the same chat, which keeps
their order. A card edit waits until the card itself is sent. A parent who refuses the bot's
messages closes their ticket.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from imhbot.service import metrics
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.channel import Blocked, Channel, Delivered, Outgoing, Retry, Sent
from imhbot.service.chores import Chores
from imhbot.service.coordinators import Coordinators
from imhbot.store.db import DbSession
from imhbot.store.outbox import (
    ANSWER,
    CARD_EDIT,
    FAILED,
    PENDING,
    buttons_of,
    card_message_of,
    due,
    mark_failed,
    mark_sent,
    retry_later,
)
from imhbot.store.tables import OutboxMessage

log = logging.getLogger(__name__)

CARD_PATIENCE = 600
"""Attempts (a second apart) an edit waits for its card before it is given up."""
MAX_BACKOFF = 300.0


class Outbox:
    """`only`: deliver to this address alone (a terminal shows one chat), else to every
    address of the channel. `chores`: run them at each round too."""

    def __init__(
        self,
        app: App,
        channel: Channel,
        *,
        only: Address | None = None,
        chores: Chores | None = None,
        interval: float = 1.0,
    ) -> None:
        self.app = app
        self.channel = channel
        self.only = only
        self.chores = chores
        self.interval = interval
        self._wake: asyncio.Event | None = None

    def wake(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def run(self) -> None:
        """Deliver until cancelled."""
        self._wake = asyncio.Event()
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("outbox round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()

    async def drain(self) -> int:
        """Run the chores that are due, then send what is due, each chat's messages in order
        and chats at the same time; the number sent."""
        now = self.app.clock()
        if self.chores is not None:
            await self.app.in_thread(self.chores.run_due, now)
        chats = await self.app.in_thread(self.due, now)
        return sum(await asyncio.gather(*(self._chat(rows) for rows in chats)))

    async def _chat(self, rows: list[OutboxMessage]) -> int:
        sent = 0
        for row in rows:
            message = await self.app.in_thread(self.prepare, row)
            if message is not None:
                outcome = await self.channel.deliver(message)
                if not await self.app.in_thread(self.settle, row, outcome):
                    break
            elif row.status == PENDING:
                break
            sent += 1
        return sent

    def drain_now(self, deliver: Callable[[Outgoing], Delivered]) -> int:
        """The same for a channel that delivers at once (a terminal), without an event loop."""
        now, sent = self.app.clock(), 0
        if self.chores is not None:
            self.chores.run_due(now)
        for rows in self.due(now):
            for row in rows:
                message = self.prepare(row)
                if message is None and row.status == PENDING:
                    break
                if message is not None and not self.settle(row, deliver(message)):
                    break
                sent += 1
        return sent

    def due(self, now: dt.datetime) -> list[list[OutboxMessage]]:
        """What is due, by chat, each chat's messages in order."""
        target = None if self.only is None else str(self.only)
        with self.app.transaction() as db:
            rows = due(db, prefix=f"{self.channel.name}:", target=target, now=now)
        by_target: dict[str, list[OutboxMessage]] = {}
        for row in rows:
            by_target.setdefault(row.target, []).append(row)
        return list(by_target.values())

    def prepare(self, row: OutboxMessage) -> Outgoing | None:
        """The message to deliver; None for an edit of a card that is not delivered yet: it
        waits for the card (pending), or is given up."""
        assert row.id is not None
        edit = None
        with self.app.transaction() as db:
            if row.kind == CARD_EDIT and row.ticket is not None:
                edit = card_message_of(db, ticket=row.ticket)
                if edit is None:
                    if row.attempts >= CARD_PATIENCE:
                        mark_failed(db, row_id=row.id)
                        row.status = FAILED
                    else:
                        self._later(db, row.id, 1.0)
                    return None
        return Outgoing(
            id=row.id,
            to=Address.parse(row.target),
            text=row.text or "",
            buttons=buttons_of(row),
            kind=row.kind,
            edit=edit,
            ticket=row.ticket,
        )

    def settle(self, row: OutboxMessage, outcome: Delivered) -> bool:
        """What a delivery attempt means for the row: True when it is done (sent, or given
        up), False to keep the chat's later messages waiting."""
        assert row.id is not None
        metrics.SENDS.labels(type(outcome).__name__.lower()).inc()
        with self.app.transaction() as db:
            if isinstance(outcome, Sent):
                mark_sent(db, row_id=row.id, message_id=outcome.message_id, now=self.app.clock())
                if row.kind == ANSWER and row.ticket is not None:
                    self.app.desk.answer_sent(db, number=row.ticket, now=self.app.clock())
                return True
            if isinstance(outcome, Retry):
                pause = outcome.after if outcome.after is not None else _backoff(row.attempts)
                self._later(db, row.id, pause)
                return False
            mark_failed(db, row_id=row.id)
        if isinstance(outcome, Blocked):
            self._refused(Address.parse(row.target))
        else:
            log.error("the channel refused an outbox message", extra={"row": row.id})
        return True

    def _refused(self, to: Address) -> None:
        coordinators = Coordinators(self.app)
        if coordinators.is_group(to):
            log.error("coordinator group refuses the bot")
        else:
            coordinators.parent_blocked(to, self.app.clock())

    def _later(self, db: DbSession, row_id: int, seconds: float) -> None:
        retry_later(db, row_id=row_id, at=self.app.clock() + dt.timedelta(seconds=seconds))


def _backoff(attempts: int) -> float:
    return float(min(2**attempts, MAX_BACKOFF))
