"""When the coordinators are at work: office hours per region, Dutch public holidays closed."""

from __future__ import annotations

import datetime as dt

import pytest

from imhbot.engine.fields import LOCAL_TIME, availability_text, is_open, next_open_text
from imhbot.engine.knowledge import Knowledge


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LOCAL_TIME)


@pytest.mark.parametrize(
    ("moment", "groningen", "twente"),
    [
        ("2026-11-25 10:00", True, True),  # Wednesday
        ("2026-11-27 10:00", True, False),  # Friday: Twente works Monday to Thursday
        ("2026-11-25 08:45", False, True),  # Twente starts at 08:30
        ("2026-11-25 17:00", False, False),
        ("2026-11-28 11:00", False, False),  # Saturday
        ("2026-12-25 10:00", False, False),  # Eerste Kerstdag, a Friday
        ("2027-04-27 10:00", False, False),  # Koningsdag, a Tuesday
        ("2026-05-14 10:00", False, False),  # Hemelvaartsdag
    ],
)
def test_office_hours_follow_the_region_and_skip_public_holidays(
    knowledge: Knowledge, moment: str, groningen: bool, twente: bool
) -> None:
    regions = {r.id: r for r in knowledge.content.regions}
    assert is_open(regions["groningen"].office_hours, at(moment)) is groningen
    assert is_open(regions["twente"].office_hours, at(moment)) is twente


def test_outside_office_hours_the_parent_hears_when(knowledge: Knowledge) -> None:
    texts = knowledge.content.texts
    hours = next(r for r in knowledge.content.regions if r.id == "groningen").office_hours
    assert next_open_text(hours, at("2026-12-24 18:00"), texts) == texts.get(
        "time.next_open", day=texts.get("time.day_1"), start="09:00"
    )
    assert next_open_text(hours, at("2026-11-25 07:00"), texts) == texts.get(
        "time.next_open", day=texts.get("time.today"), start="09:00"
    )
    assert availability_text(hours, at("2026-11-25 10:00"), texts) == texts.get("time.open_now")
