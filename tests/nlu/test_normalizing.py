"""Folding: lower case, no diacritics, content words folded like message words."""

from __future__ import annotations

import pytest

from imhbot.nlu.normalizing import fold, fold_word


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Mijn Dochter", "mijn dochter"),
        ("Ze blèrt, wéér!", "ze blert weer"),
        ("tweeënhalf", "tweeenhalf"),
        ("  veel   spaties\t", "veel spaties"),
        ("Winschoten.", "winschoten"),
        ("", ""),
        ("👍", ""),
    ],
)
def test_fold_keeps_its_behaviour(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("word", "folded"), [("m'n", "mn"), ("Suïcidaal", "suicidaal"), ("co-ouder", "coouder")]
)
def test_fold_word(word: str, folded: str) -> None:
    assert fold_word(word) == folded
