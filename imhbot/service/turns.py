"""One turn for one chat, around the pure engine: load the session, answer, and apply what
the turn brought (statistics, a handoff, forgetting) and store what may be stored, all in one
transaction.

A turn comes from a parent's message, or from the `closed` input when a coordinator closed the
parent's ticket: `take_turn` and `apply` serve both.
"""

from __future__ import annotations

import datetime as dt
import logging

from imhbot.engine.answers import CRISIS_CHECK
from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Forget, Handoff, Message, Note, Record, Session, Turn
from imhbot.engine.runner import clean, handle, safety_check
from imhbot.service import metrics
from imhbot.service.addresses import Address
from imhbot.service.app import App
from imhbot.service.doorstep import Doorstep
from imhbot.service.tickets import Desk
from imhbot.store.db import DbSession, scrub
from imhbot.store.events import record_event
from imhbot.store.sessions import (
    delete_session,
    is_blocked,
    load_session,
    mark_blocked,
    save_session,
)
from imhbot.store.tables import Ticket
from imhbot.store.tickets import open_ticket_of
from imhbot.store.updates import first_time

log = logging.getLogger(__name__)


def take_turn(
    db: DbSession,
    *,
    desk: Desk,
    chat: Address,
    message: Message,
    doorstep: Doorstep | None = None,
) -> Turn:
    """While a ticket is open the parent's text goes to the coordinators and the bot only
    speaks for safety; otherwise the engine answers. Before consent the session lives on the
    `doorstep` (in memory), never in the database."""
    knowledge = desk.knowledge
    session = load_session(db, chat=str(chat))
    if session is None and doorstep is not None:
        session = doorstep.take(str(chat), now=message.now)
    session = session or Session()
    ticket = open_ticket_of(db, chat=str(chat))
    if ticket is not None and _relayed(ticket, session, message):
        turn = safety_check(knowledge, session, message)
        desk.relay_from_parent(db, ticket=ticket, text=clean(message.text), now=message.now)
    else:
        turn = handle(knowledge, session, message)
    apply(db, desk=desk, chat=chat, turn=turn, now=message.now, doorstep=doorstep)
    log.debug("turn: step %s -> %s, %d events", session.step, turn.session.step, len(turn.events))
    return turn


def apply(
    db: DbSession,
    *,
    desk: Desk,
    chat: Address,
    turn: Turn,
    now: dt.datetime,
    doorstep: Doorstep | None = None,
) -> None:
    """What a turn brought, besides its replies: anonymous statistics, forgetting the chat, a
    ticket for a handoff, a note on it; then the session: stored after consent, before it on
    the doorstep."""
    for event in turn.events:
        if isinstance(event, Record):
            record_event(db, record=event, day=now.date())
            if event.name == "crisis_check":
                metrics.CHECKS.labels(str(event.data.get("kind"))).inc()
        elif isinstance(event, Forget):
            delete_session(db, chat=str(chat))
            desk.forget(db, chat=chat, now=now)
        elif isinstance(event, Handoff):
            desk.open_ticket(db, chat=chat, handoff=event, now=now)
            if event.crisis:
                metrics.CRISIS.labels(event.crisis).inc()
        elif isinstance(event, Note):
            desk.note(db, chat=chat, note=event.note, now=now)
    if turn.session.consent_at is not None:
        asked = now if CRISIS_CHECK in turn.session.answers else None
        save_session(db, chat=str(chat), session=turn.session, now=now, asked_at=asked)
        if doorstep is not None:
            doorstep.drop(str(chat))
        return
    delete_session(db, chat=str(chat))
    if doorstep is not None:
        doorstep.put(str(chat), session=turn.session, now=now)


class Turns:
    """The parents' side: one transaction a turn."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def knowledge(self) -> Knowledge:
        return self.app.knowledge

    def handle(self, chat: Address, message: Message, *, update: str | None = None) -> Turn:
        """`update`: the channel's key of the update ("tg:123"); one seen before changes
        nothing and gets no reply (`Turn.duplicate`)."""
        with metrics.TURN_SECONDS.time(), self.app.transaction() as db:
            if update is not None and not first_time(db, key=update, now=message.now):
                metrics.DUPLICATES.inc()
                return Turn(session=Session(), duplicate=True)
            turn = take_turn(
                db, desk=self.app.desk, chat=chat, message=message, doorstep=self.app.doorstep
            )
        if any(isinstance(e, Forget) for e in turn.events):
            scrub(self.app.engine)  # nothing of the parent left in the files either
        return turn

    def blocked(self, chat: Address, now: dt.datetime) -> None:
        """The parent blocked the bot (the channel said so, or refused a message)."""
        with self.app.transaction() as db:
            mark_blocked(db, chat=str(chat), now=now)

    def is_blocked(self, chat: Address) -> bool:
        with self.app.transaction() as db:
            return is_blocked(db, chat=str(chat))


def _relayed(ticket: Ticket, session: Session, message: Message) -> bool:
    """Text goes to the coordinators only for a handoff the parent agreed to, or, after a
    crisis alert, once a coordinator has claimed it: until then the bot's flow goes on, and
    nothing the parent types before consenting leaves the conversation. A message without
    text gets the bot's answer, and so does the answer to a command's question (a detour,
    such as confirming /verwijder)."""
    if session.consent_at is None or session.resume is not None:
        return False  # before consent, or answering a command (/verwijder: "ja wissen")
    if message.kind != "text" or message.text.startswith("/") or not clean(message.text):
        return False
    return ticket.reason != "crisis" or ticket.claimed_by is not None
