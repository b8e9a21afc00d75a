"""Whatever a parent's phone sends: a thousand random Unicode messages, a hundred at each step
of the whole flow, over the real conversation layer and database. Each gets an answer (or,
while a coordinator has the conversation, reaches the coordinators), nothing crashes, and
afterwards the parent still gets help."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlmodel import select
from support.path import RESULTS, STEPS, TO_RESULTS
from support.shell import ShellChannel
from support.transcripts import DEFAULT_NOW

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.runner import clean
from imhbot.service.addresses import Address
from imhbot.service.coordinators import Coordinators
from imhbot.store.db import transaction
from imhbot.store.tables import OutboxMessage, Ticket

PLANES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin with diacritics
    (0x300, 0x36F),  # combining marks
    (0x590, 0x6FF),  # Hebrew and Arabic (right to left)
    (0x200B, 0x202E),  # zero-width and direction controls
    (0xD800, 0xDFFF),  # lone surrogates, which JSON can carry
    (0xE000, 0xF8FF),  # private use
    (0x1F300, 0x1FAFF),  # emoji
    (0x0, 0x1F),  # control characters
    (0x4E00, 0x9FFF),  # CJK
]
PER_STEP = 100


def random_message(rng: random.Random) -> str:
    length = rng.choice([0, 1, 2, 5, 20, 80, 400, 2500])
    return "".join(chr(rng.randint(*rng.choice(PLANES))) for _ in range(length))


def relayed(shell: ShellChannel) -> int:
    with transaction(shell.console.app.engine) as db:
        rows = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "message")).all()
    return len([r for r in rows if r.target.startswith("coordinator:")])


@pytest.mark.parametrize("step", STEPS)
def test_a_hundred_random_messages_at_each_step(
    step: str, knowledge: Knowledge, tmp_path: Path
) -> None:
    rng = random.Random(f"{step}-20261125")
    shell = ShellChannel(knowledge, f"sqlite:///{tmp_path / 'bot.sqlite3'}", DEFAULT_NOW)
    for line in STEPS[step]:
        shell.send(line)
    for _ in range(PER_STEP):
        before = relayed(shell)
        message = random_message(rng)
        seen = shell.send(message)
        if clean(message):
            assert seen or relayed(shell) > before, "answered, or relayed to the coordinators"
        else:
            assert seen, "a message without text gets an answer, also while a ticket is open"
        assert all(s.text.strip() for s in seen)

    close_open_tickets(shell)
    for line in TO_RESULTS:
        seen = shell.send(line)
    assert RESULTS in "\n".join(s.text for s in seen)


def close_open_tickets(shell: ShellChannel) -> None:
    """While a ticket is open the parent talks to a coordinator; closing it gives them back
    to the bot."""
    coordinators = Coordinators(shell.console.app)
    with transaction(shell.console.app.engine) as db:
        tickets = db.exec(select(Ticket).where(Ticket.status == "open")).all()
    for ticket in tickets:
        assert ticket.id is not None
        assert (
            coordinators.close(Address.parse(ticket.target), ticket.id, "Bo", DEFAULT_NOW) is None
        )
