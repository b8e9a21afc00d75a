"""parse_age: the dev set's ages, our own table of forms, and text that holds no age."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from support import paths

from imhbot.nlu.ages import parse_age
from imhbot.nlu.types import AgeAnswer

DEV_SET = paths.DEV_SET
TODAY = dt.date(2026, 11, 25)


def _dev_cases() -> list[Any]:
    if not DEV_SET.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{DEV_SET} not found"))]
    cases = yaml.safe_load(DEV_SET.read_text(encoding="utf-8")).get("ages") or []
    return [pytest.param(case, id=case["text"]) for case in cases]


@pytest.mark.parametrize("case", _dev_cases())
def test_dev_set(case: dict[str, Any]) -> None:
    today = case.get("today", TODAY)
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    expected = AgeAnswer(case["stage"], case.get("months"))
    assert parse_age(case["text"], today=today) == expected


KIND: list[tuple[str, int]] = [
    # digits with a unit
    ("3 maanden", 3),
    ("14 maanden", 14),
    ("18 mnd", 18),
    ("3 maand", 3),
    ("7 jaar", 84),
    ("3 jr", 36),
    ("2 jaar", 24),
    ("1 jaar oud", 12),
    ("3m", 3),
    ("2j", 24),
    ("18mnd", 18),
    # chat spelling and typos
    ("14 maande", 14),
    ("14 mndn", 14),
    ("2 mand", 2),
    ("3 jaartje", 36),
    ("2 jaren", 24),
    ("3 maandne", 3),
    ("5 maaanden", 5),
    ("6 weekjes", 1),
    ("4 wk", 0),
    # number words
    ("twee jaar", 24),
    ("ze is drie", 36),
    ("vier maanden", 4),
    ("dertien maanden", 13),
    ("achttien mnd", 18),
    ("vierentwintig maanden", 24),
    ("tweeëntwintig maanden", 22),
    ("één jaar", 12),
    ("een jaar", 12),
    ("ze is eentje", 12),
    ("twaalf maanden", 12),
    # halves and decimals
    ("anderhalf", 18),
    ("anderhalf jaar", 18),
    ("anderhalve maand", 1),
    ("tweeënhalf", 30),
    ("tweeenhalf jaar", 30),
    ("twee en een half", 30),
    ("twee en een half jaar", 30),
    ("2 en een half jaar", 30),
    ("2 jaar en een half", 30),
    ("half jaar", 6),
    ("een half jaar", 6),
    ("halfjaartje", 6),
    ("2,5 jaar", 30),
    ("2.5 jaar", 30),
    ("1,5 jaar", 18),
    ("2,5", 30),
    ("hij is 2½", 30),
    ("2 1/2 jaar", 30),
    ("2,5 maand", 2),
    # sums
    ("1 jaar en 3 maanden", 15),
    ("4 jaar en 3 maanden", 51),
    ("3 jaar, 2 maanden", 38),
    ("2 jaar 3 mnd", 27),
    ("2 maanden en 2 weken", 2),
    # weeks and days
    ("3 weken oud", 0),
    ("9 weken", 2),
    ("zes weken", 1),
    ("5 weken", 1),
    ("10 dagen", 0),
    ("45 dagen", 1),
    ("een paar weken oud", 0),
    # newborn
    ("pasgeboren", 0),
    ("net geboren", 0),
    ("newborn", 0),
    ("ze is gisteren geboren", 0),
    # bijna, net, ruim, wordt
    ("bijna 2", 23),
    ("bijna 1", 11),
    ("ze wordt bijna 3", 35),
    ("ze wordt 3", 35),
    ("hij wordt 2 jaar", 23),
    ("bijna 3 maanden", 2),
    ("nog geen 2", 23),
    ("hij wordt 6", 71),
    ("net 1", 12),
    ("hij is net 1", 12),
    ("ruim 2", 24),
    ("hij is 2", 24),
    ("3", 36),
    ("0", 0),
    ("hij is 3 geworden", 36),
    ("m'n zoon is 2", 24),
    ("hij is 2, hij wordt wakker om 5", 24),
    # ranges and approximations
    ("1-2 jaar", 18),
    ("0–6 mnd", 3),
    ("2 tot 4 jaar", 36),
    ("een jaar of 3", 36),
    ("een maand of vier", 4),
    ("2-jarige", 24),
    ("driejarig", 36),
    # older children still parse
    ("7 jaar", 84),
    ("12 jaar", 144),
    # in a sentence
    ("mijn dochter is 14 maanden", 14),
    ("hij is 2 en heeft veel driftbuien", 24),
    ("geboren met 29 weken, nu 3 maanden", 3),
    ("toen ik zwanger was had ik veel stress, nu is hij 2", 24),
    ("mijn 2e is 3 maanden", 3),
    ("english: 3 months", 3),
]


@pytest.mark.parametrize(("text", "months"), KIND)
def test_child_ages(text: str, months: int) -> None:
    assert parse_age(text, today=TODAY) == AgeAnswer("kind", months)


BIRTH_DATES: list[tuple[str, dt.date, int]] = [
    ("geboren op 1 maart 2026", dt.date(2026, 11, 25), 8),
    ("1-3-2026", dt.date(2026, 11, 25), 8),
    ("01/03/2026", dt.date(2026, 11, 25), 8),
    ("1.3.2026", dt.date(2026, 11, 25), 8),
    ("1-3-26", dt.date(2026, 11, 25), 8),
    ("2026-03-01", dt.date(2026, 11, 25), 8),
    ("geboren 15 januari 2024", dt.date(2025, 6, 1), 16),
    ("geboren 15 januari 2024", dt.date(2025, 6, 15), 17),
    ("geboren 15 januari 2024", dt.date(2025, 6, 14), 16),
    ("maart 2025", dt.date(2026, 11, 25), 20),
    ("03/2025", dt.date(2026, 11, 25), 20),
    ("3 maart", dt.date(2026, 11, 25), 8),  # most recent 3 March: 2026
    ("3 maart", dt.date(2026, 2, 1), 10),  # most recent 3 March: 2025
    ("3 maart", dt.date(2026, 3, 3), 0),
    ("29 februari", dt.date(2026, 11, 25), 32),  # 29 February 2024
    ("geboren in maart", dt.date(2026, 11, 25), 8),
    ("1e december 2025", dt.date(2026, 11, 25), 11),
    ("geboren op 2 febuari 2026", dt.date(2026, 11, 25), 9),
    ("15 okt 2025", dt.date(2026, 11, 25), 13),
]


@pytest.mark.parametrize(("text", "today", "months"), BIRTH_DATES)
def test_birth_dates(text: str, today: dt.date, months: int) -> None:
    assert parse_age(text, today=today) == AgeAnswer("kind", months)


ZWANGER = [
    "zwanger",
    "Zwanger",
    "ik ben 20 weken zwanger",
    "ik ben 5 maanden zwanger",
    "20 weken zwanger, mijn vorige bevalling was zwaar",
    "uitgerekend in maart",
    "we verwachten een baby",
    "in verwachting",
    "ik ben in blijde verwachting",
    "zwangerschap",
    "hoogzwanger",
    "zwnger",
    "zwager",
    "er is een kindje op komst",
    "1 maart 2027",  # a date ahead: a due date
    "ik ben zwanger en heb een zoon van 2",
    "nog niet geboren, ik ben uitgerekend in juni",
    "ik ben nog niet bevallen",
]


@pytest.mark.parametrize("text", ZWANGER)
def test_pregnant(text: str) -> None:
    assert parse_age(text, today=TODAY) == AgeAnswer("zwanger")


KINDERWENS = [
    "kinderwens",
    "Kinderwens",
    "kinderwns",
    "we willen graag een kindje",
    "we willen een baby",
    "wij willen kinderen",
    "wij hopen op een kindje",
    "we proberen zwanger te worden",
    "we proberen al een jaar zwanger te worden",
    "we proberen al 2 jaar een kindje te krijgen",
    "ik ben nog niet zwanger",
    "nog niet zwanger",
    "ivf",
    "we zitten in een IVF traject",
    "vruchtbaarheidsbehandeling",
    "we hebben nog geen kinderen",
]


@pytest.mark.parametrize("text", KINDERWENS)
def test_kinderwens(text: str) -> None:
    assert parse_age(text, today=TODAY) == AgeAnswer("kinderwens")


NOTHING = [
    "",
    "   ",
    "weet ik niet",
    "hallo",
    "🙂",
    "???",
    "ik heb een vraag",
    "7",  # months or years? ask again
    "14",
    "ik heb 3 kinderen",
    "hij is geboren met 29 weken",
    "31 april",
    "35 jaar",  # not a child's age
    "2024",
    "kinderwagen",
    "ze wil nooit slapen",
    "ik ben niet zwanger",
    "a" * 10_000,
    "99999999999999999999 jaar",
]


@pytest.mark.parametrize("text", NOTHING, ids=lambda text: repr(text[:20]))
def test_nothing_age_like(text: str) -> None:
    assert parse_age(text, today=TODAY) is None


def test_wish_phrase_does_not_swallow_a_childs_age() -> None:
    assert parse_age("ze wil nooit slapen kind is 2", today=TODAY) == AgeAnswer("kind", 24)


def test_long_input_is_fast() -> None:
    texts = [
        "maart 3 weken zwanger " * 500,
        "1-2-" * 2_500,
        "2,5 en een half " * 600,
        "wil een een een een " * 500,
        "kinderwagn " * 900,
        "3 " * 5_000,
    ]
    for text in texts:
        start = time.perf_counter()
        parse_age(text, today=TODAY)
        assert time.perf_counter() - start < 0.5, text[:30]


def _valid(answer: AgeAnswer | None) -> bool:
    if answer is None:
        return True
    if answer.stage == "kind":
        return isinstance(answer.months, int) and 0 <= answer.months <= 18 * 12
    return answer.stage in ("zwanger", "kinderwens") and answer.months is None


_WORDS = st.sampled_from(
    [
        "3", "2,5", "1.5", "een", "half", "anderhalf", "jaar", "maanden", "weken", "dagen",
        "bijna", "net", "wordt", "zwanger", "niet", "nog", "kinderwens", "maart", "2026",
        "1-3-2026", "geboren", "en", "-", "tot", "of", "½", "1/2", " ", ",", "m", "willen",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), today=st.dates())
def test_any_text_gives_none_or_a_valid_answer(text: str, today: dt.date) -> None:
    assert _valid(parse_age(text, today=today))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_WORDS, max_size=12), today=st.dates())
def test_any_mix_of_age_words_gives_none_or_a_valid_answer(
    parts: list[str], today: dt.date
) -> None:
    assert _valid(parse_age(" ".join(parts), today=today))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ze is vorige week geboren", AgeAnswer("kind", 0)),
        ("afgelopen maand bevallen", AgeAnswer("kind", 1)),
        ("vorig jaar geboren", AgeAnswer("kind", 12)),
        ("hij was vorige week 2 geworden", AgeAnswer("kind", 24)),  # a birthday, no birth
    ],
)
def test_a_birth_told_as_last_week_or_month(text: str, expected: AgeAnswer) -> None:
    assert parse_age(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we proberen het al anderhalf jaar",
        "proberen al 8 maanden",
        "nog niet, we hopen het heel erg",
        "nog geen baby, we zijn er al een jaar mee bezig",
    ],
)
def test_trying_or_hoping_without_naming_the_baby_is_a_wish(text: str) -> None:
    assert parse_age(text, today=TODAY) == AgeAnswer("kinderwens")


@pytest.mark.parametrize("text", ["hij is 2, ik probeer het", "we willen heel graag"])
def test_trying_or_wishing_alone_is_no_wish(text: str) -> None:
    assert parse_age(text, today=TODAY) != AgeAnswer("kinderwens")


@pytest.mark.parametrize("text", ["ik ben 22 weken", "ben 7 maanden", "k ben 12 weken"])
def test_a_parent_who_is_weeks_or_months_herself_is_pregnant(text: str) -> None:
    assert parse_age(text, today=TODAY) == AgeAnswer("zwanger")


def test_a_parent_who_tells_her_own_age_in_years_gives_no_age() -> None:
    assert parse_age("ik ben 30", today=TODAY) is None
