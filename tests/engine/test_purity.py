"""The engine is pure: importing and running it pulls in no Telegram and no database code."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

FORBIDDEN = ("telegram", "sqlmodel", "sqlalchemy", "psycopg", "alembic")


def test_engine_never_imports_telegram_or_the_database() -> None:
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys
        from imhbot.engine.runner import handle
        from imhbot.engine.model import Message, Session
        from imhbot.engine.knowledge import Knowledge
        from imhbot.service.loading import load_knowledge
        from imhbot.settings import PROJECT_ROOT
        knowledge = load_knowledge(PROJECT_ROOT / "content", PROJECT_ROOT / "flows")
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


def test_only_the_telegram_adapter_imports_telegram() -> None:
    """The Telegram adapter (imhbot/channels/telegram/) is the one place that knows Telegram."""
    package = Path(__file__).resolve().parents[2] / "imhbot"
    adapter = package / "channels" / "telegram"
    importing = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if adapter not in path.parents and _imports_telegram(path)
    ]
    assert importing == []
    assert _imports_telegram(adapter / "bot.py")


def _imports_telegram(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] == "telegram" for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "telegram":
            return True
    return False
