"""An answer about a child's age as tokens: lower case, no diacritics, halves as decimals,
and each word tagged (units of time, month names, stages such as zwanger and kinderwens,
also when mistyped); plain words keep their own text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from rapidfuzz import fuzz, process

from imhbot.nlu.number_words import NUMBER_WORDS, is_number_word

DAYS_PER_MONTH = Fraction(3044, 100)
FUZZY_CUTOFF = 85
FUZZY_MIN_LEN = 6
FUZZY_MAX_LEN = 20

# Tags for words that matter; plain words keep their own text.
YEARS, MONTHS, WEEKS, DAYS = "<y>", "<m>", "<w>", "<d>"
ZWANGER, KINDERWENS, DUE, NEWBORN = "<zwanger>", "<kinderwens>", "<due>", "<newborn>"
BOUNDARY = "|"

UNIT_MONTHS: dict[str, Fraction] = {
    YEARS: Fraction(12),
    MONTHS: Fraction(1),
    WEEKS: 7 / DAYS_PER_MONTH,
    DAYS: 1 / DAYS_PER_MONTH,
}

_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    YEARS: (
        "jaar", "jaren", "jaartje", "jaartjes", "jr", "jrs", "jar", "jarig", "jarige",
        "year", "years", "yr", "yrs",
    ),
    MONTHS: (
        "maand", "maanden", "maande", "maandje", "maandjes", "mnd", "mnden", "mndn", "mndjes",
        "mand", "manden", "maanen", "mth", "mths", "month", "months", "mo", "mos",
    ),
    WEEKS: (
        "week", "weken", "weekje", "weekjes", "wk", "wkn", "wken", "wekn", "weeks",
    ),
    DAYS: ("dag", "dagen", "dagje", "dagjes", "dg", "dgn", "day", "days"),
}  # fmt: skip
_GLUED_UNITS = {"j": YEARS, "y": YEARS, "m": MONTHS, "w": WEEKS, "d": DAYS}

_MONTH_NAMES: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_STAGE_WORDS: dict[str, str] = {
    "zwanger": ZWANGER, "zwangere": ZWANGER, "zwangerschap": ZWANGER, "pregnant": ZWANGER,
    "kinderwens": KINDERWENS, "uitgerekend": DUE, "uitgerekende": DUE,
    "pasgeboren": NEWBORN, "pasgeborene": NEWBORN, "nieuwgeboren": NEWBORN,
    "newborn": NEWBORN, "kraamweek": NEWBORN, "kraamtijd": NEWBORN,
}  # fmt: skip


def _vocabulary() -> dict[str, str]:
    vocab = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
    vocab.update(_STAGE_WORDS)
    vocab.update({name: f"<month{n}>" for name, n in _MONTH_NAMES.items()})
    return vocab


_VOCAB = _vocabulary()
_FUZZY_TARGETS: dict[str, str] = {
    word: tag
    for word, tag in _VOCAB.items()
    if len(word) >= FUZZY_MIN_LEN and tag not in (DUE,) and word.isalpha()
}
# Typos keep the first letter far more often than not; this also keeps 'kaartje' from 'jaartje'.
_FUZZY_BY_INITIAL: dict[str, tuple[str, ...]] = {
    initial: tuple(sorted(word for word in _FUZZY_TARGETS if word[0] == initial))
    for initial in {word[0] for word in _FUZZY_TARGETS}
}
# Real words that come close to a target but mean something else.
_FUZZY_EXCLUDED = frozenset(
    {"kinderen", "kinderwagen", "kinderwagens", "maandag", "maandagen", "mandje", "mandjes"}
)

_FERTILITY_PREFIXES = ("vruchtbaarheid", "fertiliteit", "kinderwens")

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+|[-,;.!?]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
_HALF_AFTER_NUMBER = re.compile(r"([0-9])(?:\s*½|\s+1/2(?![0-9/]))")
_LONE_HALF = re.compile(r"½|(?<![0-9/])1/2(?![0-9/])")


@dataclass(frozen=True, slots=True)
class AgeTokens:
    words: tuple[str, ...]
    tags: tuple[str, ...]
    glued: tuple[bool, ...]

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < len(self.tags) else ""

    def around(self, start: int, end: int) -> tuple[str, ...]:
        return self.words[max(start, 0) : max(end, 0)]


def plain_text(text: str) -> str:
    """Lower case, no diacritics, halves as decimals; punctuation kept for dates and decimals."""
    text = _HALF_AFTER_NUMBER.sub(r"\1,5", text.translate(_DASHES))
    text = _LONE_HALF.sub(" half ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenise(plain: str) -> AgeTokens:
    raw: list[tuple[str, bool]] = []
    end = -1
    for match in _TOKEN.finditer(plain):
        word = match.group()
        raw.append((BOUNDARY if word in ",;.!?" else word, match.start() == end))
        end = match.end()
    kept = [item for i, item in enumerate(raw) if item[0] != "-" or _is_range_dash(raw, i)]
    words = tuple(word for word, _ in kept)
    glued = tuple(flag for _, flag in kept)
    tags = tuple(_tag(word, i, words, glued) for i, word in enumerate(words))
    return AgeTokens(words, tags, glued)


def _is_range_dash(raw: list[tuple[str, bool]], i: int) -> bool:
    return 0 < i < len(raw) - 1 and is_number_word(raw[i - 1][0]) and is_number_word(raw[i + 1][0])


def _tag(word: str, i: int, words: tuple[str, ...], glued: tuple[bool, ...]) -> str:
    if word in _GLUED_UNITS:
        follows_number = glued[i] and i > 0 and words[i - 1][:1].isdigit()
        return _GLUED_UNITS[word] if follows_number else word
    if word in _VOCAB:
        return _VOCAB[word]
    if word.startswith(_FERTILITY_PREFIXES) or (
        word.endswith("wens") and word.startswith(("kinder", "zwanger", "baby"))
    ):
        return KINDERWENS
    if "zwanger" in word:
        return ZWANGER
    if word.startswith(("uitgerekend", "uitreken")):
        return DUE
    return _fuzzy_tag(word)


@lru_cache(maxsize=4096)
def _fuzzy_tag(word: str) -> str:
    if not FUZZY_MIN_LEN <= len(word) <= FUZZY_MAX_LEN or not word.isalpha():
        return word
    if word in _FUZZY_EXCLUDED or word in NUMBER_WORDS:
        return word
    targets = _FUZZY_BY_INITIAL.get(word[0], ())
    best = process.extractOne(word, targets, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return _FUZZY_TARGETS[best[0]] if best is not None else word
