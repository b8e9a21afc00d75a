"""A check question of safety left unanswered: silence is no clear "nee", so after the wait of
safety.yaml the chores give the full crisis protocol, on SQLite and PostgreSQL, after consent
(the session in the database) and before it (on the doorstep) alike; an answered check, or one
still within its wait, is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from support.reviewing import UNCLEAR, reviewing

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Message
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.chores import Chores
from imhbot.service.tickets import Purged
from imhbot.service.turns import Turns
from imhbot.store.db import transaction
from imhbot.store.tables import OutboxMessage, Ticket

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
CHAT = Address("t", "7")


@pytest.fixture(scope="module")
def checked(knowledge: Knowledge) -> Knowledge:
    return reviewing(knowledge)


def said(turns: Turns, *lines: str) -> None:
    for line in lines:
        turns.handle(CHAT, Message(kind="text", now=NOW, text=line))


def tickets(engine: Engine) -> list[Ticket]:
    with transaction(engine) as db:
        return list(db.exec(select(Ticket)))


def to_parent(engine: Engine) -> list[str]:
    with transaction(engine) as db:
        rows = db.exec(select(OutboxMessage).where(OutboxMessage.target == str(CHAT)))
        return [row.text for row in rows]


def wait(knowledge: Knowledge) -> dt.timedelta:
    return dt.timedelta(minutes=knowledge.content.safety.check_wait_minutes)


@pytest.mark.parametrize(
    "before",
    [("/start", "ja", "ouder", "14 maanden", "Winschoten"), ()],
    ids=["stored", "doorstep"],
)
def test_an_unanswered_check_gets_the_crisis_protocol_after_its_wait(
    checked: Knowledge, db_engine: Engine, before: tuple[str, ...]
) -> None:
    app = App(checked, db_engine)
    turns, chores = Turns(app), Chores(app)
    said(turns, *before, UNCLEAR)
    assert chores.unanswered(NOW + wait(checked) - dt.timedelta(seconds=1)) == 0
    assert tickets(db_engine) == []
    assert chores.unanswered(NOW + wait(checked) + dt.timedelta(seconds=1)) == 1
    [ticket] = tickets(db_engine)
    assert ticket.reason == "crisis"
    assert ticket.priority
    first, *rest = to_parent(db_engine)
    assert first.startswith(checked.content.texts.get("safety.check_unanswered"))
    assert "113" in first
    assert rest  # and the question the parent was at (before consent: the consent question)
    assert chores.unanswered(NOW + 3 * wait(checked)) == 0  # once
    with transaction(db_engine) as db:
        card = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "card")).one()
    assert checked.content.texts.get("coordination.checked_silence") in card.text


def test_an_answered_check_is_left_alone(checked: Knowledge, db_engine: Engine) -> None:
    app = App(checked, db_engine)
    turns, chores = Turns(app), Chores(app)
    said(turns, "/start", "ja", "ouder", "14 maanden", "Winschoten", UNCLEAR, "nee hoor")
    assert chores.unanswered(NOW + 2 * wait(checked)) == 0
    assert tickets(db_engine) == []


def test_two_instances_on_one_database_run_each_chore_once_a_round(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    first, second = Chores(App(knowledge, db_engine)), Chores(App(knowledge, db_engine))
    ran: list[str] = []
    for chores, name in ((first, "first"), (second, "second")):
        chores.remind = lambda now, name=name: ran.append(name) or 0  # type: ignore[method-assign]
        chores.purge = lambda now: Purged(0, 0, 0)  # type: ignore[method-assign]
    first.run_due(NOW)
    second.run_due(NOW)
    second.run_due(NOW + dt.timedelta(seconds=30))
    assert ran == ["first"]  # the second instance waits while the first holds the lease
    second.run_due(NOW + dt.timedelta(seconds=61))
    assert ran == ["first", "second"]  # the first stopped renewing: the second takes over
