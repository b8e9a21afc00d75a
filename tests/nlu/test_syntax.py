"""The pattern syntax content is checked with: only when the reader passes it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from imhbot.content.vocabulary import Concern
from imhbot.nlu.syntax import SYNTAX

BROKEN = {"id": "huilen", "label": "Huilen", "keywords": ["huil", "..", "a||b"]}


def test_phrases_are_checked_with_the_syntax_in_the_context() -> None:
    with pytest.raises(ValidationError) as caught:
        Concern.model_validate(BROKEN, context=SYNTAX.context())
    assert "'..': geen woorden gevonden; 'a||b': leeg woord tussen '|'-tekens" in str(caught.value)


def test_a_model_built_by_hand_is_not_checked() -> None:
    assert Concern.model_validate(BROKEN).keywords == ("huil", "..", "a||b")
