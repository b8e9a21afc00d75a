FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CONTENT_DIR=/app/content FLOWS_DIR=/app/flows \
    DATABASE_URL=sqlite:////data/imhbot.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY imhbot ./imhbot
RUN pip install --no-cache-dir .
COPY content ./content
COPY flows ./flows

RUN useradd --create-home imhbot && mkdir /data && chown imhbot /data
USER imhbot
# deduce's name lists, built once into ~/.cache/imhbot (seconds), so a start only loads them
RUN python -c "from imhbot.nlu.names import NAMES; assert NAMES.load() is not None"
VOLUME /data

# The bot on Telegram: give TELEGRAM_BOT_TOKEN (and for webhook mode WEBHOOK_URL and
# WEBHOOK_SECRET, with -p 8080:8080). The terminal chat: docker run -it IMAGE imhbot shell
EXPOSE 8080
# webhook mode: this instance's /readyz (content loaded, database answering, outbox not backing
# up); long polling: the database answers
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["imhbot", "health"]
CMD ["imhbot", "run"]
