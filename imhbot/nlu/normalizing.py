"""Folding text the way every matcher compares it: lower case, no diacritics.

`fold` is the plain normalisation used for names (places); `fold_keep_punctuation` keeps the
punctuation a message is cut into sentences and clauses by; `fold_word` folds a content word
like a message word.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHE = re.compile(r"(?<![0-9a-z])['’‘`´](?=[a-z])|(?<=[a-z])['’‘`´](?=[a-z])")


def fold(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def fold_keep_punctuation(text: str) -> str:
    """Lower case without diacritics, apostrophes inside or before words removed (m'n → mn)."""
    lowered = text.lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHE.sub("", lowered)


def fold_word(word: str) -> str:
    """A content word the way message words are folded (apostrophes dropped, no accents)."""
    return "".join(fold(fold_keep_punctuation(word)).split())
