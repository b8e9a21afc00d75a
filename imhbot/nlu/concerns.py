"""What a parent's message is about: the concerns of content/concerns.yaml, scored in 0..1.

Each word or phrase of a concern that occurs in the message adds its weight to that concern.
Phrases win over the single words inside them; symptom words and hints do not count when
negated ("huilt niet veel"); a positive judgement cancels a word ("eten gaat prima", "geen
problemen met eten"); neutral phrases hide the words inside them ("met iemand praten");
words before a contrast ("..., maar ...") count less; compounds count for their parts
("slaapproblemen", "huilbaby"). Words that say how someone is (crying, sleeping, feelings)
count for the concern of the person the sentence is about (`persons`: "ik huil" is about the
parent). A small statistical model of the example messages in content adds a little to each
concern (`bayes`), for wordings the lists do not have. The sum per concern is squashed into
0..1 and the thresholds of content/matching.yaml decide the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from imhbot.content.vocabulary import Concern, MatchingSettings
from imhbot.nlu.analysis import Analyzer, Lexicon, Token
from imhbot.nlu.bayes import Features, MessageModel, build_model
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Found, Gaps, PatternSet, Typos
from imhbot.nlu.patterns import Pattern, compile_pattern
from imhbot.nlu.persons import StateGroup, Subjects
from imhbot.nlu.types import MatchResult, ScoredConcern

OUT_OF_SCOPE = -1
NEUTRAL = -2
STATISTICS_TERM = -1
STATISTICS_SOURCE = "voorbeeldberichten (statistiek)"
_LISTS = ("keywords", "symptoms", "synonyms", "hints", "phrases")
_NEGATABLE = frozenset({"symptoms", "hints"})
_LINKS = ("s", "e", "en")
_JOINING = frozenset({"en", "of"})


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


@dataclass(frozen=True, slots=True)
class _Totals:
    combined: list[float]
    strongest: list[float]
    lexical: list[float]


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


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each kind of pattern sits in the one pattern set of the matcher: the terms of
    the concerns (with out_of_scope and neutral) first, then the positive judgements, then
    those that come before a word, then the people and state words of `Subjects`."""

    terms: int
    positives: int
    positives_before: int

    def role(self, pattern: int) -> int:
        if pattern < self.terms:
            return _TERM
        if pattern < self.positives:
            return _POSITIVE
        if pattern < self.positives_before:
            return _POSITIVE_BEFORE
        return _SUBJECT


_TERM, _POSITIVE, _POSITIVE_BEFORE, _SUBJECT = range(4)


