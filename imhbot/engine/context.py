"""The working state of one turn: the session being changed and the events being collected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from imhbot.engine.answers import ROLE
from imhbot.engine.fields import text_fields
from imhbot.engine.flow import Flow, Step
from imhbot.engine.model import (
    DEFAULT_FLOW,
    Answer,
    Button,
    Event,
    Message,
    Record,
    Reply,
    Session,
    Turn,
)

if TYPE_CHECKING:
    from imhbot.engine.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class Choice:
    """A button as shown: its label already in words, where it leads and what it sets."""

    label: str
    value: str
    goto: str | None = None
    assign: dict[str, Answer] = field(default_factory=dict)
    words: tuple[str, ...] = ()
    """What people type for this button instead of pressing it (content's answers file)."""
    hidden: bool = False
    """Not shown: only typed (`ButtonSpec.hidden`)."""


@dataclass
class Context:
    knowledge: Knowledge
    flow: Flow
    message: Message
    step: str | None
    answers: dict[str, Answer]
    consent_at: dt.datetime | None
    consent_version: str | None
    attempts: int
    resume: str | None
    lost: str | None = None
    """The session's step, gone from the flow: it changed (a content reload) while the chat
    ran. Kept in the session until the conversation has gone on somewhere else."""
    events: list[Event] = field(default_factory=list)
    transient: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(cls, knowledge: Knowledge, session: Session, message: Message) -> Context:
        flow = knowledge.flows.get(session.flow) or knowledge.flows[DEFAULT_FLOW]
        known = flow.id == session.flow
        step = session.step if known and session.step in flow.steps else None
        return cls(
            knowledge=knowledge,
            flow=flow,
            message=message,
            step=step,
            answers=dict(session.answers),
            consent_at=session.consent_at,
            consent_version=session.consent_version,
            attempts=session.attempts,
            resume=session.resume if known and session.resume in flow.steps else None,
            lost=session.step if step is None else None,
        )

    @property
    def now(self) -> dt.datetime:
        return self.message.now

    @property
    def current(self) -> Step:
        return self.flow.steps[self.step or self.flow.start]

    def text(self, key: str, **extra: Any) -> str:
        """The text for `key`, or its variant for the user's role (`key_professional`) if any;
        `extra` fields go before the ones of the answers."""
        texts = self.knowledge.content.texts
        variant = f"{key}_{self.answers.get(ROLE)}"
        chosen = variant if variant in texts.entries else key
        fields = text_fields(self.knowledge, self.answers, self.now, texts.entries[chosen])
        return texts.get(chosen, **{**fields, **extra})

    def say(self, key: str, buttons: tuple[Button, ...] = (), **extra: Any) -> None:
        self.reply(self.text(key, **extra), buttons)

    def reply(self, text: str, buttons: tuple[Button, ...] = ()) -> None:
        """What is said in a row becomes one message: a few messages, not a stream of them,
        and fewer notifications and sends (Telegram allows about 30 a second in all). A
        message with buttons ends there; a handoff in between (after a safety message) too."""
        for index in range(len(self.events) - 1, -1, -1):
            event = self.events[index]
            if isinstance(event, Record):
                continue
            if isinstance(event, Reply) and not event.buttons:
                self.events[index] = Reply(text=f"{event.text}\n\n{text}", buttons=buttons)
                return
            break
        self.events.append(Reply(text=text, buttons=buttons))

    def emit(self, event: Event) -> None:
        self.events.append(event)

    @property
    def recover(self) -> str:
        """Where a conversation goes on that lost its place."""
        return self.flow.recover or self.flow.start

    def move(self, step: str) -> None:
        if step != self.step:
            self.attempts = 0
        self.step = step

    def turn(self) -> Turn:
        session = Session(
            flow=self.flow.id,
            step=self.step if self.step is not None else self.lost,
            answers=self.answers,
            consent_at=self.consent_at,
            consent_version=self.consent_version if self.consent_at else None,
            attempts=self.attempts,
            resume=self.resume,
        )
        return Turn(session=session, events=tuple(self.events))
