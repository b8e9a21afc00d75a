"""The coordinators' side for a channel: each call is one transaction over the desk and the
outbox. Channels deliver the outbox and pass on what coordinators do."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from imhbot.channels.conversation import Conversations
from imhbot.store.db import transaction
from imhbot.store.outbox import (
    CARD,
    CARD_EDIT,
    PENDING,
    due,
    mark_failed,
    mark_sent,
    retry_later,
)
from imhbot.store.tables import OutboxMessage, Ticket
from imhbot.tickets import Desk, Purged, group_target


class Coordination:
    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations

    @property
    def desk(self) -> Desk:
        return Desk(self.conversations.knowledge)

    def is_group(self, target: str) -> bool:
        """Only chats configured as coordinator groups in content/regions.yaml."""
        channel = target.split(":")[0]
        regions = self.conversations.knowledge.content.regions
        return any(group_target(region, channel) == target for region in regions)

    def claim(self, target: str, number: int, name: str, now: dt.datetime) -> str | None:
        with transaction(self.conversations.engine) as db:
            return self.desk.claim(db, target=target, number=number, name=name, now=now)

    def close(self, target: str, number: int, name: str, now: dt.datetime) -> str | None:
        with transaction(self.conversations.engine) as db:
            return self.desk.close(db, target=target, number=number, name=name, now=now)

    def reply(self, target: str, message_id: int, name: str, text: str, now: dt.datetime) -> bool:
        with transaction(self.conversations.engine) as db:
            return self.desk.reply_to_parent(
                db, target=target, message_id=message_id, name=name, text=text, now=now
            )

    def reply_to_ticket(
        self, target: str, number: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        with transaction(self.conversations.engine) as db:
            return self.desk.reply_to_ticket(
                db, target=target, number=number, name=name, text=text, now=now
            )

    def open_list(self, target: str, now: dt.datetime) -> str:
        with transaction(self.conversations.engine) as db:
            return self.desk.open_list(db, target=target, now=now)

    def stats(self, target: str, now: dt.datetime) -> str:
        with transaction(self.conversations.engine) as db:
            return self.desk.stats(db, target=target, now=now)

    def remind(self, now: dt.datetime) -> int:
        with transaction(self.conversations.engine) as db:
            return self.desk.remind(db, now=now)

    def purge(self, now: dt.datetime) -> Purged:
        with transaction(self.conversations.engine) as db:
            return self.desk.purge(db, now=now)

    def parent_blocked(self, chat: str, now: dt.datetime) -> None:
        with transaction(self.conversations.engine) as db:
            self.desk.parent_blocked(db, chat=chat, now=now)
        self.conversations.blocked(chat, now)

    # -- the outbox ---------------------------------------------------------------------------

    def due(self, prefix: str, now: dt.datetime) -> list[OutboxMessage]:
        with transaction(self.conversations.engine) as db:
            return due(db, prefix=prefix, now=now)

    def card_message(self, row: OutboxMessage) -> int | None:
        """The message a card edit changes; None while the card itself is not sent."""
        if row.kind != CARD_EDIT or row.ticket is None:
            return None
        with transaction(self.conversations.engine) as db:
            ticket = db.get(Ticket, row.ticket)
            return None if ticket is None else ticket.card_message

    def sent(self, row: OutboxMessage, message_id: int | None, now: dt.datetime) -> None:
        assert row.id is not None
        with transaction(self.conversations.engine) as db:
            mark_sent(db, row_id=row.id, message_id=message_id, now=now)
            if row.kind == CARD and row.ticket is not None and message_id is not None:
                ticket = db.get(Ticket, row.ticket)
                if ticket is not None:
                    ticket.card_message = message_id
                    db.add(ticket)

    def retry(self, row: OutboxMessage, at: dt.datetime) -> None:
        assert row.id is not None
        with transaction(self.conversations.engine) as db:
            retry_later(db, row_id=row.id, at=at)

    def failed(self, row: OutboxMessage) -> None:
        assert row.id is not None
        with transaction(self.conversations.engine) as db:
            mark_failed(db, row_id=row.id)

    def take(self, target: str, now: dt.datetime) -> list[OutboxMessage]:
        """For a channel that shows messages itself (the terminal): what waits for `target`,
        in order, marked as delivered. Card edits are shown as a fresh message."""
        with transaction(self.conversations.engine) as db:
            query = (
                select(OutboxMessage)
                .where(OutboxMessage.target == target, OutboxMessage.status == PENDING)
                .order_by(col(OutboxMessage.id))
            )
            rows = list(db.exec(query).all())
            shown = [OutboxMessage.model_validate(row.model_dump()) for row in rows]
            for row in rows:
                assert row.id is not None
                mark_sent(db, row_id=row.id, message_id=row.id, now=now)
            return shown
