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
from fractions import Fraction

from imhbot.nlu.age_dates import numeric_date, word_date
from imhbot.nlu.age_stages import birth_told_at, is_pregnant, no_child_yet, wants_child
from imhbot.nlu.age_tokens import (
    BOUNDARY,
    DAYS,
    KINDERWENS,
    MONTHS,
    NEWBORN,
    UNIT_MONTHS,
    WEEKS,
    YEARS,
    ZWANGER,
    AgeTokens,
    plain_text,
    tokenise,
)
from imhbot.nlu.number_words import HALF, NUMBER_WORDS, ZERO, is_number_word
from imhbot.nlu.types import AgeAnswer

MAX_MONTHS = 18 * 12
MAX_DUE_DAYS = 300
MAX_BARE_YEARS = 5
_UNIT_RANK = {YEARS: 4, MONTHS: 3, WEEKS: 2, DAYS: 1}
_HALF_YEAR_WORDS = frozenset({"halfjaar", "halfjaartje", "halfjaartjes"})
_BIJNA = frozenset(
    {"bijna", "bijnaa", "bijn", "byna", "bina", "haast", "wordt", "word", "wort", "binnenkort"}
)
_BARE_FOLLOWERS = frozenset(
    {"", BOUNDARY, "oud", "en", "geworden", "nu", "al", "maar", "hoor", "ongeveer", "zo",
     "toch", "dus", "denk", "geloof", "ik", "of", "inmiddels", "intussen", "alweer"}
)  # fmt: skip
_BARE_EXCLUDED_BEFORE = frozenset({"groep", "nummer", "nr", "kamer", "om", "uur", "keer", "tot"})
_GESTATION_BEFORE = frozenset({"met", "bij", "na"})
_LAST = frozenset({"vorige", "vorig", "afgelopen", "last"})
_BORN = frozenset({"geboren", "bevallen", "born"})
_JUST_BORN_BEFORE = frozenset(
    {"net", "pas", "vers", "zojuist", "vandaag", "gisteren", "gister", "eergisteren",
     "vannacht", "vanochtend", "vanmorgen"}
)  # fmt: skip


def parse_age(text: str, *, today: dt.date) -> AgeAnswer | None:
    """Understand an answer to "Hoe oud is je kind?"; None when it holds no age."""
    plain = plain_text(text)
    date, plain = numeric_date(plain)
    tokens = tokenise(plain)
    if date is None and not tokens.words:
        return None
    if wants_child(tokens):
        return AgeAnswer("kinderwens")
    pregnant = is_pregnant(tokens)
    birth_told = any(birth_told_at(tokens, i) for i in range(len(tokens.words)))
    if pregnant and not birth_told:
        return AgeAnswer("zwanger")
    if no_child_yet(tokens) and not birth_told:
        return AgeAnswer("kinderwens")  # "nog geen kindje, we zijn al 2 jaar bezig"
    answer = _child(tokens, date, today)
    if answer is not None:
        return answer
    if pregnant:
        return AgeAnswer("zwanger")
    return None


def _child(tokens: AgeTokens, date: dt.date | None, today: dt.date) -> AgeAnswer | None:
    if date is None:
        date = word_date(tokens, today)
    if date is not None:
        return _from_birth_date(date, today)
    months = _first_quantity(tokens)
    if months is None:
        months = _born_last(tokens)
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


def _born_last(tokens: AgeTokens) -> int | None:
    """'vorige week geboren', 'afgelopen maand bevallen': one such unit ago."""
    if not _BORN.intersection(tokens.words):
        return None
    for i, word in enumerate(tokens.words):
        unit = tokens.tag(i + 1)
        if word in _LAST and unit in UNIT_MONTHS:
            return _whole_months(UNIT_MONTHS[unit], almost=False)
    return None


