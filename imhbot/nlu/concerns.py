"""What a parent's message is about: the concerns of content/concerns.yaml, scored in 0..1.

Each word or phrase of a concern that occurs in the message adds its weight to that concern.
Phrases win over the single words inside them; symptom words and hints do not count when
negated ("huilt niet veel"); a positive judgement cancels a word ("eten gaat prima", "geen
problemen met eten"); neutral phrases hide the words inside them ("met iemand praten");
words before a contrast ("..., maar ...") count less; compounds count for their parts
("slaapproblemen", "huilbaby"). The sum per concern is squashed into 0..1 and the thresholds
of content/matching.yaml decide the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from imhbot.content.vocabulary import Concern, MatchingSettings
from imhbot.nlu.text import (
    Analyzer,
    Gaps,
    Lexicon,
    Pattern,
    PatternSet,
    Token,
    Typos,
    compile_pattern,
    fold_word,
)
from imhbot.nlu.types import MatchResult, ScoredConcern

OUT_OF_SCOPE = -1
NEUTRAL = -2
_LISTS = ("keywords", "symptoms", "synonyms", "hints", "phrases")
_NEGATABLE = frozenset({"symptoms", "hints"})
_LINKS = ("s", "e", "en")


@dataclass(frozen=True, slots=True)
class Term:
    concern: int
    weight: float
    negatable: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    """One content entry found in a message (for editors: why did the bot think this?)."""

    concern: str
    source: str
    weight: float


@dataclass(frozen=True, slots=True)
class _Evidence:
    term: int
    concern: int
    weight: float


@dataclass(frozen=True, slots=True)
class _Hit:
    term: int
    positions: tuple[int, ...]
    factor: float = 1.0

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1]


@dataclass(frozen=True)
class _Words:
    """The function words of matching.yaml, folded like message words."""

    negators: frozenset[str]
    contrast: frozenset[str]
    not_contrast_after: frozenset[str]
    not_contrast_before: frozenset[str]

    @classmethod
    def of(cls, settings: MatchingSettings) -> _Words:
        def folded(words: Sequence[str]) -> frozenset[str]:
            return frozenset(fold_word(w) for w in words)

        return cls(
            folded(settings.negators),
            folded(settings.contrast_words),
            folded(settings.not_contrast_after),
            folded(settings.not_contrast_before),
        )


class ConcernMatcher:
    def __init__(
        self,
        concern_ids: tuple[str, ...],
        settings: MatchingSettings,
        analyzer: Analyzer,
        terms: tuple[Term, ...],
        index: PatternSet,
        positives: PatternSet,
        positives_before: PatternSet,
    ) -> None:
        self.concern_ids = concern_ids
        self.settings = settings
        self.analyzer = analyzer
        self.terms = terms
        self.index = index
        self.positives = positives
        self.positives_before = positives_before
        self.words = _Words.of(settings)
        self._parts = _compound_parts(index, analyzer.lexicon, settings.compound_min_part)
        self.split: Callable[[str], tuple[tuple[int, float], ...]] = lru_cache(maxsize=1 << 16)(
            self._split_compound
        )

    @classmethod
    def build(cls, concerns: Sequence[Concern], settings: MatchingSettings) -> ConcernMatcher:
        lexicon = Lexicon()
        lexicon.warm_up()
        analyzer = Analyzer(lexicon, settings.spelling, settings.clause_words)
        sets = {name: tuple(words) for name, words in settings.sets.items()}
        patterns: list[Pattern] = []
        terms: list[Term] = []
        for number, concern in enumerate(concerns):
            for kind in _LISTS:
                weight = getattr(settings.weights, kind)
                for source in getattr(concern, kind):
                    patterns.append(compile_pattern(source, lexicon, sets))
                    terms.append(Term(number, weight, kind in _NEGATABLE))
        for source in settings.out_of_scope:
            patterns.append(compile_pattern(source, lexicon, sets))
            terms.append(Term(OUT_OF_SCOPE, settings.out_of_scope_penalty, False))
        for source in settings.neutral:
            patterns.append(compile_pattern(source, lexicon, sets))
            terms.append(Term(NEUTRAL, 0.0, False))
        typos = Typos(settings.typo_min_length, settings.typo_two_edits_from)
        gaps = Gaps(settings.phrase_gap, settings.wide_gap)
        index = PatternSet(tuple(patterns), lexicon, gaps, blockers=settings.negators, typos=typos)

        def judgements(sources: Sequence[str]) -> PatternSet:
            return PatternSet(
                tuple(compile_pattern(p, lexicon, sets) for p in sources), lexicon, gaps
            )

        return cls(
            tuple(c.id for c in concerns),
            settings,
            analyzer,
            tuple(terms),
            index,
            judgements(settings.positives),
            judgements(settings.positives_before),
        )

    def match(self, text: str) -> MatchResult:
        settings = self.settings
        ranked = sorted(
            (-total, -strongest, number)
            for number, (total, strongest) in enumerate(self._totals(text))
            if total > 0
        )
        scored = tuple(
            ScoredConcern(self.concern_ids[number], self._squash(-negated_total))
            for negated_total, _, number in ranked
        )
        listed = tuple(c for c in scored if c.score >= settings.listed)
        best = listed[0].score if listed else 0.0
        second = listed[1].score if len(listed) > 1 else 0.0
        if best < settings.minimum:
            return MatchResult(text=text, outcome="unclear", crisis=None, concerns=listed)
        confident = best >= settings.confident and best - second >= settings.margin
        return MatchResult(
            text=text, outcome="concern", crisis=None, concerns=listed, confident=confident
        )

    def _squash(self, total: float) -> float:
        return 1.0 - math.exp(-total / self.settings.saturation)

    def raw_scores(self, text: str) -> list[float]:
        """The weight found for each concern (before squashing), out-of-scope subtracted."""
        return [total for total, _ in self._totals(text)]

    def explain(self, text: str) -> list[Evidence]:
        """Every content entry that counted, with its weight in this message."""
        return [
            Evidence(
                "out_of_scope" if e.concern == OUT_OF_SCOPE else self.concern_ids[e.concern],
                self.index.patterns[e.term].source,
                e.weight,
            )
            for e in self._evidence(text)
        ]

    def _totals(self, text: str) -> list[tuple[float, float]]:
        """Per concern: the summed weight, out-of-scope subtracted, and the strongest single
        weight (on equal sums, one strong word beats several weak ones)."""
        totals = [0.0] * len(self.concern_ids)
        strongest = [0.0] * len(self.concern_ids)
        penalty = 0.0
        for evidence in self._evidence(text):
            if evidence.concern == OUT_OF_SCOPE:
                penalty += evidence.weight
            else:
                totals[evidence.concern] += evidence.weight
                strongest[evidence.concern] = max(strongest[evidence.concern], evidence.weight)
        return [(max(0.0, t - penalty), s) for t, s in zip(totals, strongest, strict=True)]

    def _evidence(self, text: str) -> list[_Evidence]:
        """Each term counts once, and each word once per concern: "slaap" in a message
        matches both "slapen" and "slaap" in content but counts one time."""
        message = _Message(self.analyzer.tokens(text), self)
        weighed = []
        for hit in message.hits():
            weight = self.terms[hit.term].weight * hit.factor * message.context(hit)
            if weight > 0:
                weighed.append((weight, hit))
        weighed.sort(key=lambda item: (-item[0], item[1].term))
        counted: set[int] = set()
        used: set[tuple[int, int]] = set()
        evidence = []
        for weight, hit in weighed:
            concern = self.terms[hit.term].concern
            spots = {(concern, p) for p in hit.positions}
            if hit.term in counted or not spots.isdisjoint(used):
                continue
            counted.add(hit.term)
            used.update(spots)
            evidence.append(_Evidence(hit.term, concern, weight))
        return evidence

    def _split_compound(self, word: str) -> tuple[tuple[int, float], ...]:
        """Terms a compound word is made of. The word is cut where its first part is as long
        as possible and both parts are words ("gemeente|huis", not "gemeen|tehuis"); the
        first part counts fully ("slaap|problemen"), the last part (the head) a bit less
        ("taal|achterstand" is mostly about taal)."""
        least = self.settings.compound_min_part
        for cut in range(len(word) - 3, least - 1, -1):
            head, tail = word[:cut], word[cut:]
            first = self._part(head)
            if first is not None and self._is_word(tail):
                tail_terms = self._parts.get(tail, ())
                return tuple((t, 1.0) for t in first) + tuple(
                    (t, self.settings.compound_head) for t in tail_terms
                )
        return ()

    def _is_word(self, text: str) -> bool:
        return text in self._parts or self.analyzer.lexicon.known(text)

    def _part(self, head: str) -> tuple[int, ...] | None:
        """The terms of a compound's first part, () when it is a word but no term, and None
        when it is no word at all (a linking s or e may end it: "borstvoeding|s|problemen")."""
        forms = (head, *(head.removesuffix(link) for link in _LINKS if head.endswith(link)))
        for form in forms:
            if len(form) < self.settings.compound_min_part:
                continue
            if form in self._parts:
                return self._parts[form]
            if self.analyzer.lexicon.known(form):
                return ()
        return None


def _compound_parts(index: PatternSet, lexicon: Lexicon, least: int) -> dict[str, tuple[int, ...]]:
    """Word forms of the one-word terms, for finding them inside compounds."""
    parts: dict[str, list[int]] = {}
    for number, pattern in enumerate(index.patterns):
        if len(pattern.elements) != 1:
            continue
        element = pattern.elements[0]
        forms = set(element.prefixes)
        for word in element.words:
            forms.update({word, lexicon.lemma(word), lexicon.stem(word)})
        for form in forms:
            if len(form) >= least and form.isalpha():
                parts.setdefault(form, []).append(number)
    return {form: tuple(numbers) for form, numbers in parts.items()}


class _Message:
    """One message being scored: its tokens, what was found in them, and the context of
    each position (negations, positive judgements, contrasts), all found in linear time."""

    def __init__(self, tokens: tuple[Token, ...], matcher: ConcernMatcher) -> None:
        self.tokens = tokens
        self.matcher = matcher
        self.settings = matcher.settings
        words = matcher.words
        self.found = matcher.index.find(tokens)
        self.covered: dict[int, set[int]] = {}
        for f in self.found:
            concern = matcher.terms[f.pattern].concern
            if len(f.positions) > 1 or concern == NEUTRAL:
                for position in f.positions:
                    self.covered.setdefault(position, set()).add(concern)
        self.negators = {
            p
            for p, t in enumerate(tokens)
            if t.word.text in words.negators and p not in self.covered
        }
        self.fine = {
            f.start for f in matcher.positives.find(tokens) if not self._negated_at(f.start)
        }
        self.fine_before = {f.end for f in matcher.positives_before.find(tokens)}
        self.before_contrast = self._contrasted()

    def hits(self) -> Iterator[_Hit]:
        """Phrases win over the single words inside them that point to another concern."""
        terms = self.matcher.terms
        for f in self.found:
            others = self.covered.get(f.start, set()) - {terms[f.pattern].concern}
            if len(f.positions) > 1 or not others:
                yield _Hit(f.pattern, f.positions)
        matched = {p for f in self.found for p in f.positions}
        for position, token in enumerate(self.tokens):
            if position not in matched and not token.word.text.isdigit():
                for term, factor in self.matcher.split(token.word.text):
                    yield _Hit(term, (position,), factor)

    def context(self, hit: _Hit) -> float:
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

    def _negated(self, hit: _Hit) -> bool:
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

    def _judged_fine(self, hit: _Hit) -> bool:
        settings = self.settings
        return self._near(self.fine, hit.end, range(1, settings.positive_after + 1)) or (
            self._near(self.fine_before, hit.start, range(-settings.positive_before, 0))
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
        return result

    def _is_contrast(self, position: int) -> bool:
        tokens, words = self.tokens, self.matcher.words
        if position > 0 and tokens[position - 1].word.text in words.not_contrast_after:
            return False
        following = tokens[position + 1].word.text if position + 1 < len(tokens) else ""
        return following not in words.not_contrast_before
