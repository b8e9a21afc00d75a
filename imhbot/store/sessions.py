"""Reading, saving and deleting a chat's session.

Prepared SQL statements rather than ORM objects: this runs on every turn, and building
queries and the ORM's bookkeeping cost more than the rest of the turn together.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session as DbSession

from imhbot.engine.model import Session
from imhbot.store.tables import ChatSession, Ticket

_TABLE = ChatSession.__table__  # type: ignore[attr-defined]
_THIS_CHAT = _TABLE.c.chat == bindparam("the_chat")
_LOAD = select(_TABLE.c.state).where(_THIS_CHAT)
_UPDATE = update(_TABLE).where(_THIS_CHAT)
_INSERT = insert(_TABLE)
_DELETE = delete(_TABLE).where(_THIS_CHAT)
_BLOCK = update(_TABLE).where(_THIS_CHAT).values(blocked_at=bindparam("now"))
_BLOCKED = select(_TABLE.c.blocked_at).where(_THIS_CHAT)


def load_session(db: DbSession, *, chat: str) -> Session | None:
    row = db.execute(_LOAD, {"the_chat": chat}).first()
    return None if row is None else Session.model_validate(row[0])


def save_session(
    db: DbSession,
    *,
    chat: str,
    session: Session,
    now: dt.datetime,
    asked_at: dt.datetime | None = None,
) -> None:
    """`asked_at`: when the check question still open in this session was asked."""
    values = {
        "state": session.model_dump(mode="json"),
        "consent_at": session.consent_at,
        "consent_version": session.consent_version,
        "updated_at": now,
        "blocked_at": None,
        "asked_at": asked_at,
    }
    changed = db.execute(_UPDATE, {"the_chat": chat, **values})
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        db.execute(_INSERT, {"chat": chat, **values})


def unanswered_checks(db: DbSession, *, asked_before: dt.datetime) -> list[str]:
    """The chats whose check question has waited for an answer since before then."""
    found = select(_TABLE.c.chat).where(_TABLE.c.asked_at < asked_before)
    return [row[0] for row in db.execute(found.order_by(_TABLE.c.asked_at))]


def delete_session(db: DbSession, *, chat: str) -> bool:
    deleted = db.execute(_DELETE, {"the_chat": chat})
    return bool(deleted.rowcount)  # type: ignore[attr-defined]


def delete_idle_sessions(db: DbSession, *, before: dt.datetime) -> int:
    """Sessions not touched since `before`, unless the chat has a ticket still open."""
    tickets = Ticket.__table__  # type: ignore[attr-defined]
    open_ticket = select(tickets.c.id).where(
        tickets.c.chat == _TABLE.c.chat, tickets.c.status == "open"
    )
    deleted = db.execute(delete(_TABLE).where(_TABLE.c.updated_at < before, ~open_ticket.exists()))
    return int(deleted.rowcount)  # type: ignore[attr-defined]


def mark_blocked(db: DbSession, *, chat: str, now: dt.datetime) -> bool:
    """The parent blocked the bot: nothing is sent to the chat until they write again."""
    changed = db.execute(_BLOCK, {"the_chat": chat, "now": now})
    return bool(changed.rowcount)  # type: ignore[attr-defined]


def is_blocked(db: DbSession, *, chat: str) -> bool:
    row = db.execute(_BLOCKED, {"the_chat": chat}).first()
    return row is not None and row[0] is not None
