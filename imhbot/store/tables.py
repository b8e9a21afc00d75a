"""Database tables. Only what the bot needs: session position and answers, anonymous counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


class ChatSession(SQLModel, table=True):
    __tablename__ = "chat_sessions"

    chat: str = Field(primary_key=True, max_length=64)
    state: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    consent_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    updated_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    blocked_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


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
