"""Updates already handled: marked in the same transaction as what they caused, so that an
update is either handled and marked, or neither (a crash in between leaves it to come again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session as DbSession

from imhbot.store.tables import UpdateSeen

_TABLE = UpdateSeen.__table__  # type: ignore[attr-defined]


def first_time(db: DbSession, *, key: str, now: dt.datetime) -> bool:
    """Mark the update as seen; False when it was seen before (then nothing is changed)."""
    try:
        with db.begin_nested():
            db.execute(insert(_TABLE).values(key=key, seen_at=now))
    except IntegrityError:
        return False
    return True


def forget_seen(db: DbSession, *, before: dt.datetime) -> int:
    """Keys older than any re-delivery (Telegram keeps updates 24 hours)."""
    return int(db.execute(delete(_TABLE).where(_TABLE.c.seen_at < before)).rowcount)  # type: ignore[attr-defined]
