"""The running application: what it knows (swapped whole on a reload), its database, and
the channels this process delivers through."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from imhbot.content.models import Region
from imhbot.engine.knowledge import Knowledge
from imhbot.service.addresses import Address, desk_of
from imhbot.service.channel import Channel
from imhbot.service.doorstep import Doorstep
from imhbot.service.loading import ENGINE_ONLY, TextUse
from imhbot.service.tickets import Desk
from imhbot.store.db import DbSession, Engine, transaction

T = TypeVar("T")
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class App:
    """`knowledge` may be swapped whole at any time (content reload); a turn that started
    finishes with what it started with."""

    def __init__(
        self,
        knowledge: Knowledge,
        engine: Engine,
        *,
        clock: Clock = utc_now,
        uses: TextUse = ENGINE_ONLY,
    ) -> None:
        self.knowledge = knowledge
        self.uses = uses
        """The texts the channels and the service use: a reload checks them too."""
        self.engine = engine
        self.clock = clock
        self.channels: dict[str, Channel] = {}
        self.doorstep = Doorstep()
        """Conversations before consent, in memory only."""
        self.on_mail: Callable[[], None] | None = None
        """Called after work that wrote to the outbox (from the thread that did it)."""
        self._pool: ThreadPoolExecutor | None = None

    def attach(self, channel: Channel) -> None:
        self.channels[channel.name] = channel

    @property
    def desk(self) -> Desk:
        return Desk(self.knowledge, self.group_of)

    def group_of(self, channel: str, region: Region) -> Address:
        """Where a region's coordinators read the handoffs of a channel's parents: the
        channel's group for the region, else the terminal desk."""
        attached = self.channels.get(channel)
        found = attached.group_for(region) if attached is not None else None
        return found or desk_of(region.id)

    @contextmanager
    def transaction(self) -> Iterator[DbSession]:
        """A database transaction; when it wrote to the outbox, the outbox hears of it after
        the commit."""
        with transaction(self.engine) as db:
            yield db
            mailed = bool(db.info.get("mail"))
        if mailed and self.on_mail is not None:
            self.on_mail()

    @property
    def workers(self) -> int:
        """How many turns may run at once. SQLite has one writer: threads that wait for its
        lock sleep in coarse steps, so turns go through one thread, one after another."""
        return 1 if self.engine.dialect.name == "sqlite" else 8

    async def in_thread(self, call: Callable[..., T], *args: Any) -> T:
        """Database work from async code. SQLite answers in a millisecond or two, and a second
        thread would wait for the GIL behind the event loop at every call into SQLite (turns
        slowed from 2 ms to 20 ms under load): it runs right here. PostgreSQL waits on the
        network: a pool of threads."""
        if self.workers == 1:
            return call(*args)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="db")
        return await asyncio.get_running_loop().run_in_executor(self._pool, call, *args)
