"""The pattern language of content: word ends, typos with swapped letters, stretches."""

from __future__ import annotations

import pytest

from imhbot.nlu.text import (
    Analyzer,
    Gaps,
    Lexicon,
    PatternSet,
    Typos,
    compile_pattern,
    pattern_problems,
)

LEXICON = Lexicon()
ANALYZER = Analyzer(LEXICON, {})


def found(pattern: str, text: str, **options: bool) -> bool:
    patterns = (compile_pattern(pattern, LEXICON),)
    typos = Typos(5, 8)
    index = PatternSet(patterns, LEXICON, Gaps(2, 5), typos=typos, **options)
    return bool(index.find(ANALYZER.tokens(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ze heeft gootsteenontstopper gedronken", True), ("de ontstopper", True), ("stop", False)],
)
def test_a_star_in_front_matches_the_end_of_a_word(text: str, expected: bool) -> None:
    assert found("*ontstopper", text) is expected


def test_a_word_end_must_be_long_enough() -> None:
    assert pattern_problems("*er")
    assert not pattern_problems("*ontstopper")


def test_two_swapped_letters_are_one_typo() -> None:
    assert found("zwanger", "ik ben onverwachts zwnager")


def test_phrases_of_the_concern_matcher_stay_within_a_stretch() -> None:
    text = "ik ga dood van de vermoeidheid, ze slaapt niet"
    assert found("dood van .. slaap", text)
    assert not found("dood van .. slaap", text, within_stretch=True)
