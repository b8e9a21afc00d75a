"""Tickets on their own: reminders on time, only once, per region; cards say what matters."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session as DbSession
from sqlmodel import select

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Handoff, Message
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.coordinators import Coordinators
from imhbot.service.tickets import Desk
from imhbot.service.turns import Turns
from imhbot.store.db import transaction
from imhbot.store.tables import OutboxMessage, Ticket

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def handoff(region: str, **summary: object) -> Handoff:
    return Handoff(reason="gevraagd", priority=False, region=region, summary=summary)


def talking(desk: Desk, db: DbSession, chat: str, words: str, then: str) -> Ticket:
    """A ticket in Groningen with the parent's words, and one more message relayed."""
    ticket = desk.open_ticket(
        db, chat=Address.parse(chat), handoff=handoff("groningen", words=words), now=START
    )
    assert ticket is not None
    desk.relay_from_parent(db, ticket=ticket, text=then, now=START)
    return ticket


def outbox(engine: Engine) -> list[OutboxMessage]:
    with transaction(engine) as db:
        return list(db.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all())  # type: ignore[arg-type]


def test_an_unclaimed_ticket_gets_one_reminder_after_its_region_time(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        groningen = desk.open_ticket(
            db, chat=Address("tg", "1"), handoff=handoff("groningen"), now=START
        )
        twente = desk.open_ticket(db, chat=Address("tg", "2"), handoff=handoff("twente"), now=START)
    assert groningen is not None
    assert twente is not None
    with transaction(db_engine) as db:
        assert desk.remind(db, now=START + dt.timedelta(minutes=119)) == 0
        assert desk.remind(db, now=START + dt.timedelta(minutes=121)) == 1
        assert desk.remind(db, now=START + dt.timedelta(minutes=200)) == 0
        assert desk.remind(db, now=START + dt.timedelta(minutes=241)) == 1
    texts = [row.text for row in outbox(db_engine)]
    assert texts[-2] == knowledge.content.texts.get(
        "coordination.reminder", number=groningen.id, minutes=121
    )
    assert texts[-1] == knowledge.content.texts.get(
        "coordination.reminder", number=twente.id, minutes=241
    )


def test_a_claimed_ticket_is_not_reminded(knowledge: Knowledge, db_engine: Engine) -> None:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        ticket = desk.open_ticket(
            db, chat=Address("tg", "3"), handoff=handoff("groningen"), now=START
        )
        assert ticket is not None
        assert ticket.id is not None
        assert (
            desk.claim(
                db, group=Address.parse(ticket.target), number=ticket.id, name="Bo", now=START
            )
            is None
        )
        assert desk.remind(db, now=START + dt.timedelta(days=1)) == 0


def card_of(
    knowledge: Knowledge, db_engine: Engine, *, priority: bool = False, **summary: object
) -> str:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        made = Handoff(reason="gevraagd", priority=priority, region="groningen", summary=summary)
        ticket = desk.open_ticket(db, chat=Address("tg", "4"), handoff=made, now=START)
    assert ticket is not None
    [card] = outbox(db_engine)
    assert card.target == "coordinator:groningen"
    assert [b[0] for b in card.buttons] == ["Oppakken", "Sluiten"]
    return card.text or ""


def test_the_card_shows_the_parents_answers_and_words_in_dutch(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    card = card_of(
        knowledge,
        db_engine,
        role="ouder",
        age_stage="kind",
        age_months=14,
        age_band="1-2j",
        gemeente="Oldambt",
        guesses=[["slapen", 0.81], ["huilen", 0.4]],
        words="ze slaapt niet",
        shown=["gro-imh-netwerkbureau", "gro-verloskunde-stad-ommeland"],
    )
    assert card.startswith("*Ticket #1*\n")
    for part in (
        "Rol: ouder",
        "Leeftijd: 14 maanden",
        "Gemeente: Oldambt",
        "Onderwerp: Slapen, Huilen en onrust",
        "In eigen woorden: ze slaapt niet",
        "Al getoond: Netwerkbureau IMH Groningen, Verloskundigen Stad en Ommeland",
    ):
        assert part in card, part
    for code in ("0.81", "0.4", "1-2j", "gro-imh", "Beroep", "\n\n"):
        assert code not in card, code


def test_the_card_speaks_of_the_parent_as_coordinators_do(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    card = card_of(knowledge, db_engine, role="ouder", guesses=[["ouder_welzijn", 0.9]])
    label = knowledge.content.concern("ouder_welzijn").label_professional
    assert f"Onderwerp: {label}" in card
    assert "met jou" not in card


@pytest.mark.parametrize(
    ("age", "shown"),
    [
        ({"age_stage": "kind", "age_months": None, "age_band": "1-2j"}, "1 jaar"),
        ({"age_stage": "kind", "age_months": 30, "age_band": "2-4j"}, "2 jaar (30 maanden)"),
        ({"age_stage": "kind", "age_months": 0, "age_band": "0-6m"}, "jonger dan 1 maand"),
        ({"age_stage": "kind", "age_months": 1, "age_band": "0-6m"}, "1 maand"),
        ({"age_stage": "zwanger", "age_months": None, "age_band": "zwanger"}, "zwanger"),
        ({"age_stage": "kinderwens", "age_band": "kinderwens"}, "kinderwens"),
        ({}, "onbekend"),
    ],
)
def test_the_card_says_the_age_in_words(
    knowledge: Knowledge, db_engine: Engine, age: dict[str, object], shown: str
) -> None:
    assert f"Leeftijd: {shown}\n" in card_of(knowledge, db_engine, **age)


def test_a_professionals_card_says_their_field(knowledge: Knowledge, db_engine: Engine) -> None:
    card = card_of(knowledge, db_engine, role="professional", discipline="jgz")
    assert "Rol: professional\nBeroep: jeugdgezondheidszorg" in card


def test_a_priority_title_keeps_its_spaces(knowledge: Knowledge, db_engine: Engine) -> None:
    card = card_of(knowledge, db_engine, priority=True, words="help")
    assert card.startswith("*Ticket #1 — VOORRANG*\n")


def test_a_crisis_card_names_the_danger_in_dutch(knowledge: Knowledge, db_engine: Engine) -> None:
    desk = Desk(knowledge)
    crisis = Handoff(reason="crisis", priority=True, region="groningen", crisis="harm_child")
    with transaction(db_engine) as db:
        desk.open_ticket(db, chat=Address("tg", "5"), handoff=crisis, now=START)
    [card] = outbox(db_engine)
    text = card.text or ""
    assert text.startswith("*Ticket #1 — VOORRANG: mogelijk acuut gevaar (het kind kan")
    assert "harm_child" not in text


@pytest.mark.parametrize("checked", ["answer", "silence", None])
def test_a_crisis_card_says_whether_the_bot_asked_first(
    knowledge: Knowledge, db_engine: Engine, checked: str | None
) -> None:
    summary = {"gemeente": "Oldambt", **({"checked": checked} if checked else {})}
    crisis = Handoff(
        reason="crisis", priority=True, region="groningen", crisis="suicide", summary=summary
    )
    with transaction(db_engine) as db:
        Desk(knowledge).open_ticket(db, chat=Address("tg", "5"), handoff=crisis, now=START)
    [card] = outbox(db_engine)
    lines = (card.text or "").splitlines()
    texts = knowledge.content.texts
    said = [texts.get(f"coordination.checked_{c}") for c in ("answer", "silence")]
    if checked is None:
        assert not set(said) & set(lines)
    else:
        assert texts.get(f"coordination.checked_{checked}") in lines
    assert "" not in lines  # no empty line where nothing was asked
    assert lines[-1] == "Gemeente: Oldambt"


def test_every_crisis_kind_has_a_dutch_label(knowledge: Knowledge) -> None:
    texts = knowledge.content.texts.entries
    assert all(f"coordination.kind_{k.id}" in texts for k in knowledge.content.safety.kinds)


def test_the_open_list_has_the_priority_with_its_spaces(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        made = Handoff(reason="gevraagd", priority=True, region="groningen", summary={})
        desk.open_ticket(db, chat=Address("tg", "6"), handoff=made, now=START)
        listed = desk.open_list(
            db, group=Address.parse("coordinator:groningen"), now=START + dt.timedelta(minutes=5)
        )
    assert "#1 — VOORRANG: de ouder vroeg om een coördinator, 5 minuten geleden" in listed


def test_names_in_the_parents_words_are_masked(knowledge: Knowledge, db_engine: Engine) -> None:
    with transaction(db_engine) as db:
        ticket = talking(
            Desk(knowledge),
            db,
            "tg:8",
            "mijn vriend Jan de Vries en ik maken ruzie. Emma slaapt slecht",
            "we wonen in Hoogeveen en mijn dochter slaapt slecht",
        )
        assert "Jan" not in str(ticket.summary)
    card, relayed = (m.text or "" for m in outbox(db_engine))
    assert "mijn vriend [naam] en ik maken ruzie. [naam] slaapt slecht" in card
    assert relayed.endswith("we wonen in Hoogeveen en mijn dochter slaapt slecht")


def test_verwijder_leaves_only_an_anonymous_ticket_and_nothing_to_send(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        ticket = talking(
            desk,
            db,
            "tg:77",
            "mijn dochter slaapt niet sinds de verhuizing",
            "nog een vraag over de verhuizing",
        )
        ticket.card_message = 4242  # the group has the card already
        desk.forget(db, chat=Address("tg", "77"), now=START)
    with transaction(db_engine) as db:
        [kept] = db.exec(select(Ticket)).all()
        assert kept.chat is None
        assert kept.status == "closed"
        assert "words" not in kept.summary
        rows = db.exec(select(OutboxMessage)).all()
        assert all("verhuizing" not in (row.text or "") for row in rows if row.status == "pending")
        assert all(row.target != "tg:77" for row in rows)
        assert any("wissen" in (row.text or "") for row in rows)


def test_after_a_crisis_alert_the_parent_talks_to_the_bot_until_a_coordinator_writes(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    turns = Turns(App(knowledge, db_engine))

    def say(text: str) -> None:
        turns.handle(Address("shell", "p"), Message(kind="text", now=START, text=text))

    for line in ("/start", "ja", "ouder", "14 maanden", "Winschoten", "ik wil niet meer leven"):
        say(line)
    say("hij slaapt heel slecht")
    relayed = [row for row in outbox(db_engine) if "slaapt heel slecht" in (row.text or "")]
    assert relayed == []
    with transaction(db_engine) as db:
        Desk(knowledge).reply_to_ticket(
            db,
            group=Address("coordinator", "groningen"),
            number=1,
            name="Bo",
            text="Hoi",
            now=START,
        )
    say("dank je, ik ben nu veilig")
    assert any("ik ben nu veilig" in (row.text or "") for row in outbox(db_engine))


def test_phone_numbers_and_addresses_never_reach_the_card_or_the_group(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    desk = Desk(knowledge)
    with transaction(db_engine) as db:
        talking(
            desk,
            db,
            "tg:5",
            "bel me op 06-12345678, we wonen op 9671 AB 12",
            "mail: an@example.org",
        )
    with transaction(db_engine) as db:
        [kept] = db.exec(select(Ticket)).all()
        assert kept.summary["words"] == "bel me op [telefoonnummer], we wonen op [adres]"
    card, relayed = outbox(db_engine)
    assert "[telefoonnummer]" in (card.text or "")
    assert "12345678" not in (card.text or "")
    assert "[e-mailadres]" in (relayed.text or "")
    assert "an@example.org" not in (relayed.text or "")


def test_retention_redacts_closed_tickets_and_removes_idle_sessions_after_the_set_days(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    from imhbot.engine.model import Session
    from imhbot.store.outbox import mark_sent
    from imhbot.store.sessions import load_session, save_session

    desk = Desk(knowledge)  # retention_days 30
    with transaction(db_engine) as db:
        closed = talking(desk, db, "tg:10", "mijn zoon eet slecht", "nog iets over het eten")
        talking(desk, db, "tg:11", "mijn dochter huilt", "nog iets over het huilen")
        assert closed.id is not None
        closed.card_message = 7001
        assert isinstance(
            desk.close(
                db, group=Address.parse(closed.target), number=closed.id, name="Bo", now=START
            ),
            Ticket,
        )
        for chat in ("tg:10", "tg:11", "tg:12"):
            save_session(db, chat=chat, session=Session(step="concern"), now=START)
        save_session(
            db, chat="tg:13", session=Session(step="age"), now=START + dt.timedelta(days=20)
        )

    with transaction(db_engine) as db:
        for row in db.exec(select(OutboxMessage)).all():
            assert row.id is not None
            mark_sent(db, row_id=row.id, message_id=row.id, now=START)
        early = desk.purge(db, now=START + dt.timedelta(days=29, hours=23))
    assert (early.tickets, early.sessions) == (0, 0)

    later = START + dt.timedelta(days=30, hours=1)
    with transaction(db_engine) as db:
        purged = desk.purge(db, now=later)
    assert (purged.tickets, purged.sessions) == (1, 2)
    assert purged.messages >= 1
    with transaction(db_engine) as db:
        gone, kept = db.exec(select(Ticket).order_by(Ticket.id)).all()
        assert gone.chat is None
        assert "words" not in gone.summary
        assert gone.reason == "gevraagd"
        assert gone.region == "groningen"
        assert kept.chat == "tg:11"
        assert kept.summary["words"] == "mijn dochter huilt"
        assert load_session(db, chat="tg:10") is None
        assert load_session(db, chat="tg:12") is None
        assert load_session(db, chat="tg:11") is not None  # its ticket is still open
        assert load_session(db, chat="tg:13") is not None  # 10 days idle
    rows = outbox(db_engine)
    assert all("eet slecht" not in (row.text or "") for row in rows)
    assert all(row.target != "tg:10" for row in rows)
    [edit] = [r for r in rows if r.kind == "card_edit" and r.created_at == later]
    assert "eet slecht" not in (edit.text or "")
    assert "Ticket #" in (edit.text or "")
    with transaction(db_engine) as db:
        again = desk.purge(db, now=later)
    assert (again.tickets, again.sessions, again.messages) == (0, 0, 0)


def crisis_then(knowledge: Knowledge, db_engine: Engine, chat: Address, *lines: str) -> Turns:
    """A parent at the concern question writes of acute danger, then `lines`."""
    turns = Turns(App(knowledge, db_engine))
    for line in ("/start", "ja", "ouder", "14 maanden", "Winschoten", "ik wil niet meer leven"):
        turns.handle(chat, Message(kind="text", now=START, text=line))
    for line in lines:
        turns.handle(chat, Message(kind="text", now=START, text=line))
    return turns


def test_a_parent_who_takes_the_alert_back_gets_a_note_on_the_open_ticket_and_the_card(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    crisis_then(knowledge, db_engine, Address("shell", "n"), "nee, zo bedoelde ik het niet")
    texts = knowledge.content.texts
    note = texts.get("coordination.note_no_danger")
    with transaction(db_engine) as db:
        [ticket] = db.exec(select(Ticket)).all()
        assert (ticket.note, ticket.status, ticket.priority) == ("no_danger", "open", True)
    card, edit, line = [r for r in outbox(db_engine) if r.target == "coordinator:groningen"]
    assert card.kind == "card"
    assert note not in (card.text or "")
    assert edit.kind == "card_edit"
    assert note in (edit.text or "")
    assert (edit.text or "").startswith((card.text or "").split("\n")[0])
    assert [b[0] for b in edit.buttons] == ["Oppakken", "Sluiten"]
    assert line.text == texts.get("coordination.noted", number=ticket.id, note=note)


def test_an_alert_closed_without_a_word_to_the_parent_does_not_ask_if_the_contact_helped(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    chat = Address("shell", "q")
    crisis_then(knowledge, db_engine, chat, "grapje")
    Coordinators(App(knowledge, db_engine)).close(
        Address("coordinator", "groningen"), 1, "Bo", START
    )
    [told] = [r.text or "" for r in outbox(db_engine) if r.target == str(chat)]
    texts = knowledge.content.texts
    assert told.startswith(texts.get("handoff.closed_alert"))
    assert told.endswith(texts.get("concern.question"))
    assert texts.get("handoff.closed") not in told


def test_an_alert_a_coordinator_answered_asks_if_the_contact_helped_when_closed(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    chat = Address("shell", "r")
    crisis_then(knowledge, db_engine, chat)
    coordinators = Coordinators(App(knowledge, db_engine))
    group = Address("coordinator", "groningen")
    assert coordinators.reply_to_ticket(group, 1, "Bo", "Hoi, hoe gaat het nu?", START)
    coordinators.close(group, 1, "Bo", START)
    told = [r.text or "" for r in outbox(db_engine) if r.target == str(chat)]
    assert told[-1] == knowledge.content.texts.get("handoff.closed")


def test_a_parent_with_an_open_ticket_gets_no_second_one(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    desk = Desk(knowledge)
    chat = Address("tg", "77")
    crisis = Handoff(reason="crisis", priority=True, region="groningen", crisis="suicide")
    asked = handoff("groningen", words="kan iemand me bellen", gemeente="Oldambt")
    with transaction(db_engine) as db:
        first = desk.open_ticket(db, chat=chat, handoff=crisis, now=START)
        again = desk.open_ticket(db, chat=chat, handoff=asked, now=START)
        assert first is not None
        assert again is not None
        assert again.id == first.id
        assert again.priority  # still the crisis alert
        assert len(list(db.exec(select(Ticket)))) == 1
    edits = [m for m in outbox(db_engine) if m.kind == "card_edit"]
    assert edits
    assert "kan iemand me bellen" in (edits[-1].text or "")
