"""The turn service on SQLite and PostgreSQL: sessions survive, only anonymous counts before
consent, a blocked chat is marked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlmodel import select

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Message
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.turns import Turns
from imhbot.store.db import transaction
from imhbot.store.tables import ChatSession

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def _message(text: str, kind: str = "text") -> Message:
    return Message(kind=kind, now=NOW, text=text)  # type: ignore[arg-type]


def _rows(engine: Engine) -> list[ChatSession]:
    with transaction(engine) as db:
        return list(db.exec(select(ChatSession)))


def test_nothing_but_counts_is_stored_before_consent(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    turns = Turns(App(knowledge, db_engine))
    turns.handle(Address("t", "2"), _message("/start groningen"))
    turns.handle(Address("t", "2"), _message("ik heb een vraag"))
    assert _rows(db_engine) == []
    turn = turns.handle(Address("t", "2"), _message("ja"))
    assert turn.session.step == "role"
    [row] = _rows(db_engine)
    assert row.chat == "t:2"
    assert row.consent_at is not None


def test_verwijder_deletes_the_stored_session(knowledge: Knowledge, db_engine: Engine) -> None:
    turns = Turns(App(knowledge, db_engine))
    for line in ("/start", "ja", "ouder", "/verwijder"):
        turns.handle(Address("t", "3"), _message(line))
    assert len(_rows(db_engine)) == 1
    turns.handle(Address("t", "3"), _message("ja wissen", kind="text"))
    assert _rows(db_engine) == []


def test_a_new_process_continues_the_conversation(knowledge: Knowledge, db_engine: Engine) -> None:
    for line in ("/start", "ja", "ouder", "14 maanden"):
        Turns(App(knowledge, db_engine)).handle(Address("t", "4"), _message(line))
    turn = Turns(App(knowledge, db_engine)).handle(Address("t", "4"), _message("Winschoten"))
    assert turn.session.step == "concern"
    assert turn.session.answers["gemeente"] == "Oldambt"


def test_a_blocked_chat_is_marked_until_the_parent_writes_again(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    turns = Turns(App(knowledge, db_engine))
    for line in ("/start", "ja"):
        turns.handle(Address("t", "5"), _message(line))
    turns.blocked(Address("t", "5"), NOW)
    assert turns.is_blocked(Address("t", "5"))
    assert turns.handle(Address("t", "5"), _message("ouder")).session.step == "age"
    assert not turns.is_blocked(Address("t", "5"))


def test_blocking_before_consent_stores_nothing(knowledge: Knowledge, db_engine: Engine) -> None:
    turns = Turns(App(knowledge, db_engine))
    turns.handle(Address("t", "6"), _message("/start"))
    turns.blocked(Address("t", "6"), NOW)
    assert _rows(db_engine) == []
    assert not turns.is_blocked(Address("t", "6"))


def test_a_deep_link_survives_a_typed_yes_without_storing_anything(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    turns = Turns(App(knowledge, db_engine))
    chat = Address("t", "5")
    for line in ("/start oldambt", "oké", "moeder"):
        turns.handle(chat, _message(line))
    turn = turns.handle(chat, _message("8 maanden"))
    assert turn.session.answers["gemeente"] == "Oldambt"
    assert turn.session.step == "concern"  # the place question is skipped


def test_the_first_message_is_used_after_consent_and_never_stored_before(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    app = App(knowledge, db_engine)
    turns, chat = Turns(app), Address("t", "6")
    first = "hoi, mijn dochter van 8 maanden slaapt slecht, we wonen in Veendam"
    turns.handle(chat, _message(first))
    assert _rows(db_engine) == []
    turns.handle(chat, _message("ja hoor"))
    [row] = _rows(db_engine)
    assert "slaapt" not in str(row.state)  # the words themselves are not kept
    assert len(app.doorstep) == 0
    turn = turns.handle(chat, _message("moeder"))
    assert turn.session.step == "concern_confirm"
    assert turn.session.answers["age_months"] == 8
    assert turn.session.answers["gemeente"] == "Veendam"
    assert turn.session.answers["concern"] == "slapen"


def test_saying_no_forgets_what_was_typed_before(knowledge: Knowledge, db_engine: Engine) -> None:
    app = App(knowledge, db_engine)
    turns, chat = Turns(app), Address("t", "7")
    turns.handle(chat, _message("mijn zoon van 2 huilt veel, we wonen in Almelo"))
    turns.handle(chat, _message("nee"))
    turns.handle(chat, _message("opnieuw beginnen"))
    turns.handle(chat, _message("ja"))
    turn = turns.handle(chat, _message("vader"))
    assert turn.session.step == "age"
    assert "gemeente" not in turn.session.answers
