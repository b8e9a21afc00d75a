"""When the coordinators are at work: office hours per region, Dutch public holidays closed."""

from __future__ import annotations

import datetime as dt

import pytest

from imhbot.content.models import OfficeHours
from imhbot.engine.fields import (
    LOCAL_TIME,
    availability_text,
    is_open,
    next_open_text,
    office_hours_text,
    text_fields,
)
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


@pytest.mark.parametrize(
    ("concern", "said"),
    [
        ("huilen", "Gaat je vraag over *huilen en onrust*?"),
        ("medisch", "Gaat je vraag over *een ziek of te vroeg geboren kind*?"),
        ("over_imh", "Gaat je vraag over *IMH en het netwerk*?"),
    ],
)
def test_a_concern_reads_inside_a_sentence_as_the_editors_wrote_it(
    knowledge: Knowledge, concern: str, said: str
) -> None:
    template = knowledge.content.texts.entries["concern.confirm"]
    fields = text_fields(knowledge, {"concern": concern}, at("2026-11-25 10:00"), template)
    assert knowledge.content.texts.get("concern.confirm", **fields) == said


@pytest.mark.parametrize(
    ("days", "said"),
    [
        ((1, 2, 3, 4, 5), "maandag tot en met vrijdag van 09:00 tot 17:00 uur"),
        ((1, 3, 5), "maandag, woensdag en vrijdag van 09:00 tot 17:00 uur"),
        ((2, 4), "dinsdag en donderdag van 09:00 tot 17:00 uur"),
        ((6,), "zaterdag van 09:00 tot 17:00 uur"),
    ],
)
def test_office_days_read_as_a_dutch_list(
    knowledge: Knowledge, days: tuple[int, ...], said: str
) -> None:
    assert office_hours_text(OfficeHours(days=days), knowledge.content.texts) == said
