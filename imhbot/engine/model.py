"""What goes into the engine (a session and a message) and what comes out (a turn of events)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator

from imhbot.engine.answers import GUESSES

MessageKind = Literal[
    "open",
    "text",
    "button",
    "location",
    "photo",
    "voice",
    "sticker",
    "document",
    "video",
    "other",
    "closed",
    "unanswered",
]
"""`unanswered`: no message of the user's either; the check question of the review band has
waited too long for an answer (`Safety.check_wait_minutes`)."""
Signal = Literal["closed"]
"""Input that is no message of the user's, which a flow reacts to (`Flow.signals`): `closed`,
a coordinator closed the parent's ticket."""
SIGNALS: frozenset[str] = frozenset(get_args(Signal))


class Guess(NamedTuple):
    """A concern the parent's words may mean, and how sure the matcher is (0 to 1)."""

    id: str
    score: float


Guesses = tuple[Guess, ...]
Scalar = str | int | float | bool | None
"""An answer a flow can write itself (`set:`, a button's value)."""
Answer = Scalar | Guesses
DEFAULT_FLOW = "intake"


def guesses_in(answers: Mapping[str, Answer]) -> Guesses:
    value = answers.get(GUESSES)
    return value if isinstance(value, tuple) else ()


def old_guesses(value: str) -> Guesses:
    """Guesses as sessions stored them before they were typed: `id:score,id:score`."""
    pairs = (item.partition(":") for item in value.split(",") if item)
    return tuple(Guess(concern, float(score or 0)) for concern, _, score in pairs)


def _answers(value: Any) -> Mapping[str, Answer]:
    """Answers as the store keeps them (JSON): guesses back to typed values, also from a
    session stored before they were typed. By hand rather than by pydantic: a session is
    read every turn, and a union per answer costs more than the rest of the session."""
    if not isinstance(value, Mapping):
        raise ValueError("answers must be a mapping")
    guesses = value.get(GUESSES)
    if guesses is None or (isinstance(guesses, tuple) and all(type(g) is Guess for g in guesses)):
        return value
    try:
        if isinstance(guesses, str):
            typed = old_guesses(guesses)
        else:
            typed = tuple(Guess(str(concern), float(score)) for concern, score in guesses)
    except (TypeError, ValueError) as error:
        raise ValueError(f"guesses are pairs of a concern and a score: {error}") from None
    return {**value, GUESSES: typed}


def _answers_json(value: Mapping[str, Answer]) -> dict[str, Any]:
    return {k: [list(g) for g in v] if isinstance(v, tuple) else v for k, v in value.items()}


Answers = Annotated[
    Mapping[str, Answer],
    PlainValidator(_answers),
    PlainSerializer(_answers_json, when_used="json"),
]


class Session(BaseModel):
    """Where one chat is in its flow, and what it answered. Serialised as JSON in the store.

    `step` None means the flow has not shown its first question yet.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    flow: str = DEFAULT_FLOW
    step: str | None = None
    answers: Answers = {}
    consent_at: dt.datetime | None = None
    consent_version: str | None = None
    """Which privacy text the parent agreed to (`Texts.privacy_version`)."""
    attempts: int = 0
    resume: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """One thing the user sent: typed text, a pressed button (its value), or something else.

    `open` is not a message but the chat being opened (the shell starting): show where we are.
    A signal (`closed`) is no message of the user's either: the flow says where it leads.
    A pressed button names the `step` whose question it belonged to, when the channel knows it,
    so a button of an old question is not taken as an answer to the current one.
    """

    kind: MessageKind
    now: dt.datetime
    text: str = ""
    location: tuple[float, float] | None = None
    step: str | None = None
    about: Mapping[str, Scalar] = field(default_factory=dict)
    """What the service knows of a signal, for the flow's `signal` test: `closed` tells the
    ticket's `reason` and whether a coordinator `wrote` to the parent."""


@dataclass(frozen=True, slots=True)
class Button:
    """`step` is the question the button answers."""

    label: str
    value: str
    step: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()


CRISIS = "crisis"
"""The reason of a crisis alert."""


@dataclass(frozen=True, slots=True)
class Handoff:
    """Bring in the region's coordinator. `priority` for a crisis alert, which carries only
    what is needed: `reason` is then "crisis" and `crisis` the kind of danger."""

    reason: str
    priority: bool
    region: str | None
    summary: Mapping[str, Any] = field(default_factory=dict)
    crisis: str | None = None

    @property
    def details(self) -> dict[str, Any]:
        """What the coordinators are told: a crisis alert names its kind first."""
        return {"crisis": self.crisis, **self.summary} if self.crisis else dict(self.summary)


@dataclass(frozen=True, slots=True)
class Record:
    """An anonymous statistics event: no chat id, no text."""

    name: str
    data: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Forget:
    """Delete everything tied to this chat."""


NO_DANGER = "no_danger"
"""The note of a parent who took a crisis alert back: they say there is no acute danger."""


@dataclass(frozen=True, slots=True)
class Note:
    """A note for the coordinators on the chat's open priority ticket (the text
    `coordination.note_<note>`); the ticket stays open."""

    note: str


Event = Reply | Handoff | Record | Forget | Note


@dataclass(frozen=True, slots=True)
class Turn:
    session: Session
    events: tuple[Event, ...] = ()
    duplicate: bool = False
    """The update was handled before: nothing happened, nothing is to be sent."""

    @property
    def replies(self) -> tuple[Reply, ...]:
        return tuple(e for e in self.events if isinstance(e, Reply))
