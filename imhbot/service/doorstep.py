"""Conversations that have not consented yet, in this process's memory only.

Before consent nothing about a parent is written to the database. Yet a parent who types "ja"
instead of pressing the button, or tells everything in the first message, should not lose a
deep link's region or what they wrote. The doorstep keeps such a session in memory for a
while: never on disk, gone after `keep`, on a restart, on consent, or when the parent says no.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from imhbot.engine.answers import CRISIS_CHECK
from imhbot.engine.model import Session

KEEP = dt.timedelta(hours=1)
ROOM = 10_000
"""Chats kept at most: the oldest goes first."""


class Doorstep:
    def __init__(self, *, keep: dt.timedelta = KEEP, room: int = ROOM) -> None:
        self.keep = keep
        self.room = room
        self._waiting: OrderedDict[str, tuple[dt.datetime, Session]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, chat: str, *, now: dt.datetime) -> Session | None:
        """The chat's session before consent, if it has not waited too long."""
        with self._lock:
            found = self._waiting.get(chat)
        if found is None or now - found[0] > self.keep:
            return None
        return found[1]

    def put(self, chat: str, *, session: Session, now: dt.datetime) -> None:
        with self._lock:
            self._waiting.pop(chat, None)
            self._waiting[chat] = (now, session)
            while self._waiting and (
                len(self._waiting) > self.room
                or now - next(iter(self._waiting.values()))[0] > self.keep
            ):
                self._waiting.popitem(last=False)

    def unanswered(self, *, asked_before: dt.datetime, now: dt.datetime) -> list[str]:
        """The chats here whose check question (the review band of safety) has waited since
        before then: a crisis may not be forgotten, so these are looked at before `keep`."""
        with self._lock:
            waiting = list(self._waiting.items())
        return [
            chat
            for chat, (put, session) in waiting
            if CRISIS_CHECK in session.answers and put < asked_before and now - put <= self.keep
        ]

    def drop(self, chat: str) -> None:
        with self._lock:
            self._waiting.pop(chat, None)

    def __len__(self) -> int:
        return len(self._waiting)
