"""Whether this instance can do its work (`/readyz`): the content is loaded, the database
answers, and the outbox is not backing up."""

from __future__ import annotations

from concurrent.futures import Future

from imhbot.service.app import App
from imhbot.store.db import DatabaseError
from imhbot.store.outbox import backlog

BACKLOG_SECONDS = 300.0
"""The oldest waiting message may have waited this long before the instance is not ready."""


def readiness(app: App) -> tuple[bool, str]:
    """Ready or not, and why (one line for the operator)."""
    if isinstance(app.knowledge.built, Future) and not app.knowledge.built.done():
        return False, "content still loading"
    try:
        with app.transaction() as db:
            depth, age = backlog(db, now=app.clock())
    except DatabaseError as error:
        return False, f"database unreachable: {type(error).__name__}"
    if age > BACKLOG_SECONDS:
        return False, f"outbox backing up: {depth} waiting, the oldest for {age:.0f} s"
    return True, f"ok: {depth} waiting"