class ConcernMatcher:
    def __init__(
        self,
        concern_ids: tuple[str, ...],
        settings: MatchingSettings,
        analyzer: Analyzer,
        terms: tuple[Term, ...],
        index: PatternSet,
        layout: _Layout,
        subjects: Subjects,
    ) -> None:
        self.concern_ids = concern_ids
        self.settings = settings
        self.analyzer = analyzer
        self.terms = terms
        self.index = index
        self.layout = layout
        self.subjects = subjects
        self.words = _Words.of(settings)
        self.features = Features(analyzer.lexicon, index, settings.statistics.ignore)
        self.model: MessageModel | None = None
        self._parts, self._whole_words = _compound_parts(
            index.patterns[: len(terms)], analyzer.lexicon, settings.compound_min_part
        )
        self.split: Callable[[str, bool], tuple[tuple[int, float], ...]] = lru_cache(
            maxsize=1 << 16
        )(self._split_compound)

    @classmethod
    def build(
        cls,
        concerns: Sequence[Concern],
        settings: MatchingSettings,
        lexicon: Lexicon | None = None,
    ) -> ConcernMatcher:
        """`lexicon`: shared with the crisis detector, so every word is looked up once."""
        lexicon = lexicon or Lexicon()
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
                    terms.append(Term(number, weight, kind in _NEGATABLE, kind != "hints"))
        for source in settings.out_of_scope:
            patterns.append(compile_pattern(source, lexicon, sets))
            terms.append(Term(OUT_OF_SCOPE, settings.out_of_scope_penalty, False))
        for source in settings.neutral:
            patterns.append(compile_pattern(source, lexicon, sets))
            terms.append(Term(NEUTRAL, 0.0, False))
        ids = tuple(c.id for c in concerns)
        subjects = _subjects(settings, ids, lexicon, sets)
        patterns.extend(compile_pattern(p, lexicon, sets) for p in settings.positives)
        positives = len(patterns)
        patterns.extend(compile_pattern(p, lexicon, sets) for p in settings.positives_before)
        layout = _Layout(len(terms), positives, len(patterns))
        patterns.extend(subjects.patterns)
        index = PatternSet(
            tuple(patterns),
            lexicon,
            Gaps(settings.phrase_gap, settings.wide_gap),
            blockers=settings.negators,
            typos=Typos(settings.typo_min_length, settings.typo_two_edits_from),
            within_stretch=True,
        )
        matcher = cls(ids, settings, analyzer, tuple(terms), index, layout, subjects)
        matcher.model = matcher._learn(concerns)
        return matcher

    def _learn(self, concerns: Sequence[Concern]) -> MessageModel | None:
        """The statistical model of the example messages in content."""
        labelled = [(n, m) for n, c in enumerate(concerns) for m in c.messages]
        labelled.extend((len(concerns), m) for m in self.settings.unclear_messages)

        def learned(text: str) -> frozenset[str]:
            message = _Message(self.analyzer.tokens(text), self)
            persons = {p: state.person for p, state in message.states.items()}
            return self.features.of(message.tokens, persons)

        smoothing = self.settings.statistics.smoothing
        return build_model(labelled, len(concerns) + 1, learned, smoothing)

    def match(self, text: str) -> MatchResult:
        settings = self.settings
        totals = self._totals(text)
        ranked = sorted(
            (-total, -strongest, number)
            for number, (total, strongest) in enumerate(
                zip(totals.combined, totals.strongest, strict=True)
            )
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
        confident = (
            best >= settings.confident
            and best - second >= settings.margin
            and self._clear(totals.lexical)
        )
        return MatchResult(
            text=text, outcome="concern", crisis=None, concerns=listed, confident=confident
        )

    def _squash(self, total: float) -> float:
        return 1.0 - math.exp(-total / self.settings.saturation)

    def _clear(self, lexical: list[float]) -> bool:
        """The word lists alone also point to one concern (two worries stay two, however
        sure the statistics are)."""
        first, second = sorted((self._squash(t) for t in lexical), reverse=True)[:2]
        return first - second >= self.settings.margin

    def raw_scores(self, text: str) -> list[float]:
        """The weight found for each concern (before squashing), out-of-scope subtracted."""
        return self._totals(text).combined

    def explain(self, text: str) -> list[Evidence]:
        """Every content entry that counted, with its weight in this message."""
        return [
            Evidence(
                "out_of_scope" if e.concern == OUT_OF_SCOPE else self.concern_ids[e.concern],
                STATISTICS_SOURCE
                if e.term == STATISTICS_TERM
                else self.index.patterns[e.term].source,
                e.weight,
            )
            for e in self._all_evidence(self.analyzer.tokens(text))
        ]

    def _totals(self, text: str) -> _Totals:
        """Per concern: the summed weight, out-of-scope subtracted, the strongest single
        weight (on equal sums, one strong word beats several weak ones), and the sum of the
        word lists alone."""
        totals = [0.0] * len(self.concern_ids)
        lexical = [0.0] * len(self.concern_ids)
        strongest = [0.0] * len(self.concern_ids)
        penalty = 0.0
        for evidence in self._all_evidence(self.analyzer.tokens(text)):
            if evidence.concern == OUT_OF_SCOPE:
                penalty += evidence.weight
                continue
            totals[evidence.concern] += evidence.weight
            strongest[evidence.concern] = max(strongest[evidence.concern], evidence.weight)
            if evidence.term != STATISTICS_TERM:
                lexical[evidence.concern] += evidence.weight
        return _Totals(
            [max(0.0, t - penalty) for t in totals],
            strongest,
            [max(0.0, t - penalty) for t in lexical],
        )

    def _all_evidence(self, tokens: tuple[Token, ...]) -> list[_Evidence]:
        message = _Message(tokens, self)
        lexical = self._evidence(message)
        if any(e.concern == OUT_OF_SCOPE for e in lexical):
            return lexical
        found = any(e.concern >= 0 for e in lexical)
        return [*lexical, *self._statistics(message, found)]

    def _statistics(self, message: _Message, found: bool) -> list[_Evidence]:
        """What the example messages add: `weight` times each concern's chance. Without any
        listed word in the message, only a clear and well-founded best guess counts; with a
        word from out_of_scope (checked by the caller), the statistics stay out."""
        if self.model is None:
            return []
        persons = {p: state.person for p, state in message.states.items()}
        settings = self.settings.statistics
        features = self.features.of(
            message.tokens, persons, message.judged_fine(), message.negated_words()
        )
        posterior = self.model.posterior(features, settings.temperature)
        if posterior is None:
            return []
        chances = posterior.chances[: len(self.concern_ids)]
        if not found:
            best = max(chances)
            if best < settings.alone_chance or posterior.known < settings.alone_words:
                return []
            chances = tuple(c if c == best else 0.0 for c in chances)
        return [
            _Evidence(STATISTICS_TERM, number, settings.weight * chance)
            for number, chance in enumerate(chances)
            if chance >= settings.floor and chance > 0
        ]

    def _evidence(self, message: _Message) -> list[_Evidence]:
        """Each term counts once, and each word once per concern: "slaap" in a message
        matches both "slapen" and "slaap" in content but counts one time."""
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
            evidence.extend(self._moved(message, hit, concern, weight, used))
        return evidence

    def _moved(
        self, message: _Message, hit: _Hit, concern: int, weight: float, used: set[tuple[int, int]]
    ) -> list[_Evidence]:
        """A state word counts (for `share` of its weight) for the concern of the person the
        sentence is about: "ik huil" for ouder_welzijn, "ze is verdrietig" for gedrag; so does
        a phrase with a state word in it ("ik lig elke nacht wakker"), unless its state words
        are about different people ("hij wordt kwaad .. ik ben bang"). When that concern
        already counted the word, the moved part is dropped."""
        states = [s for p in hit.positions if (s := message.states.get(p)) is not None]
        moves = {(concern, 1.0) if s.target is None else (s.target, s.share) for s in states}
        if concern < 0 or len(moves) != 1:
            return [_Evidence(hit.term, concern, weight)]
        target, share = moves.pop()
        if target == concern:
            return [_Evidence(hit.term, concern, weight)]
        kept = [_Evidence(hit.term, concern, weight * (1 - share))] if share < 1 else []
        spots = {(target, p) for p in hit.positions}
        if not spots.isdisjoint(used):
            return kept
        used.update(spots)
        return [*kept, _Evidence(hit.term, target, weight * share)]

    def _split_compound(self, word: str, known: bool) -> tuple[tuple[int, float], ...]:
        """Terms a compound word is made of. The word is cut where its first part is as long
        as possible and both parts are words ("gemeente|huis", not "gemeen|tehuis"); the
        first part counts fully ("slaap|problemen"), the last part (the head) a bit less
        ("taal|achterstand" is mostly about taal). A word the dictionary knows is only cut
        before a whole word of content ("stofwisselings|ziekte", not "onder|scheid")."""
        least = self.settings.compound_min_part
        for cut in range(len(word) - 3, least - 1, -1):
            head, tail = word[:cut], word[cut:]
            if known and tail not in self._whole_words:
                continue
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


def _subjects(
    settings: MatchingSettings,
    ids: tuple[str, ...],
    lexicon: Lexicon,
    sets: dict[str, tuple[str, ...]],
) -> Subjects:
    persons = settings.persons
    groups = [
        StateGroup(
            group.words,
            {
                person: ids.index(target)
                for person, target in (
                    ("ouder", group.ouder),
                    ("partner", group.partner),
                    ("kind", group.kind),
                )
                if target is not None and target in ids
            },
            persons.share if group.share is None else group.share,
        )
        for group in persons.states
    ]
    named = {
        "ouder": persons.ouder,
        "partner": persons.partner,
        "kind": persons.kind,
        "ander": persons.ander,
    }
    return Subjects(named, persons.pronouns, groups, persons.not_after, lexicon, sets)


def _compound_parts(
    patterns: Sequence[Pattern], lexicon: Lexicon, least: int
) -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """Word forms of the one-word terms, for finding them inside compounds, and which of
    those forms are whole words (the word or its lemma, not only its stem)."""
    parts: dict[str, list[int]] = {}
    whole: set[str] = set()
    for number, pattern in enumerate(patterns):
        if len(pattern.elements) != 1:
            continue
        element = pattern.elements[0]
        forms = set(element.prefixes)
        for word in element.words:
            forms.update({word, lexicon.lemma(word), lexicon.stem(word)})
            whole.update({word, lexicon.lemma(word)})
        for form in forms:
            if len(form) >= least and form.isalpha():
                parts.setdefault(form, []).append(number)
    return {form: tuple(numbers) for form, numbers in parts.items()}, frozenset(whole)


class _Message:
    """One message being scored: its tokens, what was found in them, and the context of
    each position (negations, positive judgements, contrasts), all found in linear time."""

    def __init__(self, tokens: tuple[Token, ...], matcher: ConcernMatcher) -> None:
        self.tokens = tokens
        self.matcher = matcher
        self.settings = matcher.settings
        words = matcher.words
        by_role: list[list[Found]] = [[], [], [], []]
        layout = matcher.layout
        for f in matcher.index.find(tokens):
            by_role[layout.role(f.pattern)].append(f)
        self.found = by_role[_TERM]
        self.covered: dict[int, set[int]] = {}
        for f in self.found:
            term = matcher.terms[f.pattern]
            concern = term.concern
            if (len(f.positions) > 1 and term.covers) or concern == NEUTRAL:
                for position in f.positions:
                    self.covered.setdefault(position, set()).add(concern)
        self.negators = {
            p
            for p, t in enumerate(tokens)
            if t.word.text in words.negators and p not in self.covered
        }
        self.fine = {f.start for f in by_role[_POSITIVE] if not self._negated_at(f.start)}
        self.fine_before = {f.end for f in by_role[_POSITIVE_BEFORE]}
        self.before_contrast = self._contrasted()
        first = layout.positives_before
        neutral = {p for p, concerns in self.covered.items() if NEUTRAL in concerns}
        self.states = matcher.subjects.states(
            tokens,
            [
                Found(f.pattern - first, f.positions)
                for f in by_role[_SUBJECT]
                if f.start not in neutral
            ],
        )

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
                for term, factor in self.matcher.split(token.word.text, token.word.known):
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
        return (
            self._near(self.fine, hit.end, range(1, settings.positive_after + 1))
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
        return result

    def _is_contrast(self, position: int) -> bool:
        tokens, words = self.tokens, self.matcher.words
        if position > 0 and tokens[position - 1].word.text in words.not_contrast_after:
            return False
        following = tokens[position + 1].word.text if position + 1 < len(tokens) else ""
        return following not in words.not_contrast_before
