"""The Telegram adapter: the only place that imports python-telegram-bot."""
