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
from collections.abc import Sequence
from dataclasses import dataclass

from imhbot.content.vocabulary import Concern, MatchingSettings
from imhbot.nlu.analysis import Analyzer, Lexicon, Token
from imhbot.nlu.bayes import Features, MessageModel, build_model
from imhbot.nlu.compounds import Compounds
from imhbot.nlu.concern_context import FunctionWords, Layout, MessageContext
from imhbot.nlu.evidence import (
    NEUTRAL,
    OUT_OF_SCOPE,
    STATISTICS_SOURCE,
    STATISTICS_TERM,
    Evidence,
    Hit,
    Term,
    Weighed,
)
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Gaps, PatternSet, Typos
from imhbot.nlu.patterns import Pattern, compile_pattern
from imhbot.nlu.persons import Genders, StateGroup, Subjects
from imhbot.nlu.types import MatchResult, ScoredConcern

_LISTS = ("keywords", "symptoms", "synonyms", "hints", "phrases")
_NEGATABLE = frozenset({"symptoms", "hints"})


@dataclass(frozen=True, slots=True)
class _Totals:
    combined: list[float]
    strongest: list[float]
    lexical: list[float]


class ConcernMatcher:
    def __init__(
        self,
        concern_ids: tuple[str, ...],
        settings: MatchingSettings,
        analyzer: Analyzer,
        terms: tuple[Term, ...],
        index: PatternSet,
        layout: Layout,
        subjects: Subjects,
    ) -> None:
        self.concern_ids = concern_ids
        self.settings = settings
        self.analyzer = analyzer
        self.terms = terms
        self.index = index
        self.layout = layout
        self.subjects = subjects
        self.words = FunctionWords.of(settings)
        framed = settings.professional.concern
        self.framed = concern_ids.index(framed) if framed in concern_ids else None
        self.features = Features(analyzer.lexicon, index, settings.statistics.ignore)
        self.model: MessageModel | None = None
        self.compounds = Compounds(
            index.patterns[: len(terms)],
            analyzer.lexicon,
            settings.compound_min_part,
            settings.compound_head,
        )

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
        before = len(patterns)
        patterns.extend(compile_pattern(p, lexicon, sets) for p in settings.professional.frame)
        layout = Layout(len(terms), positives, before, len(patterns))
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
            message = MessageContext(self.analyzer.tokens(text), self)
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
        everything = self._all_evidence(self.analyzer.tokens(text))
        first = self._first_named(everything)
        for evidence in everything:
            if evidence.concern == OUT_OF_SCOPE:
                penalty += evidence.weight
                continue
            totals[evidence.concern] += evidence.weight
            strongest[evidence.concern] = max(strongest[evidence.concern], evidence.weight)
            if evidence.term != STATISTICS_TERM:
                lexical[evidence.concern] += evidence.weight
        if first is not None:
            totals[first] += self.settings.first_named * lexical[first]
        return _Totals(
            [max(0.0, t - penalty) for t in totals],
            strongest,
            [max(0.0, t - penalty) for t in lexical],
        )

    def _first_named(self, evidence: list[Weighed]) -> int | None:
        """The concern named first in the message, by a word that is more than a hint: a
        parent with two worries usually starts with the one that weighs most ("hij eet
        slecht en slaapt ook slecht"). None when nothing else points to another concern."""
        strong = self.settings.weights.synonyms * self.settings.before_contrast
        named = [
            (e.start, e.concern)
            for e in evidence
            if e.concern >= 0 and e.start >= 0 and e.weight >= strong
        ]
        if not named:
            return None
        first = min(named)[1]
        others = any(e.concern >= 0 and e.concern != first for e in evidence)
        return first if others else None

    def _all_evidence(self, tokens: tuple[Token, ...]) -> list[Weighed]:
        message = MessageContext(tokens, self)
        lexical = self._evidence(message)
        aside = self._frame_aside(message, lexical)
        if aside:
            lexical = self._evidence(message, aside)
        if any(e.concern == OUT_OF_SCOPE for e in lexical):
            return lexical
        found = any(e.concern >= 0 for e in lexical)
        statistics = self._statistics(message, found)
        if aside:
            statistics = [e for e in statistics if e.concern != self.framed]
        return [*lexical, *statistics]

    def _frame_aside(self, message: MessageContext, lexical: list[Weighed]) -> frozenset[int]:
        """The words of a professional's frame ("ik ben logopedist en ..."), when the message
        also names a worry: they are set aside, so that the worry decides the concern."""
        if not message.frame or self.framed is None:
            return frozenset()
        other = sum(e.weight for e in lexical if e.concern >= 0 and e.concern != self.framed)
        if other < self.settings.professional.other:
            return frozenset()
        return frozenset(message.frame)

    def _statistics(self, message: MessageContext, found: bool) -> list[Weighed]:
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
            Weighed(STATISTICS_TERM, number, settings.weight * chance)
            for number, chance in enumerate(chances)
            if chance >= settings.floor and chance > 0
        ]

    def _evidence(
        self, message: MessageContext, aside: frozenset[int] = frozenset()
    ) -> list[Weighed]:
        """Each term counts once, and each word once per concern: "slaap" in a message
        matches both "slapen" and "slaap" in content but counts one time. A term of the
        framed concern on the words `aside` does not count."""
        weighed = []
        for hit in message.hits():
            framed = self.terms[hit.term].concern == self.framed
            if aside and framed and aside.issuperset(hit.positions):
                continue
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
        self,
        message: MessageContext,
        hit: Hit,
        concern: int,
        weight: float,
        used: set[tuple[int, int]],
    ) -> list[Weighed]:
        """A state word counts (for `share` of its weight) for the concern of the person the
        sentence is about: "ik huil" for ouder_welzijn, "ze is verdrietig" for gedrag; so does
        a phrase with a state word in it ("ik lig elke nacht wakker"), unless its state words
        are about different people ("hij wordt kwaad .. ik ben bang"). When that concern
        already counted the word, the moved part is dropped."""
        states = [s for p in hit.positions if (s := message.states.get(p)) is not None]
        moves = {(concern, 1.0) if s.target is None else (s.target, s.share) for s in states}
        if concern < 0 or len(moves) != 1:
            return [Weighed(hit.term, concern, weight, hit.start)]
        target, share = moves.pop()
        if target == concern:
            return [Weighed(hit.term, concern, weight, hit.start)]
        kept = [Weighed(hit.term, concern, weight * (1 - share), hit.start)] if share < 1 else []
        spots = {(target, p) for p in hit.positions}
        if not spots.isdisjoint(used):
            return kept
        used.update(spots)
        return [*kept, Weighed(hit.term, target, weight * share, hit.start)]


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
                    ("ander", group.ander),
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
    genders = Genders(
        *(
            frozenset(fold_word(w) for w in words)
            for words in (
                persons.male,
                persons.female,
                persons.male_pronouns,
                persons.female_pronouns,
            )
        )
    )
    return Subjects(
        named,
        persons.pronouns,
        groups,
        persons.not_after,
        lexicon,
        sets,
        genders,
        persons.grandparent,
        persons.grown_child,
        persons.owner,
    )
