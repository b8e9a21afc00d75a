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
      - coordinator: /antwoord 1 Hoi    # a coordinator of the parent's region (Groningen) writes
        desk: [part, part]              # each occurs in what the coordinators saw since
        parent:                         # what the parent got meanwhile, without typing
          - contains: [part]

A transcript with `coordinator:` turns plays only where there are coordinators: the terminal
(with the terminal desk) and Telegram (with a coordinator group), not the pure engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
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


@dataclass(frozen=True)
class DeskSeen:
    """After a coordinator's line: what the coordinators saw since (one text), and the parent's
    new messages."""

    desk: str
    parent: list[Seen]


Ready = Callable[[DeskSeen], bool]
"""Whether what was seen is all a turn expects (a channel that delivers later waits for it)."""


class Channel(Protocol):
    def send(self, line: str) -> list[Seen]: ...

    def restart(self) -> None: ...

    def coordinate(self, line: str, ready: Ready) -> DeskSeen: ...


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

    async def coordinate(self, line: str, ready: Ready) -> DeskSeen: ...


def play(transcript: Transcript, channel: Channel) -> None:
    for number, turn in enumerate(transcript.turns, 1):
        if turn.get("restart"):
            channel.restart()
        elif "coordinator" in turn:
            seen = channel.coordinate(str(turn["coordinator"]), _ready(turn))
            check_desk(transcript, number, turn, seen)
        else:
            check_turn(transcript, number, turn, channel.send(str(turn["user"])))


async def play_async(transcript: Transcript, channel: AsyncChannel) -> None:
    for number, turn in enumerate(transcript.turns, 1):
        if turn.get("restart"):
            await channel.restart()
        elif "coordinator" in turn:
            seen = await channel.coordinate(str(turn["coordinator"]), _ready(turn))
            check_desk(transcript, number, turn, seen)
        else:
            check_turn(transcript, number, turn, await channel.send(str(turn["user"])))


def with_coordinators(transcript: Transcript) -> bool:
    return any("coordinator" in turn for turn in transcript.turns)


def _ready(turn: dict[str, Any]) -> Ready:
    def ready(seen: DeskSeen) -> bool:
        desk = all(part in seen.desk for part in turn.get("desk", []))
        return desk and len(seen.parent) >= len(turn.get("parent", []))

    return ready


def check_desk(transcript: Transcript, number: int, turn: dict[str, Any], seen: DeskSeen) -> None:
    where = f"{transcript.path.name} turn {number} (coordinator {turn['coordinator']!r})"
    for part in turn.get("desk", []):
        assert part in seen.desk, f"{where}: {part!r} not in what the desk saw:\n{seen.desk}"
    if "parent" in turn:
        check_turn(
            transcript, number, {"user": turn["coordinator"], "bot": turn["parent"]}, seen.parent
        )


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
