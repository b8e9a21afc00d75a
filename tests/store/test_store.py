"""Storage on SQLite and PostgreSQL: sessions survive, only anonymous counts before consent."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, inspect
from sqlmodel import Session as DbSession
from sqlmodel import select

from imhbot.engine.model import Message, Record, Session
from imhbot.store.db import transaction, upgrade
from imhbot.store.events import record_event
from imhbot.store.sessions import delete_session, load_session, save_session
from imhbot.store.tables import StatEvent

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def _message(text: str, kind: str = "text") -> Message:
    return Message(kind=kind, now=NOW, text=text)  # type: ignore[arg-type]


def test_a_session_round_trips(db_engine: Engine) -> None:
    session = Session(step="age", answers={"role": "ouder", "age_min": 12}, consent_at=NOW)
    with transaction(db_engine) as db:
        save_session(db, chat="t:1", session=session, now=NOW)
    with transaction(db_engine) as db:
        assert load_session(db, chat="t:1") == session
        save_session(db, chat="t:1", session=session.model_copy(update={"step": "place"}), now=NOW)
    with transaction(db_engine) as db:
        loaded = load_session(db, chat="t:1")
        assert loaded is not None
        assert loaded.step == "place"
        assert delete_session(db, chat="t:1")
        assert load_session(db, chat="t:1") is None


def test_events_hold_no_chat_and_no_text(db_engine: Engine) -> None:
    columns = {c["name"] for c in inspect(db_engine).get_columns("stat_events")}
    assert columns == {
        "id",
        "day",
        "name",
        "concern",
        "region",
        "age_band",
        "outcome",
        "found",
        "useful",
    }
    with transaction(db_engine) as db:
        record_event(
            db, record=Record("feedback", {"concern": "slapen", "useful": "ja"}), day=NOW.date()
        )
    with DbSession(db_engine) as db:
        event = db.exec(select(StatEvent)).one()
        assert (event.name, event.concern, event.useful, event.day) == (
            "feedback",
            "slapen",
            True,
            NOW.date(),
        )


def test_upgrade_twice_is_harmless(db_engine: Engine) -> None:
    upgrade(db_engine)
    assert {"chat_sessions", "stat_events"} <= set(inspect(db_engine).get_table_names())


def test_moments_come_back_as_the_same_instant_with_their_time_zone(db_engine: Engine) -> None:
    from imhbot.store.tables import Ticket

    amsterdam = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with transaction(db_engine) as db:
        ticket = Ticket(target="coordinator:groningen", reason="gevraagd", created_at=amsterdam)
        db.add(ticket)
    with transaction(db_engine) as db:
        [stored] = db.exec(select(Ticket)).all()
        assert stored.created_at == amsterdam
        assert stored.created_at.utcoffset() == dt.timedelta(0)
