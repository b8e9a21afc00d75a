"""Golden conversation transcripts: YAML files of user turns and the bot's expected replies.

A transcript is channel-neutral; a channel only has to send a line and give back what the user
sees (text without bold markers, button labels), and to simulate a restart of the process.

    name: ...
    now: 2026-11-25T10:00:00+01:00      # the clock during the conversation (optional)
    turns:
      - user: /start                    # what the user types; a number presses that button
        bot:                            # every reply, in order (leave out to not check)
          - text: "exact text"          # or
          - contains: [part, part]      # each must occur in the text
            buttons: [label, label]     # exactly these buttons (leave out to not check)
      - restart: true                   # the process restarts here; the chat must continue
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

FOLDER = Path(__file__).resolve().parent.parent / "transcripts"
DEFAULT_NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
_BOLD = re.compile(r"\*([^*\n]+)\*")


@dataclass(frozen=True)
class Seen:
    """One bot message as the user sees it."""

    text: str
    buttons: tuple[str, ...]


class Channel(Protocol):
    def send(self, line: str) -> list[Seen]: ...

    def restart(self) -> None: ...


@dataclass(frozen=True)
class Transcript:
    name: str
    path: Path
    now: dt.datetime
    turns: tuple[dict[str, Any], ...]


def plain(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def load_all() -> list[Transcript]:
    transcripts = []
    for path in sorted(FOLDER.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        now = data.get("now", DEFAULT_NOW)
        if isinstance(now, str):
            now = dt.datetime.fromisoformat(now)
        transcripts.append(Transcript(data["name"], path, now, tuple(data["turns"])))
    return transcripts


def _check_reply(seen: Seen, expected: dict[str, Any], where: str) -> None:
    if "text" in expected:
        assert seen.text == expected["text"].strip(), f"{where}: text differs\n got: {seen.text!r}"
    for part in expected.get("contains", []):
        assert part in seen.text, f"{where}: {part!r} not in\n{seen.text}"
    if "buttons" in expected:
        got, want = list(seen.buttons), list(expected["buttons"])
        assert got == want, f"{where}: buttons {got} != {want}"


class AsyncChannel(Protocol):
    async def send(self, line: str) -> list[Seen]: ...

    async def restart(self) -> None: ...


def play(transcript: Transcript, channel: Channel) -> None:
    for number, turn in enumerate(transcript.turns, 1):
        if turn.get("restart"):
            channel.restart()
        else:
            check_turn(transcript, number, turn, channel.send(str(turn["user"])))


async def play_async(transcript: Transcript, channel: AsyncChannel) -> None:
    for number, turn in enumerate(transcript.turns, 1):
        if turn.get("restart"):
            await channel.restart()
        else:
            check_turn(transcript, number, turn, await channel.send(str(turn["user"])))


def check_turn(transcript: Transcript, number: int, turn: dict[str, Any], seen: list[Seen]) -> None:
    where = f"{transcript.path.name} turn {number} ({turn['user']!r})"
    if "bot" not in turn:
        return
    expected = turn["bot"]
    texts = "\n---\n".join(s.text for s in seen)
    assert len(seen) == len(expected), (
        f"{where}: {len(seen)} replies, expected {len(expected)}:\n{texts}"
    )
    for index, (got, want) in enumerate(zip(seen, expected, strict=True), 1):
        _check_reply(got, want, f"{where} reply {index}")
