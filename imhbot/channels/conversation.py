"""One turn for one chat, around the pure engine: load the session, answer, store what may be stored."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy import Engine

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Forget, Handoff, Message, Record, Session, Turn
from imhbot.engine.runner import clean, handle, safety_check
from imhbot.store.db import transaction
from imhbot.store.events import record_event
from imhbot.store.sessions import (
    delete_session,
    is_blocked,
    load_session,
    mark_blocked,
    save_session,
)
from imhbot.store.tables import Ticket
from imhbot.tickets import Desk, open_ticket_of

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Conversations:
    """`knowledge` may be swapped whole at any time (content reload)."""

    def __init__(self, knowledge: Knowledge, engine: Engine) -> None:
        self.knowledge = knowledge
        self.engine = engine
        self.on_mail: Callable[[], None] | None = None
        """Called after a turn that wrote to the outbox (from the thread that ran the turn)."""

    @property
    def workers(self) -> int:
        """How many turns may run at once. SQLite has one writer: threads that wait for its
        lock sleep in coarse steps, so turns go through one thread, one after another."""
        return 1 if self.engine.dialect.name == "sqlite" else 8

    def handle(self, chat: str, message: Message) -> Turn:
        """One turn. While a ticket is open the parent's text goes to the coordinators and the
        bot only speaks for safety; a handoff opens a ticket (all in the same transaction)."""
        knowledge = self.knowledge
        desk = Desk(knowledge)
        with transaction(self.engine) as db:
            session = load_session(db, chat=chat) or Session()
            ticket = open_ticket_of(db, chat=chat)
            if ticket is not None and _relayed(ticket, session, message):
                turn = safety_check(knowledge, session, message)
                desk.relay_from_parent(db, ticket=ticket, text=clean(message.text), now=message.now)
            else:
                turn = handle(knowledge, session, message)
            for event in turn.events:
                if isinstance(event, Record):
                    record_event(db, record=event, day=message.now.date())
                elif isinstance(event, Forget):
                    delete_session(db, chat=chat)
                    desk.forget(db, chat=chat, now=message.now)
                elif isinstance(event, Handoff):
                    channel = chat.split(":")[0]
                    desk.open_ticket(db, chat=chat, handoff=event, channel=channel, now=message.now)
            if turn.session.consent_at is not None:
                save_session(db, chat=chat, session=turn.session, now=message.now)
            else:
                delete_session(db, chat=chat)
            mailed = bool(db.info.get("mail"))
        if mailed and self.on_mail is not None:
            self.on_mail()
        log.debug(
            "turn: step %s -> %s, %d events", session.step, turn.session.step, len(turn.events)
        )
        return turn

    def blocked(self, chat: str, now: dt.datetime) -> None:
        """The parent blocked the bot (Telegram said so, or refused a message)."""
        with transaction(self.engine) as db:
            mark_blocked(db, chat=chat, now=now)

    def is_blocked(self, chat: str) -> bool:
        with transaction(self.engine) as db:
            return is_blocked(db, chat=chat)


def _relayed(ticket: Ticket, session: Session, message: Message) -> bool:
    """Text goes to the coordinators only for a handoff the parent agreed to, or, after a
    crisis alert, once a coordinator has written: until then the bot's flow goes on, and
    nothing the parent types before consenting leaves the conversation. A message without
    text gets the bot's answer."""
    if session.consent_at is None:
        return False
    if message.kind != "text" or message.text.startswith("/") or not clean(message.text):
        return False
    return ticket.reason != "crisis" or ticket.claimed_by is not None
