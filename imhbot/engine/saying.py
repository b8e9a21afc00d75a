"""Which of a few options a typed message says, in the everyday words content lists for each
(`answers.nl.yaml`): for buttons and for commands alike."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from imhbot.nlu.normalizing import fold

TYPO_SCORE = 85


def said_by(
    typed: str,
    options: Sequence[tuple[str, ...]],
    *,
    within: bool,
    negations: tuple[str, ...],
) -> int | None:
    """The index of the one option whose words the folded text says: the whole text, the
    whole text with a small typo, or (`within`) inside it with none of the `negations`
    outside them. The longest words win; a tie is no answer."""
    words, negating = typed.split(), _negating(negations)
    present = set(words)
    best: list[tuple[int, int]] = []  # (length in words, index of the option)
    for index, option in enumerate(options):
        for said, _ in _folded(option):
            if said == words:
                return index
            if within and said and said[0] in present and _inside(said, words, negating):
                best.append((len(said), index))
    if not best:
        return _typo(typed, options, negating.intersection(words))
    longest = max(length for length, _ in best)
    winners = {index for length, index in best if length == longest}
    return winners.pop() if len(winners) == 1 else None


def _inside(said: list[str], words: list[str], negating: frozenset[str]) -> bool:
    size = len(said)
    for start in range(len(words) - size + 1):
        if words[start : start + size] == said:
            rest = words[:start] + words[start + size :]
            return not negating.intersection(rest)
    return False


def _typo(typed: str, options: Sequence[tuple[str, ...]], negated: frozenset[str]) -> int | None:
    """The one option the whole text says with a small typo; a negation in the text that the
    option's words lack is no typo ("ik ben geen moeder" is not "ik ben de moeder")."""
    if len(typed) < 4:
        return None
    good = {
        index
        for index, option in enumerate(options)
        for said, joined in _folded(option)
        if abs(len(joined) - len(typed)) <= 2
        and not negated.difference(said)
        and fuzz.ratio(typed, joined) >= TYPO_SCORE
    }
    return good.pop() if len(good) == 1 else None


@lru_cache(maxsize=1024)
def _folded(words: tuple[str, ...]) -> tuple[tuple[list[str], str], ...]:
    """Each of the words folded: as a list of words, and as one string."""
    folded = (fold(w) for w in words)
    return tuple((f.split(), f) for f in folded)


@lru_cache(maxsize=16)
def _negating(negations: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w) for w in negations)
