"""Connecting to the database and bringing its schema up to date with Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import SQLAlchemyError as DatabaseError
from sqlmodel import Session as DbSession
from sqlmodel import create_engine

__all__ = [
    "DatabaseError",
    "DbSession",
    "Engine",
    "StartupError",
    "make_engine",
    "scrub",
    "transaction",
    "upgrade",
]

MIGRATIONS = Path(__file__).parent / "migrations"
EXAMPLES = "sqlite:///imhbot.sqlite3 of postgresql+psycopg://gebruiker@host:5432/imhbot"


class StartupError(RuntimeError):
    """An operator's mistake at start-up, said in one line with what to do."""


def make_engine(url: str) -> Engine:
    scheme = url.partition("://")[0]
    if scheme in ("postgres", "postgresql"):
        rest = url.partition("://")[2]
        raise StartupError(
            f"DATABASE_URL begint met '{scheme}://': schrijf 'postgresql+psycopg://{_hidden(rest)}'"
            " (de bot praat met PostgreSQL via psycopg 3)"
        )
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError):
        raise StartupError(
            f"DATABASE_URL '{_hidden(url)}' begrijp ik niet; voorbeelden: {EXAMPLES}"
        ) from None


def _hidden(url: str) -> str:
    """The URL without its password."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, sep, user = head.rpartition("://")
    return f"{scheme}{sep}{user.split(':')[0]}:***@{tail}" if ":" in user else url


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """WAL with synchronous=NORMAL: a commit does not wait for the disk (which bounded the
    bot at ~50 turns a second); a crash of the bot loses nothing, a power cut may lose the
    last moments. A busy deployment uses PostgreSQL."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left behind
    cursor.close()


def scrub(engine: Engine) -> None:
    """After deleting a parent's data: on SQLite, copy the write-ahead log into the database
    and truncate it, so that no deleted byte stays readable in the -wal file (the database
    pages themselves were overwritten by secure_delete). PostgreSQL needs nothing here."""
    if engine.url.get_backend_name() != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` (what `imhbot db upgrade` runs). A database that
    cannot be reached is a `StartupError` that says what to do."""
    try:
        command.upgrade(alembic_config(engine), revision)
    except OperationalError as error:
        raise StartupError(_unreachable(engine, error)) from None


def _unreachable(engine: Engine, error: OperationalError) -> str:
    reason = str(error.orig).strip().splitlines()[-1] if error.orig else str(error)
    reason = reason.removeprefix("FATAL:").strip()
    where = engine.url.render_as_string(hide_password=True)
    if engine.url.get_backend_name() == "sqlite":
        return (
            f"de database {where} kan ik niet openen ({reason}): bestaat de map, en mag de"
            " bot daar schrijven?"
        )
    return (
        f"de database {where} is niet bereikbaar ({reason}): maak hem aan (createdb) of"
        " controleer DATABASE_URL, en draait PostgreSQL?"
    )


@contextmanager
def transaction(engine: Engine) -> Iterator[DbSession]:
    """A database session that commits when the block ends and rolls back on an error."""
    with DbSession(engine, expire_on_commit=False) as session, session.begin():
        yield session
