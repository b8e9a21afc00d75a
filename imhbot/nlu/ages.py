"""The answer to "Hoe oud is je kind?": a stage, and whole months for a born child.

Conventions (the ones not fixed by `shared/eval/dev.yaml` are marked *):
- weeks and days become whole months rounded down, a month being 30.44 days;
- "bijna N" and "wordt N" are the month before N: N*12-1 for years, N-1 for months;
  "net N", "ruim N" and "N geworden" are just N;
- * a bare number 0..5 ("hij is 2", "2,5", also "bijna 6") means years; a bare 6 or more could be
  months or years, so it is not an answer (None) and the flow asks again;
- * a birth date without a year is the most recent such date on or before today; a month
  with a year ("maart 2025") counts from the 1st; a full date up to 300 days ahead is a
  due date (zwanger);
- * a range ("1-2 jaar", as on the buttons) is its middle;
- * a child older than 18 years is not an answer (None); older than 5 is (the flow decides);
- * kinderwens beats zwanger beats a child's age; but when the text also speaks of a birth
  that happened ("geboren", "bevalling", "toen ik zwanger was"), a child's age wins.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from rapidfuzz import fuzz, process

from imhbot.nlu.types import AgeAnswer

DAYS_PER_MONTH = Fraction(3044, 100)
MAX_MONTHS = 18 * 12
MAX_DUE_DAYS = 300
MAX_BARE_YEARS = 5
FUZZY_CUTOFF = 85
FUZZY_MIN_LEN = 6
FUZZY_MAX_LEN = 20

# Tags for words that matter; plain words keep their own text.
YEARS, MONTHS, WEEKS, DAYS = "<y>", "<m>", "<w>", "<d>"
ZWANGER, KINDERWENS, DUE, NEWBORN = "<zwanger>", "<kinderwens>", "<due>", "<newborn>"
BOUNDARY = "|"

_UNIT_MONTHS: dict[str, Fraction] = {
    YEARS: Fraction(12),
    MONTHS: Fraction(1),
    WEEKS: 7 / DAYS_PER_MONTH,
    DAYS: 1 / DAYS_PER_MONTH,
}
_UNIT_RANK = {YEARS: 4, MONTHS: 3, WEEKS: 2, DAYS: 1}

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

_DIGITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = (
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
    "achttien", "negentien",
)  # fmt: skip
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50}
HALF = Fraction(1, 2)
ZERO = Fraction(0)


def _number_words() -> dict[str, Fraction]:
    words = {name: Fraction(n) for n, name in enumerate(_DIGITS)}
    words.update({name: Fraction(10 + n) for n, name in enumerate(_TEENS)})
    words.update({name: Fraction(n) for name, n in _TENS.items()})
    for unit, unit_name in enumerate(_DIGITS[1:], start=1):
        for tens_name, tens in _TENS.items():
            words[f"{unit_name}en{tens_name}"] = Fraction(tens + unit)
    for name, value in list(words.items()):
        if 1 <= value <= 12:
            words[f"{name}enhalf"] = words[f"{name}enhalve"] = value + HALF
    words.update(
        eentje=Fraction(1),
        achtien=Fraction(18),
        anderhalf=Fraction(3, 2),
        anderhalve=Fraction(3, 2),
        half=HALF,
        halve=HALF,
    )
    return words


_NUMBER_WORDS = _number_words()
_HALF_YEAR_WORDS = frozenset({"halfjaar", "halfjaartje", "halfjaartjes"})


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

_BIJNA = frozenset(
    {"bijna", "bijnaa", "bijn", "byna", "bina", "haast", "wordt", "word", "wort", "binnenkort"}
)
_BARE_FOLLOWERS = frozenset(
    {"", BOUNDARY, "oud", "en", "geworden", "nu", "al", "maar", "hoor", "ongeveer", "zo",
     "toch", "dus", "denk", "geloof", "ik", "of", "inmiddels", "intussen", "alweer"}
)  # fmt: skip
_BARE_EXCLUDED_BEFORE = frozenset({"groep", "nummer", "nr", "kamer", "om", "uur", "keer", "tot"})
_GESTATION_BEFORE = frozenset({"met", "bij", "na"})
_BIRTH_MARKERS = frozenset(
    {"geboren", "bevallen", "bevalling", "was", "waren", "toen", "tijdens", "kraambed"}
)
_JUST_BORN_BEFORE = frozenset(
    {"net", "pas", "vers", "zojuist", "vandaag", "gisteren", "gister", "eergisteren",
     "vannacht", "vanochtend", "vanmorgen"}
)  # fmt: skip
_BABY_WORDS = frozenset(
    {"kind", "kindje", "kindjes", "kinderen", "baby", "babys",
     "babytje", "gezin", "gezinnetje", "kleintje", "tweeling", "zoon", "zoontje", "dochter",
     "dochtertje"}
)  # fmt: skip
_WISH_WORDS = frozenset(
    {"willen", "wil", "wille", "wensen", "wens", "hopen", "hoop", "dromen", "droom", "verlangen"}
)
_TRY_WORDS = frozenset({"proberen", "probeer", "probeert", "probeerden", "pogen", "poging"})
_FERTILITY_WORDS = frozenset({"ivf", "icsi", "iui", "ttc"})
_FERTILITY_PREFIXES = ("vruchtbaarheid", "fertiliteit", "kinderwens")
_WISH_FILLERS = frozenset(
    {"graag", "heel", "zo", "ook", "nog", "een", "erg", "dolgraag", "echt", "tweede", "derde",
     "ontzettend", "wel", "al", "lang", "op", "sinds", "ruim", "bijna", "ander"}
)  # fmt: skip
_NEGATIONS = frozenset({"niet", "geen", "nooit"})

_NUM_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})(?![0-9])")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_MONTH_YEAR = re.compile(r"(?<![0-9.,/-])([0-9]{1,2})[/-]([0-9]{4})(?![0-9])")
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+|[-,;.!?]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
_HALF_AFTER_NUMBER = re.compile(r"([0-9])(?:\s*½|\s+1/2(?![0-9/]))")
_LONE_HALF = re.compile(r"½|(?<![0-9/])1/2(?![0-9/])")


@dataclass(frozen=True, slots=True)
class _Tokens:
    words: tuple[str, ...]
    tags: tuple[str, ...]
    glued: tuple[bool, ...]

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < len(self.tags) else ""

    def around(self, start: int, end: int) -> tuple[str, ...]:
        return self.words[max(start, 0) : max(end, 0)]


def parse_age(text: str, *, today: dt.date) -> AgeAnswer | None:
    """Understand an answer to "Hoe oud is je kind?"; None when it holds no age."""
    plain = _plain(text)
    date, plain = _numeric_date(plain)
    tokens = _tokenise(plain)
    if date is None and not tokens.words:
        return None
    if _wants_child(tokens):
        return AgeAnswer("kinderwens")
    pregnant = _pregnant(tokens)
    birth_told = any(_birth_told_at(tokens, i) for i in range(len(tokens.words)))
    if pregnant and not birth_told:
        return AgeAnswer("zwanger")
    answer = _child(tokens, date, today)
    if answer is not None:
        return answer
    if pregnant:
        return AgeAnswer("zwanger")
    if _no_child_yet(tokens):
        return AgeAnswer("kinderwens")
    return None


# --- text to tokens --------------------------------------------------------------------


def _plain(text: str) -> str:
    """Lower case, no diacritics, halves as decimals; punctuation kept for dates and decimals."""
    text = _HALF_AFTER_NUMBER.sub(r"\1,5", text.translate(_DASHES))
    text = _LONE_HALF.sub(" half ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokenise(plain: str) -> _Tokens:
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
    return _Tokens(words, tags, glued)


def _is_range_dash(raw: list[tuple[str, bool]], i: int) -> bool:
    return (
        0 < i < len(raw) - 1 and _is_number_word(raw[i - 1][0]) and _is_number_word(raw[i + 1][0])
    )


def _is_number_word(word: str) -> bool:
    return word[:1].isdigit() or word in _NUMBER_WORDS


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
    if word in _FUZZY_EXCLUDED or word in _NUMBER_WORDS:
        return word
    targets = _FUZZY_BY_INITIAL.get(word[0], ())
    best = process.extractOne(word, targets, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return _FUZZY_TARGETS[best[0]] if best is not None else word


# --- stages ----------------------------------------------------------------------------


def _wants_child(tokens: _Tokens) -> bool:
    return any(_wish_at(tokens, i) for i in range(len(tokens.words)))


def _wish_at(tokens: _Tokens, i: int) -> bool:
    word, tag = tokens.words[i], tokens.tags[i]
    if tag == KINDERWENS or word in _FERTILITY_WORDS:
        return True
    if word == "kinder" and tokens.word(i + 1) == "wens":
        return True
    if tag == ZWANGER:
        ahead = tokens.around(i + 1, i + 4)
        before = tokens.around(i - 4, i)
        return (
            "worden" in ahead
            or "raken" in ahead
            or ("nog" in before and bool(_NEGATIONS.intersection(before)))
        )
    if word in _WISH_WORDS:
        return _baby_ahead(tokens, i, durations=False)
    if word in _TRY_WORDS:
        return _baby_ahead(tokens, i, durations=True)
    return False


def _baby_ahead(tokens: _Tokens, i: int, *, durations: bool) -> bool:
    """'willen graag een kindje', 'proberen al 2 jaar een kindje': only fillers in between."""
    for j in range(i + 1, min(i + 7, len(tokens.words))):
        word, tag = tokens.words[j], tokens.tags[j]
        if word in _BABY_WORDS or tag == ZWANGER:
            return True
        duration = _is_number_word(word) or tag in _UNIT_MONTHS
        if word not in _WISH_FILLERS and not (durations and duration):
            return False
    return False


def _no_child_yet(tokens: _Tokens) -> bool:
    """'nog geen kinderen': a weak sign of a wish, used only when nothing else was found."""
    return any(
        tokens.words[i] == "nog"
        and tokens.word(i + 1) == "geen"
        and tokens.word(i + 2) in _BABY_WORDS
        for i in range(len(tokens.words))
    )


def _pregnant(tokens: _Tokens) -> bool:
    return any(_pregnant_at(tokens, i) for i in range(len(tokens.words)))


def _pregnant_at(tokens: _Tokens, i: int) -> bool:
    word, tag = tokens.words[i], tokens.tags[i]
    if tag == ZWANGER:
        return not _NEGATIONS.intersection(tokens.around(i - 3, i))
    if tag == DUE or _unborn_at(tokens, i):
        return True
    if word == "verwachting":
        return tokens.word(i - 1) in ("in", "blijde")
    if word in ("verwachten", "verwacht", "verwachtte"):
        return any(
            w in _BABY_WORDS or t.startswith("<month") for w, t in _window(tokens, i + 1, i + 5)
        )
    if word == "komst":
        return tokens.word(i - 1) == "op" and any(
            w in _BABY_WORDS for w, _ in _window(tokens, i - 4, i - 1)
        )
    return False


def _unborn_at(tokens: _Tokens, i: int) -> bool:
    """'nog niet geboren', 'nog niet bevallen': still pregnant."""
    return tokens.words[i] in _BIRTH_MARKERS and bool(
        _NEGATIONS.intersection(tokens.around(i - 2, i))
    )


def _birth_told_at(tokens: _Tokens, i: int) -> bool:
    return tokens.words[i] in _BIRTH_MARKERS and not _unborn_at(tokens, i)


def _window(tokens: _Tokens, start: int, end: int) -> Iterator[tuple[str, str]]:
    for j in range(max(start, 0), min(end, len(tokens.words))):
        yield tokens.words[j], tokens.tags[j]


# --- a born child ----------------------------------------------------------------------


def _child(tokens: _Tokens, date: dt.date | None, today: dt.date) -> AgeAnswer | None:
    if date is None:
        date = _word_date(tokens, today)
    if date is not None:
        return _from_birth_date(date, today)
    months = _first_quantity(tokens)
    if months is None and _newborn(tokens):
        months = 0
    if months is None:
        months = _first_bare_number(tokens)
    if months is None or months > MAX_MONTHS:
        return None
    return AgeAnswer("kind", months)


def _from_birth_date(birth: dt.date, today: dt.date) -> AgeAnswer | None:
    if birth > today:
        return AgeAnswer("zwanger") if (birth - today).days <= MAX_DUE_DAYS else None
    months = (today.year - birth.year) * 12 + today.month - birth.month
    if today.day < birth.day:
        months -= 1
    return AgeAnswer("kind", months) if months <= MAX_MONTHS else None


def _newborn(tokens: _Tokens) -> bool:
    return any(
        tag == NEWBORN
        or (word == "geboren" and tokens.word(i - 1) in _JUST_BORN_BEFORE)
        or (word == "paar" and tokens.tag(i + 1) in (WEEKS, DAYS))
        for i, (word, tag) in enumerate(zip(tokens.words, tokens.tags, strict=True))
    )


def _first_quantity(tokens: _Tokens) -> int | None:
    for i in range(len(tokens.words)):
        found = _age_expression(tokens, i)
        if found is None:
            continue
        total, end, smallest = found
        if _is_gestation(tokens, i, end, smallest):
            continue
        return _whole_months(total, almost=_almost(tokens, i))
    return None


def _first_bare_number(tokens: _Tokens) -> int | None:
    for i, word in enumerate(tokens.words):
        if word in ("een", "half", "halve") or tokens.word(i - 1) in _BARE_EXCLUDED_BEFORE:
            continue
        number = _number(tokens, i)
        if number is None:
            continue
        value, end = number
        almost = _almost(tokens, i)
        limit = MAX_BARE_YEARS + 1 if almost else MAX_BARE_YEARS  # "bijna 6" is still 5 years
        if tokens.word(end) in _BARE_FOLLOWERS and value <= limit:
            return _whole_months(value * 12, almost=almost)
    return None


def _whole_months(total: Fraction, *, almost: bool) -> int:
    months = math.ceil(total) - 1 if almost else math.floor(total)
    return max(months, 0)


def _almost(tokens: _Tokens, start: int) -> bool:
    """'bijna 3', 'wordt 3', 'nog geen 3': the child has not reached the number yet."""
    if tokens.word(start - 2) == "nog" and tokens.word(start - 1) == "geen":
        return True
    for j in range(start - 1, max(start - 4, -1), -1):
        word = tokens.words[j]
        if word == BOUNDARY or _is_number_word(word):
            return False
        if word in _BIJNA:
            return True
    return False


def _is_gestation(tokens: _Tokens, start: int, end: int, smallest: str) -> bool:
    """'20 weken zwanger', 'geboren met 29 weken': a pregnancy's length, not an age."""
    if tokens.tag(end) in (ZWANGER, KINDERWENS):
        return True
    return smallest == WEEKS and tokens.word(start - 1) in _GESTATION_BEFORE


