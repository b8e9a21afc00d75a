"""Whether what a crisis signal tells is happening now, is over, or is only feared.

"hij heeft 40 graden koorts en is suf" is an emergency; "vorige week had hij 40 graden
koorts, nu is hij weer beter" is not, nor is "ik ben bang dat hij stikt", nor "zijn lipjes
worden een beetje blauw in bad". Content (the `time` part of safety.yaml) lists the
markers of each group; a crisis kind says which groups lower it (`lowered_by`). Harm done
to a child and thoughts of suicide are never lowered: they count whenever they are told.

Each group reaches over its own part of the message:

    now       "nu", "net", "vannacht", "sinds vanochtend", "het stopt niet": the clause of
              the signal; a signal with a marker of now in its clause is never lowered
    urgent    "help", "spoed", "plz": the whole message, like `now`
    past      "vorige week", "bij de geboorte", "heeft ... gehad": the signal's sentence
    long_ago  "vroeger", "vorig jaar", "jaren geleden": the signal's sentence
    resolved  "nu gaat het goed", "is weer beter", "de huisarts zegt dat het onschuldig is":
              the signal's sentence and every sentence after it
    worry     "ik ben bang dat", "wat als", "ik blijf controleren of": from the marker to
              the end of its stretch (up to the next comma or full stop); "wanneer moet ik
              112 bellen" is a question, not a call for help
    habit     "vaak", "soms", "elke keer als": the signal's sentence (what happens often,
              is known and is no emergency now)
    mild      "een beetje", "lichtjes": the clause of the signal

Some signals say something dangerous only when it is going on now ("hij staat bij de
creche", "hij gooit met stoelen"): those (`now_signals`, `now_frames` of a kind) count only
with a marker of `now` or `urgent`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from imhbot.content.vocabulary import LOWERING
from imhbot.nlu.analysis import Lexicon, Token
from imhbot.nlu.pattern_set import Found, Gaps, PatternSet, Typos
from imhbot.nlu.patterns import compile_pattern

NOW = "now"
URGENT = "urgent"
PAST = "past"
LONG_AGO = "long_ago"
RESOLVED = "resolved"
WORRY = "worry"
HABIT = "habit"
MILD = "mild"
GROUPS = (NOW, URGENT, PAST, LONG_AGO, RESOLVED, WORRY, HABIT, MILD)
_SENTENCE_WIDE = (PAST, LONG_AGO, HABIT)


@dataclass(frozen=True, slots=True)
class Reading:
    """The markers of one message, ready to judge signals by their positions."""

    tokens: tuple[Token, ...]
    now_clauses: frozenset[int]
    urgent: bool
    sentences: Mapping[str, frozenset[int]]
    resolved_from: int | None
    worry: frozenset[int]
    mild_clauses: frozenset[int]

    def now(self, positions: Sequence[int]) -> bool:
        """A marker of now in a clause of the signal, or an urgent word anywhere."""
        return self.urgent or any(self.tokens[p].clause in self.now_clauses for p in positions)

    def lowered(self, groups: Collection[str], positions: Sequence[int]) -> str | None:
        """The first of `groups` that takes the acuteness away from a signal at these
        positions, or None (also when the signal is marked as going on now)."""
        if not groups or not positions or self.now(positions):
            return None
        tokens = self.tokens
        sentences = {tokens[p].sentence for p in positions}
        for group in groups:
            if group in _SENTENCE_WIDE and not sentences.isdisjoint(self.sentences[group]):
                return group
            resolved = self.resolved_from
            if group == RESOLVED and resolved is not None and resolved <= max(sentences):
                return group
            if group == WORRY and any(p in self.worry for p in positions):
                return group
            if group == MILD and any(tokens[p].clause in self.mild_clauses for p in positions):
                return group
        return None


class Acuteness:
    """Finds the time and certainty markers of content in a message."""

    def __init__(
        self,
        markers: Mapping[str, Sequence[str]],
        lexicon: Lexicon,
        sets: Mapping[str, Collection[str]],
        gaps: Gaps,
        typos: Typos,
        blockers: Collection[str] = (),
    ) -> None:
        """A marker does not reach over a negation in its gaps (`blockers`): "nu goed" is
        not in "hij is nu niet goed"."""
        groups: list[str] = []
        patterns = []
        for group in GROUPS:
            for source in markers.get(group, ()):
                patterns.append(compile_pattern(source, lexicon, sets))
                groups.append(group)
        self._groups = tuple(groups)
        self._patterns = PatternSet(tuple(patterns), lexicon, gaps, blockers=blockers, typos=typos)

    def read(self, tokens: tuple[Token, ...]) -> Reading:
        by_group: dict[str, list[Found]] = {}
        for hit in self._patterns.find(tokens):
            by_group.setdefault(self._groups[hit.pattern], []).append(hit)
        lowering = {
            p for group in LOWERING for hit in by_group.get(group, ()) for p in hit.positions
        }
        now_clauses = frozenset(
            tokens[hit.start].clause
            for hit in by_group.get(NOW, ())
            if lowering.isdisjoint(hit.positions)
        )
        sentences = {
            group: frozenset(tokens[hit.start].sentence for hit in by_group.get(group, ()))
            for group in _SENTENCE_WIDE
        }
        resolved = [tokens[hit.start].sentence for hit in by_group.get(RESOLVED, ())]
        worry: set[int] = set()
        for hit in by_group.get(WORRY, ()):
            stretch = tokens[hit.start].stretch
            end = hit.start
            while end < len(tokens) and tokens[end].stretch == stretch:
                worry.add(end)
                end += 1
        return Reading(
            tokens=tokens,
            now_clauses=now_clauses,
            urgent=bool(by_group.get(URGENT)),
            sentences=sentences,
            resolved_from=min(resolved) if resolved else None,
            worry=frozenset(worry),
            mild_clauses=frozenset(tokens[hit.start].clause for hit in by_group.get(MILD, ())),
        )
