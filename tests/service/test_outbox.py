"""The outbox loop, the same for every channel: order per chat, waiting from the database,
cards before their edits, a parent who refuses the bot. A channel here answers as it is told;
Telegram's own answers are tested end to end in tests/channels/telegram."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from imhbot.content.models import Region
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Handoff
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.channel import Blocked, Delivered, Outgoing, Refused, Retry, Sent
from imhbot.service.outbox import Outbox
from imhbot.store.db import transaction
from imhbot.store.outbox import enqueue
from imhbot.store.tables import OutboxMessage, Ticket

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


class Scripted:
    """A channel that answers each delivery with the next scripted outcome (then: sent)."""

    name = "x"

    def __init__(self, *outcomes: Delivered) -> None:
        self.outcomes = deque(outcomes)
        self.delivered: list[Outgoing] = []

    def group_for(self, region: Region) -> Address | None:
        return Address("x", f"group-{region.id}")

    def receive(self, message: Outgoing) -> Delivered:
        outcome = self.outcomes.popleft() if self.outcomes else Sent(1000 + message.id)
        if isinstance(outcome, Sent):
            self.delivered.append(message)
        return outcome

    async def deliver(self, message: Outgoing) -> Delivered:
        return self.receive(message)


class Setup:
    def __init__(self, knowledge: Knowledge, engine: Engine, channel: Scripted) -> None:
        self.moments = [START]
        self.app = App(knowledge, engine, clock=lambda: self.moments[-1])
        self.channel = channel
        self.app.attach(channel)
        self.outbox = Outbox(self.app, channel)

    def write(self, target: str, *texts: str) -> None:
        with transaction(self.app.engine) as db:
            for text in texts:
                enqueue(db, target=target, text=text, now=self.moments[-1])

    async def drain(self, driver: str) -> int:
        if driver == "async":
            return await self.outbox.drain()
        return self.outbox.drain_now(self.channel.receive)

    def later(self, seconds: float) -> None:
        self.moments.append(self.moments[-1] + dt.timedelta(seconds=seconds))

    def texts(self) -> list[str]:
        return [m.text for m in self.channel.delivered]


DRIVERS = pytest.mark.parametrize("driver", ["async", "at_once"])


@DRIVERS
async def test_a_message_that_must_wait_holds_back_its_chat_only(
    knowledge: Knowledge, db_engine: Engine, driver: str
) -> None:
    setup = Setup(knowledge, db_engine, Scripted(Retry(30)))
    setup.write("x:1", "een", "twee")
    setup.write("x:2", "ander")
    assert await setup.drain(driver) == 1
    assert setup.texts() == ["ander"]
    setup.later(10)
    assert await setup.drain(driver) == 0
    setup.later(21)
    assert await setup.drain(driver) == 2
    assert setup.texts() == ["ander", "een", "twee"]
    assert await setup.drain(driver) == 0, "nothing twice"


@DRIVERS
async def test_without_a_time_to_wait_the_pauses_grow(
    knowledge: Knowledge, db_engine: Engine, driver: str
) -> None:
    setup = Setup(knowledge, db_engine, Scripted(Retry(), Retry(), Retry()))
    setup.write("x:1", "een")
    waits = []
    for _ in range(3):
        await setup.drain(driver)
        with transaction(db_engine) as db:
            [row] = db.exec(select(OutboxMessage)).all()
        waits.append(round((row.due_at - setup.moments[-1]).total_seconds()))
        setup.later(waits[-1])
    assert waits == [1, 2, 4]
    await setup.drain(driver)
    assert setup.texts() == ["een"]


@DRIVERS
async def test_a_refused_message_is_given_up_and_the_next_one_goes(
    knowledge: Knowledge, db_engine: Engine, driver: str
) -> None:
    setup = Setup(knowledge, db_engine, Scripted(Refused()))
    setup.write("x:1", "kapot", "heel")
    assert await setup.drain(driver) == 2
    assert setup.texts() == ["heel"]
    with transaction(db_engine) as db:
        statuses = [r.status for r in db.exec(select(OutboxMessage).order_by(OutboxMessage.id))]  # type: ignore[arg-type]
    assert statuses == ["failed", "sent"]


@DRIVERS
async def test_a_card_edit_waits_for_its_card_and_then_edits_that_message(
    knowledge: Knowledge, db_engine: Engine, driver: str
) -> None:
    setup = Setup(knowledge, db_engine, Scripted(Retry(5)))
    chat = Address("x", "7")
    handoff = Handoff(reason="gevraagd", priority=False, region="groningen")
    with transaction(db_engine) as db:
        desk = setup.app.desk
        ticket = desk.open_ticket(db, chat=chat, handoff=handoff, now=START)
        assert ticket is not None
        assert ticket.target == "x:group-groningen", "the channel's group for the region"
        assert (
            desk.claim(db, group=Address.parse(ticket.target), number=1, name="Bo", now=START)
            is None
        )
    assert await setup.drain(driver) == 0, "the card must wait, and its edit after it"
    setup.later(5)
    assert await setup.drain(driver) == 2
    card, edit = setup.channel.delivered
    assert (card.kind, edit.kind) == ("card", "card_edit")
    assert edit.edit == 1000 + card.id
    assert "Opgepakt door Bo" in edit.text


@DRIVERS
async def test_a_parent_who_refuses_the_bot_closes_the_ticket_and_is_marked(
    knowledge: Knowledge, db_engine: Engine, driver: str
) -> None:
    setup = Setup(knowledge, db_engine, Scripted())
    chat = Address("x", "8")
    handoff = Handoff(reason="gevraagd", priority=False, region="groningen")
    with transaction(db_engine) as db:
        setup.app.desk.open_ticket(db, chat=chat, handoff=handoff, now=START)
    await setup.drain(driver)
    setup.channel.outcomes.append(Blocked())
    setup.write("x:8", "een antwoord van de coördinator")
    await setup.drain(driver)
    await setup.drain(driver)
    with transaction(db_engine) as db:
        [ticket] = db.exec(select(Ticket)).all()
        assert (ticket.status, ticket.note) == ("closed", "geblokkeerd")
    assert any("geblokkeerd" in text for text in setup.texts()), "the group is told"
