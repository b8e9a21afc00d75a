"""Stages before a child's age: a wish for a child ("we proberen al 2 jaar zwanger te
worden") and a pregnancy ("ik ben 20 weken zwanger", "uitgerekend in maart"), and whether a
birth that happened is told ("toen ik zwanger was").
"""

from __future__ import annotations

from collections.abc import Iterator

from imhbot.nlu.age_tokens import (
    DUE,
    KINDERWENS,
    MONTHS,
    UNIT_MONTHS,
    WEEKS,
    ZWANGER,
    AgeTokens,
)
from imhbot.nlu.number_words import is_number_word

_BIRTH_MARKERS = frozenset(
    {"geboren", "bevallen", "bevalling", "was", "waren", "toen", "tijdens", "kraambed"}
)
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
_WISH_FILLERS = frozenset(
    {"graag", "heel", "zo", "ook", "nog", "een", "erg", "dolgraag", "echt", "tweede", "derde",
     "ontzettend", "wel", "al", "lang", "op", "sinds", "ruim", "bijna", "ander"}
)  # fmt: skip
_NEGATIONS = frozenset({"niet", "geen", "nooit"})


def wants_child(tokens: AgeTokens) -> bool:
    return any(_wish_at(tokens, i) for i in range(len(tokens.words)))


def _wish_at(tokens: AgeTokens, i: int) -> bool:
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
        return _baby_ahead(tokens, i, durations=False, alone=_not_yet(tokens, i))
    if word in _TRY_WORDS:
        return _baby_ahead(tokens, i, durations=True, alone=_duration_ahead(tokens, i))
    return False


def _baby_ahead(tokens: AgeTokens, i: int, *, durations: bool, alone: bool) -> bool:
    """'willen graag een kindje', 'proberen al 2 jaar een kindje': only fillers in between.
    `alone`: the wish may also end the answer without naming the baby, as answers to "how
    old is your child?" do ("we proberen het al een jaar", "nog niet, we willen heel graag")."""
    end = len(tokens.words)
    for j in range(i + 1, min(i + 7, end)):
        word, tag = tokens.words[j], tokens.tags[j]
        if word in _BABY_WORDS or tag == ZWANGER:
            return True
        duration = is_number_word(word) or tag in UNIT_MONTHS
        if word not in _WISH_FILLERS and word != "het" and not (durations and duration):
            return False
    return alone and all(
        w in _WISH_FILLERS or w == "het" or is_number_word(w) or t in UNIT_MONTHS
        for w, t in _window(tokens, i + 1, end)
    )


def _duration_ahead(tokens: AgeTokens, i: int) -> bool:
    """'proberen het al een jaar': how long they try, so trying for a child."""
    return any(t in UNIT_MONTHS for _, t in _window(tokens, i + 1, len(tokens.words)))


def _not_yet(tokens: AgeTokens, i: int) -> bool:
    """'nog niet', 'nog geen' before a wish: there is no child yet."""
    before = tokens.around(0, i)
    return "nog" in before and bool(_NEGATIONS.intersection(before))


def no_child_yet(tokens: AgeTokens) -> bool:
    """'nog geen kinderen': a weak sign of a wish, used only when nothing else was found."""
    return any(
        tokens.words[i] == "nog"
        and tokens.word(i + 1) == "geen"
        and tokens.word(i + 2) in _BABY_WORDS
        for i in range(len(tokens.words))
    )


def is_pregnant(tokens: AgeTokens) -> bool:
    return _self_in_weeks(tokens) or any(_pregnant_at(tokens, i) for i in range(len(tokens.words)))


def _self_in_weeks(tokens: AgeTokens) -> bool:
    """'ik ben 30 weken', 'ben 7 maanden': at the age question a parent who is so many weeks
    or months herself speaks of a pregnancy."""
    words = tokens.words
    return any(
        words[i] == "ben"
        and tokens.word(i - 1) in ("", "ik", "k")
        and is_number_word(tokens.word(i + 1))
        and tokens.tag(i + 2) in (WEEKS, MONTHS)
        for i in range(len(words))
    )


def _pregnant_at(tokens: AgeTokens, i: int) -> bool:
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


def _unborn_at(tokens: AgeTokens, i: int) -> bool:
    """'nog niet geboren', 'nog niet bevallen': still pregnant."""
    return tokens.words[i] in _BIRTH_MARKERS and bool(
        _NEGATIONS.intersection(tokens.around(i - 2, i))
    )


def birth_told_at(tokens: AgeTokens, i: int) -> bool:
    return tokens.words[i] in _BIRTH_MARKERS and not _unborn_at(tokens, i)


def _window(tokens: AgeTokens, start: int, end: int) -> Iterator[tuple[str, str]]:
    for j in range(max(start, 0), min(end, len(tokens.words))):
        yield tokens.words[j], tokens.tags[j]
