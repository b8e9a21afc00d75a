"""The coordinators' desk: a handoff becomes a ticket and a card in the region's coordinator
group; coordinators claim it, answer the parent and close it.

Channel-neutral: everything goes into the database (tickets and the outbox) in the caller's
transaction; the outbox loop delivers it through the channels. Which group a region's card
goes to on a channel is the channel's to say (`GroupOf`); where a channel has none, the
region's coordinators work at the terminal desk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from imhbot.content.models import Region
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Handoff
from imhbot.nlu.masking import mask
from imhbot.service.addresses import Address, desk_of
from imhbot.service.cards import Cards
from imhbot.store.db import DbSession
from imhbot.store.outbox import (
    ANSWER,
    CARD,
    CARD_EDIT,
    delete_delivered,
    delete_for_target,
    enqueue,
    ticket_of_message,
)
from imhbot.store.sessions import delete_idle_sessions
from imhbot.store.tables import Ticket
from imhbot.store.tickets import (
    CLOSED,
    OPEN,
    add_ticket,
    closed_with_chat_before,
    delete_pending_of_ticket,
    get_ticket,
    open_ticket_of,
    open_tickets,
    save_ticket,
    ticket_counts,
    tickets_of_chat,
    unclaimed_unreminded,
)

GroupOf = Callable[[str, Region], Address]
"""Where the coordinators of a region are for the parents of a channel."""
NAME_LENGTH = 64


def at_the_desk(channel: str, region: Region) -> Address:
    return desk_of(region.id)


@dataclass(frozen=True)
class Purged:
    tickets: int
    sessions: int
    messages: int


@dataclass(frozen=True)
class Desk:
    """The coordinators' side of the bot, over one database transaction at a time."""

    knowledge: Knowledge
    groups: GroupOf = at_the_desk

    @property
    def cards(self) -> Cards:
        return Cards(self.knowledge.content)

    def group_region(self, group: Address) -> Region | None:
        """The region whose coordinators work in `group`; None for any other chat."""
        regions = self.knowledge.content.regions
        return next((r for r in regions if self.groups(group.channel, r) == group), None)

    # -- from the parent's side -------------------------------------------------------------

    def open_ticket(
        self, db: DbSession, *, chat: Address, handoff: Handoff, now: dt.datetime
    ) -> Ticket | None:
        """A handoff becomes a ticket and a card; a crisis during an open ticket raises that
        ticket to priority and alerts the group again. A parent with an open ticket gets no
        second one: a new handoff adds what it tells to the ticket's card."""
        content = self.knowledge.content
        region = content.region(handoff.region) if handoff.region else None
        current = open_ticket_of(db, chat=str(chat))
        if current is not None and handoff.priority:
            current.priority = True
            save_ticket(db, ticket=current)
            self._card(db, current, now, crisis=handoff.crisis)
            return current
        if current is not None:
            current.summary = {**current.summary, **_masked(handoff.details)}
            current.reason = handoff.reason  # the parent asked: what they type is relayed
            save_ticket(db, ticket=current)
            self._edit_card(db, current, now)
            return current
        if region is None:
            return None
        ticket = add_ticket(
            db,
            ticket=Ticket(
                chat=str(chat),
                target=str(self.groups(chat.channel, region)),
                region=handoff.region,
                priority=handoff.priority,
                reason=handoff.reason,
                summary=_masked(handoff.details),
                created_at=now,
            ),
        )
        self._card(db, ticket, now, crisis=handoff.crisis)
        return ticket

    def relay_from_parent(
        self, db: DbSession, *, ticket: Ticket, text: str, now: dt.datetime
    ) -> None:
        assert ticket.id is not None
        message = self.cards.from_parent(ticket.id, mask(text))
        enqueue(db, target=ticket.target, text=message, ticket=ticket.id, now=now)

    def note(self, db: DbSession, *, chat: Address, note: str, now: dt.datetime) -> None:
        """A note from the parent's conversation on their open priority ticket (a crisis
        alert): the card shows it, and a line in the group says it. The ticket stays open:
        whether the alert is over is the coordinators' call."""
        ticket = open_ticket_of(db, chat=str(chat))
        if ticket is None or not ticket.priority:
            return
        ticket.note = note
        save_ticket(db, ticket=ticket)
        self._edit_card(db, ticket, now)
        assert ticket.id is not None
        text = self.cards.text("coordination.noted", number=ticket.id, note=self.cards.note(ticket))
        enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)

    def parent_blocked(self, db: DbSession, *, chat: Address, now: dt.datetime) -> None:
        ticket = open_ticket_of(db, chat=str(chat))
        if ticket is None:
            return
        ticket.note = "geblokkeerd"
        self._close(db, ticket, now, by=None)
        assert ticket.id is not None
        text = self.cards.text("coordination.blocked", number=ticket.id)
        enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)

    def forget(self, db: DbSession, *, chat: Address, now: dt.datetime) -> None:
        """/verwijder: the chat's tickets stay only as anonymous records (no chat, no words).
        Nothing for or about the parent waits to be sent any more; a card the group already
        has loses the parent's words, and the group hears the ticket was closed."""
        for ticket in tickets_of_chat(db, chat=str(chat)):
            assert ticket.id is not None
            _redact(ticket)
            delete_pending_of_ticket(db, ticket=ticket.id)
            if ticket.status == OPEN:
                ticket.note = "verwijderd"
                ticket.status, ticket.closed_at = CLOSED, now
                if ticket.card_message is not None:
                    self._edit_card(db, ticket, now)
                    text = self.cards.text("coordination.forgotten", number=ticket.id)
                    enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)
            save_ticket(db, ticket=ticket)
        delete_for_target(db, target=str(chat))

    # -- from the coordinators' side --------------------------------------------------------

    def claim(
        self, db: DbSession, *, group: Address, number: int, name: str, now: dt.datetime
    ) -> str | None:
        """None when done, else what to tell the coordinator."""
        ticket = self._open(db, group, number)
        if isinstance(ticket, str):
            return ticket
        if ticket.claimed_by is None:
            self._claimed(db, ticket, name, now)
        return None

    def close(
        self, db: DbSession, *, group: Address, number: int, name: str, now: dt.datetime
    ) -> Ticket | str:
        """The closed ticket, or what to tell the coordinator. The parent's conversation
        goes on with the bot (the caller gives it the `closed` input)."""
        ticket = self._open(db, group, number)
        if isinstance(ticket, str):
            return ticket
        self._close(db, ticket, now, by=name)
        return ticket

    def reply_to_message(
        self,
        db: DbSession,
        *,
        group: Address,
        message_id: int,
        name: str,
        text: str,
        now: dt.datetime,
    ) -> bool:
        """A coordinator's reply to a card or a relayed message goes to the parent."""
        number = ticket_of_message(db, target=str(group), message_id=message_id)
        if number is None:
            return False
        return self.reply_to_ticket(db, group=group, number=number, name=name, text=text, now=now)

    def reply_to_ticket(
        self, db: DbSession, *, group: Address, number: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        ticket = self._ticket(db, group, number)
        if ticket is None or ticket.status == CLOSED or ticket.chat is None:
            return False
        message = self.cards.from_coordinator(ticket, name, text)
        enqueue(db, target=ticket.chat, text=message, ticket=ticket.id, now=now, kind=ANSWER)
        if ticket.claimed_by is None:
            self._claimed(db, ticket, name, now)
        return True

    def answer_sent(self, db: DbSession, *, number: int, now: dt.datetime) -> None:
        """The parent has a coordinator's answer: the group hears it was sent."""
        ticket = get_ticket(db, number=number)
        if ticket is not None:
            text = self.cards.answer_sent(number)
            enqueue(db, target=ticket.target, text=text, ticket=number, now=now)

    def open_list(self, db: DbSession, *, group: Address, now: dt.datetime) -> str:
        return self.cards.open_list(open_tickets(db, target=str(group)), now)

    def stats(self, db: DbSession, *, group: Address, now: dt.datetime) -> str:
        counts = ticket_counts(db, target=str(group), since=now - dt.timedelta(days=7))
        region = self.group_region(group)
        return self.cards.stats(region.name if region else str(group), counts)

    # -- chores -----------------------------------------------------------------------------

    def remind(self, db: DbSession, *, now: dt.datetime) -> int:
        """A reminder in the group for each ticket unclaimed for longer than its region allows."""
        content, reminded = self.knowledge.content, 0
        for ticket in unclaimed_unreminded(db):
            region = content.region(ticket.region) if ticket.region else None
            minutes = region.reminder_minutes if region else 120
            waited = now - ticket.created_at
            if waited < dt.timedelta(minutes=minutes):
                continue
            assert ticket.id is not None
            text = self.cards.reminder(ticket.id, waited)
            enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)
            ticket.reminded_at = now
            save_ticket(db, ticket=ticket)
            reminded += 1
        return reminded

    def purge(self, db: DbSession, *, now: dt.datetime) -> Purged:
        """Retention: `retention_days` after a ticket closed, it keeps no chat and no words
        (its card in the group loses them too); sessions idle that long go, and so do sent
        messages, which name the chat they went to."""
        purged, redacted = purge_records(db, now=now, days=self.knowledge.retention_days)
        for ticket in redacted:
            if ticket.card_message is not None:
                self._edit_card(db, ticket, now)
        return purged

    # -- inside -----------------------------------------------------------------------------

    def _ticket(self, db: DbSession, group: Address, number: int) -> Ticket | None:
        """A ticket only exists for the group it was sent to: other chats learn nothing."""
        ticket = get_ticket(db, number=number)
        return ticket if ticket is not None and ticket.target == str(group) else None

    def _open(self, db: DbSession, group: Address, number: int) -> Ticket | str:
        """The open ticket, or what to tell a coordinator who named it."""
        ticket = self._ticket(db, group, number)
        if ticket is None:
            return self.cards.text("coordination.no_ticket", number=number)
        if ticket.status == CLOSED:
            return self.cards.text("coordination.already_closed", number=number)
        return ticket

    def _claimed(self, db: DbSession, ticket: Ticket, name: str, now: dt.datetime) -> None:
        ticket.claimed_by, ticket.claimed_at = name[:NAME_LENGTH], now
        save_ticket(db, ticket=ticket)
        self._edit_card(db, ticket, now)

    def _close(self, db: DbSession, ticket: Ticket, now: dt.datetime, *, by: str | None) -> None:
        ticket.status, ticket.closed_at = CLOSED, now
        if by and not ticket.claimed_by:
            ticket.claimed_by, ticket.claimed_at = by[:NAME_LENGTH], now
        save_ticket(db, ticket=ticket)
        self._edit_card(db, ticket, now)

    def _card(self, db: DbSession, ticket: Ticket, now: dt.datetime, crisis: Any = None) -> None:
        assert ticket.id is not None
        text, buttons = self.cards.card(ticket, crisis), self.cards.buttons(ticket.id)
        _to_group(db, ticket, text, buttons, now, CARD)

    def _edit_card(self, db: DbSession, ticket: Ticket, now: dt.datetime) -> None:
        """The card shows who claimed or closed it: an edit of the card message, through the
        outbox like everything else (it waits there until the card itself was sent)."""
        text, buttons = self.cards.edited_card(ticket)
        _to_group(db, ticket, text, buttons, now, CARD_EDIT)


