"""Birth dates and due dates in an answer: "1-3-2026", "01/03/26", "2026-03-01", "03/2025",
"1 maart 2026", "3 maart", "geboren in maart".
"""

from __future__ import annotations

import datetime as dt
import re

from imhbot.nlu.age_tokens import AgeTokens

_NUM_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})(?![0-9])")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_MONTH_YEAR = re.compile(r"(?<![0-9.,/-])([0-9]{1,2})[/-]([0-9]{4})(?![0-9])")


def numeric_date(plain: str) -> tuple[dt.date | None, str]:
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


def word_date(tokens: AgeTokens, today: dt.date) -> dt.date | None:
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


def _day_before(tokens: AgeTokens, i: int) -> int | None:
    j = i - 2 if tokens.word(i - 1) in ("e", "ste", "de", "en") else i - 1
    word = tokens.word(j)
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31:
        return int(word)
    return None


def _year_after(tokens: AgeTokens, i: int) -> int | None:
    word = tokens.word(i + 1)
    return int(word) if word.isdigit() and len(word) == 4 else None


def _latest(month: int, day: int, today: dt.date) -> dt.date | None:
    """The most recent day-month on or before today (a 29 February looks back up to 8 years)."""
    for year in range(today.year, today.year - 9, -1):
        found = _date(year, month, day)
        if found is not None and found <= today:
            return found
    return None
