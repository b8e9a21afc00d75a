"""Handoffs to coordinators: tickets, their cards, and what coordinators do with them.

Channel-neutral: everything goes into the database (tickets and the outbox) in the caller's
transaction; a channel's worker delivers the outbox. A coordinator group is a target such as
`tg:-1001234` (a Telegram group from content/regions.yaml) or, where a region has no group
yet, `coordinator:<region>` (read by `imhbot shell --coordinator`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete
from sqlmodel import Session as DbSession
from sqlmodel import col, func, select

from imhbot.content.models import Content, Region
from imhbot.engine.checking import CLOSED_STEP
from imhbot.engine.fields import LOCAL_TIME
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Handoff, Session
from imhbot.engine.runner import enter
from imhbot.masking import mask
from imhbot.store.outbox import CARD, CARD_EDIT, delete_delivered, enqueue, ticket_of_message
from imhbot.store.sessions import delete_idle_sessions, load_session, save_session
from imhbot.store.tables import OutboxMessage, Ticket

OPEN, CLOSED = "open", "closed"
CLAIM, CLOSE = "claim", "close"


def group_target(region: Region | None, channel: str) -> str | None:
    """Where a region's cards go on this channel (`tg` or `shell`)."""
    if region is None:
        return None
    if channel == "tg" and region.coordinator_chat is not None:
        return f"tg:{region.coordinator_chat}"
    return f"coordinator:{region.id}"


def card_buttons(texts_get: Any, number: int) -> list[Button]:
    return [
        Button(texts_get("coordination.claim"), f"ticket:{CLAIM}:{number}"),
        Button(texts_get("coordination.close"), f"ticket:{CLOSE}:{number}"),
    ]


def _masked(summary: Mapping[str, Any]) -> dict[str, Any]:
    words = summary.get("words")
    return {**summary, "words": mask(words)} if isinstance(words, str) else dict(summary)


def parse_ticket_button(data: str) -> tuple[str, int] | None:
    kind, action, number = [*data.split(":"), "", "", ""][:3]
    if kind != "ticket" or action not in (CLAIM, CLOSE) or not number.isdigit():
        return None
    return action, int(number)


