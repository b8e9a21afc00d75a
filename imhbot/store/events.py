"""Anonymous statistics events: what was asked and found, never who or in which words."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlmodel import Session as DbSession

from imhbot.engine.model import Answer, Record
from imhbot.store.tables import StatEvent

_INSERT = insert(StatEvent.__table__)  # type: ignore[attr-defined]
"""Prepared, as for sessions: an ORM object and its flush cost more than the rest of a turn's
database work."""


def _text(value: Answer) -> str | None:
    return None if value is None else str(value)


def record_event(db: DbSession, *, record: Record, day: dt.date) -> None:
    data = record.data
    found = data.get("found")
    useful = data.get("useful")
    db.execute(
        _INSERT,
        {
            "day": day,
            "name": record.name,
            "concern": _text(data.get("concern")),
            "region": _text(data.get("region")),
            "age_band": _text(data.get("age_band")),
            "outcome": _text(data.get("outcome", data.get("kind"))),
            "found": found if isinstance(found, int) else None,
            "useful": None if useful is None else useful == "ja",
        },
    )
