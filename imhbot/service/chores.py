"""What the bot does by itself, whichever channels it runs: reminders for tickets nobody
claimed and check questions of safety left unanswered (every minute), and retention (every
hour). Each is safe to run in several processes at once: a reminded ticket is marked, a purged
record is gone, an answered check is no longer in the session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
import uuid

from imhbot.engine.model import Message
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.tickets import Purged
from imhbot.service.turns import take_turn
from imhbot.store.db import scrub
from imhbot.store.leases import take_lease
from imhbot.store.outbox import enqueue
from imhbot.store.sessions import unanswered_checks
from imhbot.store.updates import forget_seen

log = logging.getLogger(__name__)

REMIND_EVERY = dt.timedelta(seconds=60)
PURGE_EVERY = dt.timedelta(hours=1)
SEEN_KEPT = dt.timedelta(days=2)
"""How long an update's key is kept against a second delivery (Telegram keeps updates a day)."""
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


class Chores:
    """With several instances on one database, each chore runs in one of them per round: the
    one that holds its lease (`imhbot.store.leases`)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._reminded = self._purged = _NEVER
        self.holder = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def run_due(self, now: dt.datetime) -> None:
        """What is due by now (database work: from async code, in `App.in_thread`)."""
        if now - self._reminded >= REMIND_EVERY:
            self._reminded = now
            if self._lease("remind", now, REMIND_EVERY):
                self.remind(now)
                self.unanswered(now)
        if now - self._purged >= PURGE_EVERY:
            self._purged = now
            if self._lease("purge", now, PURGE_EVERY):
                counts = dataclasses.asdict(self.purge(now))
                level = logging.INFO if any(counts.values()) else logging.DEBUG
                log.log(level, "retention purge", extra=counts)

    def _lease(self, name: str, now: dt.datetime, hold: dt.timedelta) -> bool:
        with self.app.transaction() as db:
            return take_lease(db, name=name, holder=self.holder, now=now, hold=hold)

    def remind(self, now: dt.datetime) -> int:
        with self.app.transaction() as db:
            return self.app.desk.remind(db, now=now)

    def unanswered(self, now: dt.datetime) -> int:
        """Check questions of the review band that waited `check_wait_minutes` without an
        answer: silence is no clear "nee", so each such chat gets the full crisis protocol
        (the alert, and the safety message through the outbox). Chats before consent are
        found on the doorstep, the others in the database."""
        wait = dt.timedelta(minutes=self.app.knowledge.content.safety.check_wait_minutes)
        before = now - wait
        with self.app.transaction() as db:
            chats = unanswered_checks(db, asked_before=before)
        chats.extend(self.app.doorstep.unanswered(asked_before=before, now=now))
        for chat in chats:
            message = Message(kind="unanswered", now=now)
            with self.app.transaction() as db:
                turn = take_turn(
                    db,
                    desk=self.app.desk,
                    chat=Address.parse(chat),
                    message=message,
                    doorstep=self.app.doorstep,
                )
                for reply in turn.replies:
                    enqueue(db, target=chat, text=reply.text, buttons=reply.buttons, now=now)
        if chats:
            log.warning(
                "check questions left unanswered: crisis protocol", extra={"chats": len(chats)}
            )
        return len(chats)

    def purge(self, now: dt.datetime) -> Purged:
        with self.app.transaction() as db:
            purged = self.app.desk.purge(db, now=now)
            forget_seen(db, before=now - SEEN_KEPT)
        if any(dataclasses.astuple(purged)):
            scrub(self.app.engine)
        return purged
