"""The pattern language of content: word ends."""

from __future__ import annotations

import pytest

from imhbot.nlu.analysis import Analyzer, Lexicon
from imhbot.nlu.pattern_set import Gaps, PatternSet, Typos
from imhbot.nlu.patterns import compile_pattern, pattern_problems

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
