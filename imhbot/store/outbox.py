"""The outbox: messages to parents and coordinator groups, written before they are sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from imhbot.engine.model import Button
from imhbot.store.tables import OutboxMessage, Ticket

PENDING, SENT, FAILED = "pending", "sent", "failed"
MESSAGE, CARD, CARD_EDIT, ANSWER = "message", "card", "card_edit", "answer"


def enqueue(
    db: DbSession,
    *,
    target: str,
    text: str,
    now: dt.datetime,
    buttons: Sequence[Button] = (),
    ticket: int | None = None,
    kind: str = MESSAGE,
) -> OutboxMessage:
    """`kind`: a message; a ticket's card (its message id is kept on the ticket); an edit
    of that card; or a coordinator's answer to the parent (its group hears when it was sent)."""
    row = OutboxMessage(
        target=target,
        ticket=ticket,
        text=text,
        buttons=[[b.label, b.value, b.step] for b in buttons],
        kind=kind,
        due_at=now,
        created_at=now,
    )
    db.add(row)
    db.flush()
    db.info["mail"] = True
    return row


def due(
    db: DbSession, *, prefix: str, now: dt.datetime, target: str | None = None, limit: int = 200
) -> list[OutboxMessage]:
    """Pending messages for targets starting with `prefix` (or for `target` alone), oldest
    first. A target whose oldest pending message is not yet due holds back its later ones, to
    keep their order."""
    query = select(OutboxMessage).where(
        OutboxMessage.status == PENDING, col(OutboxMessage.target).startswith(prefix)
    )
    if target is not None:
        query = query.where(OutboxMessage.target == target)
    rows = db.exec(query.order_by(col(OutboxMessage.id)).limit(limit)).all()
    waiting: set[str] = set()
    ready = []
    for row in rows:
        if row.target in waiting:
            continue
        if row.due_at > now:
            waiting.add(row.target)
            continue
        ready.append(row)
    return ready


def mark_sent(db: DbSession, *, row_id: int, message_id: int | None, now: dt.datetime) -> None:
    """Sent: the text goes, the message id stays (replies to it find their ticket); a card's
    message id is kept on its ticket too, for the card's edits."""
    row = db.get(OutboxMessage, row_id)
    if row is None:
        return
    row.status, row.sent_at, row.message_id, row.text = SENT, now, message_id, None
    db.add(row)
    if row.kind == CARD and row.ticket is not None and message_id is not None:
        ticket = db.get(Ticket, row.ticket)
        if ticket is not None:
            ticket.card_message = message_id
            db.add(ticket)


def card_message_of(db: DbSession, *, ticket: int) -> int | None:
    """The message a ticket's card edits change; None while the card itself is not sent."""
    found = db.get(Ticket, ticket)
    return None if found is None else found.card_message


def retry_later(db: DbSession, *, row_id: int, at: dt.datetime) -> None:
    row = db.get(OutboxMessage, row_id)
    if row is not None:
        row.attempts += 1
        row.due_at = at
        db.add(row)


def mark_failed(db: DbSession, *, row_id: int) -> None:
    row = db.get(OutboxMessage, row_id)
    if row is not None:
        row.status, row.text = FAILED, None
        db.add(row)


def delete_for_target(db: DbSession, *, target: str) -> None:
    db.execute(delete(OutboxMessage).where(col(OutboxMessage.target) == target))


def delete_delivered(db: DbSession, *, before: dt.datetime) -> int:
    """Sent and given-up messages written before `before`, except those of a ticket still
    open (a coordinator may yet reply to them)."""
    open_tickets = select(Ticket.id).where(Ticket.status == "open")
    deleted = db.execute(
        delete(OutboxMessage).where(
            col(OutboxMessage.status) != PENDING,
            col(OutboxMessage.created_at) < before,
            or_(
                col(OutboxMessage.ticket).is_(None), col(OutboxMessage.ticket).not_in(open_tickets)
            ),
        )
    )
    return int(deleted.rowcount)  # type: ignore[attr-defined]


def ticket_of_message(db: DbSession, *, target: str, message_id: int) -> int | None:
    """Which ticket a sent message (a card or a relayed message) belongs to."""
    row = db.exec(
        select(OutboxMessage).where(
            OutboxMessage.target == target, OutboxMessage.message_id == message_id
        )
    ).first()
    return None if row is None else row.ticket


def buttons_of(row: OutboxMessage) -> tuple[Button, ...]:
    return tuple(Button(label, value, step) for label, value, step in row.buttons)


def backlog(db: DbSession, *, now: dt.datetime) -> tuple[int, float]:
    """How many messages wait to be sent, and how long the oldest has waited (seconds); the
    query also shows the database answers."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    count, oldest = db.execute(
        sa_select(func.count(), func.min(table.c.created_at)).where(table.c.status == PENDING)
    ).one()
    if oldest is None:
        return int(count), 0.0
    if oldest.tzinfo is None:  # SQLite keeps no zone: the column's type decorator is skipped
        oldest = oldest.replace(tzinfo=dt.UTC)
    return int(count), max((now - oldest).total_seconds(), 0.0)
