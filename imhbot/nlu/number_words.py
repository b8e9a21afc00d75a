"""Dutch number words as numbers: "drie", "vijfentwintig", "tweeenhalf", "anderhalf"."""

from __future__ import annotations

from fractions import Fraction

_DIGITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = (
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
    "achttien", "negentien",
)  # fmt: skip
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50}
HALF = Fraction(1, 2)
ZERO = Fraction(0)


def _number_words() -> dict[str, Fraction]:
    words = {name: Fraction(n) for n, name in enumerate(_DIGITS)}
    words.update({name: Fraction(10 + n) for n, name in enumerate(_TEENS)})
    words.update({name: Fraction(n) for name, n in _TENS.items()})
    for unit, unit_name in enumerate(_DIGITS[1:], start=1):
        for tens_name, tens in _TENS.items():
            words[f"{unit_name}en{tens_name}"] = Fraction(tens + unit)
    for name, value in list(words.items()):
        if 1 <= value <= 12:
            words[f"{name}enhalf"] = words[f"{name}enhalve"] = value + HALF
    words.update(
        eentje=Fraction(1),
        achtien=Fraction(18),
        anderhalf=Fraction(3, 2),
        anderhalve=Fraction(3, 2),
        half=HALF,
        halve=HALF,
    )
    return words


NUMBER_WORDS = _number_words()


def is_number_word(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS
