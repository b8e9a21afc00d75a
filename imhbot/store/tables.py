"""Database tables. Only what the bot needs: session position and answers, anonymous counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment stored in UTC and read back with its time zone: SQLite keeps none, so without
    this a time written as 10:00+01:00 would come back as a naive 10:00."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=dt.UTC)


class ChatSession(SQLModel, table=True):
    __tablename__ = "chat_sessions"

    chat: str = Field(primary_key=True, max_length=64)
    state: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    consent_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    consent_version: str | None = Field(default=None, max_length=16)
    updated_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False, index=True))
    blocked_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    asked_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, index=True))
    """When the check question of the review band was asked and is still unanswered."""


class StatEvent(SQLModel, table=True):
    """An anonymous event for statistics: no chat id, no text, only the day."""

    __tablename__ = "stat_events"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(index=True)
    name: str = Field(max_length=32, index=True)
    concern: str | None = Field(default=None, max_length=32)
    region: str | None = Field(default=None, max_length=32)
    age_band: str | None = Field(default=None, max_length=16)
    outcome: str | None = Field(default=None, max_length=32)
    found: int | None = None
    useful: bool | None = None


class Ticket(SQLModel, table=True):
    """A handoff to a coordinator group. `id` is the ticket number coordinators see.

    `chat` (the parent) and the parent's own words in `summary` are personal data: they go
    when the parent asks (/verwijder) or after the retention time; the rest stays as an
    anonymous record for statistics.
    """

    __tablename__ = "tickets"

    id: int | None = Field(default=None, primary_key=True)
    chat: str | None = Field(default=None, max_length=64, index=True)
    target: str = Field(max_length=64, index=True)
    region: str | None = Field(default=None, max_length=32)
    priority: bool = False
    reason: str = Field(max_length=32)
    status: str = Field(default="open", max_length=16, index=True)
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    claimed_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    claimed_by: str | None = Field(default=None, max_length=64)
    closed_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    reminded_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    card_message: int | None = None
    note: str | None = Field(default=None, max_length=64)


class OutboxMessage(SQLModel, table=True):
    """A message written before it is sent: a worker sends it, retrying until it arrives, so
    a crash between writing and sending loses nothing. `kind` is message, card, card_edit or
    answer (see imhbot.store.outbox). The text is cleared once sent; `message_id` stays so
    replies to it find their ticket. Buttons are [label, value, step]."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(max_length=64, index=True)
    ticket: int | None = Field(default=None, index=True)
    text: str | None = None
    buttons: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    kind: str = Field(default="message", max_length=16)
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    due_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    sent_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    message_id: int | None = None


class ChoreLease(SQLModel, table=True):
    """Which instance runs a scheduled chore until when (see imhbot.store.leases)."""

    __tablename__ = "chore_leases"

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=64)
    until: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class UpdateSeen(SQLModel, table=True):
    """An update of a channel that was handled ("tg:123456"): a second delivery is dropped."""

    __tablename__ = "updates_seen"

    key: str = Field(primary_key=True, max_length=64)
    seen_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False, index=True))