def _to_group(
    db: DbSession,
    ticket: Ticket,
    text: str,
    buttons: Sequence[Button],
    now: dt.datetime,
    kind: str,
) -> None:
    enqueue(
        db, target=ticket.target, text=text, buttons=buttons, ticket=ticket.id, now=now, kind=kind
    )


def purge_records(db: DbSession, *, now: dt.datetime, days: int) -> tuple[Purged, list[Ticket]]:
    """Retention in the database alone (`Desk.purge` also edits the cards in the groups):
    the purged counts, and the tickets that lost their chat and words."""
    cutoff = now - dt.timedelta(days=days)
    old = closed_with_chat_before(db, cutoff=cutoff)
    for ticket in old:
        _redact(ticket)
        save_ticket(db, ticket=ticket)
    purged = Purged(
        tickets=len(old),
        sessions=delete_idle_sessions(db, before=cutoff),
        messages=delete_delivered(db, before=cutoff),
    )
    return purged, old


def _masked(summary: Mapping[str, Any]) -> dict[str, Any]:
    words = summary.get("words")
    return {**summary, "words": mask(words)} if isinstance(words, str) else dict(summary)


def _redact(ticket: Ticket) -> None:
    """What is left of a ticket is an anonymous record for statistics."""
    ticket.chat = None
    ticket.summary = {k: v for k, v in ticket.summary.items() if k != "words"}
