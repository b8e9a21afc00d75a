"""The terminal channel as a transcript channel: the real Console over a real SQLite file."""

from __future__ import annotations

import datetime as dt

from imhbot.channels.console import Console, CoordinatorConsole
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Reply
from imhbot.service.app import App
from imhbot.store.db import make_engine, upgrade
from support.transcripts import DeskSeen, Ready, Seen, plain


class ShellChannel:
    def __init__(self, knowledge: Knowledge, database_url: str, now: dt.datetime) -> None:
        self.knowledge = knowledge
        self.database_url = database_url
        self.now = now
        self.console = self._console()
        self.desk = CoordinatorConsole(self.console.app, "groningen", "Anna")

    def _console(self) -> Console:
        engine = make_engine(self.database_url)
        upgrade(engine)
        return Console(App(self.knowledge, engine, clock=lambda: self.now))

    def send(self, line: str) -> list[Seen]:
        return _seen(self.console.send(line))

    def coordinate(self, line: str, ready: Ready) -> DeskSeen:
        """The terminal desk of Groningen: what it shows at once, and the parent's mail."""
        desk = "\n".join(plain(text) for text in self.desk.send(line))
        return DeskSeen(desk, _seen(self.console.mail()))

    def restart(self) -> None:
        """A new process on the same database; opening the chat shows (and numbers) the buttons."""
        self.console.app.engine.dispose()
        self.console = self._console()
        self.desk = CoordinatorConsole(self.console.app, "groningen", "Anna")
        self.console.open()


def _seen(shown: list[object]) -> list[Seen]:
    replies = [r for r in shown if isinstance(r, Reply)]
    return [Seen(plain(r.text), tuple(b.label for b in r.buttons)) for r in replies]
