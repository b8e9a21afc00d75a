"""The doorstep: a conversation before consent waits in memory, for a while only."""

from __future__ import annotations

import datetime as dt

from imhbot.engine.model import Session
from imhbot.service.doorstep import Doorstep

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def test_a_waiting_conversation_is_found_until_it_waited_too_long() -> None:
    doorstep = Doorstep(keep=dt.timedelta(hours=1))
    doorstep.put("t:1", session=Session(step="welcome_again"), now=NOW)
    found = doorstep.take("t:1", now=NOW + dt.timedelta(minutes=59))
    assert found is not None
    assert found.step == "welcome_again"
    assert doorstep.take("t:1", now=NOW + dt.timedelta(minutes=61)) is None


def test_old_conversations_make_room_and_leave_memory() -> None:
    doorstep = Doorstep(keep=dt.timedelta(hours=1), room=2)
    for number in range(3):
        doorstep.put(f"t:{number}", session=Session(), now=NOW)
    assert len(doorstep) == 2
    assert doorstep.take("t:0", now=NOW) is None
    doorstep.put("t:9", session=Session(), now=NOW + dt.timedelta(hours=2))
    assert len(doorstep) == 1  # the ones that waited too long are gone from memory


def test_a_dropped_conversation_is_gone() -> None:
    doorstep = Doorstep()
    doorstep.put("t:1", session=Session(), now=NOW)
    doorstep.drop("t:1")
    assert doorstep.take("t:1", now=NOW) is None
