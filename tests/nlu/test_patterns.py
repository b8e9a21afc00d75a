"""The pattern language of content: word ends."""

from __future__ import annotations

import pytest
from support.patterns import found

from imhbot.nlu.patterns import pattern_problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ze heeft gootsteenontstopper gedronken", True), ("de ontstopper", True), ("stop", False)],
)
def test_a_star_in_front_matches_the_end_of_a_word(text: str, expected: bool) -> None:
    assert found("*ontstopper", text) is expected


def test_a_word_end_must_be_long_enough() -> None:
    assert pattern_problems("*er")
    assert not pattern_problems("*ontstopper")