def _newborn(tokens: AgeTokens) -> bool:
    return any(
        tag == NEWBORN
        or (word == "geboren" and tokens.word(i - 1) in _JUST_BORN_BEFORE)
        or (word == "paar" and tokens.tag(i + 1) in (WEEKS, DAYS))
        for i, (word, tag) in enumerate(zip(tokens.words, tokens.tags, strict=True))
    )


def _first_quantity(tokens: AgeTokens) -> int | None:
    for i in range(len(tokens.words)):
        found = _age_expression(tokens, i)
        if found is None:
            continue
        total, end, smallest = found
        if _is_gestation(tokens, i, end, smallest):
            continue
        return _whole_months(total, almost=_almost(tokens, i))
    return None


def _first_bare_number(tokens: AgeTokens) -> int | None:
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


def _almost(tokens: AgeTokens, start: int) -> bool:
    """'bijna 3', 'wordt 3', 'nog geen 3': the child has not reached the number yet."""
    if tokens.word(start - 2) == "nog" and tokens.word(start - 1) == "geen":
        return True
    for j in range(start - 1, max(start - 4, -1), -1):
        word = tokens.words[j]
        if word == BOUNDARY or is_number_word(word):
            return False
        if word in _BIJNA:
            return True
    return False


def _is_gestation(tokens: AgeTokens, start: int, end: int, smallest: str) -> bool:
    """'20 weken zwanger', 'geboren met 29 weken': a pregnancy's length, not an age."""
    if tokens.tag(end) in (ZWANGER, KINDERWENS):
        return True
    return smallest == WEEKS and tokens.word(start - 1) in _GESTATION_BEFORE


def _age_expression(tokens: AgeTokens, i: int) -> tuple[Fraction, int, str] | None:
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


def _quantity(tokens: AgeTokens, i: int) -> tuple[Fraction, int, str] | None:
    compound = _compound(tokens.word(i))
    if compound is not None:
        return compound * UNIT_MONTHS[YEARS], i + 1, YEARS
    number = _number(tokens, i)
    if number is None:
        return None
    value, j = number
    value, j = _range(tokens, value, j)
    unit = tokens.tag(j)
    if unit not in UNIT_MONTHS:
        return None
    j += 1
    if tokens.word(i) == "een" and tokens.word(j) == "of":  # "een jaar of 3"
        about = _number(tokens, j + 1)
        if about is not None:
            value, j = about
    extra, j = _trailing_half(tokens, j)
    return (value + extra) * UNIT_MONTHS[unit], j, unit


def _compound(word: str) -> Fraction | None:
    """'halfjaar', 'driejarige': a number of years in one word."""
    if word in _HALF_YEAR_WORDS:
        return HALF
    stem = word.removesuffix("e").removesuffix("jarig")
    if stem != word and stem in NUMBER_WORDS:
        return NUMBER_WORDS[stem]
    return None


def _range(tokens: AgeTokens, low: Fraction, j: int) -> tuple[Fraction, int]:
    """'1-2 jaar', '1 tot 2 jaar' (the buttons' wording) → the middle."""
    if tokens.word(j) not in ("-", "tot", "a"):
        return low, j
    high = _number(tokens, j + 1)
    if high is None or tokens.tag(high[1]) not in UNIT_MONTHS or high[0] < low:
        return low, j
    return (low + high[0]) / 2, high[1]


def _number(tokens: AgeTokens, i: int) -> tuple[Fraction, int] | None:
    word = tokens.word(i)
    if word[:1].isdigit():
        if len(word) > 6:
            return None
        value = Fraction(int(word)) if word.isdigit() else Fraction(word.replace(",", "."))
    elif word == "een" and tokens.word(i + 1) in ("half", "halve"):
        value, i = HALF, i + 1
    elif word in NUMBER_WORDS:
        value = NUMBER_WORDS[word]
    else:
        return None
    extra, end = _trailing_half(tokens, i + 1)
    return (value + extra if extra else value), end


def _trailing_half(tokens: AgeTokens, j: int) -> tuple[Fraction, int]:
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
