"""The analysis of one message: its words, with the lemma/stem keys that content words
match them by ("slaapt", "sliep", "slapen"), chat spelling and repeated letters undone, and
the numbers of their sentence, clause and stretch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer

from imhbot.nlu.normalizing import fold, fold_keep_punctuation, fold_word

_PIECES = re.compile(r"[0-9a-z]+|[.!?;\n]+|[,:()\[\]/]+|-\s")
_RUN = re.compile(r"(.)\1{2,}")
_DECIMAL = re.compile(r"(?<![0-9])([0-9]+)[.,][0-9]+(?![0-9])")
_SENTENCE_END = frozenset(".!?;\n")
CACHE_SIZE = 1 << 16
"""How many words a cache per word holds."""


@dataclass(frozen=True, slots=True)
class Word:
    """A normalised word with the keys it matches content by."""

    text: str
    keys: frozenset[str]
    known: bool


@dataclass(frozen=True, slots=True)
class Token:
    """A word with the numbers of its sentence, its clause (ended by punctuation or a clause
    word) and its stretch (ended by punctuation only)."""

    word: Word
    sentence: int
    clause: int
    stretch: int = 0


class Lexicon:
    """Dutch lemmas (simplemma) and stems (Snowball), cached per word.

    Message words get lemma keys ("l:") when the dictionary knows them and stem keys ("s:")
    when it does not (a final -t is read as a verb ending: "blert" is a form of "bleren");
    content words get all of them. Keeping the two kinds apart stops stems of known words
    from colliding (Snowball reduces "gezin" to "zin").
    """

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self.lemma: Callable[[str], str] = lru_cache(maxsize=CACHE_SIZE)(self._lemma)
        self.known: Callable[[str], bool] = lru_cache(maxsize=CACHE_SIZE)(self._known)
        self.stem: Callable[[str], str] = lru_cache(maxsize=CACHE_SIZE)(self._stem)

    def warm_up(self) -> None:
        """simplemma loads its dictionary on first use (about a second): do it at start-up."""
        self.lemma("slaapt")
        self.known("slaapt")

    def _lemma(self, word: str) -> str:
        lemma: str = simplemma.lemmatize(word, lang="nl")
        return lemma.lower()

    def _known(self, word: str) -> bool:
        return bool(word) and not word.isdigit() and bool(simplemma.is_known(word, lang="nl"))

    def _stem(self, word: str) -> str:
        stem: str = self._stemmer.stemWord(word)
        return stem

    def message_keys(self, word: str) -> frozenset[str]:
        """A known word ending in -aat is also read as a verb form: the dictionary takes
        "staat" for the noun, but "ze staat nog niet" is "staan" (so are gaat, slaat)."""
        if self.known(word):
            keys = {"l:" + word, "l:" + self.lemma(word)}
            if word.endswith("aat") and len(word) > 4:
                keys.add("l:" + word[:-1] + "n")
            return frozenset(keys)
        keys = {"l:" + word, "s:" + self.stem(word)}
        if len(word) > 4 and word.endswith("t"):
            keys.add("s:" + self.stem(word[:-1] + "en"))
        return frozenset(keys)

    def content_keys(self, word: str) -> frozenset[str]:
        return frozenset({"l:" + word, "l:" + self.lemma(word), "s:" + self.stem(word)})


class Analyzer:
    """Turns a message into tokens: chat spelling undone, repeated letters squeezed,
    sentence and clause numbers attached (clauses end at commas and at `clause_words`)."""

    def __init__(
        self,
        lexicon: Lexicon,
        spelling: Mapping[str, str],
        clause_words: Collection[str] = (),
    ) -> None:
        self.lexicon = lexicon
        self._spelling = {fold_word(k): tuple(fold(v).split()) for k, v in spelling.items()}
        self._clause_words = frozenset(fold_word(w) for w in clause_words)
        self._words: Callable[[str], tuple[Word, ...]] = lru_cache(maxsize=CACHE_SIZE)(
            self._normalise
        )

    def tokens(self, text: str) -> tuple[Token, ...]:
        """Decimal numbers keep their whole part ("39,5" → "39"): a decimal point does not
        end a sentence."""
        found: list[Token] = []
        sentence = clause = stretch = 0
        for piece in _PIECES.findall(_DECIMAL.sub(r"\1", fold_keep_punctuation(text))):
            if not piece[0].isalnum():
                if found:
                    sentence += piece[0] in _SENTENCE_END
                    clause += 1
                    stretch += 1
                continue
            for word in self._words(piece):
                if word.text in self._clause_words and found and found[-1].clause == clause:
                    clause += 1
                found.append(Token(word, sentence, clause, stretch))
        return tuple(found)

    def _normalise(self, raw: str) -> tuple[Word, ...]:
        squeezed = self._squeeze(raw)
        parts = self._spelling.get(squeezed, (squeezed,))
        return tuple(Word(p, self.lexicon.message_keys(p), self.lexicon.known(p)) for p in parts)

    def _squeeze(self, word: str) -> str:
        """'heeeel' → 'heel', 'hoiii' → 'hoi': runs of three or more become two, or one
        when only that is a Dutch word."""
        if not _RUN.search(word):
            return word
        double = _RUN.sub(r"\1\1", word)
        if self.lexicon.known(double) or double in self._spelling:
            return double
        single = _RUN.sub(r"\1", word)
        if self.lexicon.known(single) or single in self._spelling:
            return single
        return double
