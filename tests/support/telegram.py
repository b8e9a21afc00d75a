"""The bot on python-telegram-bot, in this process, against the fake Bot API server.

`BotRunner` runs the real application in webhook mode (the fake server posts updates to it
and gets the answer when the turn is done) or in polling mode (the fake server holds the
updates until the bot asks). `TelegramChat` is one parent's chat on top of it, usable as a
transcript channel: a number presses that button of the last keyboard, as a finger would.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import socket
from typing import Any

import uvicorn
from sqlalchemy import Engine

from imhbot.channels.telegram.bot import Connection, build_application
from imhbot.channels.telegram.text import plain
from imhbot.channels.telegram.webhook import serve_webhook, webhook_server
from imhbot.engine.knowledge import Knowledge
from imhbot.service.app import App, utc_now
from imhbot.store.db import make_engine, upgrade
from support.fake_telegram import FakeTelegram, Sent
from support.transcripts import DeskSeen, Ready, Seen

SECRET = "test-secret_123"
GROUP = -100111
OTHER_GROUP = -100222


def with_groups(knowledge: Knowledge) -> Knowledge:
    """The shipped knowledge with Telegram groups for the coordinators of both regions."""
    chats = {"groningen": GROUP, "twente": OTHER_GROUP}
    regions = tuple(
        r.model_copy(update={"coordinator_chat": chats[r.id]}) for r in knowledge.content.regions
    )
    content = knowledge.content.model_copy(update={"regions": regions})
    return dataclasses.replace(knowledge, content=content)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotRunner:
    def __init__(
        self,
        fake: FakeTelegram,
        knowledge: Knowledge,
        database_url: str,
        *,
        mode: str = "webhook",
        now: dt.datetime | None = None,
        timeout: float = 10.0,
        read_timeout: float = 10.0,
        register: bool = True,
    ) -> None:
        self.fake, self.knowledge, self.database_url = fake, knowledge, database_url
        self.mode, self.now, self.timeout = mode, now, timeout
        self.read_timeout, self.register = read_timeout, register
        self.engine: Engine | None = None
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None
        self._application: Any = None
        self.app: App | None = None

    async def start(self) -> None:
        self.engine = make_engine(self.database_url)
        upgrade(self.engine)
        connection = Connection(
            token=self.fake.token, base_url=self.fake.base_url, timeout=self.timeout
        )
        now = self.now
        polling = self.mode == "polling"
        self.app = App(self.knowledge, self.engine, clock=utc_now if now is None else lambda: now)
        self._application = build_application(connection, self.app, polling=polling)
        if polling:
            await self._start_polling()
        else:
            await self._start_webhook()

    async def _start_webhook(self) -> None:
        url = f"http://127.0.0.1:{free_port()}/telegram"
        port = int(url.split(":")[2].split("/")[0])
        self._server = webhook_server(
            self._application,
            webhook_url=url,
            secret=SECRET,
            listen="127.0.0.1",
            port=port,
            read_timeout=self.read_timeout,
            app=self.app,
        )
        registered = len(self.fake.called("setMyCommands"))
        self._task = asyncio.create_task(
            serve_webhook(
                self._application,
                self._server,
                webhook_url=url,
                secret=SECRET,
                register=self.register,
            )
        )
        while len(self.fake.called("setMyCommands")) == registered:
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.01)

    async def _start_polling(self) -> None:
        application = self._application
        await application.initialize()
        await application.post_init(application)
        await application.updater.start_polling(poll_interval=0, timeout=1)
        await application.start()

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
        elif self._application is not None:
            await self._application.updater.stop()
            await self._application.stop()
            await self._application.shutdown()
        if self.engine is not None:
            self.engine.dispose()
        self._server = self._task = self._application = None

    async def send(self, update: dict[str, Any]) -> None:
        """Give the bot an update; in webhook mode, return when it has been handled."""
        if self.mode == "polling":
            await self.fake.push(update)
        else:
            response = await self.fake.post(update)
            assert response.status_code == 200, response.text


class TelegramChat:
    """One parent (a private chat) talking to a running bot."""

    def __init__(self, runner: BotRunner, chat_id: int = 4242) -> None:
        self.runner, self.fake, self.chat_id = runner, runner.fake, chat_id

    @property
    def keyboard(self) -> Sent | None:
        return self.fake.keyboards.get(self.chat_id)

    def update_for(self, line: str) -> dict[str, Any]:
        keyboard = self.keyboard
        if keyboard is not None and line.isdigit() and 1 <= int(line) <= len(keyboard.buttons):
            data = keyboard.buttons[int(line) - 1][1]
            return self.fake.press(self.chat_id, data, keyboard.message_id)
        return self.fake.text(self.chat_id, line)

    async def send(self, line: str) -> list[Seen]:
        return await self.deliver(self.update_for(line))

    async def deliver(self, update: dict[str, Any]) -> list[Seen]:
        before = len(self.fake.sent_to(self.chat_id))
        await self.runner.send(update)
        return [Seen(plain(s.text), s.labels) for s in self.fake.sent_to(self.chat_id)[before:]]

    async def restart(self) -> None:
        await self.runner.stop()
        await self.runner.start()

    async def coordinate(self, line: str, ready: Ready, timeout: float = 15.0) -> DeskSeen:
        """A coordinator writes in Groningen's group; what the group and the parent got, as
        soon as it is what `ready` waits for (the outbox delivers a moment later)."""
        group, edits = len(self.fake.sent_to(GROUP)), len(self.fake.edits)
        parent = len(self.fake.sent_to(self.chat_id))
        await self.runner.send(self.fake.group_message(GROUP, 9001, line))

        def seen() -> DeskSeen:
            desk = [s.text for s in self.fake.sent_to(GROUP)[group:]]
            desk += [e.text for e in self.fake.edits[edits:] if e.chat_id == GROUP]
            got = self.fake.sent_to(self.chat_id)[parent:]
            return DeskSeen(plain("\n".join(desk)), [Seen(plain(s.text), s.labels) for s in got])

        with contextlib.suppress(TimeoutError):
            await self.fake.wait_for(lambda: ready(seen()), timeout)
        return seen()
