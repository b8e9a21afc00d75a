"""Talking to the pure engine directly, keeping the session between turns."""

from __future__ import annotations

import datetime as dt

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Handoff, Message, MessageKind, Reply, Session, Turn
from imhbot.engine.runner import handle

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


class Chat:
    def __init__(self, knowledge: Knowledge, now: dt.datetime = NOW) -> None:
        self.knowledge = knowledge
        self.now = now
        self.session = Session()
        self.last: Turn | None = None

    def send(self, text: str, kind: MessageKind = "text", step: str | None = None) -> Turn:
        message = Message(kind=kind, now=self.now, text=text, step=step)
        self.last = handle(self.knowledge, self.session, message)
        self.session = self.last.session
        return self.last

    def send_location(self, lat: float, lon: float) -> Turn:
        message = Message(kind="location", now=self.now, location=(lat, lon))
        self.last = handle(self.knowledge, self.session, message)
        self.session = self.last.session
        return self.last

    def buttons(self) -> tuple[Button, ...]:
        assert self.last is not None
        with_buttons = [r for r in self.last.replies if r.buttons]
        return with_buttons[-1].buttons if with_buttons else ()

    def press(self, label: str) -> Turn:
        for button in self.buttons():
            if button.label == label:
                return self.send(button.value, kind="button", step=button.step)
        raise AssertionError(f"no button {label!r} in {[b.label for b in self.buttons()]}")

    def text(self, key: str, **fields: object) -> str:
        return self.knowledge.content.texts.get(key, **fields)

    def label(self, key: str) -> str:
        return self.text(f"buttons.{key}")

    @property
    def replies(self) -> tuple[Reply, ...]:
        assert self.last is not None
        return self.last.replies

    def said(self) -> str:
        return "\n".join(r.text for r in self.replies)

    def to_concern(self, age: str = "14 maanden", place: str = "Winschoten") -> None:
        """From a new chat to the concern question, as a parent; an empty answer stops
        before that question."""
        self.send("/start")
        self.press(self.label("consent_yes"))
        self.press(self.label("role_parent"))
        for answer in (age, place):
            if not answer:
                return
            self.send(answer)
        assert self.session.step == "concern", self.said()

    def words_for_coordinator(self, words: str) -> str:
        """From a new chat through /coordinator to the parent's own words: what the
        coordinators get of them (the handoff's summary)."""
        self.to_concern()
        self.send("/coordinator")
        self.press(self.label("handoff_yes"))
        turn = self.send(words)
        [handoff] = [e for e in turn.events if isinstance(e, Handoff)]
        return str(handoff.summary)
