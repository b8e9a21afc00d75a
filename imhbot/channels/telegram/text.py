"""What a reply looks like on Telegram, without Telegram: HTML that content can never break,
messages under Telegram's length limit, and button data under its 64 bytes."""

from __future__ import annotations

import html
import re

from imhbot.engine.model import Button

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64
_BOLD = re.compile(r"\*([^*\n]+)\*")
_STEP_MARK = "~"


def to_html(text: str) -> str:
    """Content writes *bold*; everything else is escaped, so `<`, `&` or a stray `*` in a
    provider's name is shown as it is."""
    parts, last = [], 0
    for found in _BOLD.finditer(text):
        parts.append(html.escape(text[last : found.start()], quote=False))
        parts.append(f"<b>{html.escape(found.group(1), quote=False)}</b>")
        last = found.end()
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` as Telegram messages of at most `limit` characters each (after HTML escaping),
    cut between paragraphs, else between lines, else between words, else anywhere."""
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        joined = f"{current}\n{piece}" if current else piece
        if len(to_html(joined)) <= limit:
            current = joined
        else:
            chunks.append(to_html(current))
            current = piece
    if current or not chunks:
        chunks.append(to_html(current))
    return chunks


def _pieces(text: str, limit: int) -> list[str]:
    """Lines that each fit on their own; longer lines cut at spaces, or hard."""
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(to_html(line)) > limit:
            cut = _cut(line, limit)
            pieces.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        pieces.append(line)
    return pieces


def _cut(line: str, limit: int) -> int:
    """The longest start of `line` whose HTML fits, preferably ending at a space."""
    low, high = 1, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if len(to_html(line[:middle])) <= limit:
            low = middle
        else:
            high = middle - 1
    space = line.rfind(" ", 0, low)
    return space if space > low // 2 else low


def callback_data(button: Button) -> str:
    """`step~value`: the question the button belongs to travels with it, so an old keyboard
    can be recognised. Longer than Telegram allows (a long deep-link carried along before
    consent): the carried part goes first, then the step."""
    data = f"{button.step}{_STEP_MARK}{button.value}"
    if _fits(data):
        return data
    value = button.value.partition("|")[0]
    data = f"{button.step}{_STEP_MARK}{value}"
    return data if _fits(data) else _truncate(value)


def parse_callback(data: str) -> tuple[str | None, str]:
    """The step and the value of pressed button data."""
    step, mark, value = data.partition(_STEP_MARK)
    return (step or None, value) if mark else (None, data)


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= CALLBACK_LIMIT


def _truncate(value: str) -> str:
    encoded = value.encode("utf-8")[:CALLBACK_LIMIT]
    return encoded.decode("utf-8", errors="ignore")


def plain(html_text: str) -> str:
    """What the user reads: tags gone, entities back to characters."""
    return html.unescape(re.sub(r"</?b>", "", html_text))
