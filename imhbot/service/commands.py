"""The coordinators' command grammar, the same in a Telegram group and at the terminal desk:
`/open`, `/stats`, `/oppakken N`, `/sluit N`, `/antwoord N <bericht>`, `/herlaad`. A number
may be written `#N`; in a Telegram group a command may name the bot (`/sluit@imh_bot 3`).
Where a channel has its own talk beside the commands (a Telegram group), only lines with a
slash are commands."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verb(enum.Enum):
    OPEN = "open"
    STATS = "stats"
    CLAIM = "oppakken"
    CLOSE = "sluit"
    ANSWER = "antwoord"
    RELOAD = "herlaad"


NEEDS_NUMBER = frozenset({Verb.CLAIM, Verb.CLOSE, Verb.ANSWER})
NEEDS_WORDS = frozenset({Verb.ANSWER})


@dataclass(frozen=True, slots=True)
class Command:
    """A coordinator's command. `complete` is False when its number or message is missing:
    the channel then says how to write it."""

    verb: Verb
    number: int | None = None
    words: str = ""

    @property
    def complete(self) -> bool:
        if self.verb in NEEDS_NUMBER and self.number is None:
            return False
        return self.verb not in NEEDS_WORDS or bool(self.words)


def parse_command(line: str, *, slash: bool) -> Command | None:
    """The command in a line, or None when it is none (`slash`: only with a leading /)."""
    text = line.strip()
    if slash and not text.startswith("/"):
        return None
    word, _, rest = text.partition(" ")
    name = word.lstrip("/").split("@")[0].lower()
    verb = next((v for v in Verb if v.value == name), None)
    if verb is None:
        return None
    number, _, words = rest.strip().lstrip("#").partition(" ")
    if verb not in NEEDS_NUMBER:
        return Command(verb)
    if not number.isdigit():
        return Command(verb, words=rest.strip())
    return Command(verb, int(number), words.strip())
