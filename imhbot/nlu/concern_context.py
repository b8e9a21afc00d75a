"""The context of each word of one message for the concern matcher: what was found there,
negations, positive judgements, contrasts and the person a sentence is about, all found in
linear time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from imhbot.content.vocabulary import MatchingSettings
from imhbot.nlu.analysis import Token
from imhbot.nlu.compounds import Compounds
from imhbot.nlu.evidence import NEUTRAL, OUT_OF_SCOPE, Hit, Term
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Found, PatternSet
from imhbot.nlu.persons import Subjects

_JOINING = frozenset({"en", "of"})


@dataclass(frozen=True)
class FunctionWords:
    """The function words of matching.yaml, folded like message words."""

    negators: frozenset[str]
    contrast: frozenset[str]
    not_contrast_after: frozenset[str]
    not_contrast_before: frozenset[str]
    prohibition: frozenset[str]

    @classmethod
    def of(cls, settings: MatchingSettings) -> FunctionWords:
        def folded(words: Sequence[str]) -> frozenset[str]:
            return frozenset(fold_word(w) for w in words)

        return cls(
            folded(settings.negators),
            folded(settings.contrast_words),
            folded(settings.not_contrast_after),
            folded(settings.not_contrast_before),
            folded(settings.prohibition),
        )


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each kind of pattern sits in the one pattern set of the matcher: the terms of
    the concerns (with out_of_scope and neutral) first, then the positive judgements, then
    those that come before a word, then a professional's frame, then the people and state
    words of `Subjects`."""

    terms: int
    positives: int
    positives_before: int
    frames: int

    def role(self, pattern: int) -> int:
        if pattern < self.terms:
            return TERM
        if pattern < self.positives:
            return POSITIVE
        if pattern < self.positives_before:
            return POSITIVE_BEFORE
        if pattern < self.frames:
            return FRAME
        return SUBJECT


TERM, POSITIVE, POSITIVE_BEFORE, FRAME, SUBJECT = range(5)


class Matcher(Protocol):
    """What a message context needs of the concern matcher (`imhbot.nlu.concerns`)."""

    @property
    def settings(self) -> MatchingSettings: ...
    @property
    def words(self) -> FunctionWords: ...
    @property
    def terms(self) -> tuple[Term, ...]: ...
    @property
    def index(self) -> PatternSet: ...
    @property
    def layout(self) -> Layout: ...
    @property
    def subjects(self) -> Subjects: ...
    @property
    def compounds(self) -> Compounds: ...