@dataclass(frozen=True)
class Desk:
    """The coordinators' side of the bot, over one database transaction at a time."""

    knowledge: Knowledge

    @property
    def content(self) -> Content:
        return self.knowledge.content

    def text(self, key: str, **fields: Any) -> str:
        return self.content.texts.get(key, **fields)

    # -- from the parent's side -------------------------------------------------------------

    def open_ticket(
        self, db: DbSession, *, chat: str, handoff: Handoff, channel: str, now: dt.datetime
    ) -> Ticket | None:
        """A handoff becomes a ticket and a card; a crisis during an open ticket raises that
        ticket to priority and alerts the group again."""
        region = self.content.region(handoff.region) if handoff.region else None
        target = group_target(region, channel)
        current = open_ticket_of(db, chat=chat)
        if current is not None and handoff.priority:
            current.priority = True
            db.add(current)
            self._card(db, current, now, crisis=handoff.summary.get("crisis"))
            return current
        if target is None:
            return None
        ticket = Ticket(
            chat=chat,
            target=target,
            region=handoff.region,
            priority=handoff.priority,
            reason=handoff.reason.split(":")[0],
            summary=_masked(handoff.summary),
            created_at=now,
        )
        db.add(ticket)
        db.flush()
        self._card(db, ticket, now, crisis=handoff.summary.get("crisis"))
        return ticket

    def relay_from_parent(
        self, db: DbSession, *, ticket: Ticket, text: str, now: dt.datetime
    ) -> None:
        assert ticket.id is not None
        message = self.text("coordination.from_parent", number=ticket.id, text=mask(text))
        enqueue(db, target=ticket.target, text=message, ticket=ticket.id, now=now)

    # -- from the coordinators' side --------------------------------------------------------

    def claim(
        self, db: DbSession, *, target: str, number: int, name: str, now: dt.datetime
    ) -> str | None:
        """None when done, else what to tell the coordinator."""
        ticket = self._open(db, target, number)
        if isinstance(ticket, str):
            return ticket
        if ticket.claimed_by is None:
            ticket.claimed_by, ticket.claimed_at = name[:64], now
            db.add(ticket)
            self._edit_card(db, ticket, now)
        return None

    def close(
        self, db: DbSession, *, target: str, number: int, name: str, now: dt.datetime
    ) -> str | None:
        ticket = self._open(db, target, number)
        if isinstance(ticket, str):
            return ticket
        self._close(db, ticket, now, by=name)
        if ticket.chat is not None:
            self._back_to_the_bot(db, ticket.chat, now)
        return None

    def reply_to_parent(
        self, db: DbSession, *, target: str, message_id: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        """A coordinator's reply to a card or a relayed message goes to the parent."""
        number = ticket_of_message(db, target=target, message_id=message_id)
        if number is None:
            return False
        return self.reply_to_ticket(db, target=target, number=number, name=name, text=text, now=now)

    def reply_to_ticket(
        self, db: DbSession, *, target: str, number: int, name: str, text: str, now: dt.datetime
    ) -> bool:
        ticket = self._ticket(db, target, number)
        if ticket is None or ticket.status == CLOSED or ticket.chat is None:
            return False
        region = self.content.region(ticket.region) if ticket.region else None
        region_name = region.name if region else ""
        message = self.text(
            "handoff.from_coordinator", name=name, text=text, region_name=region_name
        )
        enqueue(db, target=ticket.chat, text=message, ticket=ticket.id, now=now)
        if ticket.claimed_by is None:
            ticket.claimed_by, ticket.claimed_at = name[:64], now
            db.add(ticket)
            self._edit_card(db, ticket, now)
        return True

    def parent_blocked(self, db: DbSession, *, chat: str, now: dt.datetime) -> None:
        ticket = open_ticket_of(db, chat=chat)
        if ticket is None:
            return
        ticket.note = "geblokkeerd"
        self._close(db, ticket, now, by=None)
        assert ticket.id is not None
        enqueue(
            db,
            target=ticket.target,
            text=self.text("coordination.blocked", number=ticket.id),
            ticket=ticket.id,
            now=now,
        )

    def forget(self, db: DbSession, *, chat: str, now: dt.datetime) -> None:
        """/verwijder: the chat's tickets stay only as anonymous records (no chat, no words).
        Nothing for or about the parent waits to be sent any more; a card the group already
        has loses the parent's words, and the group hears the ticket was closed."""
        for ticket in db.exec(select(Ticket).where(Ticket.chat == chat)).all():
            _redact(ticket)
            db.execute(
                delete(OutboxMessage).where(
                    col(OutboxMessage.ticket) == ticket.id, col(OutboxMessage.status) == "pending"
                )
            )
            if ticket.status == OPEN:
                ticket.note = "verwijderd"
                ticket.status, ticket.closed_at = CLOSED, now
                if ticket.card_message is not None:
                    self._edit_card(db, ticket, now)
                    assert ticket.id is not None
                    text = self.text("coordination.forgotten", number=ticket.id)
                    enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)
            db.add(ticket)
        db.execute(delete(OutboxMessage).where(col(OutboxMessage.target) == chat))

    def purge(self, db: DbSession, *, now: dt.datetime) -> Purged:
        """Retention: `retention_days` after a ticket closed, it keeps no chat and no words
        (its card in the group loses them too); sessions idle that long go, and so do sent
        messages, which name the chat they went to."""
        purged, redacted = purge_records(db, now=now, days=self.knowledge.retention_days)
        for ticket in redacted:
            if ticket.card_message is not None:
                self._edit_card(db, ticket, now)
        return purged

    def open_list(self, db: DbSession, *, target: str, now: dt.datetime) -> str:
        tickets = db.exec(
            select(Ticket)
            .where(Ticket.target == target, Ticket.status == OPEN)
            .order_by(col(Ticket.priority).desc(), col(Ticket.id))
        ).all()
        if not tickets:
            return self.text("coordination.open_none")
        lines = [self.text("coordination.open_header")]
        for ticket in tickets:
            claimed = (
                self.text("coordination.open_claimed", name=ticket.claimed_by)
                if ticket.claimed_by
                else self.text("coordination.open_unclaimed")
            )
            lines.append(
                self.text(
                    "coordination.open_item",
                    number=ticket.id,
                    priority=self.text("coordination.priority") if ticket.priority else "",
                    reason=self._reason(ticket),
                    waiting=_duration(now - ticket.created_at),
                    claimed=claimed,
                )
            )
        return "\n".join(lines)

    def stats(self, db: DbSession, *, target: str, now: dt.datetime) -> str:
        def count(*where: Any) -> int:
            query = select(func.count()).select_from(Ticket).where(Ticket.target == target, *where)
            return int(db.exec(query).one())

        week = now - dt.timedelta(days=7)
        region = self._region_of(target)
        return self.text(
            "coordination.stats",
            region_name=region.name if region else target,
            open=count(Ticket.status == OPEN),
            unclaimed=count(Ticket.status == OPEN, col(Ticket.claimed_by).is_(None)),
            closed=count(Ticket.status == CLOSED),
            week=count(Ticket.created_at >= week),
            priority=count(Ticket.created_at >= week, Ticket.priority == True),  # noqa: E712
        )

    def remind(self, db: DbSession, *, now: dt.datetime) -> int:
        """A reminder in the group for each ticket unclaimed for longer than its region allows."""
        reminded = 0
        for ticket in db.exec(
            select(Ticket).where(
                Ticket.status == OPEN,
                col(Ticket.claimed_by).is_(None),
                col(Ticket.reminded_at).is_(None),
            )
        ).all():
            region = self.content.region(ticket.region) if ticket.region else None
            minutes = region.reminder_minutes if region else 120
            waited = now - ticket.created_at
            if waited < dt.timedelta(minutes=minutes):
                continue
            assert ticket.id is not None
            text = self.text(
                "coordination.reminder", number=ticket.id, minutes=int(waited.total_seconds() // 60)
            )
            enqueue(db, target=ticket.target, text=text, ticket=ticket.id, now=now)
            ticket.reminded_at = now
            db.add(ticket)
            reminded += 1
        return reminded

    # -- inside -----------------------------------------------------------------------------

    def _ticket(self, db: DbSession, target: str, number: int) -> Ticket | None:
        """A ticket only exists for the group it was sent to: other chats learn nothing."""
        ticket = db.get(Ticket, number)
        return ticket if ticket is not None and ticket.target == target else None

    def _open(self, db: DbSession, target: str, number: int) -> Ticket | str:
        """The open ticket, or what to tell a coordinator who named it."""
        ticket = self._ticket(db, target, number)
        if ticket is None:
            return self.text("coordination.no_ticket", number=number)
        if ticket.status == CLOSED:
            return self.text("coordination.already_closed", number=number)
        return ticket

    def _region_of(self, target: str) -> Region | None:
        return next(
            (r for r in self.content.regions if group_target(r, target.split(":")[0]) == target),
            None,
        )

    def _reason(self, ticket: Ticket) -> str:
        key = f"coordination.reason_{ticket.reason}"
        entries = self.content.texts.entries
        return self.text(key) if key in entries else ticket.reason

    def card_text(self, ticket: Ticket, crisis: Any = None) -> str:
        summary, unknown = ticket.summary, self.text("coordination.unknown")
        if crisis or (ticket.reason == "crisis" and "words" not in summary):
            kind = crisis or summary.get("crisis") or unknown
            return self.text(
                "coordination.crisis_card",
                number=ticket.id,
                kind=kind,
                gemeente=summary.get("gemeente") or unknown,
            )
        guesses = ", ".join(
            f"{self._concern_label(c)} {s:.2f}" for c, s in summary.get("guesses") or []
        )
        role = summary.get("role")
        return self.text(
            "coordination.card",
            number=ticket.id,
            priority=self.text("coordination.priority") if ticket.priority else "",
            reason=self._reason(ticket),
            role=self.text(f"coordination.role_{role}")
            if role in ("ouder", "professional")
            else unknown,
            age=summary.get("age_band") or unknown,
            gemeente=summary.get("gemeente") or unknown,
            guesses=guesses or self._concern_label(summary.get("concern")) or unknown,
            words=summary.get("words") or self.text("coordination.nothing"),
            shown=", ".join(summary.get("shown") or []) or self.text("coordination.nothing"),
        )

    def _concern_label(self, concern: Any) -> str:
        known = {c.id: c.label for c in self.content.concerns}
        return known.get(concern, "") if isinstance(concern, str) else ""

    def _status_line(self, ticket: Ticket) -> str:
        lines = []
        if ticket.claimed_by and ticket.claimed_at:
            lines.append(
                self.text(
                    "coordination.claimed", name=ticket.claimed_by, time=_clock(ticket.claimed_at)
                )
            )
        if ticket.status == CLOSED and ticket.closed_at:
            name = ticket.claimed_by or self.text("coordination.unknown")
            lines.append(self.text("coordination.closed", name=name, time=_clock(ticket.closed_at)))
        return "\n".join(lines)

    def _card(self, db: DbSession, ticket: Ticket, now: dt.datetime, crisis: Any = None) -> None:
        assert ticket.id is not None
        enqueue(
            db,
            target=ticket.target,
            text=self.card_text(ticket, crisis),
            buttons=card_buttons(self.text, ticket.id),
            ticket=ticket.id,
            now=now,
            kind=CARD,
        )

    def _edit_card(self, db: DbSession, ticket: Ticket, now: dt.datetime) -> None:
        """The card shows who claimed or closed it: an edit of the card message, through the
        outbox like everything else (it waits there until the card itself was sent)."""
        assert ticket.id is not None
        status = self._status_line(ticket)
        text = f"{self.card_text(ticket)}\n\n{status}" if status else self.card_text(ticket)
        buttons = [] if ticket.status == CLOSED else card_buttons(self.text, ticket.id)
        enqueue(
            db,
            target=ticket.target,
            text=text,
            buttons=buttons,
            ticket=ticket.id,
            now=now,
            kind=CARD_EDIT,
        )

    def _close(self, db: DbSession, ticket: Ticket, now: dt.datetime, *, by: str | None) -> None:
        ticket.status, ticket.closed_at = CLOSED, now
        if by and not ticket.claimed_by:
            ticket.claimed_by, ticket.claimed_at = by[:64], now
        db.add(ticket)
        self._edit_card(db, ticket, now)

    def _back_to_the_bot(self, db: DbSession, chat: str, now: dt.datetime) -> None:
        """The parent is told, and asked whether it helped (the flow's closing question)."""
        session = load_session(db, chat=chat) or Session()
        turn = enter(self.knowledge, session, CLOSED_STEP, now)
        for reply in turn.replies:
            enqueue(db, target=chat, text=reply.text, buttons=reply.buttons, now=now)
        if turn.session.consent_at is not None:
            save_session(db, chat=chat, session=turn.session, now=now)


@dataclass(frozen=True)
class Purged:
    tickets: int
    sessions: int
    messages: int


def purge_records(db: DbSession, *, now: dt.datetime, days: int) -> tuple[Purged, list[Ticket]]:
    """Retention in the database alone (`Desk.purge` also edits the cards in the groups):
    the purged counts, and the tickets that lost their chat and words."""
    cutoff = now - dt.timedelta(days=days)
    old = list(
        db.exec(
            select(Ticket).where(
                Ticket.status == CLOSED,
                col(Ticket.closed_at) < cutoff,
                col(Ticket.chat).is_not(None),
            )
        ).all()
    )
    for ticket in old:
        _redact(ticket)
        db.add(ticket)
    purged = Purged(
        tickets=len(old),
        sessions=delete_idle_sessions(db, before=cutoff),
        messages=delete_delivered(db, before=cutoff),
    )
    return purged, old


def _redact(ticket: Ticket) -> None:
    """What is left of a ticket is an anonymous record for statistics."""
    ticket.chat = None
    ticket.summary = {k: v for k, v in ticket.summary.items() if k != "words"}


_TICKETS = Ticket.__table__.c  # type: ignore[attr-defined]
_OPEN_OF_CHAT = (
    select(_TICKETS.id)
    .where(_TICKETS.chat == bindparam("the_chat"), _TICKETS.status == OPEN)
    .order_by(_TICKETS.id)
    .limit(1)
)


def open_ticket_of(db: DbSession, *, chat: str) -> Ticket | None:
    """Asked on every turn, and almost always there is none: a prepared query on the table
    first (on the ORM class, it paid for ORM compiling at every turn)."""
    number = db.execute(_OPEN_OF_CHAT, {"the_chat": chat}).scalar()
    return None if number is None else db.get(Ticket, number)


def _clock(moment: dt.datetime) -> str:
    return f"{moment.astimezone(LOCAL_TIME):%H:%M}"


def _duration(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} uur" if hours < 48 else f"{hours // 24} dagen"
