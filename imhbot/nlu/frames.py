"""Frames: several patterns that must all occur in one sentence, in any order.

A frame is written as patterns joined by " + ":

    "{dader} + {schudden} + {kind}"     someone, a harmful act and a child, in one sentence

Dutch puts the parts of a sentence in many orders ("mijn vriend heeft de baby geschud",
"de baby is door mijn vriend geschud", "heeft hij haar nou geschud?"), so a frame does not
care about the order, only that every part is there, no two parts on the same word, within
`span` words of each other. A frame can be kept within one stretch (no comma or other
punctuation between its parts): "mijn zoon is boos en slaat zijn broer, ik weet het niet
meer" has "ik" and "slaat" in one sentence, but not in one stretch. A part does not count when a negation stands just before it
("nooit geslagen") or just after it ("slaat me niet").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from imhbot.nlu.analysis import Lexicon, Token
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Found, Gaps, PatternSet, Typos
from imhbot.nlu.patterns import compile_pattern, pattern_problems

JOIN = "+"
_BUDGET = 2000


def masked_free(found: Found, masked: Collection[int]) -> bool:
    return not any(p in masked for p in found.positions)


def frame_parts(source: str) -> list[str]:
    """The patterns of a frame, in the order written."""
    return [part.strip() for part in source.split(f" {JOIN} ")]


def frame_problems(source: str, set_names: Collection[str] | None = None) -> list[str]:
    """What is wrong with a frame, in Dutch, for content validation (empty when fine)."""
    parts = frame_parts(source)
    if len(parts) < 2:
        return [f"'{source}': een frame heeft minstens twee delen, gescheiden door ' + '"]
    return [problem for part in parts for problem in pattern_problems(part, set_names)]


@dataclass(frozen=True, slots=True)
class FrameSettings:
    """`span`: the most words from the first to the last part; `negation_before` and
    `negation_after`: how near a negation must be to a part to cancel it."""

    span: int = 12
    negation_before: int = 3
    negation_after: int = 1


@dataclass(frozen=True, slots=True)
class FrameHit:
    frame: int
    positions: tuple[int, ...]


class FrameSet:
    """Finds many frames at once: every distinct part is looked for once per message.

    `parts` are the patterns of all parts; a caller that looks for them together with its
    own patterns hands what it found to `place` (numbered as in `parts`)."""

    def __init__(
        self,
        sources: Sequence[str],
        lexicon: Lexicon,
        sets: Mapping[str, Collection[str]],
        gaps: Gaps,
        *,
        blockers: Collection[str],
        typos: Typos,
        settings: FrameSettings,
        within_stretch: Sequence[bool] = (),
    ) -> None:
        """`within_stretch`: per frame, whether its parts must stand in one stretch
        (missing: one sentence is enough)."""
        self.sources = tuple(sources)
        self._within_stretch = tuple(within_stretch) + (False,) * (
            len(self.sources) - len(within_stretch)
        )
        part_index: dict[str, int] = {}
        self._frames: list[tuple[int, ...]] = []
        for source in self.sources:
            parts = tuple(part_index.setdefault(p, len(part_index)) for p in frame_parts(source))
            self._frames.append(parts)
        self._needs = tuple(frozenset(parts) for parts in self._frames)
        self._by_key = _index_by_rarest_part(self._frames)
        self.parts = tuple(compile_pattern(p, lexicon, sets) for p in part_index)
        self._parts = PatternSet(self.parts, lexicon, gaps, blockers=blockers, typos=typos)
        self._blockers = frozenset(fold_word(b) for b in blockers)
        self._settings = settings

    def find(
        self, tokens: tuple[Token, ...], masked: Callable[[int], Collection[int]]
    ) -> Iterator[FrameHit]:
        """Every frame found once, with the positions of its parts; `masked(frame)` gives
        the token positions that frame may not use."""
        if self._frames:
            yield from self.place(tokens, self._parts.find(tokens), masked)

    def place(
        self,
        tokens: tuple[Token, ...],
        parts: Sequence[Found],
        masked: Callable[[int], Collection[int]],
    ) -> Iterator[FrameHit]:
        """The frames that the parts found make up."""
        by_part: dict[int, list[Found]] = {}
        for found in parts:
            by_part.setdefault(found.pattern, []).append(found)
        present = by_part.keys()
        candidates = sorted(n for p in by_part for n in self._by_key.get(p, ()))
        for number in candidates:
            if self._needs[number] <= present:
                needed = self._frames[number]
                positions = self._place(
                    tokens,
                    [by_part[p] for p in needed],
                    masked(number),
                    self._within_stretch[number],
                )
                if positions is not None:
                    yield FrameHit(number, positions)

    def _place(
        self,
        tokens: tuple[Token, ...],
        options: list[list[Found]],
        masked: Collection[int],
        within_stretch: bool = False,
    ) -> tuple[int, ...] | None:
        """The positions of one way to fit every part in a sentence, within `span` words and
        without sharing words, or None. The search looks only near the parts already placed
        and gives up after `_BUDGET` steps, so a huge message cannot make it slow."""
        usable = [[f for f in found if masked_free(f, masked)] for found in options]
        if not all(usable):
            return None
        order = sorted(range(len(usable)), key=lambda n: len(usable[n]))
        budget = [_BUDGET]

        def search(level: int, chosen: list[Found]) -> tuple[int, ...] | None:
            if level == len(order):
                used = {p for found in chosen for p in found.positions}
                if any(self._negated(tokens, found, used) for found in chosen):
                    return None
                return tuple(sorted(used))
            for found in usable[order[level]]:
                budget[0] -= 1
                if budget[0] < 0:
                    return None
                if self._fits(tokens, chosen, found, within_stretch):
                    result = search(level + 1, [*chosen, found])
                    if result is not None:
                        return result
            return None

        return search(0, [])

    def _fits(
        self, tokens: tuple[Token, ...], chosen: list[Found], found: Found, within_stretch: bool
    ) -> bool:
        if not chosen:
            return True
        first = tokens[chosen[0].start]
        if tokens[found.start].sentence != first.sentence:
            return False
        if within_stretch and not all(
            tokens[p].stretch == first.stretch for f in (*chosen, found) for p in f.positions
        ):
            return False
        used = {p for f in chosen for p in f.positions}
        if not used.isdisjoint(found.positions):
            return False
        low = min(min(used), found.start)
        high = max(max(used), found.end)
        return high - low <= self._settings.span

    def _negated(self, tokens: tuple[Token, ...], found: Found, used: set[int]) -> bool:
        """A negation near a part that is not itself a part of the frame."""
        settings = self._settings
        clause = tokens[found.start].clause
        near = (
            *range(max(0, found.start - settings.negation_before), found.start),
            *range(found.end + 1, min(len(tokens), found.end + 1 + settings.negation_after)),
        )
        return any(
            p not in used and tokens[p].clause == clause and tokens[p].word.text in self._blockers
            for p in near
        )


def _index_by_rarest_part(frames: Sequence[tuple[int, ...]]) -> dict[int, list[int]]:
    """Each frame under the part that the fewest frames share: a frame can only be there
    when that part is, and common parts ("ik", "hij") would make every frame a candidate."""
    sharing: dict[int, int] = {}
    for parts in frames:
        for part in set(parts):
            sharing[part] = sharing.get(part, 0) + 1
    index: dict[int, list[int]] = {}
    for number, parts in enumerate(frames):
        key = min(parts, key=lambda p: (sharing[p], -parts.index(p)))
        index.setdefault(key, []).append(number)
    return index
