"""Tickets in the database: handoffs to a coordinator group, found by chat, by group and by
age. What a ticket means (claiming, closing, redacting) is the service's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func
from sqlalchemy import select as sa_select
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from imhbot.store.tables import OutboxMessage, Ticket

OPEN, CLOSED = "open", "closed"

_TICKETS = Ticket.__table__.c  # type: ignore[attr-defined]
_OPEN_OF_CHAT = (
    select(_TICKETS.id)
    .where(_TICKETS.chat == bindparam("the_chat"), _TICKETS.status == OPEN)
    .order_by(_TICKETS.id)
    .limit(1)
)


def add_ticket(db: DbSession, *, ticket: Ticket) -> Ticket:
    """The new ticket, with its number."""
    db.add(ticket)
    db.flush()
    return ticket


def save_ticket(db: DbSession, *, ticket: Ticket) -> None:
    db.add(ticket)


MAX_NUMBER = 2**31 - 1
"""No ticket has a larger number (an integer column); a larger typed number is none."""


def get_ticket(db: DbSession, *, number: int) -> Ticket | None:
    return db.get(Ticket, number) if 0 < number <= MAX_NUMBER else None


def open_ticket_of(db: DbSession, *, chat: str) -> Ticket | None:
    """Asked on every turn, and almost always there is none: a prepared query on the table
    first (on the ORM class, it paid for ORM compiling at every turn)."""
    number = db.execute(_OPEN_OF_CHAT, {"the_chat": chat}).scalar()
    return None if number is None else db.get(Ticket, number)


def tickets_of_chat(db: DbSession, *, chat: str) -> list[Ticket]:
    return list(db.exec(select(Ticket).where(Ticket.chat == chat)).all())


def open_tickets(db: DbSession, *, target: str) -> list[Ticket]:
    """A group's open tickets, priority first, then oldest first."""
    query = (
        select(Ticket)
        .where(Ticket.target == target, Ticket.status == OPEN)
        .order_by(col(Ticket.priority).desc(), col(Ticket.id))
    )
    return list(db.exec(query).all())


def unclaimed_unreminded(db: DbSession) -> list[Ticket]:
    """Open tickets nobody claimed and nobody was reminded of yet."""
    query = select(Ticket).where(
        Ticket.status == OPEN,
        col(Ticket.claimed_by).is_(None),
        col(Ticket.reminded_at).is_(None),
    )
    return list(db.exec(query).all())


def closed_with_chat_before(db: DbSession, *, cutoff: dt.datetime) -> list[Ticket]:
    """Tickets closed before `cutoff` that still name their parent's chat."""
    query = select(Ticket).where(
        Ticket.status == CLOSED,
        col(Ticket.closed_at) < cutoff,
        col(Ticket.chat).is_not(None),
    )
    return list(db.exec(query).all())


@dataclass(frozen=True)
class TicketCounts:
    open: int
    unclaimed: int
    closed: int
    recent: int
    recent_priority: int


def ticket_counts(db: DbSession, *, target: str, since: dt.datetime) -> TicketCounts:
    """A group's tickets: open, of those unclaimed, closed; made since `since`, of those with
    priority."""

    def count(*where: object) -> int:
        query = select(func.count()).select_from(Ticket).where(Ticket.target == target, *where)  # type: ignore[arg-type]
        return int(db.exec(query).one())

    return TicketCounts(
        open=count(Ticket.status == OPEN),
        unclaimed=count(Ticket.status == OPEN, col(Ticket.claimed_by).is_(None)),
        closed=count(Ticket.status == CLOSED),
        recent=count(Ticket.created_at >= since),
        recent_priority=count(Ticket.created_at >= since, Ticket.priority == True),  # noqa: E712
    )


def wrote_to_parent(db: DbSession, *, ticket: Ticket) -> bool:
    """Whether coordinators wrote to the parent on this ticket: their words go to the
    parent's chat through the outbox under the ticket's number, and stay there while the
    ticket is open."""
    written = select(OutboxMessage.id).where(
        OutboxMessage.ticket == ticket.id, OutboxMessage.target == ticket.chat
    )
    return db.exec(written.limit(1)).first() is not None


def delete_pending_of_ticket(db: DbSession, *, ticket: int) -> None:
    """Nothing of this ticket waits to be sent any more."""
    db.execute(
        delete(OutboxMessage).where(
            col(OutboxMessage.ticket) == ticket, col(OutboxMessage.status) == "pending"
        )
    )


def count_open(db: DbSession) -> dict[bool, int]:
    """Open tickets, by priority (True: crisis alerts)."""
    table = Ticket.__table__  # type: ignore[attr-defined]
    rows = db.execute(
        sa_select(table.c.priority, func.count())
        .where(table.c.status == OPEN)
        .group_by(table.c.priority)
    )
    return {bool(priority): int(count) for priority, count in rows}
