"""What the bot does by itself, whichever channels it runs: reminders for tickets nobody
claimed (every minute) and retention (every hour). Each is safe to run in several processes
at once: a reminded ticket is marked, a purged record is gone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from imhbot.service.app import App
from imhbot.service.tickets import Purged

log = logging.getLogger(__name__)

REMIND_EVERY = dt.timedelta(seconds=60)
PURGE_EVERY = dt.timedelta(hours=1)
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


class Chores:
    def __init__(self, app: App) -> None:
        self.app = app
        self._reminded = self._purged = _NEVER

    def run_due(self, now: dt.datetime) -> None:
        """What is due by now (database work: from async code, in `App.in_thread`)."""
        if now - self._reminded >= REMIND_EVERY:
            self._reminded = now
            self.remind(now)
        if now - self._purged >= PURGE_EVERY:
            self._purged = now
            counts = dataclasses.asdict(self.purge(now))
            level = logging.INFO if any(counts.values()) else logging.DEBUG
            log.log(level, "retention purge", extra=counts)

    def remind(self, now: dt.datetime) -> int:
        with self.app.transaction() as db:
            return self.app.desk.remind(db, now=now)

    def purge(self, now: dt.datetime) -> Purged:
        with self.app.transaction() as db:
            return self.app.desk.purge(db, now=now)
