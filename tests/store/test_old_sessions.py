"""Sessions stored before their answers were typed still load, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert

from imhbot.engine.model import Guess, Session
from imhbot.store.db import transaction
from imhbot.store.sessions import load_session, save_session
from imhbot.store.tables import ChatSession

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def test_guesses_stored_as_text_load_as_guesses(db_engine: Engine) -> None:
    state = {
        "flow": "intake",
        "step": "concern_choose",
        "answers": {"role": "ouder", "guesses": "slapen:0.81,huilen:0.40"},
        "consent_at": NOW.isoformat(),
    }
    with transaction(db_engine) as db:
        row = {"chat": "t:9", "state": state, "consent_at": NOW, "updated_at": NOW}
        db.execute(insert(ChatSession.__table__), row)  # type: ignore[attr-defined]
    with transaction(db_engine) as db:
        session = load_session(db, chat="t:9")
    assert session is not None
    assert session.answers["guesses"] == (Guess("slapen", 0.81), Guess("huilen", 0.4))
    assert session.answers["role"] == "ouder"


def test_guesses_round_trip(db_engine: Engine) -> None:
    guesses = (Guess("voeding", 0.72), Guess("spugen", 0.55))
    session = Session(step="concern_choose", answers={"guesses": guesses}, consent_at=NOW)
    with transaction(db_engine) as db:
        save_session(db, chat="t:10", session=session, now=NOW)
    with transaction(db_engine) as db:
        assert load_session(db, chat="t:10") == session
