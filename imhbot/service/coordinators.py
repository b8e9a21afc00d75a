"""What coordinators do, for any channel: each call is one transaction over the desk and the
outbox. Closing a ticket gives the parent's conversation the `closed` input, and its turn is
applied like every other; the parent gets its replies through the outbox."""

from __future__ import annotations

import datetime as dt

from imhbot.engine.model import Message, Scalar
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.commands import Command, Verb
from imhbot.service.tickets import Desk
from imhbot.service.turns import take_turn
from imhbot.store.db import DbSession
from imhbot.store.outbox import enqueue
from imhbot.store.sessions import mark_blocked
from imhbot.store.tables import Ticket
from imhbot.store.tickets import wrote_to_parent

TEXTS = ("coordination.someone",)
"""The name of a coordinator whose channel gives none."""


class Coordinators:
    def __init__(self, app: App) -> None:
        self.app = app

    def is_group(self, group: Address) -> bool:
        """Only the chats where a region's coordinators work can do anything here."""
        return self.app.desk.group_region(group) is not None

    def run(self, group: Address, command: Command, name: str, now: dt.datetime) -> str | None:
        """A complete command other than reload (the reloader's): what to answer, if anything."""
        number = command.number
        if command.verb is Verb.OPEN:
            return self.open_list(group, now)
        if command.verb is Verb.STATS:
            return self.stats(group, now)
        assert number is not None, "an incomplete command"
        if command.verb is Verb.CLAIM:
            return self.claim(group, number, name, now)
        if command.verb is Verb.CLOSE:
            return self.close(group, number, name, now)
        if command.verb is Verb.ANSWER:
            sent = self.reply_to_ticket(group, number, name, command.words, now)
            return (
                None if sent else self.app.desk.cards.text("coordination.no_ticket", number=number)
            )
        raise ValueError(f"not a desk command: {command.verb}")

    def claim(self, group: Address, number: int, name: str, now: dt.datetime) -> str | None:
        with self.app.transaction() as db:
            return self.app.desk.claim(db, group=group, number=number, name=name, now=now)

    def close(self, group: Address, number: int, name: str, now: dt.datetime) -> str | None:
        with self.app.transaction() as db:
            desk = self.app.desk
            closed = desk.close(db, group=group, number=number, name=name, now=now)
            if isinstance(closed, str):
                return closed
            if closed.chat is not None:
                _back_to_the_bot(db, desk, closed, now)
            return None

    def reply(
        self, group: Address, message_id: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        """A coordinator's reply to a card or a relayed message."""
        with self.app.transaction() as db:
            sent = self.app.desk.reply_to_message(
                db, group=group, message_id=message_id, name=name, text=text, now=now
            )
            return sent

    def reply_to_ticket(
        self, group: Address, number: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        with self.app.transaction() as db:
            sent = self.app.desk.reply_to_ticket(
                db, group=group, number=number, name=name, text=text, now=now
            )
            return sent

    def open_list(self, group: Address, now: dt.datetime) -> str:
        with self.app.transaction() as db:
            return self.app.desk.open_list(db, group=group, now=now)

    def stats(self, group: Address, now: dt.datetime) -> str:
        with self.app.transaction() as db:
            return self.app.desk.stats(db, group=group, now=now)

    def parent_blocked(self, chat: Address, now: dt.datetime) -> None:
        """A parent refused a message: their ticket closes with a note, and nothing more is
        sent to them."""
        with self.app.transaction() as db:
            self.app.desk.parent_blocked(db, chat=chat, now=now)
            mark_blocked(db, chat=str(chat), now=now)


def _back_to_the_bot(db: DbSession, desk: Desk, ticket: Ticket, now: dt.datetime) -> None:
    """The parent's conversation gets the `closed` input, with the ticket's reason and
    whether a coordinator wrote to the parent: the flow tells them, and asks whether it
    helped."""
    assert ticket.chat is not None
    chat = Address.parse(ticket.chat)
    about: dict[str, Scalar] = {
        "reason": ticket.reason,
        "wrote": wrote_to_parent(db, ticket=ticket),
    }
    message = Message(kind="closed", now=now, about=about)
    turn = take_turn(db, desk=desk, chat=chat, message=message)
    for reply in turn.replies:
        enqueue(db, target=str(chat), text=reply.text, buttons=reply.buttons, now=now)
