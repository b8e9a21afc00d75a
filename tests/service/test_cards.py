"""What coordinators read about time: how long a ticket has waited, in the content's words."""

from __future__ import annotations

import datetime as dt

import pytest

from imhbot.engine.knowledge import Knowledge
from imhbot.service.cards import Cards
from imhbot.store.tables import Ticket

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def cards(knowledge: Knowledge) -> Cards:
    return Cards(knowledge.content)


@pytest.mark.parametrize(
    ("waited", "said"),
    [
        (dt.timedelta(minutes=1), "1 minuut"),
        (dt.timedelta(minutes=59), "59 minuten"),
        (dt.timedelta(minutes=61), "1 uur"),
        (dt.timedelta(hours=47), "47 uur"),
        (dt.timedelta(hours=49), "2 dagen"),
    ],
)
def test_the_open_list_says_how_long_a_ticket_waits_with_the_right_word(
    cards: Cards, waited: dt.timedelta, said: str
) -> None:
    ticket = Ticket(
        id=7, target="coordinator:groningen", reason="gevraagd", created_at=NOW - waited
    )
    listed = cards.open_list([ticket], NOW)
    assert f"#7: de ouder vroeg om een coördinator, {said} geleden, nog niet opgepakt" in listed


def test_the_duration_words_are_the_editors(knowledge: Knowledge) -> None:
    entries = dict(knowledge.content.texts.entries)
    entries["time.days"] = "{days} {days|etmaal|etmalen}"
    texts = knowledge.content.texts.model_copy(update={"entries": entries})
    edited = Cards(knowledge.content.model_copy(update={"texts": texts}))
    assert edited.duration(dt.timedelta(days=3)) == "3 etmalen"


def test_a_reminder_counts_minutes_in_words(cards: Cards) -> None:
    assert cards.reminder(3, dt.timedelta(minutes=1)).startswith("Ticket #3 wacht al 1 minuut.")
    assert cards.reminder(3, dt.timedelta(minutes=120)).startswith(
        "Ticket #3 wacht al 120 minuten."
    )