def _age_expression(tokens: _Tokens, i: int) -> tuple[Fraction, int, str] | None:
    """'4 jaar en 3 maanden' → (51, end, <m>): quantities with ever smaller units, summed."""
    first = _quantity(tokens, i)
    if first is None:
        return None
    total, end, unit = first
    while True:
        j = end
        while tokens.word(j) in ("en", "and", BOUNDARY) and j < end + 2:
            j += 1
        following = _quantity(tokens, j)
        if following is None or _UNIT_RANK[following[2]] >= _UNIT_RANK[unit]:
            return total, end, unit
        total, end, unit = total + following[0], following[1], following[2]


def _quantity(tokens: _Tokens, i: int) -> tuple[Fraction, int, str] | None:
    compound = _compound(tokens.word(i))
    if compound is not None:
        return compound * _UNIT_MONTHS[YEARS], i + 1, YEARS
    number = _number(tokens, i)
    if number is None:
        return None
    value, j = number
    value, j = _range(tokens, value, j)
    unit = tokens.tag(j)
    if unit not in _UNIT_MONTHS:
        return None
    j += 1
    if tokens.word(i) == "een" and tokens.word(j) == "of":  # "een jaar of 3"
        about = _number(tokens, j + 1)
        if about is not None:
            value, j = about
    extra, j = _trailing_half(tokens, j)
    return (value + extra) * _UNIT_MONTHS[unit], j, unit


