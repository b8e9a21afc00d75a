"""The statistical safety net of the crisis detector: what the signals miss.

A Naive Bayes model (`imhbot.nlu.bayes`) of the example messages of each crisis kind in
safety.yaml against calm messages (the `calm_messages` there and the example messages of
every concern). Features are the lemmas of the message words, word pairs within a clause
("meer wakker", "ik knal"), and negated words marked as such ("!l:slaan" in "nooit
geslagen"). Function words ("ik", "heb", "hem") count only in a pair with a content word:
alone they say more about how the examples were written than about danger. Words that an
exclusion of safety.yaml takes away ("ik schrik me dood") are not seen at all.

It raises an alarm only when the chance of crisis is very high and the model knows enough
of the words (and, if content lists triggers, one of them is in the message), so that it
catches a new wording of a known danger ("ik word liever niet meer wakker") without
frightening families who write about everyday worries. The chance is computed with the
calm class weighted up (`calm_weight`): there are more calm messages than crisis ones in
real life, and the four crisis kinds together should not outweigh them.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from imhbot.content.vocabulary import Safety
from imhbot.nlu.analysis import Analyzer, Token
from imhbot.nlu.bayes import MessageModel
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import Gaps, PatternSet, Typos
from imhbot.nlu.patterns import compile_pattern

_NEGATION_BEFORE = 3
_NEGATION_AFTER = 2


class Features:
    """Lemma keys, pairs of neighbouring keys in a clause, negated keys."""

    def __init__(
        self,
        analyzer: Analyzer,
        typos: PatternSet,
        ignore: Sequence[str],
        blockers: Sequence[str],
        function_words: Sequence[str] = (),
    ) -> None:
        self._lexicon = analyzer.lexicon
        self._typos = typos
        self._ignore = frozenset(fold_word(w) for w in ignore)
        self._blockers = frozenset(fold_word(w) for w in blockers)
        self._function = frozenset(fold_word(w) for w in function_words)

    def of(self, tokens: Sequence[Token], masked: Collection[int] = ()) -> frozenset[str]:
        """The features of a message; `masked` positions are left out. A word with a
        negation up to three words before it or two after it, in its clause, is negated
        ("nooit geslagen", "sla hem nooit", "ademt niet"): the examples teach what that
        means for each kind."""
        keys: set[str] = set()
        function: set[str] = set()
        previous: tuple[str, int] | None = None
        negations = [
            p for p, t in enumerate(tokens) if p not in masked and t.word.text in self._blockers
        ]
        for position, token in enumerate(tokens):
            if position in masked:
                previous = None
                continue
            text = token.word.text
            if text in self._blockers:
                key = "l:niet"
            elif text.isdigit() or text in self._ignore:
                continue
            else:
                key = self._key(token)
                if key[2:] in self._ignore:
                    continue
                if any(
                    -_NEGATION_AFTER <= position - n <= _NEGATION_BEFORE
                    and tokens[n].clause == token.clause
                    for n in negations
                ):
                    key = "!" + key
            if text in self._function or key.lstrip("!")[2:] in self._function:
                function.add(key)
            else:
                keys.add(key)
            if (
                previous is not None
                and previous[1] == token.clause
                and not (key in function and previous[0] in function)
            ):
                keys.add(previous[0] + "+" + key)
            previous = (key, token.clause)
        return frozenset(keys)

    def _key(self, token: Token) -> str:
        word = token.word
        lexicon = self._lexicon
        if word.known:
            return "l:" + lexicon.lemma(word.text)
        texts, _ = self._typos.resolve(word)
        fixed = texts[1] if len(texts) > 1 else word.text
        if lexicon.known(fixed):
            return "l:" + lexicon.lemma(fixed)
        return "s:" + lexicon.stem(fixed)


@dataclass(frozen=True)
class SafetyNet:
    kinds: tuple[str, ...]
    model: MessageModel
    features: Features
    triggers: PatternSet | None
    threshold: float
    review_threshold: float
    min_words: int
    calm_prior: float

    @classmethod
    def build(
        cls,
        safety: Safety,
        analyzer: Analyzer,
        typos: PatternSet,
        calm: Sequence[str],
    ) -> SafetyNet | None:
        """None when the net is switched off or content has no example messages."""
        settings = safety.statistics
        kinds = tuple(k.id for k in safety.kinds)
        labelled = [(n, m) for n, k in enumerate(safety.kinds) for m in k.messages]
        if settings.weight == 0 or not labelled:
            return None
        calm_messages = (*safety.calm_messages, *calm)
        labelled.extend((len(kinds), m) for m in calm_messages)
        features = Features(
            analyzer, typos, settings.ignore, safety.blockers, settings.function_words
        )
        model = MessageModel.train(
            [(label, features.of(analyzer.tokens(text))) for label, text in labelled],
            len(kinds) + 1,
            settings.smoothing,
        )
        lexicon = analyzer.lexicon
        sets = {name: tuple(words) for name, words in safety.sets.items()}
        triggers = (
            PatternSet(
                tuple(compile_pattern(t, lexicon, sets) for t in settings.triggers),
                lexicon,
                Gaps(safety.gap, safety.wide_gap),
                typos=Typos(safety.typo_min_length, safety.typo_two_edits_from),
            )
            if settings.triggers
            else None
        )
        return cls(
            kinds,
            model,
            features,
            triggers,
            settings.threshold,
            settings.review_threshold,
            settings.min_words,
            math.log(settings.calm_weight),
        )

    def chance(
        self, tokens: tuple[Token, ...], masked: Collection[int] = ()
    ) -> tuple[float, str | None]:
        """The chance of crisis and the likeliest kind (None when the model knows too few
        of the words); `masked` words are left out."""
        posterior = self.model.posterior(self.features.of(tokens, masked))
        if posterior is None or posterior.known < self.min_words:
            return 0.0, None
        chances = list(posterior.chances)
        chances[-1] *= math.exp(self.calm_prior)
        total = sum(chances)
        crisis = chances[:-1]
        best = max(range(len(crisis)), key=crisis.__getitem__)
        return sum(crisis) / total, self.kinds[best]

    def kind(
        self, tokens: tuple[Token, ...], masked: Collection[int] = ()
    ) -> tuple[str, bool] | None:
        """The kind of crisis the net sees, and whether it is only in the review band (the
        bot asks first), or None."""
        if self.triggers is not None and not self.triggers.find(tokens, masked):
            return None
        chance, kind = self.chance(tokens, masked)
        if kind is None or chance < min(self.threshold, self.review_threshold):
            return None
        return kind, chance < self.threshold
