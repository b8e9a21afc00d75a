"""Masking what identifies a family in text a parent typed, before it is stored or shown.

A coordinator reaches the parent through the bot, so phone numbers, e-mail addresses,
addresses, citizen service numbers (BSN) and the names of persons (`names.py`) are not needed
to help and are replaced by a placeholder. Ages ("14 maanden"), dates, place names and a bare
postcode (the place question) stay.
"""

from __future__ import annotations

import re

from imhbot.nlu.names import NAMES

# Full-width digits, plus and at sign, and unusual dashes, read as the plain ones.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + n): str(n) for n in range(10)},
        "\uff0b": "+",
        "\uff20": "@",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A house number: "12", "nr. 12", "12a", "12 B", "12-3".
_HOUSE = r"(?:nr\.?\s*)?\d{1,5}(?:\s?-\s?\d{1,4}|\s?[a-z](?![a-z]))?"
# A postcode with its house number ("9671 AB 12", "9671ab, 12a"), or a street with one
# ("Dorpsstraat 12", "Zuiderdiep 4", "Grote Markt 1").
_ADDRESS = re.compile(
    rf"\b\d{{4}}\s?[a-z]{{2}}\b[\s,]*{_HOUSE}"
    r"|\b(?:[a-z][a-z\-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|dreef|steeg|"
    r"markt|park|ring|baan|veld|erf|wal|diep|brink)|markt|plein|brink)"
    rf"\s+{_HOUSE}",
    re.IGNORECASE,
)
# Runs of digits with the separators people type inside phone numbers and BSNs.
_NUMBER = re.compile(r"(?<![^\W_])(?:\+|00|\()?\d(?:[\s\-./()_]{0,3}\d){6,14}(?![^\W_])")

PHONE, EMAIL, ADDRESS, BSN = "[telefoonnummer]", "[e-mailadres]", "[adres]", "[bsn]"


def _number(found: re.Match[str]) -> str:
    text = found.group(0)
    if text.startswith("(") and ")" not in text:
        return "(" + _number_kind(text[1:])  # "(06-12345678)": the bracket stays
    return _number_kind(text)


def _number_kind(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    international = text.startswith(("+", "00", "(00", "(+"))
    if international and len(digits) >= 10:
        return PHONE
    if digits.startswith("0") and len(digits) == 10:
        return PHONE
    if digits.startswith("31") and len(digits) == 11:
        return PHONE
    if len(digits) == 9 and _bsn_shaped(text):
        return BSN
    return text


def _bsn_shaped(text: str) -> bool:
    """Nine digits in a row or in groups of three or 4-2-3, not a date or a sum."""
    return re.fullmatch(r"\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}", text) is not None


def mask(text: str) -> str:
    """`text` with what identifies a family replaced; full-width digits and unusual dashes
    are read as the plain ones. Text with nothing to mask comes back as it was."""
    folded = text.translate(_FOLD)
    masked = _NUMBER.sub(_number, _ADDRESS.sub(ADDRESS, _EMAIL.sub(EMAIL, folded)))
    return NAMES.mask(text if masked == folded else masked)
