"""The outbox: messages to parents and coordinator groups, written before they are sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, or_
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from imhbot.engine.model import Button
from imhbot.store.tables import OutboxMessage, Ticket

PENDING, SENT, FAILED = "pending", "sent", "failed"
MESSAGE, CARD, CARD_EDIT = "message", "card", "card_edit"


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
    """`kind`: a message; a ticket's card (its message id is kept on the ticket); or an edit
    of that card."""
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


def due(db: DbSession, *, prefix: str, now: dt.datetime, limit: int = 200) -> list[OutboxMessage]:
    """Pending messages for targets starting with `prefix`, oldest first. A target whose
    oldest pending message is not yet due holds back its later ones, to keep their order."""
    rows = db.exec(
        select(OutboxMessage)
        .where(OutboxMessage.status == PENDING, col(OutboxMessage.target).startswith(prefix))
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    ).all()
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
    row = db.get(OutboxMessage, row_id)
    if row is not None:
        row.status, row.sent_at, row.message_id, row.text = SENT, now, message_id, None
        db.add(row)


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
