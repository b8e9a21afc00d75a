"""Free-text understanding for `understand:` in ask steps: text in, an outcome and answers out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from imhbot.engine.answers import (
    AGE_MAX,
    AGE_MIN,
    AGE_MONTHS,
    AGE_STAGE,
    CONCERN,
    EARLY_WORDS,
    GEMEENTE,
    GUESSES,
    PLACE,
    PRESET_REGION,
    REGION,
    WORDS,
)
from imhbot.engine.context import Context
from imhbot.engine.fields import LOCAL_TIME
from imhbot.engine.model import Answer, Guess, Guesses, Message
from imhbot.nlu.types import MatchResult, PlaceMatch

NOT_UNDERSTOOD = "unknown"
OK = "ok"


@dataclass(frozen=True, slots=True)
class Understood:
    """What an understander made of a message. `certain`: the text says this value exactly
    (an age, a place), so it wins over a button whose label merely looks like the text
    ("12 maanden" is not the button "6–12 maanden"). `transient`: kept for this turn only."""

    outcome: str
    values: dict[str, Answer] = field(default_factory=dict)
    certain: bool = False
    transient: dict[str, str] = field(default_factory=dict)


Understander = Callable[[Context, Message], Understood]
"""Reads the message's text, or (for places) a shared location."""


def _age(ctx: Context, message: Message) -> Understood:
    text = message.text
    today = ctx.now.astimezone(LOCAL_TIME).date()
    age = ctx.knowledge.understanding.age(text, today=today)
    if age is None:
        return Understood(NOT_UNDERSTOOD)
    low, high = age.band()
    values: dict[str, Answer] = {
        AGE_STAGE: age.stage,
        AGE_MONTHS: age.months,
        AGE_MIN: low,
        AGE_MAX: high,
    }
    return Understood(OK, values, certain=True)


def _place(ctx: Context, message: Message) -> Understood:
    understanding = ctx.knowledge.understanding
    preset = ctx.answers.get(PRESET_REGION)
    if message.location is not None:
        match: PlaceMatch | None = understanding.place_at(*message.location)
    else:
        prefer = preset if isinstance(preset, str) else None
        match = understanding.place(message.text, prefer_region=prefer)
    if match is None:
        return Understood(NOT_UNDERSTOOD)
    values: dict[str, Answer] = {GEMEENTE: match.gemeente, REGION: match.region}
    if match.region is None:
        values[PLACE] = match.gemeente or match.matched or ctx.text("place.your_location")
        return Understood("outside", values, certain=True)
    return Understood("covered", values, certain=True)


def guesses_of(result: MatchResult, limit: int = 3) -> Guesses:
    """The best few concerns, their scores to two decimals."""
    return tuple(Guess(c.id, round(c.score, 2)) for c in result.concerns[:limit])


def _concern(ctx: Context, message: Message) -> Understood:
    result = ctx.knowledge.understanding.concerns.match(message.text)
    if result.outcome != "concern" or not result.concerns:
        return Understood("unclear")
    values: dict[str, Answer] = {GUESSES: guesses_of(result)}
    if result.confident:
        values[CONCERN] = result.concerns[0].id
        return Understood("confident", values, certain=True)
    return Understood("ambiguous", values)


def _words(ctx: Context, message: Message) -> Understood:
    """Keeps the parent's own words for this turn only: they go into the handoff, never the session."""
    if not message.text:
        return Understood(NOT_UNDERSTOOD)
    return Understood(OK, transient={WORDS: message.text})


def _early(ctx: Context, message: Message) -> Understood:
    """Before consent: keeps what the parent writes (in memory only) for after consent."""
    if not message.text:
        return Understood(NOT_UNDERSTOOD)
    before = ctx.answers.get(EARLY_WORDS)
    text = message.text
    if isinstance(before, str) and before:
        text = f"{before} {text}" if before[-1] in ".!?" else f"{before}. {text}"
    return Understood(KEPT, {EARLY_WORDS: text[-ctx.flow.max_length :]})


KEPT = "kept"
TAKES_LOCATION = frozenset({"place"})
KEEPS_ANY_TEXT = frozenset({"words"})
BUTTONS_WITHIN = frozenset({"early", "place"})
"""Understanders beside which a button said inside a sentence counts ("oké, dat is goed",
"ok doe maar verder"): what they read in that sentence is kept too. The others read whole
sentences themselves, so a button word in one is no choice ("ik heb een lijst met vragen")."""
"""Understanders that take whatever is typed as it is: nothing in it is a button or command."""

UNDERSTANDERS: dict[str, Understander] = {
    "age": _age,
    "place": _place,
    "concern": _concern,
    "words": _words,
    "early": _early,
}

EARLY_READERS: dict[str, frozenset[str]] = {
    "age": frozenset({OK}),
    "place": frozenset({"covered"}),
    "concern": frozenset({"confident", "ambiguous"}),
}
"""What consent reads in the words typed before it, and the outcomes it takes from them: a
place outside the regions is asked again, so that the parent hears what that means."""
