"""Finding many patterns at once in the tokens of a message, with gaps between their words,
negations that block them and typos fixed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from imhbot.nlu.analysis import CACHE_SIZE, Lexicon, Token, Word
from imhbot.nlu.normalizing import fold_word
from imhbot.nlu.patterns import Element, Pattern


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
            if len(self._seen) >= CACHE_SIZE:
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
