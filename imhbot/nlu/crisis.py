"""Acute danger in a message: the signals and frames of content/safety.yaml, by kind.

Signals are phrases with small gaps and typo tolerance; frames are sets of phrases that must
all occur in one sentence, in any order (someone + a harmful act + a child). Neither counts
when a negation sits in it or just before it ("nooit geslagen"), or when its words are part
of an everyday expression listed as an exclusion ("ze huilt zich dood"; an exclusion can
name an exception, `imhbot.nlu.exclusions`). What is over,
feared or mild does not count for the kinds that say so (`imhbot.nlu.acuteness`: "vorige
week had hij 40 graden koorts, nu is hij weer beter"). When several kinds are found, the
kind that comes first in the file wins. What the signals miss, a statistical safety net
over example messages may still catch (`imhbot.nlu.safety_net`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from imhbot.content.vocabulary import Safety
from imhbot.nlu.acuteness import Acuteness, Reading
from imhbot.nlu.analysis import Analyzer, Lexicon, Token
from imhbot.nlu.exclusions import exclusion_parts
from imhbot.nlu.frames import FrameSet, FrameSettings
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Found, Gaps, PatternSet, Typos
from imhbot.nlu.patterns import Pattern, compile_pattern
from imhbot.nlu.safety_net import SafetyNet

_EVERY_KIND = -1
NET_SOURCE = "voorbeeldberichten (statistiek)"


@dataclass(frozen=True)
class Signal:
    """What was found: the kind and the content entry that matched (for editors). With
    `confirm` the message is in the review band: it might mean this danger but does not say
    so clearly, and the bot asks first."""

    kind: str
    source: str
    confirm: bool = False


Hit = tuple[int, str, tuple[int, ...], bool]
"""A signal or frame that counts: kind, source, positions, and whether it only asks first."""

Candidate = tuple[int, str, tuple[int, ...], bool, bool]
"""A signal or frame found: kind, source, positions, counts only now, only asks first."""


@dataclass(frozen=True)
class CrisisDetector:
    kind_ids: tuple[str, ...]
    analyzer: Analyzer
    signals: PatternSet
    signal_kinds: tuple[int, ...]
    exclusions: PatternSet
    exclusion_kinds: tuple[int, ...]
    exceptions: PatternSet
    exclusion_exceptions: tuple[int | None, ...]
    frames: FrameSet
    frame_kinds: tuple[int, ...]
    negated_after: frozenset[int]
    blockers: frozenset[str]
    vetoes: PatternSet
    veto_kinds: tuple[int, ...]
    signal_now_only: tuple[bool, ...]
    signal_review: tuple[bool, ...]
    frame_now_only: tuple[bool, ...]
    frame_review: tuple[bool, ...]
    acuteness: Acuteness
    softeners: PatternSet
    softened: tuple[bool, ...]
    lowered_by: tuple[tuple[str, ...], ...]
    net: SafetyNet | None

    @classmethod
    def build(
        cls,
        safety: Safety,
        spelling: Mapping[str, str] | None = None,
        lexicon: Lexicon | None = None,
        calm: Sequence[str] = (),
    ) -> CrisisDetector:
        """`spelling` (the chat spelling of matching.yaml) is added to safety.yaml's own; a
        `lexicon` shared with the concern matcher looks every word up only once; `calm`:
        messages without danger (the example messages of the concerns) that the safety net
        learns from, next to the calm messages of safety.yaml."""
        lexicon = lexicon or Lexicon()
        lexicon.warm_up()
        analyzer = Analyzer(lexicon, {**(spelling or {}), **safety.spelling}, safety.clause_words)
        sets = {name: tuple(words) for name, words in safety.sets.items()}
        signals: list[Pattern] = []
        signal_kinds: list[int] = []
        signal_now_only: list[bool] = []
        signal_review: list[bool] = []
        frame_now_only: list[bool] = []
        frame_review: list[bool] = []
        frame_stretch: list[bool] = []
        exclusion_sources = list(safety.exclusions)
        exclusion_kinds = [_EVERY_KIND] * len(exclusion_sources)
        frames: list[str] = []
        frame_kinds: list[int] = []
        vetoes: list[Pattern] = []
        veto_kinds: list[int] = []
        for number, kind in enumerate(safety.kinds):
            for now_only, review, sources in (
                (False, False, kind.signals),
                (True, False, kind.now_signals),
                (False, True, kind.review_signals),
            ):
                signals.extend(compile_pattern(p, lexicon, sets) for p in sources)
                signal_kinds.extend([number] * len(sources))
                signal_now_only.extend([now_only] * len(sources))
                signal_review.extend([review] * len(sources))
            exclusion_sources.extend(kind.exclusions)
            exclusion_kinds.extend([number] * len(kind.exclusions))
            for now_only, review, sources in (
                (False, False, kind.frames),
                (True, False, kind.now_frames),
                (False, True, kind.review_frames),
            ):
                frames.extend(sources)
                frame_kinds.extend([number] * len(sources))
                frame_now_only.extend([now_only] * len(sources))
                frame_review.extend([review] * len(sources))
                frame_stretch.extend([kind.frames_in_one_stretch or now_only] * len(sources))
            vetoes.extend(compile_pattern(p, lexicon, sets) for p in kind.vetoes)
            veto_kinds.extend([number] * len(kind.vetoes))
        gaps = Gaps(safety.gap, safety.wide_gap)
        typos = Typos(safety.typo_min_length, safety.typo_two_edits_from)
        exclusions, exceptions, exclusion_exceptions = _compile_exclusions(
            exclusion_sources, lexicon, sets
        )
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
            within_stretch=frame_stretch,
        )
        markers = safety.time.model_dump()
        detector = cls(
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
            exceptions=PatternSet(tuple(exceptions), lexicon, gaps, typos=typos),
            exclusion_exceptions=exclusion_exceptions,
            frames=frame_set,
            frame_kinds=tuple(frame_kinds),
            negated_after=frozenset(n for n, k in enumerate(safety.kinds) if k.negation_after),
            blockers=frozenset(fold_word(b) for b in safety.blockers),
            vetoes=PatternSet(tuple(vetoes), lexicon, gaps, typos=typos),
            veto_kinds=tuple(veto_kinds),
            signal_now_only=tuple(signal_now_only),
            signal_review=tuple(signal_review),
            frame_now_only=tuple(frame_now_only),
            frame_review=tuple(frame_review),
            acuteness=Acuteness(markers, lexicon, sets, gaps, typos, safety.blockers),
            softeners=PatternSet(
                tuple(compile_pattern(p, lexicon, sets) for p in safety.softeners),
                lexicon,
                gaps,
                typos=typos,
            ),
            softened=tuple(k.softened for k in safety.kinds),
            lowered_by=tuple(k.lowered_by for k in safety.kinds),
            net=None,
        )
        net = SafetyNet.build(safety, analyzer, detector.signals, calm)
        if net is None:
            return detector
        return replace(detector, net=net)

    def detect(self, text: str) -> str | None:
        """The kind of danger that raises the alarm at once (not the review band)."""
        signal = self.explain(text)
        return None if signal is None or signal.confirm else signal.kind

    def explain(self, text: str) -> Signal | None:
        tokens = self.analyzer.tokens(text)
        if not tokens:
            return None
        found = self._rules(tokens) if self._anything(tokens) else []
        alarms = [f for f in found if not f[3]]
        if alarms:
            kind, source, _, _ = min(alarms, key=lambda f: f[0])
            softened = all(self.softened[f[0]] for f in alarms) and self._softened(
                tokens, [f[2] for f in alarms]
            )
            return Signal(self.kind_ids[kind], source, confirm=softened)
        net = self._net(tokens)
        if (
            net is not None
            and not net.confirm
            and self.softened[self.kind_ids.index(net.kind)]
            and self._softened(tokens, None)
        ):
            net = replace(net, confirm=True)
        if net is not None and (not net.confirm or not found):
            return net
        if found:
            kind, source, _, _ = min(found, key=lambda f: f[0])
            return Signal(self.kind_ids[kind], source, confirm=True)
        return None

    def _softened(self, tokens: tuple[Token, ...], positions: list[tuple[int, ...]] | None) -> bool:
        """A laugh or joke stands in the sentence of every alarm (`positions`; None: anywhere
        in the message): ask first rather than alarm at once."""
        if not self.softeners.patterns:
            return False
        laughing = {tokens[hit.start].sentence for hit in self.softeners.find(tokens)}
        if positions is None:
            return bool(laughing)
        return bool(laughing) and all(tokens[p[0]].sentence in laughing for p in positions)

    def _rules(self, tokens: tuple[Token, ...]) -> list[Hit]:
        """Every signal and frame that counts: not excluded, vetoed, negated, over, feared
        or mild."""
        masks = self._masks(tokens)
        every = masks.get(_EVERY_KIND, set())
        hits = self.signals.find(tokens, every)
        found = [*self._signals(tokens, hits, masks), *self._frames(tokens, hits, masks)]
        vetoed = self._vetoed(tokens)
        found = [f for f in found if (f[0], tokens[f[2][0]].sentence) not in vetoed]
        if not found:
            return []
        reading: Reading | None = None
        kept = []
        for kind, source, positions, now_only, review in found:
            if now_only or self.lowered_by[kind]:
                reading = reading or self.acuteness.read(tokens)
                if now_only and not reading.now(positions):
                    continue
                if reading.lowered(self.lowered_by[kind], positions):
                    continue
            kept.append((kind, source, positions, review))
        return kept

    def _net(self, tokens: tuple[Token, ...]) -> Signal | None:
        """What the safety net adds: not where a veto of its kind stands, not on words an
        exclusion of that kind takes away, and for the kinds
        with `lowered_by` only when nothing in the message says it is over or feared."""
        if self.net is None:
            return None
        masks = self._masks(tokens)
        every = masks.get(_EVERY_KIND, set())
        seen = self.net.kind(tokens, every)
        if seen is None:
            return None
        number = self.kind_ids.index(seen[0])
        if masks.get(number):
            # the exclusions of the kind it sees hold for the net too ("blauw van de
            # bosbessen" is no danger for medical): it looks again without those words
            seen = self.net.kind(tokens, every | masks[number])
            if seen is None:
                return None
        kind, confirm = seen
        number = self.kind_ids.index(kind)
        if any(k == number for k, _ in self._vetoed(tokens)):
            return None
        groups = self.lowered_by[number]
        if groups and self.acuteness.read(tokens).lowered(groups, range(len(tokens))):
            return None
        return Signal(kind, NET_SOURCE, confirm=confirm)

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
    ) -> list[Candidate]:
        """Every signal that counts."""
        found = []
        for hit in hits:
            if hit.pattern >= self._frame_parts_from:
                continue
            kind = self.signal_kinds[hit.pattern]
            if not masks.get(kind, set()).isdisjoint(hit.positions):
                continue
            if kind in self.negated_after and self._negation_follows(tokens, hit.end):
                continue
            source = self.signals.patterns[hit.pattern].source
            found.append(
                (
                    kind,
                    source,
                    hit.positions,
                    self.signal_now_only[hit.pattern],
                    self.signal_review[hit.pattern],
                )
            )
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
    ) -> list[Candidate]:
        """Every frame that counts."""
        every = masks.get(_EVERY_KIND, set())
        per_kind = {kind: every | positions for kind, positions in masks.items()}

        def masked(frame: int) -> Collection[int]:
            return per_kind.get(self.frame_kinds[frame], every)

        first = self._frame_parts_from
        parts = [Found(h.pattern - first, h.positions) for h in hits if h.pattern >= first]
        return [
            (
                self.frame_kinds[hit.frame],
                self.frames.sources[hit.frame],
                hit.positions,
                self.frame_now_only[hit.frame],
                self.frame_review[hit.frame],
            )
            for hit in self.frames.place(tokens, parts, masked)
        ]

    def _masks(self, tokens: tuple[Token, ...]) -> dict[int, set[int]]:
        """Token positions that exclusions take away from signals, per kind; an exclusion
        does not hold in a sentence where its exception stands."""
        masks: dict[int, set[int]] = {}
        found = self.exclusions.find(tokens)
        excepted: set[tuple[int, int]] | None = None
        for hit in found:
            exception = self.exclusion_exceptions[hit.pattern]
            if exception is not None:
                if excepted is None:
                    excepted = {
                        (e.pattern, tokens[e.start].sentence) for e in self.exceptions.find(tokens)
                    }
                if (exception, tokens[hit.start].sentence) in excepted:
                    continue
            kind = self.exclusion_kinds[hit.pattern]
            masks.setdefault(kind, set()).update(range(hit.start, hit.end + 1))
        return masks


def _compile_exclusions(
    sources: Sequence[str], lexicon: Lexicon, sets: Mapping[str, Sequence[str]]
) -> tuple[list[Pattern], list[Pattern], tuple[int | None, ...]]:
    """The patterns of the exclusions, the patterns of their exceptions, and per exclusion
    the number of its exception (None when it has none)."""
    patterns: list[Pattern] = []
    exceptions: list[Pattern] = []
    numbers: list[int | None] = []
    for source in sources:
        pattern, unless = exclusion_parts(source)
        patterns.append(compile_pattern(pattern, lexicon, sets))
        if unless is None:
            numbers.append(None)
        else:
            numbers.append(len(exceptions))
            exceptions.append(compile_pattern(unless, lexicon, sets))
    return patterns, exceptions, tuple(numbers)