class MessageContext:
    """One message being scored: its tokens, what was found in them, and the context of
    each position (negations, positive judgements, contrasts), all found in linear time."""

    def __init__(self, tokens: tuple[Token, ...], matcher: Matcher) -> None:
        self.tokens = tokens
        self.matcher = matcher
        self.settings = matcher.settings
        words = matcher.words
        by_role: list[list[Found]] = [[], [], [], [], []]
        layout = matcher.layout
        for f in matcher.index.find(tokens):
            by_role[layout.role(f.pattern)].append(f)
        self.found = by_role[TERM]
        self.covered: dict[int, set[int]] = {}
        for f in self.found:
            term = matcher.terms[f.pattern]
            concern = term.concern
            if (len(f.positions) > 1 and term.covers) or concern == NEUTRAL:
                for position in f.positions:
                    self.covered.setdefault(position, set()).add(concern)
        self.neutral_spans = [
            set(f.positions) for f in self.found if matcher.terms[f.pattern].concern == NEUTRAL
        ]
        self.negators = {
            p
            for p, t in enumerate(tokens)
            if t.word.text in words.negators and p not in self.covered and not self._prohibits(p)
        }
        self.fine = {f.start for f in by_role[POSITIVE] if not self._negated_at(f.start)}
        self.fine_before = {f.end for f in by_role[POSITIVE_BEFORE]}
        self.contrasts: set[int] = set()
        self.before_contrast = self._contrasted()
        self.frame = {p for f in by_role[FRAME] for p in f.positions}
        first = layout.frames
        neutral = {p for p, concerns in self.covered.items() if NEUTRAL in concerns}
        self.states = matcher.subjects.states(
            tokens,
            [
                Found(f.pattern - first, f.positions)
                for f in by_role[SUBJECT]
                if f.start not in neutral
            ],
        )

    def _prohibits(self, position: int) -> bool:
        """ "ze mag niet bijten", "dat hij niet mag slaan": a negation next to a word of
        rule (mag, moet) says what is not allowed, and the biting is there all the same."""
        tokens, rules = self.tokens, self.matcher.words.prohibition
        clause = tokens[position].clause
        return any(
            0 <= p < len(tokens) and tokens[p].clause == clause and tokens[p].word.text in rules
            for p in (position - 1, position + 1)
        )

    def hits(self) -> Iterator[Hit]:
        """Phrases win over the single words inside them that point to another concern (these
        keep the part `covered` of their weight, so that a second worry stays in sight); a
        phrase never reaches over a contrast ("hij eet goed maar slaapt slecht" has no
        "eet .. slecht"), nor counts inside a neutral phrase."""
        terms = self.matcher.terms
        for f in self.found:
            others = self.covered.get(f.start, set()) - {terms[f.pattern].concern}
            if self._over_contrast(f.start, f.end) or self._neutral(f.positions):
                continue
            if len(f.positions) > 1 or not others:
                yield Hit(f.pattern, f.positions)
            elif self.settings.covered > 0 and NEUTRAL not in others:
                yield Hit(f.pattern, f.positions, self.settings.covered)
        matched = {p for f in self.found for p in f.positions}
        for position, token in enumerate(self.tokens):
            if position not in matched and not token.word.text.isdigit():
                for term, factor in self.matcher.compounds.split(token.word.text, token.word.known):
                    yield Hit(term, (position,), factor)

    def context(self, hit: Hit) -> float:
        """1 as is; less before a contrast; 0 when negated or judged fine."""
        term = self.matcher.terms[hit.term]
        if term.concern == NEUTRAL:
            return 0.0
        if term.concern == OUT_OF_SCOPE:
            return 1.0
        if term.negatable and self._negated(hit):
            return 0.0
        if self._judged_fine(hit):
            return 0.0
        if hit.end in self.before_contrast:
            return self.settings.before_contrast
        return 1.0

    def _near(self, positions: set[int], anchor: int, offsets: range) -> bool:
        clause = self.tokens[anchor].clause
        for offset in offsets:
            p = anchor + offset
            if p in positions and 0 <= p < len(self.tokens) and self.tokens[p].clause == clause:
                return True
        return False

    def _negated(self, hit: Hit) -> bool:
        settings = self.settings
        return self._near(self.negators, hit.start, range(-settings.negation_before, 0)) or (
            self._near(self.negators, hit.end, range(1, settings.negation_after + 1))
        )

    def _negated_at(self, start: int) -> bool:
        """A positive judgement with a negation just before it ("niet goed") is none."""
        negators = self.matcher.words.negators
        clause = self.tokens[start].clause
        return any(
            self.tokens[p].clause == clause and self.tokens[p].word.text in negators
            for p in range(max(0, start - 2), start)
        )

    def _neutral(self, positions: tuple[int, ...]) -> bool:
        """All words inside a longer neutral phrase: "ik zie het niet meer zitten" has no
        "niet .. zitten" (a phrase as long as the neutral one still counts)."""
        words = set(positions)
        return any(words < span for span in self.neutral_spans)

    def _over_contrast(self, start: int, end: int) -> bool:
        return any(start < p < end for p in self.contrasts)

    def _judged_fine(self, hit: Hit) -> bool:
        """A positive judgement just after the words, or inside a phrase ("slaapt prima
        door"), or just before ("geen problemen met eten")."""
        settings = self.settings
        inside = range(1, hit.end - hit.start)
        return (
            self._near(self.fine, hit.end, range(1, settings.positive_after + 1))
            or (len(hit.positions) > 1 and self._near(self.fine, hit.start, inside))
            or self._near(self.fine_before, hit.start, range(-settings.positive_before, 0))
            or self._fine_together(hit.end)
        )

    def judged_fine(self) -> set[int]:
        """Every word a positive judgement applies to ("eet en slaapt goed")."""
        settings, tokens = self.settings, self.tokens
        judged: set[int] = set()
        for fine in self.fine:
            for p in range(max(0, fine - settings.positive_after), fine):
                if tokens[p].clause == tokens[fine].clause:
                    judged.add(p)
            if fine >= 3 and self._fine_together(fine - 3):
                judged.add(fine - 3)
        for fine in self.fine_before:
            for p in range(fine + 1, min(len(tokens), fine + settings.positive_before + 1)):
                if tokens[p].clause == tokens[fine].clause:
                    judged.add(p)
        return judged

    def negated_words(self) -> set[int]:
        """Every word with a negation just before it in its clause."""
        before = range(-self.settings.negation_before, 0)
        return {p for p in range(len(self.tokens)) if self._near(self.negators, p, before)}

    def _fine_together(self, end: int) -> bool:
        """ "hij eet en slaapt goed": one judgement for two words joined by "en" or "of"."""
        tokens = self.tokens
        judged = end + 3
        return (
            judged in self.fine
            and tokens[end + 1].word.text in _JOINING
            and tokens[judged].stretch == tokens[end].stretch
        )

    def _contrasted(self) -> set[int]:
        """Positions followed later in their sentence by a contrast ("..., maar ...")."""
        words, tokens = self.matcher.words, self.tokens
        result: set[int] = set()
        seen_in: int | None = None
        for position in range(len(tokens) - 1, -1, -1):
            sentence = tokens[position].sentence
            if seen_in == sentence:
                result.add(position)
            if tokens[position].word.text in words.contrast and self._is_contrast(position):
                seen_in = sentence
                self.contrasts.add(position)
        return result

    def _is_contrast(self, position: int) -> bool:
        tokens, words = self.tokens, self.matcher.words
        if position > 0 and tokens[position - 1].word.text in words.not_contrast_after:
            return False
        following = tokens[position + 1].word.text if position + 1 < len(tokens) else ""
        return following not in words.not_contrast_before
