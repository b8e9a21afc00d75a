"""Masking what identifies a family in text a parent typed, before it is stored or shown.

A coordinator reaches the parent through the bot, so phone numbers, e-mail addresses,
addresses and citizen service numbers (BSN) are not needed to help and are replaced by a
placeholder. Ages ("14 maanden"), dates and a bare postcode (the place question) stay.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A postcode with its house number ("9671 AB 12", "9671ab, 12a"), or a street with one.
_ADDRESS = re.compile(
    r"\b\d{4}\s?[a-z]{2}\b[\s,]*(?:nr\.?\s*)?\d{1,5}(?:\s?[a-z](?![a-z]))?"
    r"|\b[a-z][a-z\-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|dreef|steeg|"
    r"markt|park|ring|baan|veld|erf|wal)\s+\d{1,5}(?:\s?[a-z](?![a-z]))?",
    re.IGNORECASE,
)
# Runs of digits with the separators people type inside phone numbers and BSNs.
_NUMBER = re.compile(r"(?<![\w])(?:\+|00|\()?\d(?:[\s\-./()]{0,3}\d){6,14}(?![\w])")

PHONE, EMAIL, ADDRESS, BSN = "[telefoonnummer]", "[e-mailadres]", "[adres]", "[bsn]"


def _number(found: re.Match[str]) -> str:
    text = found.group(0)
    digits = re.sub(r"\D", "", text)
    international = text.startswith(("+", "00", "(00", "(+"))
    if international and len(digits) >= 10:
        return PHONE
    if digits.startswith("0") and len(digits) == 10:
        return PHONE
    if len(digits) == 9 and _bsn_shaped(text):
        return BSN
    return text


def _bsn_shaped(text: str) -> bool:
    """Nine digits in a row or in groups of three or 4-2-3, not a date or a sum."""
    return re.fullmatch(r"\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}", text) is not None


def mask(text: str) -> str:
    text = _EMAIL.sub(EMAIL, text)
    text = _ADDRESS.sub(ADDRESS, text)
    return _NUMBER.sub(_number, text)
