"""Compound words counted for their parts: "slaapproblemen" is about slapen, "huilbaby" about
huilen, from the one-word terms of the concern matcher.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from imhbot.nlu.analysis import Lexicon
from imhbot.nlu.patterns import Pattern

_LINKS = ("s", "e", "en")


class Compounds:
    """The terms a compound word is made of (`split`); `patterns` are the terms' patterns,
    numbered like the terms; parts are at least `least` letters; `head` is the weight of a
    compound's last part."""

    def __init__(
        self, patterns: Sequence[Pattern], lexicon: Lexicon, least: int, head: float
    ) -> None:
        self._lexicon = lexicon
        self._least = least
        self._head = head
        self._parts, self._whole_words = _compound_parts(patterns, lexicon, least)
        self.split: Callable[[str, bool], tuple[tuple[int, float], ...]] = lru_cache(
            maxsize=1 << 16
        )(self._split_compound)

    def _split_compound(self, word: str, known: bool) -> tuple[tuple[int, float], ...]:
        """Terms a compound word is made of. The word is cut where its first part is as long
        as possible and both parts are words ("gemeente|huis", not "gemeen|tehuis"); the
        first part counts fully ("slaap|problemen"), the last part (the head) a bit less
        ("taal|achterstand" is mostly about taal). A word the dictionary knows is only cut
        before a whole word of content ("stofwisselings|ziekte", not "onder|scheid")."""
        least = self._least
        for cut in range(len(word) - 3, least - 1, -1):
            head, tail = word[:cut], word[cut:]
            if known and tail not in self._whole_words:
                continue
            first = self._part(head)
            if first is not None and self._is_word(tail):
                tail_terms = self._parts.get(tail, ())
                return tuple((t, 1.0) for t in first) + tuple((t, self._head) for t in tail_terms)
        return ()

    def _is_word(self, text: str) -> bool:
        return text in self._parts or self._lexicon.known(text)

    def _part(self, head: str) -> tuple[int, ...] | None:
        """The terms of a compound's first part, () when it is a word but no term, and None
        when it is no word at all (a linking s or e may end it: "borstvoeding|s|problemen")."""
        forms = (head, *(head.removesuffix(link) for link in _LINKS if head.endswith(link)))
        for form in forms:
            if len(form) < self._least:
                continue
            if form in self._parts:
                return self._parts[form]
            if self._lexicon.known(form):
                return ()
        return None


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
