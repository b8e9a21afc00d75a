"""The engine is pure: importing and running it pulls in no Telegram and no database code."""

from __future__ import annotations

import subprocess
import sys
import textwrap

FORBIDDEN = ("telegram", "sqlmodel", "sqlalchemy", "psycopg", "alembic")


def test_engine_never_imports_telegram_or_the_database() -> None:
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys
        from imhbot.engine.runner import handle
        from imhbot.engine.model import Message, Session
        from imhbot.knowledge import Knowledge
        from imhbot.settings import PROJECT_ROOT
        knowledge = Knowledge.load(PROJECT_ROOT / "content", PROJECT_ROOT / "flows")
        now = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)
        turn = handle(knowledge, Session(), Message(kind="text", now=now, text="/start"))
        assert turn.replies
        loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({FORBIDDEN!r}))
        print(",".join(loaded))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
