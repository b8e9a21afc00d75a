"""`imhbot shell`: the conversation in a terminal. Buttons become numbered choices."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from imhbot.channels.conversation import Clock, Conversations, utc_now
from imhbot.channels.coordination import Coordination
from imhbot.engine.model import Button, Handoff, Message, Reply
from imhbot.store.outbox import CARD_EDIT, buttons_of
from imhbot.store.tables import OutboxMessage

_BOLD = re.compile(r"\*([^*\n]+)\*")


@dataclass(frozen=True, slots=True)
class Note:
    """Something for the person at the terminal that a Telegram user would not see."""

    text: str


Shown = Reply | Note


@dataclass
class Console:
    """Turns typed lines into messages (a number picks a button of the last question)."""

    conversations: Conversations
    chat: str = "shell:local"
    clock: Clock = utc_now
    buttons: tuple[Button, ...] = field(default=())

    def open(self) -> list[Shown]:
        return self._send(Message(kind="open", now=self.clock()))

    def send(self, line: str) -> list[Shown]:
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            button = self.buttons[int(choice) - 1]
            pressed = Message(kind="button", now=self.clock(), text=button.value, step=button.step)
            return self._send(pressed)
        return self._send(Message(kind="text", now=self.clock(), text=line))

    def _send(self, message: Message) -> list[Shown]:
        texts = self.conversations.knowledge.content.texts
        try:
            turn = self.conversations.handle(self.chat, message)
        except SQLAlchemyError:
            return [Reply(texts.get("fallback.trouble"), self.buttons)]
        shown: list[Shown] = [Reply(row.text or "", buttons_of(row)) for row in self._mail()]
        for event in turn.events:
            if isinstance(event, Reply):
                shown.append(event)
            elif isinstance(event, Handoff):
                shown.append(Note(texts.get("shell.handoff_note", **_note_fields(event))))
        with_buttons = [r for r in shown if isinstance(r, Reply) and r.buttons]
        if with_buttons:
            self.buttons = with_buttons[-1].buttons
        return shown

    def _mail(self) -> list[OutboxMessage]:
        """What coordinators sent this chat since the last turn."""
        try:
            return Coordination(self.conversations).take(self.chat, self.clock())
        except SQLAlchemyError:
            return []


def _note_fields(event: Handoff) -> dict[str, str]:
    details = ", ".join(
        f"{k}: {v}" for k, v in event.summary.items() if k != "reason" and v not in (None, "", [])
    )
    return {"region": event.region or "-", "reason": event.reason, "details": details}


def render(shown: Shown, *, bold: bool) -> str:
    if isinstance(shown, Note):
        return shown.text
    reply = shown
    text = _BOLD.sub(r"\033[1m\1\033[0m" if bold else r"\1", reply.text)
    lines = [text]
    lines.extend(f"  {number}. {button.label}" for number, button in enumerate(reply.buttons, 1))
    return "\n".join(lines)


def run_shell(console: Console, stdin: TextIO, out: TextIO, *, interactive: bool) -> None:
    """Interactive: greet, then prompt. Piped: one message a line, replies printed."""

    def show(items: Iterable[Shown]) -> list[str]:
        return [render(item, bold=interactive) for item in items]

    first = show(console.open()) if interactive else []
    _converse(first, lambda line: show(console.send(line)), "jij> ", stdin, out, interactive)


def _converse(
    first: list[str],
    send: Callable[[str], list[str]],
    prompt: str,
    stdin: TextIO,
    out: TextIO,
    interactive: bool,
) -> None:
    shown = first
    while True:
        for text in shown:
            out.write(text + "\n\n")
        if interactive:
            out.write(prompt)
        out.flush()
        line = stdin.readline()
        if not line:
            break
        shown = send(line.rstrip("\n"))


@dataclass
class CoordinatorConsole:
    """`imhbot shell --coordinator REGION`: the coordinator group of a region, in a terminal.
    Cards and the parents' messages appear; commands claim, answer and close tickets."""

    coordination: Coordination
    region: str
    name: str
    clock: Clock = utc_now

    @property
    def target(self) -> str:
        return f"coordinator:{self.region}"

    def text(self, key: str, **fields: object) -> str:
        return self.coordination.conversations.knowledge.content.texts.get(key, **fields)

    def refresh(self) -> list[str]:
        """New messages; a changed card shows only its new last lines."""
        shown = []
        for row in self.coordination.take(self.target, self.clock()):
            text = row.text or ""
            if row.kind == CARD_EDIT:
                text = f"#{row.ticket}: {text.rpartition(chr(10) * 2)[2]}"
            shown.append(text)
        return shown

    def send(self, line: str) -> list[str]:
        word, _, rest = line.strip().partition(" ")
        command = word.lower().lstrip("/")
        number, _, words = rest.strip().lstrip("#").partition(" ")
        now, answer = self.clock(), None
        if command == "open":
            answer = self.coordination.open_list(self.target, now)
        elif command == "stats":
            answer = self.coordination.stats(self.target, now)
        elif command in ("oppakken", "sluit", "antwoord") and number.isdigit():
            answer = self._act(command, int(number), words.strip(), now)
        elif command:
            answer = self.text("shell.coordinator_help")
        return [*filter(None, [answer]), *self.refresh()]

    def _act(self, command: str, number: int, words: str, now: dt.datetime) -> str | None:
        if command == "oppakken":
            return self.coordination.claim(self.target, number, self.name, now)
        if command == "sluit":
            return self.coordination.close(self.target, number, self.name, now)
        if not words:
            return self.text("shell.coordinator_help")
        sent = self.coordination.reply_to_ticket(self.target, number, self.name, words, now)
        return None if sent else self.text("coordination.no_ticket", number=number)


def run_coordinator(
    console: CoordinatorConsole, stdin: TextIO, out: TextIO, *, interactive: bool
) -> None:
    def show(texts: Iterable[str]) -> list[str]:
        return [_BOLD.sub(r"\1", text) for text in texts]

    first = show([console.text("shell.coordinator_help"), *console.refresh()])
    _converse(
        first, lambda line: show(console.send(line)), "coördinator> ", stdin, out, interactive
    )
