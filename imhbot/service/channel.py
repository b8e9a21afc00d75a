"""What the application asks of a channel (the terminal, Telegram, a next one): where its
parents' coordinators are, and delivering one message from the outbox.

A channel turns what its users send into `Message`s for the turns, and what the outbox holds
into what its users see. `deliver` makes one attempt and says how it went; the outbox loop
(`imhbot.service.outbox`) does the rest: order, retries from the database, cards and their
edits, parents who blocked the bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from imhbot.content.models import Region
from imhbot.engine.model import Button
from imhbot.service.addresses import Address
from imhbot.store.outbox import MESSAGE


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message from the outbox: a message, a card or a card edit (the kinds of
    `imhbot.store.outbox`). `edit` is the message a card edit changes; `ticket`, the
    ticket it is about."""

    id: int
    to: Address
    text: str
    buttons: tuple[Button, ...] = ()
    kind: str = MESSAGE
    edit: int | None = None
    ticket: int | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    """The channel has it; `message_id` is how it knows the message, if it said."""

    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Retry:
    """Not delivered, try again: after `after` seconds, or (None) after a growing pause."""

    after: float | None = None


@dataclass(frozen=True, slots=True)
class Blocked:
    """The chat refuses the bot (a parent blocked it, the bot left a group)."""


@dataclass(frozen=True, slots=True)
class Refused:
    """The channel will never take this message."""


Delivered = Sent | Retry | Blocked | Refused


class Channel(Protocol):
    @property
    def name(self) -> str:
        """The channel part of its addresses (`tg`, `shell`)."""

    def group_for(self, region: Region) -> Address | None:
        """Where a region's coordinators read this channel's handoffs; None: at the desk."""

    async def deliver(self, message: Outgoing) -> Delivered:
        """One attempt at delivering `message`."""
