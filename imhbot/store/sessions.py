"""Reading, saving and deleting a chat's session."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session as DbSession

from imhbot.engine.model import Session
from imhbot.store.tables import ChatSession


def load_session(db: DbSession, *, chat: str) -> Session | None:
    row = db.get(ChatSession, chat)
    return None if row is None else Session.model_validate(row.state)


def save_session(db: DbSession, *, chat: str, session: Session, now: dt.datetime) -> None:
    state = session.model_dump(mode="json")
    row = db.get(ChatSession, chat)
    if row is None:
        row = ChatSession(chat=chat, state=state, consent_at=session.consent_at, updated_at=now)
    else:
        row.state, row.consent_at, row.updated_at = state, session.consent_at, now
    row.blocked_at = None
    db.add(row)


def mark_blocked(db: DbSession, *, chat: str, now: dt.datetime) -> bool:
    """The parent blocked the bot: nothing is sent to the chat until they write again."""
    row = db.get(ChatSession, chat)
    if row is None:
        return False
    row.blocked_at = now
    db.add(row)
    return True


def is_blocked(db: DbSession, *, chat: str) -> bool:
    row = db.get(ChatSession, chat)
    return row is not None and row.blocked_at is not None


def delete_session(db: DbSession, *, chat: str) -> bool:
    row = db.get(ChatSession, chat)
    if row is None:
        return False
    db.delete(row)
    db.flush()
    return True
