"""What the example messages in content teach: a small Naive Bayes model over their words.

The word lists of concerns.yaml recognise what an editor thought of; this model adds what
many example messages have in common ("oppakken", "vreemden", "afstand" for contact and
band), so that a wording nobody listed still leans towards the right concern. Each message
word counts once, by its lemma (or stem when the dictionary does not know it); very common
words (`ignore`) do not count. The last class is "unclear": greetings and questions outside
the bot's field, so that those do not lean towards any concern.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from imhbot.nlu.analysis import Lexicon, Token
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.pattern_set import PatternSet


class Features:
    """The words of a message as the model sees them: one key per content word."""

    def __init__(self, lexicon: Lexicon, typos: PatternSet, ignore: Collection[str]) -> None:
        self._lexicon = lexicon
        self._typos = typos
        self._ignore = frozenset(fold_word(w) for w in ignore)

    def of(
        self,
        tokens: Sequence[Token],
        persons: Mapping[int, str],
        skipped: Collection[int] = (),
        negated: Collection[int] = (),
    ) -> frozenset[str]:
        """`persons`: for state words, who the sentence is about; their key says so
        ("l:huilen@ouder" for "ik huil", "l:huilen@kind" for "ze huilt"). Words judged fine
        ("slaapt goed") are `skipped`; `negated` words get a key of their own ("!l:slaan"
        for "nooit geslagen"), which the examples rarely teach."""
        keys = set()
        for position, token in enumerate(tokens):
            word = token.word
            if word.text.isdigit() or word.text in self._ignore or position in skipped:
                continue
            key = self._key(token)
            if key[2:] in self._ignore:
                continue
            person = persons.get(position)
            key = key if person is None else f"{key}@{person}"
            keys.add("!" + key if position in negated else key)
        return frozenset(keys)

    def _key(self, token: Token) -> str:
        word = token.word
        if word.known:
            return "l:" + self._lexicon.lemma(word.text)
        texts, _ = self._typos.resolve(word)
        fixed = texts[1] if len(texts) > 1 else word.text
        if self._lexicon.known(fixed):
            return "l:" + self._lexicon.lemma(fixed)
        return "s:" + self._lexicon.stem(fixed)


@dataclass(frozen=True, slots=True)
class Posterior:
    """The chance of each class for one message, and how many of its words the model knew."""

    chances: tuple[float, ...]
    known: int


class MessageModel:
    """Multinomial Naive Bayes with equal priors and Laplace smoothing `alpha`."""

    def __init__(self, weights: dict[str, tuple[float, ...]], classes: int) -> None:
        self._weights = weights
        self.classes = classes

    @classmethod
    def train(
        cls,
        examples: Sequence[tuple[int, frozenset[str]]],
        classes: int,
        alpha: float,
    ) -> MessageModel:
        counts = [Counter[str]() for _ in range(classes)]
        for label, features in examples:
            counts[label].update(features)
        vocabulary = set().union(*(c.keys() for c in counts))
        totals = [sum(c.values()) + alpha * len(vocabulary) for c in counts]
        weights = {
            feature: tuple(
                math.log((counts[n][feature] + alpha) / totals[n]) for n in range(classes)
            )
            for feature in vocabulary
        }
        return cls(weights, classes)

    def posterior(self, features: Iterable[str], temperature: float = 1.0) -> Posterior | None:
        """None when the model knows none of the words. A `temperature` above 1 makes the
        chances less extreme (Naive Bayes is famously overconfident)."""
        rows = [self._weights[f] for f in features if f in self._weights]
        if not rows:
            return None
        sums = [sum(column) / temperature for column in zip(*rows, strict=True)]
        top = max(sums)
        exps = [math.exp(s - top) for s in sums]
        total = sum(exps)
        return Posterior(tuple(e / total for e in exps), len(rows))


def build_model(
    labelled: Sequence[tuple[int, str]],
    classes: int,
    features: Callable[[str], frozenset[str]],
    alpha: float,
) -> MessageModel | None:
    """A model of the labelled messages, or None when content has none."""
    if not labelled:
        return None
    return MessageModel.train([(label, features(text)) for label, text in labelled], classes, alpha)
