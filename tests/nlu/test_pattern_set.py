"""Finding patterns in a message: typos with swapped letters, stretches."""

from __future__ import annotations

from support.patterns import found


def test_two_swapped_letters_are_one_typo() -> None:
    assert found("zwanger", "ik ben onverwachts zwnager")


def test_phrases_of_the_concern_matcher_stay_within_a_stretch() -> None:
    text = "ik ga dood van de vermoeidheid, ze slaapt niet"
    assert found("dood van .. slaap", text)
    assert not found("dood van .. slaap", text, within_stretch=True)
