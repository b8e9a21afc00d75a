"""The Telegram adapter: the only place that imports python-telegram-bot.

python-telegram-bot 22 moves time spans (a 429's `retry_after`) from seconds to timedelta and
warns until a program opts in; this adapter opts in, as the next major version will have it.
"""

import os

os.environ.setdefault("PTB_TIMEDELTA", "true")

TEXTS = ("fallback.trouble", "coordination.usage_close")
"""The text keys the adapter uses itself (bot.py)."""
