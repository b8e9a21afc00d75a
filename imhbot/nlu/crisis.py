"""Acute danger in a message: the signals of content/safety.yaml, by kind.

Signals are phrases with small gaps and typo tolerance; a signal does not count when a
negation sits in it or just before it ("nooit geslagen"), or when its words are part of an
everyday expression listed as an exclusion ("ze huilt zich dood"). When signals of several
kinds are found, the kind that comes first in the file wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from imhbot.content.vocabulary import Safety
from imhbot.nlu.text import (
    Analyzer,
    Found,
    Gaps,
    Lexicon,
    Pattern,
    PatternSet,
    Token,
    Typos,
    compile_pattern,
)

_EVERY_KIND = -1


@dataclass(frozen=True)
class Signal:
    """What was found: the kind and the content entry that matched (for editors)."""

    kind: str
    source: str


@dataclass(frozen=True)
class CrisisDetector:
    kind_ids: tuple[str, ...]
    analyzer: Analyzer
    signals: PatternSet
    signal_kinds: tuple[int, ...]
    exclusions: PatternSet
    exclusion_kinds: tuple[int, ...]

    @classmethod
    def build(cls, safety: Safety, spelling: Mapping[str, str] | None = None) -> CrisisDetector:
        """`spelling` (the chat spelling of matching.yaml) is added to safety.yaml's own."""
        lexicon = Lexicon()
        lexicon.warm_up()
        analyzer = Analyzer(lexicon, {**(spelling or {}), **safety.spelling}, safety.clause_words)
        sets = {name: tuple(words) for name, words in safety.sets.items()}
        signals: list[Pattern] = []
        signal_kinds: list[int] = []
        exclusions = [compile_pattern(p, lexicon, sets) for p in safety.exclusions]
        exclusion_kinds = [_EVERY_KIND] * len(exclusions)
        for number, kind in enumerate(safety.kinds):
            signals.extend(compile_pattern(p, lexicon, sets) for p in kind.signals)
            signal_kinds.extend([number] * len(kind.signals))
            exclusions.extend(compile_pattern(p, lexicon, sets) for p in kind.exclusions)
            exclusion_kinds.extend([number] * len(kind.exclusions))
        gaps = Gaps(safety.gap, safety.wide_gap)
        typos = Typos(safety.typo_min_length, safety.typo_two_edits_from)
        return cls(
            kind_ids=tuple(k.id for k in safety.kinds),
            analyzer=analyzer,
            signals=PatternSet(
                tuple(signals),
                lexicon,
                gaps,
                blockers=safety.blockers,
                block_before=True,
                typos=typos,
            ),
            signal_kinds=tuple(signal_kinds),
            exclusions=PatternSet(tuple(exclusions), lexicon, gaps, typos=typos),
            exclusion_kinds=tuple(exclusion_kinds),
        )

    def detect(self, text: str) -> str | None:
        signal = self.explain(text)
        return None if signal is None else signal.kind

    def explain(self, text: str) -> Signal | None:
        tokens = self.analyzer.tokens(text)
        if not tokens:
            return None
        masks = self._masks(tokens)
        best: Found | None = None
        for found in self.signals.find(tokens, masks.get(_EVERY_KIND, set())):
            kind = self.signal_kinds[found.pattern]
            if not masks.get(kind, set()).isdisjoint(found.positions):
                continue
            if best is None or kind < self.signal_kinds[best.pattern]:
                best = found
        if best is None:
            return None
        source = self.signals.patterns[best.pattern].source
        return Signal(self.kind_ids[self.signal_kinds[best.pattern]], source)

    def _masks(self, tokens: tuple[Token, ...]) -> dict[int, set[int]]:
        """Token positions that exclusions take away from signals, per kind."""
        masks: dict[int, set[int]] = {}
        for found in self.exclusions.find(tokens):
            kind = self.exclusion_kinds[found.pattern]
            masks.setdefault(kind, set()).update(range(found.start, found.end + 1))
        return masks
