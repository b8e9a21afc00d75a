"""Leases: one instance at a time runs a scheduled chore. A lease is taken when it is free or
ran out, or renewed by its holder; an instance that dies leaves it to run out."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, insert, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session as DbSession

from imhbot.store.tables import ChoreLease

_TABLE = ChoreLease.__table__  # type: ignore[attr-defined]
_TAKE = (
    update(_TABLE)
    .where(
        _TABLE.c.name == bindparam("the_name"),
        or_(_TABLE.c.until <= bindparam("now"), _TABLE.c.holder == bindparam("the_holder")),
    )
    .values(holder=bindparam("the_holder"), until=bindparam("the_until"))
)


def take_lease(
    db: DbSession, *, name: str, holder: str, now: dt.datetime, hold: dt.timedelta
) -> bool:
    """Whether `holder` now holds the lease `name` until `now + hold`."""
    values = {"the_name": name, "the_holder": holder, "now": now, "the_until": now + hold}
    if db.execute(_TAKE, values).rowcount:  # type: ignore[attr-defined]
        return True
    try:
        with db.begin_nested():
            db.execute(insert(_TABLE).values(name=name, holder=holder, until=now + hold))
    except IntegrityError:  # another instance holds it
        return False
    return True
