"""Readiness: the content loaded, the database answering, the outbox not backing up."""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import Future

from sqlalchemy import Engine

from imhbot.engine.knowledge import Knowledge
from imhbot.nlu.understanding import Understanding
from imhbot.service.app import App
from imhbot.service.health import BACKLOG_SECONDS, readiness
from imhbot.store.db import make_engine, transaction
from imhbot.store.outbox import enqueue

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def test_ready_with_a_database_and_an_empty_outbox(knowledge: Knowledge, db_engine: Engine) -> None:
    fine, why = readiness(App(knowledge, db_engine, clock=lambda: NOW))
    assert fine
    assert why == "ok: 0 waiting"


def test_not_ready_while_the_content_is_still_loading(
    knowledge: Knowledge, db_engine: Engine
) -> None:
    loading: Future[Understanding] = Future()
    app = App(dataclasses.replace(knowledge, built=loading), db_engine, clock=lambda: NOW)
    assert readiness(app) == (False, "content still loading")


def test_not_ready_without_a_database(knowledge: Knowledge) -> None:
    app = App(knowledge, make_engine("sqlite:////nonexistent/folder/x.sqlite3"))
    fine, why = readiness(app)
    assert not fine
    assert why.startswith("database unreachable")


def test_not_ready_when_the_outbox_backs_up(knowledge: Knowledge, db_engine: Engine) -> None:
    with transaction(db_engine) as db:
        enqueue(db, target="tg:1", text="hallo", now=NOW)
    late = NOW + dt.timedelta(seconds=BACKLOG_SECONDS + 1)
    assert readiness(App(knowledge, db_engine, clock=lambda: NOW))[0]
    fine, why = readiness(App(knowledge, db_engine, clock=lambda: late))
    assert not fine
    assert why == f"outbox backing up: 1 waiting, the oldest for {BACKLOG_SECONDS + 1:.0f} s"