def _compound(word: str) -> Fraction | None:
    """'halfjaar', 'driejarige': a number of years in one word."""
    if word in _HALF_YEAR_WORDS:
        return HALF
    stem = word.removesuffix("e").removesuffix("jarig")
    if stem != word and stem in _NUMBER_WORDS:
        return _NUMBER_WORDS[stem]
    return None


def _range(tokens: _Tokens, low: Fraction, j: int) -> tuple[Fraction, int]:
    """'1-2 jaar', '1 tot 2 jaar' (the buttons' wording) → the middle."""
    if tokens.word(j) not in ("-", "tot", "a"):
        return low, j
    high = _number(tokens, j + 1)
    if high is None or tokens.tag(high[1]) not in _UNIT_MONTHS or high[0] < low:
        return low, j
    return (low + high[0]) / 2, high[1]


def _number(tokens: _Tokens, i: int) -> tuple[Fraction, int] | None:
    word = tokens.word(i)
    if word[:1].isdigit():
        if len(word) > 6:
            return None
        value = Fraction(int(word)) if word.isdigit() else Fraction(word.replace(",", "."))
    elif word == "een" and tokens.word(i + 1) in ("half", "halve"):
        value, i = HALF, i + 1
    elif word in _NUMBER_WORDS:
        value = _NUMBER_WORDS[word]
    else:
        return None
    extra, end = _trailing_half(tokens, i + 1)
    return (value + extra if extra else value), end


