"""Text normalisation shared by every matcher.

`fold` is the plain normalisation used for names (places). The rest turns a chat message
into tokens that carry their lemma/stem keys, so that content words match their
inflections ("slaapt", "sliep", "slapen"), with chat spelling and repeated letters undone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import simplemma
import snowballstemmer

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHE = re.compile(r"(?<![0-9a-z])['’‘`´](?=[a-z])|(?<=[a-z])['’‘`´](?=[a-z])")
_PIECES = re.compile(r"[0-9a-z]+|[.!?;\n]+|[,:()\[\]/]+|-\s")
_RUN = re.compile(r"(.)\1{2,}")
_DECIMAL = re.compile(r"(?<![0-9])([0-9]+)[.,][0-9]+(?![0-9])")
_SENTENCE_END = frozenset(".!?;\n")
_CACHE_SIZE = 1 << 16


def fold(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def fold_keep_punctuation(text: str) -> str:
    """Lower case without diacritics, apostrophes inside or before words removed (m'n → mn)."""
    lowered = text.lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHE.sub("", lowered)


def fold_word(word: str) -> str:
    """A content word the way message words are folded (apostrophes dropped, no accents)."""
    return "".join(fold(fold_keep_punctuation(word)).split())


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
        self.lemma: Callable[[str], str] = lru_cache(maxsize=_CACHE_SIZE)(self._lemma)
        self.known: Callable[[str], bool] = lru_cache(maxsize=_CACHE_SIZE)(self._known)
        self.stem: Callable[[str], str] = lru_cache(maxsize=_CACHE_SIZE)(self._stem)

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
        self._words: Callable[[str], tuple[Word, ...]] = lru_cache(maxsize=_CACHE_SIZE)(
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


# --- patterns -------------------------------------------------------------------------------
#
# A pattern is a phrase in content, matched word by word on tokens:
#   "wil niet meer leven"   the words in this order, with at most `gap` other words between
#   "dood|sterven"          one of these words
#   "zelfmoord*"            any word starting with "zelfmoord"
#   "*ontstopper"           any word ending in "ontstopper" (compounds: "gootsteenontstopper")
#   "=geslagen"             exactly this word form (not "slaat")
#   "{kind}"                any word of the set "kind" (sets are defined in content)
#   "koorts .. suf"         a wider gap (`wide_gap` words) is allowed here
#   "ik wil niet meer $"    the phrase must end its clause (comma, full stop, "en", "maar"...)
# Words match every inflection with the same lemma or stem ("slaapt" matches "slapen").

_SET_REF = re.compile(r"^\{([a-z0-9_]+)\}$")
_MIN_SUFFIX = 4
WIDE = ".."
END = "$"


class PatternError(ValueError):
    """A pattern an editor wrote that cannot be read; the message says why, in Dutch."""


@dataclass(frozen=True, slots=True)
class Element:
    keys: frozenset[str]
    words: tuple[str, ...]
    prefixes: tuple[str, ...]
    exact: frozenset[str] = frozenset()
    wide: bool = False
    end: bool = False
    suffixes: tuple[str, ...] = ()

    def matches(self, texts: tuple[str, ...], keys: frozenset[str]) -> bool:
        if not keys.isdisjoint(self.keys):
            return True
        if self.exact and not self.exact.isdisjoint(texts):
            return True
        if self.prefixes and any(t.startswith(p) for t in texts for p in self.prefixes):
            return True
        return bool(self.suffixes) and any(t.endswith(s) for t in texts for s in self.suffixes)

    @property
    def loose(self) -> bool:
        """Matched by the start or end of a word, not by a whole word."""
        return bool(self.prefixes or self.suffixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    elements: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """One pattern found: its index in the set and the token positions of its elements."""

    pattern: int
    positions: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1]


def pattern_problems(source: str, set_names: Collection[str] | None = None) -> list[str]:
    """What is wrong with a pattern, in Dutch, for content validation (empty when fine).
    Set references are checked only when `set_names` is given."""
    parts = _pattern_parts(source)
    if not any(p not in (WIDE, END) for p in parts):
        return [f"'{source}': geen woorden gevonden"]
    problems: list[str] = []
    if parts[0] == WIDE:
        problems.append(f"'{source}': '..' mag niet aan het begin staan")
    if END in parts[:-1]:
        problems.append(f"'{source}': '$' mag alleen aan het eind staan")
    for part in parts:
        if part in (WIDE, END):
            continue
        for alt in part.split("|"):
            ref = _SET_REF.match(alt)
            if ref and set_names is not None and ref.group(1) not in set_names:
                problems.append(f"'{source}': de lijst {{{ref.group(1)}}} bestaat niet")
            elif not ref and not fold_word(alt.strip("*").lstrip("=")):
                problems.append(f"'{source}': leeg woord tussen '|'-tekens")
            elif alt.startswith("*") and len(fold_word(alt.strip("*"))) < _MIN_SUFFIX:
                problems.append(
                    f"'{source}': '{alt}' is te kort; een woordeinde na '*' heeft minstens "
                    f"{_MIN_SUFFIX} letters"
                )
    return problems


def _pattern_parts(source: str) -> list[str]:
    text = fold_keep_punctuation(source).replace("-", " ")
    return [p for p in text.split() if p]


def compile_pattern(
    source: str, lexicon: Lexicon, sets: Mapping[str, Collection[str]] | None = None
) -> Pattern:
    problems = pattern_problems(source, tuple((sets or {}).keys()))
    if problems:
        raise PatternError("; ".join(problems))
    elements: list[Element] = []
    wide = False
    for part in _pattern_parts(source):
        if part == WIDE:
            wide = True
        elif part == END:
            elements[-1] = replace(elements[-1], end=True)
        else:
            elements.append(_element(part, lexicon, sets or {}, wide))
            wide = False
    return Pattern(source, tuple(elements))


def _element(
    part: str, lexicon: Lexicon, sets: Mapping[str, Collection[str]], wide: bool
) -> Element:
    alternatives: list[str] = []
    for alt in part.split("|"):
        ref = _SET_REF.match(alt)
        alternatives.extend(sets[ref.group(1)] if ref else (alt,))
    words: list[str] = []
    prefixes: list[str] = []
    suffixes: list[str] = []
    exact: list[str] = []
    for alt in alternatives:
        bare = fold_word(alt.strip("*").lstrip("="))
        if alt.startswith("*"):
            suffixes.append(bare)
        elif alt.endswith("*"):
            prefixes.append(bare)
        elif alt.startswith("="):
            exact.append(bare)
        else:
            words.append(bare)
    keys = frozenset(k for w in words for k in lexicon.content_keys(w))
    return Element(
        keys,
        (*words, *exact),
        tuple(prefixes),
        frozenset(exact),
        wide,
        suffixes=tuple(suffixes),
    )


@dataclass(frozen=True, slots=True)
class Gaps:
    """How many other words may stand between the words of a pattern: `normal`, or `wide`
    where the pattern says ".."."""

    normal: int
    wide: int


@dataclass(frozen=True, slots=True)
class Typos:
    """Typo tolerance: words of at least `min_length` letters that the dictionary does not
    know may differ by one edit from a content word, by two from `two_edits_from` letters on.
    An edit is a letter added, dropped or changed, or two letters swapped ("zwnager").
    The first letter must be right (people rarely mistype it, and it keeps lookups small)."""

    min_length: int = 5
    two_edits_from: int = 8


@dataclass(frozen=True, slots=True)
class _Seen:
    """A message word as a pattern set sees it: its texts and keys (with those of the content
    word it is a typo of), and `tags`, everything an element can match it by."""

    texts: tuple[str, ...]
    keys: frozenset[str]
    tags: frozenset[str]
    candidates: tuple[int, ...]


class PatternSet:
    """Finds many patterns at once. Candidates come from an index on each pattern's first
    element and are only followed up when every element can match some word of the message,
    so the work per message grows with its length, not with the amount of content."""

    def __init__(
        self,
        patterns: tuple[Pattern, ...],
        lexicon: Lexicon,
        gaps: Gaps,
        *,
        blockers: Collection[str] = (),
        block_before: bool = False,
        typos: Typos | None = None,
        within_stretch: bool = False,
    ) -> None:
        from rapidfuzz.distance import OSA

        self.patterns = patterns
        self._lexicon = lexicon
        self._gaps = gaps
        self._blockers = frozenset(fold_word(b) for b in blockers)
        self._block_before = block_before
        self._within_stretch = within_stretch
        self._typos = typos
        self._distance = OSA.distance
        self._first: dict[str, list[int]] = {}
        self._first_prefixes: list[tuple[str, int]] = []
        self._first_suffixes: list[tuple[str, int]] = []
        self._required: list[tuple[frozenset[str], ...]] = []
        self._single: list[bool] = []
        self._all_keys: set[str] = set()
        self._all_prefixes: set[str] = set()
        self._all_suffixes: set[str] = set()
        self._all_exact: set[str] = set()
        self._vocabulary: dict[str, list[str]] = {}
        self._prefix_vocabulary: dict[str, list[str]] = {}
        self._seen: dict[str, _Seen] = {}
        for index, pattern in enumerate(patterns):
            self._index(index, pattern)

    def _index(self, index: int, pattern: Pattern) -> None:
        first = pattern.elements[0]
        for tag in _tags(first):
            self._first.setdefault(tag, []).append(index)
        self._first_prefixes.extend((p, index) for p in first.prefixes)
        self._first_suffixes.extend((s, index) for s in first.suffixes)
        needs = (_tags(e) for e in pattern.elements[1:] if not e.loose)
        self._required.append(tuple(sorted(needs, key=len)))
        self._single.append(len(pattern.elements) == 1 and not first.end)
        for element in pattern.elements:
            self._all_keys.update(element.keys)
            self._all_prefixes.update(element.prefixes)
            self._all_suffixes.update(element.suffixes)
            self._all_exact.update(element.exact)
            for prefix in element.prefixes:
                if len(prefix) >= 5:
                    self._prefix_vocabulary.setdefault(prefix[0], []).append(prefix)
            for word in element.words:
                if word[:1].isalpha():
                    bucket = self._vocabulary.setdefault(word[0], [])
                    if word not in bucket:
                        bucket.append(word)

    def knows(self, word: Word) -> bool:
        """Whether the word matches some element of some pattern as it is (no typo fixing)."""
        return (
            not word.keys.isdisjoint(self._all_keys)
            or word.text in self._all_exact
            or any(word.text.startswith(p) for p in self._all_prefixes)
            or any(word.text.endswith(s) for s in self._all_suffixes)
        )

    def resolve(self, word: Word) -> tuple[tuple[str, ...], frozenset[str]]:
        """The word's texts and keys, plus those of the content word it is a typo of."""
        seen = self._see(word)
        return seen.texts, seen.keys

    def _see(self, word: Word) -> _Seen:
        seen = self._seen.get(word.text)
        if seen is None:
            if len(self._seen) >= _CACHE_SIZE:
                self._seen.clear()
            texts, keys = self._fix_typo(word)
            tags = keys | {"=" + t for t in texts}
            hits = {i for tag in tags for i in self._first.get(tag, ())}
            hits.update(i for p, i in self._first_prefixes if any(t.startswith(p) for t in texts))
            hits.update(i for s, i in self._first_suffixes if any(t.endswith(s) for t in texts))
            seen = _Seen(texts, keys, tags, tuple(sorted(hits)))
            self._seen[word.text] = seen
        return seen

    def _fix_typo(self, word: Word) -> tuple[tuple[str, ...], frozenset[str]]:
        typos = self._typos
        if typos is None or word.known or len(word.text) < typos.min_length or self.knows(word):
            return (word.text,), word.keys
        edits = 2 if len(word.text) >= typos.two_edits_from else 1
        nearest = self._nearest(word.text, edits)
        texts = [word.text, *nearest, *self._prefix_typos(word.text, edits)]
        keys = word.keys.union(*(self._lexicon.content_keys(n) for n in nearest))
        return tuple(texts), keys

    def _nearest(self, text: str, edits: int) -> list[str]:
        """The content words closest to `text` within `edits` edits (all of them on a tie)."""
        best: list[str] = []
        best_distance = edits + 1
        for candidate in self._vocabulary.get(text[0], ()):
            if abs(len(candidate) - len(text)) > edits or len(candidate) < 4:
                continue
            distance = self._distance(text, candidate, score_cutoff=edits)
            if distance > edits:
                continue
            if distance < best_distance:
                best, best_distance = [candidate], distance
            elif distance == best_distance:
                best.append(candidate)
        return best

    def _prefix_typos(self, text: str, edits: int) -> list[str]:
        """The word with its start corrected to a pattern prefix ("zelfmoort" → "zelfmoord");
        a prefix shorter than `two_edits_from` letters allows one edit only."""
        fixed = []
        long_enough = self._typos.two_edits_from if self._typos else 0
        for prefix in self._prefix_vocabulary.get(text[0], ()):
            allowed = edits if len(prefix) >= long_enough else 1
            if len(text) >= len(prefix) - 1:
                start = text[: len(prefix)]
                if self._distance(start, prefix, score_cutoff=allowed) <= allowed:
                    fixed.append(prefix + text[len(prefix) :])
        return fixed

    def find(self, tokens: tuple[Token, ...], masked: Collection[int] = ()) -> list[Found]:
        seen = [self._see(t.word) for t in tokens]
        viable = self._viable(seen)
        single = self._single
        found: list[Found] = []
        for start, first in enumerate(seen):
            if not first.candidates or start in masked or self._blocked_before(tokens, start):
                continue
            for index in first.candidates:
                if single[index]:
                    found.append(Found(index, (start,)))
                    continue
                if index not in viable:
                    continue
                positions = self._extend(self.patterns[index], tokens, seen, (start,), masked)
                if positions is not None:
                    found.append(Found(index, positions))
        return found

    def _viable(self, seen: list[_Seen]) -> set[int]:
        """The candidate patterns of more than one element whose later elements all match
        some word of the message (plain loops: this runs for every candidate of every
        message; a pattern of one element needs no check)."""
        present = frozenset().union(*(s.tags for s in seen))
        required = self._required
        single = self._single
        checked: set[int] = set()
        viable: set[int] = set()
        for word in seen:
            for index in word.candidates:
                if index in checked or single[index]:
                    continue
                checked.add(index)
                for need in required[index]:
                    if need.isdisjoint(present):
                        break
                else:
                    viable.add(index)
        return viable

    def _blocked_before(self, tokens: tuple[Token, ...], start: int) -> bool:
        if not self._block_before or start == 0:
            return False
        previous = tokens[start - 1]
        return previous.sentence == tokens[start].sentence and previous.word.text in self._blockers

    def _extend(
        self,
        pattern: Pattern,
        tokens: tuple[Token, ...],
        seen: list[_Seen],
        positions: tuple[int, ...],
        masked: Collection[int],
    ) -> tuple[int, ...] | None:
        done = len(positions)
        last = positions[-1]
        if done == len(pattern.elements):
            return positions if self._ends_well(pattern, tokens, last) else None
        element = pattern.elements[done]
        gap = self._gaps.wide if element.wide else self._gaps.normal
        sentence, stretch = tokens[last].sentence, tokens[last].stretch
        for nxt in range(last + 1, min(len(tokens), last + gap + 2)):
            token = tokens[nxt]
            if token.sentence != sentence or (self._within_stretch and token.stretch != stretch):
                return None
            if nxt not in masked and element.matches(seen[nxt].texts, seen[nxt].keys):
                result = self._extend(pattern, tokens, seen, (*positions, nxt), masked)
                if result is not None:
                    return result
            if token.word.text in self._blockers:
                return None
        return None

    @staticmethod
    def _ends_well(pattern: Pattern, tokens: tuple[Token, ...], last: int) -> bool:
        if not pattern.elements[-1].end or last + 1 == len(tokens):
            return True
        return tokens[last + 1].clause != tokens[last].clause


def _tags(element: Element) -> frozenset[str]:
    return element.keys | {"=" + w for w in element.exact}
