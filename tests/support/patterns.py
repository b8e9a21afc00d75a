"""One pattern looked for in one message, with the matcher's usual typo and gap settings."""

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
