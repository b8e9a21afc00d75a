"""What identifies a family is masked in what a parent typed; what helps the coordinator stays."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imhbot.nlu.masking import mask


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("bel me op 06-12345678", "bel me op [telefoonnummer]"),
        ("0612345678 graag na 5 uur", "[telefoonnummer] graag na 5 uur"),
        ("mijn nummer is +31 6 1234 5678", "mijn nummer is [telefoonnummer]"),
        ("0031612345678", "[telefoonnummer]"),
        ("vast: 050 - 123 45 67", "vast: [telefoonnummer]"),
        ("(050) 1234567", "[telefoonnummer]"),
        ("bel me (06-12345678) na vijf", "bel me ([telefoonnummer]) na vijf"),
        ("mail jan.de.vries@gmail.com even", "mail [e-mailadres] even"),
        ("ik woon op 9671 AB 12", "ik woon op [adres]"),
        ("9671ab, 12a in winschoten", "[adres] in winschoten"),
        ("Dorpsstraat 12 in Winschoten", "[adres] in Winschoten"),
        ("Kerkstraat 5 B", "[adres]"),
        ("haar bsn is 123456782", "haar bsn is [bsn]"),
        ("bsn 123.456.782", "bsn [bsn]"),
    ],
)
def test_contact_details_and_identity_numbers_are_masked(typed: str, masked: str) -> None:
    assert mask(typed) == masked


@pytest.mark.parametrize(
    "kept",
    [
        "ze is 14 maanden en slaapt slecht",
        "geboren 12-03-2025",
        "postcode 9671",
        "hij is 2,5 jaar",
        "ze sliep van 12 tot 14 - 16 uur",
        "ik heb 2 kinderen van 3 en 5",
        "20 weken zwanger",
    ],
)
def test_ages_dates_and_a_bare_postcode_stay(kept: str) -> None:
    assert mask(kept) == kept


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Nd", "Lu", "Lt"), blacklist_characters="@")
    )
)
def test_text_without_digits_at_signs_or_capitals_is_left_alone(text: str) -> None:
    """(A name is found by its capital: "Bo" is masked.)"""
    assert mask(text) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",), blacklist_characters="@")))
def test_any_other_text_loses_at_most_names(text: str) -> None:
    masked = mask(text)
    assert masked == text or "[naam]" in masked


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("Hoofdstraat nr 12", "[adres]"),
        ("Zuiderdiep 12", "[adres]"),
        ("Grote Markt 1", "Grote [adres]"),
        ("Oude Boteringestraat 12-3 in Groningen", "Oude [adres] in Groningen"),
        ("31612345678", "[telefoonnummer]"),
        ("06\u201112345678", "[telefoonnummer]"),  # a non-breaking hyphen
        ("\uff10\uff1612345678", "[telefoonnummer]"),  # full-width digits
        ("06_12345678", "[telefoonnummer]"),
    ],
)
def test_the_ways_phones_and_keyboards_write_them_are_masked_too(typed: str, masked: str) -> None:
    assert mask(typed) == masked


@given(st.text())
def test_masking_twice_changes_nothing_more(text: str) -> None:
    once = mask(text)
    assert mask(once) == once
