"""Acute danger in a message: the signals and frames of content/safety.yaml, by kind.

Signals are phrases with small gaps and typo tolerance; frames are sets of phrases that must
all occur in one sentence, in any order (someone + a harmful act + a child). Neither counts
when a negation sits in it or just before it ("nooit geslagen"), or when its words are part
of an everyday expression listed as an exclusion ("ze huilt zich dood"). When several kinds
are found, the kind that comes first in the file wins.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from imhbot.content.vocabulary import Safety
from imhbot.nlu.frames import FrameSet, FrameSettings
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
    fold_word,
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
    frames: FrameSet
    frame_kinds: tuple[int, ...]
    negated_after: frozenset[int]
    blockers: frozenset[str]
    vetoes: PatternSet
    veto_kinds: tuple[int, ...]

    @classmethod
    def build(
        cls,
        safety: Safety,
        spelling: Mapping[str, str] | None = None,
        lexicon: Lexicon | None = None,
    ) -> CrisisDetector:
        """`spelling` (the chat spelling of matching.yaml) is added to safety.yaml's own; a
        `lexicon` shared with the concern matcher looks every word up only once."""
        lexicon = lexicon or Lexicon()
        lexicon.warm_up()
        analyzer = Analyzer(lexicon, {**(spelling or {}), **safety.spelling}, safety.clause_words)
        sets = {name: tuple(words) for name, words in safety.sets.items()}
        signals: list[Pattern] = []
        signal_kinds: list[int] = []
        exclusions = [compile_pattern(p, lexicon, sets) for p in safety.exclusions]
        exclusion_kinds = [_EVERY_KIND] * len(exclusions)
        frames: list[str] = []
        frame_kinds: list[int] = []
        vetoes: list[Pattern] = []
        veto_kinds: list[int] = []
        for number, kind in enumerate(safety.kinds):
            signals.extend(compile_pattern(p, lexicon, sets) for p in kind.signals)
            signal_kinds.extend([number] * len(kind.signals))
            exclusions.extend(compile_pattern(p, lexicon, sets) for p in kind.exclusions)
            exclusion_kinds.extend([number] * len(kind.exclusions))
            frames.extend(kind.frames)
            frame_kinds.extend([number] * len(kind.frames))
            vetoes.extend(compile_pattern(p, lexicon, sets) for p in kind.vetoes)
            veto_kinds.extend([number] * len(kind.vetoes))
        gaps = Gaps(safety.gap, safety.wide_gap)
        typos = Typos(safety.typo_min_length, safety.typo_two_edits_from)
        frame_settings = FrameSettings(
            safety.frame_span, safety.frame_negation_before, safety.frame_negation_after
        )
        frame_set = FrameSet(
            frames,
            lexicon,
            sets,
            gaps,
            blockers=safety.blockers,
            typos=typos,
            settings=frame_settings,
        )
        return cls(
            kind_ids=tuple(k.id for k in safety.kinds),
            analyzer=analyzer,
            signals=PatternSet(
                (*signals, *frame_set.parts),
                lexicon,
                gaps,
                blockers=safety.blockers,
                block_before=True,
                typos=typos,
            ),
            signal_kinds=tuple(signal_kinds),
            exclusions=PatternSet(tuple(exclusions), lexicon, gaps, typos=typos),
            exclusion_kinds=tuple(exclusion_kinds),
            frames=frame_set,
            frame_kinds=tuple(frame_kinds),
            negated_after=frozenset(n for n, k in enumerate(safety.kinds) if k.negation_after),
            blockers=frozenset(fold_word(b) for b in safety.blockers),
            vetoes=PatternSet(tuple(vetoes), lexicon, gaps, typos=typos),
            veto_kinds=tuple(veto_kinds),
        )

    def detect(self, text: str) -> str | None:
        signal = self.explain(text)
        return None if signal is None else signal.kind

    def explain(self, text: str) -> Signal | None:
        tokens = self.analyzer.tokens(text)
        if not tokens or not self._anything(tokens):
            return None
        masks = self._masks(tokens)
        every = masks.get(_EVERY_KIND, set())
        hits = self.signals.find(tokens, every)
        found = [*self._signals(tokens, hits, masks), *self._frames(tokens, hits, masks)]
        vetoed = self._vetoed(tokens)
        found = [(k, s, p) for k, s, p in found if (k, tokens[p].sentence) not in vetoed]
        if not found:
            return None
        kind, source, _ = min(found, key=lambda f: f[0])
        return Signal(self.kind_ids[kind], source)

    def _anything(self, tokens: tuple[Token, ...]) -> bool:
        """Whether any signal or frame is there at all, before exclusions and vetoes (most
        messages have none, and then those need not be looked for)."""
        hits = self.signals.find(tokens)
        return any(h.pattern < self._frame_parts_from for h in hits) or bool(
            self._frames(tokens, hits, {})
        )

    @property
    def _frame_parts_from(self) -> int:
        """The patterns of the signal set from here on are the parts of the frames."""
        return len(self.signal_kinds)

    def _vetoed(self, tokens: tuple[Token, ...]) -> set[tuple[int, int]]:
        """(kind, sentence) pairs where a veto of that kind stands."""
        return {
            (self.veto_kinds[hit.pattern], tokens[hit.start].sentence)
            for hit in self.vetoes.find(tokens)
        }

    def _signals(
        self, tokens: tuple[Token, ...], hits: list[Found], masks: dict[int, set[int]]
    ) -> list[tuple[int, str, int]]:
        """(kind, source, first position) of every signal that counts."""
        found = []
        for hit in hits:
            if hit.pattern >= self._frame_parts_from:
                continue
            kind = self.signal_kinds[hit.pattern]
            if not masks.get(kind, set()).isdisjoint(hit.positions):
                continue
            if kind in self.negated_after and self._negation_follows(tokens, hit.end):
                continue
            found.append((kind, self.signals.patterns[hit.pattern].source, hit.start))
        return found

    def _negation_follows(self, tokens: tuple[Token, ...], end: int) -> bool:
        """ "ik sla hem nooit": a blocker right after the signal, in the same clause."""
        after = end + 1
        return (
            after < len(tokens)
            and tokens[after].clause == tokens[end].clause
            and tokens[after].word.text in self.blockers
        )

    def _frames(
        self, tokens: tuple[Token, ...], hits: list[Found], masks: dict[int, set[int]]
    ) -> list[tuple[int, str, int]]:
        """(kind, source, first position) of every frame that counts."""
        every = masks.get(_EVERY_KIND, set())
        per_kind = {kind: every | positions for kind, positions in masks.items()}

        def masked(frame: int) -> Collection[int]:
            return per_kind.get(self.frame_kinds[frame], every)

        first = self._frame_parts_from
        parts = [Found(h.pattern - first, h.positions) for h in hits if h.pattern >= first]
        return [
            (self.frame_kinds[hit.frame], self.frames.sources[hit.frame], hit.positions[0])
            for hit in self.frames.place(tokens, parts, masked)
        ]

    def _masks(self, tokens: tuple[Token, ...]) -> dict[int, set[int]]:
        """Token positions that exclusions take away from signals, per kind."""
        masks: dict[int, set[int]] = {}
        for found in self.exclusions.find(tokens):
            kind = self.exclusion_kinds[found.pattern]
            masks.setdefault(kind, set()).update(range(found.start, found.end + 1))
        return masks
