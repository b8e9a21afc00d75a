"""Every golden transcript without coordinators, played against the pure engine: no channel,
no database. Between turns the session is kept as the store keeps it: as JSON, and only after
consent."""

from __future__ import annotations

import datetime as dt

import pytest
from support.transcripts import (
    DeskSeen,
    Ready,
    Seen,
    Transcript,
    load_all,
    plain,
    play,
    with_coordinators,
)

from imhbot.engine.knowledge import Knowledge
from imhbot.engine.model import Button, Message, Session
from imhbot.engine.runner import handle

TRANSCRIPTS = load_all()


class EngineChannel:
    """A parent talking to the engine: a number presses a button of the last question."""

    def __init__(self, knowledge: Knowledge, now: dt.datetime) -> None:
        self.knowledge = knowledge
        self.now = now
        self.stored: dict[str, object] | None = None
        self.buttons: tuple[Button, ...] = ()

    def send(self, line: str) -> list[Seen]:
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            button = self.buttons[int(choice) - 1]
            message = Message(kind="button", now=self.now, text=button.value, step=button.step)
        else:
            message = Message(kind="text", now=self.now, text=line)
        session = Session.model_validate(self.stored) if self.stored else Session()
        turn = handle(self.knowledge, session, message)
        kept = turn.session.consent_at is not None
        self.stored = turn.session.model_dump(mode="json") if kept else None
        with_buttons = [r for r in turn.replies if r.buttons]
        if with_buttons:
            self.buttons = with_buttons[-1].buttons
        return [Seen(plain(r.text), tuple(b.label for b in r.buttons)) for r in turn.replies]

    def restart(self) -> None:
        """The engine keeps nothing itself: what was stored is all that survives, and the
        buttons on the parent's screen stay."""

    def coordinate(self, line: str, ready: Ready) -> DeskSeen:
        raise AssertionError("the pure engine has no coordinators")


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.path.stem for t in TRANSCRIPTS])
def test_transcript_against_the_engine(transcript: Transcript, knowledge: Knowledge) -> None:
    if with_coordinators(transcript):
        pytest.skip("coordinators answer through the desk, which is the service's")
    play(transcript, EngineChannel(knowledge, transcript.now))
