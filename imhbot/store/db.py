"""Connecting to the database and bringing its schema up to date with Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError as DatabaseError
from sqlmodel import Session as DbSession
from sqlmodel import create_engine

__all__ = ["DatabaseError", "DbSession", "Engine", "make_engine", "transaction", "upgrade"]

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """WAL with synchronous=NORMAL: a commit does not wait for the disk (which bounded the
    bot at ~50 turns a second); a crash of the bot loses nothing, a power cut may lose the
    last moments. A busy deployment uses PostgreSQL."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` (what `imhbot db upgrade` runs)."""
    command.upgrade(alembic_config(engine), revision)


@contextmanager
def transaction(engine: Engine) -> Iterator[DbSession]:
    """A database session that commits when the block ends and rolls back on an error."""
    with DbSession(engine, expire_on_commit=False) as session, session.begin():
        yield session
