"""Structured logs: one JSON object a line, never a message text or a raw chat id.

Where a log line must say which chat, it carries `chat_ref`: a keyed hash, the same for the
same chat as long as the key (derived from the bot token) stays the same.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import traceback
from types import TracebackType
from typing import Any, TextIO

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_NOISY = ("httpx", "httpcore", "apscheduler", "uvicorn.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["where"] = _where(record.exc_info[2])
        return json.dumps(entry, ensure_ascii=False, default=str)


def _where(tb: TracebackType | None) -> list[str]:
    """The frames of an exception, without its message (which may quote a user's text)."""
    return [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)[-5:]]


def configure(level: str, stream: TextIO | None = None) -> None:
    """Log to stderr as JSON. httpx would log request URLs, which hold the bot token, and
    python-telegram-bot's debug lines hold what was sent: those stay quiet."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))


def chat_ref(chat: str, key: bytes) -> str:
    return hmac.new(key, chat.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
