"""`imhbot shell`: the conversation in a terminal. Buttons become numbered choices."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from imhbot.channels.conversation import Conversations
from imhbot.engine.model import Button, Handoff, Message, Reply

Clock = Callable[[], dt.datetime]
_BOLD = re.compile(r"\*([^*\n]+)\*")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
        shown: list[Shown] = []
        for event in turn.events:
            if isinstance(event, Reply):
                shown.append(event)
            elif isinstance(event, Handoff):
                shown.append(Note(texts.get("shell.handoff_note", **_note_fields(event))))
        with_buttons = [r for r in shown if isinstance(r, Reply) and r.buttons]
        if with_buttons:
            self.buttons = with_buttons[-1].buttons
        return shown


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


def _print(items: Iterable[Shown], out: TextIO, *, bold: bool) -> None:
    for item in items:
        out.write(render(item, bold=bold) + "\n\n")
    out.flush()


def run_shell(console: Console, stdin: TextIO, out: TextIO, *, interactive: bool) -> None:
    """Interactive: greet, then prompt. Piped: one message a line, replies printed."""
    if interactive:
        _print(console.open(), out, bold=True)
    while True:
        if interactive:
            out.write("jij> ")
            out.flush()
        line = stdin.readline()
        if not line:
            break
        _print(console.send(line.rstrip("\n")), out, bold=interactive)
