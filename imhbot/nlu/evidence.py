"""What counts for a concern in a message: the terms of content, where they were found, and
their weight (for editors: why did the bot think this?).
"""

from __future__ import annotations

from dataclasses import dataclass

OUT_OF_SCOPE = -1
NEUTRAL = -2
STATISTICS_TERM = -1
STATISTICS_SOURCE = "voorbeeldberichten (statistiek)"


@dataclass(frozen=True, slots=True)
class Term:
    """`covers`: a phrase of this term hides the single words inside it that point to another
    concern (not so for hints, which are too weak to overrule a word)."""

    concern: int
    weight: float
    negatable: bool
    covers: bool = True


@dataclass(frozen=True, slots=True)
class Evidence:
    """One content entry found in a message (for editors: why did the bot think this?)."""

    concern: str
    source: str
    weight: float


@dataclass(frozen=True, slots=True)
class Weighed:
    """The weight of one term for one concern in a message (`term` is STATISTICS_TERM for
    what the statistics add)."""

    term: int
    concern: int
    weight: float
    start: int = -1


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found at these positions of a message; `factor` is less than 1 for the last
    part of a compound."""

    term: int
    positions: tuple[int, ...]
    factor: float = 1.0

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1]