def _trailing_half(tokens: _Tokens, j: int) -> tuple[Fraction, int]:
    """'... en een half', '... en half', '...enhalf'."""
    if tokens.word(j) == "enhalf":
        return HALF, j + 1
    if tokens.word(j) != "en":
        return ZERO, j
    if tokens.word(j + 1) in ("half", "halve"):
        return HALF, j + 2
    if tokens.word(j + 1) == "een" and tokens.word(j + 2) in ("half", "halve"):
        return HALF, j + 3
    return ZERO, j


# --- birth dates -----------------------------------------------------------------------


def _numeric_date(plain: str) -> tuple[dt.date | None, str]:
    """'1-3-2026', '01/03/26', '2026-03-01', '03/2025'; the text without it."""
    for pattern, order in ((_ISO_DATE, (2, 1, 0)), (_NUM_DATE, (0, 1, 2)), (_MONTH_YEAR, None)):
        match = pattern.search(plain)
        if match is None:
            continue
        parts = [int(group) for group in match.groups()]
        if order is None:
            day, month, year = 1, parts[0], parts[1]
        else:
            day, month, year = (parts[i] for i in order)
        date = _date(_full_year(year), month, day)
        if date is not None:
            return date, plain[: match.start()] + " " + plain[match.end() :]
    return None, plain


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2999:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _word_date(tokens: _Tokens, today: dt.date) -> dt.date | None:
    """'1 maart 2026', '3 maart', 'maart 2025', 'geboren in maart'."""
    born = "geboren" in tokens.words
    for i, tag in enumerate(tokens.tags):
        if not tag.startswith("<month"):
            continue
        month = int(tag[6:-1])
        day = _day_before(tokens, i)
        year = _year_after(tokens, i)
        if year is not None:
            found = _date(year, month, day or 1)
        elif day is not None or born:
            found = _latest(month, day or 1, today)
        else:
            continue
        if found is not None:
            return found
    return None


def _day_before(tokens: _Tokens, i: int) -> int | None:
    j = i - 2 if tokens.word(i - 1) in ("e", "ste", "de", "en") else i - 1
    word = tokens.word(j)
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31:
        return int(word)
    return None


def _year_after(tokens: _Tokens, i: int) -> int | None:
    word = tokens.word(i + 1)
    return int(word) if word.isdigit() and len(word) == 4 else None


def _latest(month: int, day: int, today: dt.date) -> dt.date | None:
    """The most recent day-month on or before today (a 29 February looks back up to 8 years)."""
    for year in range(today.year, today.year - 9, -1):
        found = _date(year, month, day)
        if found is not None and found <= today:
            return found
    return None
