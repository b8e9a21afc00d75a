"""Shared fixtures: the shipped knowledge, and databases (SQLite always, PostgreSQL when set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from imhbot.engine.knowledge import Knowledge
from imhbot.service.loading import load_knowledge
from imhbot.settings import PROJECT_ROOT
from imhbot.store.db import make_engine, upgrade

PG_ENV = "IMHBOT_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(PROJECT_ROOT / "content", PROJECT_ROOT / "flows")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'imhbot.sqlite3'}"


def _migrated(url: str) -> Iterator[Engine]:
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    yield from _migrated(sqlite_url)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (CI sets it; .ci/run shows the URL)")
    schema = f"imhbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {error.orig}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def db_engine(database_url: str) -> Iterator[Engine]:
    """A migrated database: SQLite, and PostgreSQL when the test server is configured."""
    yield from _migrated(database_url)
