"""The pattern language of content: how an editor writes a phrase, what is wrong with one,
and a phrase compiled into elements that match message words (`imhbot.nlu.pattern_set`
finds them in a message).

A pattern is a phrase in content, matched word by word on tokens:
  "wil niet meer leven"   the words in this order, with at most `gap` other words between
  "dood|sterven"          one of these words
  "zelfmoord*"            any word starting with "zelfmoord"
  "*ontstopper"           any word ending in "ontstopper" (compounds: "gootsteenontstopper")
  "=geslagen"             exactly this word form (not "slaat")
  "{kind}"                any word of the set "kind" (sets are defined in content)
  "koorts .. suf"         a wider gap (`wide_gap` words) is allowed here
  "ik wil niet meer $"    the phrase must end its clause (comma, full stop, "en", "maar"...)
Words match every inflection with the same lemma or stem ("slaapt" matches "slapen").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from imhbot.nlu.analysis import Lexicon
from imhbot.nlu.normalizing import fold_keep_punctuation, fold_word

_SET_REF = re.compile(r"^\{([a-z0-9_]+)\}$")
_MIN_SUFFIX = 4
WIDE = ".."
END = "$"


class PatternError(ValueError):
    """A pattern an editor wrote that cannot be read; the message says why, in Dutch."""


@dataclass(frozen=True, slots=True)
class Element:
    keys: frozenset[str]
    words: tuple[str, ...]
    prefixes: tuple[str, ...]
    exact: frozenset[str] = frozenset()
    wide: bool = False
    end: bool = False
    suffixes: tuple[str, ...] = ()

    def matches(self, texts: tuple[str, ...], keys: frozenset[str]) -> bool:
        if not keys.isdisjoint(self.keys):
            return True
        if self.exact and not self.exact.isdisjoint(texts):
            return True
        if self.prefixes and any(t.startswith(p) for t in texts for p in self.prefixes):
            return True
        return bool(self.suffixes) and any(t.endswith(s) for t in texts for s in self.suffixes)

    @property
    def loose(self) -> bool:
        """Matched by the start or end of a word, not by a whole word."""
        return bool(self.prefixes or self.suffixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    elements: tuple[Element, ...]


def pattern_problems(source: str, set_names: Collection[str] | None = None) -> list[str]:
    """What is wrong with a pattern, in Dutch, for content validation (empty when fine).
    Set references are checked only when `set_names` is given."""
    parts = _pattern_parts(source)
    if not any(p not in (WIDE, END) for p in parts):
        return [f"'{source}': geen woorden gevonden"]
    problems: list[str] = []
    if parts[0] == WIDE:
        problems.append(f"'{source}': '..' mag niet aan het begin staan")
    if END in parts[:-1]:
        problems.append(f"'{source}': '$' mag alleen aan het eind staan")
    for part in parts:
        if part in (WIDE, END):
            continue
        for alt in part.split("|"):
            ref = _SET_REF.match(alt)
            if ref and set_names is not None and ref.group(1) not in set_names:
                problems.append(f"'{source}': de lijst {{{ref.group(1)}}} bestaat niet")
            elif not ref and not fold_word(alt.strip("*").lstrip("=")):
                problems.append(f"'{source}': leeg woord tussen '|'-tekens")
            elif alt.startswith("*") and len(fold_word(alt.strip("*"))) < _MIN_SUFFIX:
                problems.append(
                    f"'{source}': '{alt}' is te kort; een woordeinde na '*' heeft minstens "
                    f"{_MIN_SUFFIX} letters"
                )
    return problems


def _pattern_parts(source: str) -> list[str]:
    text = fold_keep_punctuation(source).replace("-", " ")
    return [p for p in text.split() if p]


def compile_pattern(
    source: str, lexicon: Lexicon, sets: Mapping[str, Collection[str]] | None = None
) -> Pattern:
    problems = pattern_problems(source, tuple((sets or {}).keys()))
    if problems:
        raise PatternError("; ".join(problems))
    elements: list[Element] = []
    wide = False
    for part in _pattern_parts(source):
        if part == WIDE:
            wide = True
        elif part == END:
            elements[-1] = replace(elements[-1], end=True)
        else:
            elements.append(_element(part, lexicon, sets or {}, wide))
            wide = False
    return Pattern(source, tuple(elements))


def _element(
    part: str, lexicon: Lexicon, sets: Mapping[str, Collection[str]], wide: bool
) -> Element:
    alternatives: list[str] = []
    for alt in part.split("|"):
        ref = _SET_REF.match(alt)
        alternatives.extend(sets[ref.group(1)] if ref else (alt,))
    words: list[str] = []
    prefixes: list[str] = []
    suffixes: list[str] = []
    exact: list[str] = []
    for alt in alternatives:
        bare = fold_word(alt.strip("*").lstrip("="))
        if alt.startswith("*"):
            suffixes.append(bare)
        elif alt.endswith("*"):
            prefixes.append(bare)
        elif alt.startswith("="):
            exact.append(bare)
        else:
            words.append(bare)
    keys = frozenset(k for w in words for k in lexicon.content_keys(w))
    return Element(
        keys,
        (*words, *exact),
        tuple(prefixes),
        frozenset(exact),
        wide,
        suffixes=tuple(suffixes),
    )
