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
VOLUME /data

# The terminal chat (docker run -it); Telegram mode (`imhbot run`) follows in its own issue.
CMD ["imhbot", "shell"]
