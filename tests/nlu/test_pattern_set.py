"""Finding patterns in a message: typos with swapped letters, stretches."""

from __future__ import annotations

from imhbot.nlu.analysis import Analyzer, Lexicon
from imhbot.nlu.pattern_set import Gaps, PatternSet, Typos
from imhbot.nlu.patterns import compile_pattern

LEXICON = Lexicon()
ANALYZER = Analyzer(LEXICON, {})


def found(pattern: str, text: str, **options: bool) -> bool:
    patterns = (compile_pattern(pattern, LEXICON),)
    typos = Typos(5, 8)
    index = PatternSet(patterns, LEXICON, Gaps(2, 5), typos=typos, **options)
    return bool(index.find(ANALYZER.tokens(text)))


def test_two_swapped_letters_are_one_typo() -> None:
    assert found("zwanger", "ik ben onverwachts zwnager")


def test_phrases_of_the_concern_matcher_stay_within_a_stretch() -> None:
    text = "ik ga dood van de vermoeidheid, ze slaapt niet"
    assert found("dood van .. slaap", text)
    assert not found("dood van .. slaap", text, within_stretch=True)
