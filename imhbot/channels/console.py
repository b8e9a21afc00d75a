"""`imhbot shell`: the conversation in a terminal, and with `--coordinator` a region's
coordinator group in a terminal. Buttons become numbered choices.

Both are channels like Telegram: typed lines become messages for the turns and commands for
the desk, and what the outbox holds for this terminal is shown when the person types next.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from imhbot.content.models import Region
from imhbot.engine.model import Button, Handoff, Message, Reply
from imhbot.service.addresses import DESK, Address
from imhbot.service.app import App
from imhbot.service.channel import Delivered, Outgoing, Sent
from imhbot.service.chores import Chores
from imhbot.service.commands import Verb, parse_command
from imhbot.service.coordinators import Coordinators
from imhbot.service.outbox import Outbox
from imhbot.service.reloading import Reloader
from imhbot.service.turns import Turns
from imhbot.store.db import DatabaseError
from imhbot.store.outbox import CARD_EDIT

TEXTS = (
    "fallback.trouble",
    "shell.handoff_note",
    "shell.coordinator_help",
    "shell.coordinator_region",
)
SHELL = "shell"
_BOLD = re.compile(r"\*([^*\n]+)\*")


@dataclass(frozen=True, slots=True)
class Note:
    """Something for the person at the terminal that a Telegram user would not see."""

    text: str


Shown = Reply | Note


@dataclass
class Terminal:
    """The channel of a terminal: what the outbox delivers waits in `inbox` to be shown."""

    name: str
    inbox: list[Outgoing] = field(default_factory=list)

    def group_for(self, region: Region) -> Address | None:
        """A terminal has no groups: its parents' coordinators work at the desk."""
        return None

    def receive(self, message: Outgoing) -> Delivered:
        self.inbox.append(message)
        return Sent(message.id)

    async def deliver(self, message: Outgoing) -> Delivered:
        return self.receive(message)


class _Mailbox:
    """The outbox of one terminal address, delivered when the terminal shows its mail."""

    def __init__(self, app: App, name: str, address: Address) -> None:
        self.terminal = Terminal(name)
        app.attach(self.terminal)
        self.outbox = Outbox(app, self.terminal, only=address, chores=Chores(app))

    def take(self) -> list[Outgoing]:
        """What waits for this terminal, in order (database trouble: nothing yet)."""
        with contextlib.suppress(DatabaseError):
            self.outbox.drain_now(self.terminal.receive)
        taken, self.terminal.inbox[:] = list(self.terminal.inbox), []
        return taken


class Console:
    """A parent in a terminal: typed lines become messages (a number picks a button of the
    last question)."""

    def __init__(self, app: App, chat: str = "local") -> None:
        self.app = app
        self.address = Address(SHELL, chat)
        self.turns = Turns(app)
        self.buttons: tuple[Button, ...] = ()
        self._mail = _Mailbox(app, SHELL, self.address)

    def open(self) -> list[Shown]:
        return self._send(Message(kind="open", now=self.app.clock()))

    def send(self, line: str) -> list[Shown]:
        """An empty line shows what coordinators sent, if anything came (as Enter refreshes
        the terminal desk); otherwise it is a message like any other."""
        choice, now = line.strip(), self.app.clock()
        if not choice and (waiting := self.mail()):
            return waiting
        if choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            button = self.buttons[int(choice) - 1]
            return self._send(Message(kind="button", now=now, text=button.value, step=button.step))
        return self._send(Message(kind="text", now=now, text=line))

    def _send(self, message: Message) -> list[Shown]:
        texts = self.app.knowledge.content.texts
        try:
            turn = self.turns.handle(self.address, message)
        except DatabaseError:
            return [Reply(texts.get("fallback.trouble"), self.buttons)]
        shown: list[Shown] = [*self._taken()]
        for event in turn.events:
            if isinstance(event, Reply):
                shown.append(event)
            elif isinstance(event, Handoff):
                shown.append(Note(texts.get("shell.handoff_note", **_note_fields(event))))
        return self._showing(shown)

    def mail(self) -> list[Shown]:
        """What coordinators sent this chat, without typing anything."""
        return self._showing(self._taken())

    def _taken(self) -> list[Shown]:
        return [Reply(m.text, m.buttons) for m in self._mail.take()]

    def _showing(self, shown: list[Shown]) -> list[Shown]:
        """A number typed next presses a button of the last question shown."""
        with_buttons = [r for r in shown if isinstance(r, Reply) and r.buttons]
        if with_buttons:
            self.buttons = with_buttons[-1].buttons
        return shown


def _note_fields(event: Handoff) -> dict[str, str]:
    details = ", ".join(
        f"{k}: {v}" for k, v in event.details.items() if k != "reason" and v not in (None, "", [])
    )
    reason = f"{event.reason}:{event.crisis}" if event.crisis else event.reason
    return {"region": event.region or "-", "reason": reason, "details": details}


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


class CoordinatorConsole:
    """`imhbot shell --coordinator REGION`: the coordinator group of a region, in a terminal.
    Cards and the parents' messages appear; commands claim, answer and close tickets."""

    def __init__(self, app: App, region: str, name: str) -> None:
        self.app = app
        self.region = region
        self.name = name
        self.group = Address(DESK, region)
        self.coordinators = Coordinators(app)
        self.reloader = Reloader(app)
        self._mail = _Mailbox(app, DESK, self.group)

    def text(self, key: str, **fields: object) -> str:
        return self.app.knowledge.content.texts.get(key, **fields)

    def refresh(self) -> list[str]:
        """New messages; a changed card shows only its new last lines."""
        shown = []
        for message in self._mail.take():
            text = message.text
            if message.kind == CARD_EDIT:
                text = f"#{message.ticket}: {text.rpartition(chr(10) * 2)[2]}"
            shown.append(text)
        return shown

    def send(self, line: str) -> list[str]:
        command = parse_command(line, slash=False)
        answer = None
        if command is None or not command.complete:
            answer = self.text("shell.coordinator_help") if line.strip() else None
        elif command.verb is Verb.RELOAD:
            answer = asyncio.run(self.reloader.reload_and_say())
        else:
            answer = self.coordinators.run(self.group, command, self.name, self.app.clock())
        return [*filter(None, [answer]), *self.refresh()]


def run_coordinator(
    console: CoordinatorConsole, stdin: TextIO, out: TextIO, *, interactive: bool
) -> None:
    def show(texts: Iterable[str]) -> list[str]:
        return [_BOLD.sub(r"\1", text) for text in texts]

    first = show([console.text("shell.coordinator_help"), *console.refresh()])
    _converse(
        first, lambda line: show(console.send(line)), "coördinator> ", stdin, out, interactive
    )
