"""Stages before a child's age: a wish for a child ("we proberen al 2 jaar zwanger te
worden") and a pregnancy ("ik ben 20 weken zwanger", "uitgerekend in maart"), and whether a
birth that happened is told ("toen ik zwanger was").
"""

from __future__ import annotations

from collections.abc import Iterator

from imhbot.nlu.age_tokens import DUE, KINDERWENS, UNIT_MONTHS, ZWANGER, AgeTokens
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
        return _baby_ahead(tokens, i, durations=False)
    if word in _TRY_WORDS:
        return _baby_ahead(tokens, i, durations=True)
    return False


def _baby_ahead(tokens: AgeTokens, i: int, *, durations: bool) -> bool:
    """'willen graag een kindje', 'proberen al 2 jaar een kindje': only fillers in between."""
    for j in range(i + 1, min(i + 7, len(tokens.words))):
        word, tag = tokens.words[j], tokens.tags[j]
        if word in _BABY_WORDS or tag == ZWANGER:
            return True
        duration = is_number_word(word) or tag in UNIT_MONTHS
        if word not in _WISH_FILLERS and not (durations and duration):
            return False
    return False


def no_child_yet(tokens: AgeTokens) -> bool:
    """'nog geen kinderen': a weak sign of a wish, used only when nothing else was found."""
    return any(
        tokens.words[i] == "nog"
        and tokens.word(i + 1) == "geen"
        and tokens.word(i + 2) in _BABY_WORDS
        for i in range(len(tokens.words))
    )


def is_pregnant(tokens: AgeTokens) -> bool:
    return any(_pregnant_at(tokens, i) for i in range(len(tokens.words)))


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
