"""The analysis of a message: chat spelling, repeated letters, clauses, lemma keys."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from imhbot.content.vocabulary import MatchingSettings
from imhbot.nlu.analysis import Analyzer, Lexicon

CONTENT = Path(__file__).resolve().parents[2] / "content"


@cache
def analyzer() -> Analyzer:
    settings = MatchingSettings.model_validate(
        yaml.safe_load((CONTENT / "matching.yaml").read_text(encoding="utf-8"))
    )
    return Analyzer(Lexicon(), settings.spelling, settings.clause_words)


def words(text: str) -> list[str]:
    return [t.word.text for t in analyzer().tokens(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij SLAAPT Slecht", ["hij", "slaapt", "slecht"]),
        ("ze blèrt én krijst", ["ze", "blert", "en", "krijst"]),
        ("hoi!!! ... ???", ["hoi"]),
        ("mn zoon", ["mijn", "zoon"]),
        ("m'n zoon", ["mijn", "zoon"]),
        ("z'n fles", ["zijn", "fles"]),
        ("zn fles", ["zijn", "fles"]),
        ("ff vragen", ["even", "vragen"]),
        ("hij slaapt nie", ["hij", "slaapt", "niet"]),
        ("'n vraag", ["een", "vraag"]),
        ("kheb een vraag", ["ik", "heb", "een", "vraag"]),
        ("'s nachts wakker", ["nachts", "wakker"]),
        ("mien wicht", ["mijn", "meisje"]),
        ("ons lutje jong slaapt nait", ["ons", "klein", "jong", "slaapt", "niet"]),
        ("ons manneke", ["ons", "jongen"]),
    ],
)
def test_words_are_normalised(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heeeeel moe", ["heel", "moe"]),
        ("hoiiii", ["hoi"]),
        ("slaaaaapt slecht", ["slaapt", "slecht"]),
        ("nooooit", ["nooit"]),
        ("boooos", ["boos"]),
    ],
)
def test_repeated_letters_are_squeezed(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_sentences_and_clauses_are_numbered() -> None:
    tokens = analyzer().tokens("hij huilt niet, maar slaapt slecht. Ze eet goed")
    by_word = {t.word.text: (t.sentence, t.clause) for t in tokens}
    assert by_word["huilt"][1] != by_word["slaapt"][1]
    assert by_word["slaapt"][0] == 0
    assert by_word["eet"][0] == 1


@pytest.mark.parametrize(
    ("message_word", "content_word"),
    [
        ("slaapt", "slapen"),
        ("sliep", "slapen"),
        ("huilt", "huilen"),
        ("huilde", "huilen"),
        ("driftbuien", "driftbui"),
        ("woordjes", "woordjes"),
        ("kinderen", "kind"),
        ("geschud", "schudden"),
        ("blert", "bleren"),
    ],
)
def test_inflections_share_a_key(message_word: str, content_word: str) -> None:
    lexicon = analyzer().lexicon
    assert lexicon.message_keys(message_word) & lexicon.content_keys(content_word)


@pytest.mark.parametrize(("word", "other"), [("gezin", "zin"), ("slaat", "slaapt")])
def test_different_words_do_not_collide(word: str, other: str) -> None:
    lexicon = analyzer().lexicon
    assert not lexicon.message_keys(other) & lexicon.content_keys(word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("koorts 39.5 en wil niks drinken", ["koorts", "39", "en", "wil", "niks", "drinken"]),
        ("hij is 2,5 jaar", ["hij", "is", "2", "jaar"]),
    ],
)
def test_a_decimal_number_keeps_its_whole_part_and_the_sentence(
    text: str, expected: list[str]
) -> None:
    tokens = analyzer().tokens(text)
    assert [t.word.text for t in tokens] == expected
    assert len({t.sentence for t in tokens}) == 1


def test_stretches_end_at_punctuation_only() -> None:
    tokens = analyzer().tokens("hij huilt en slaapt slecht, ze eet goed")
    stretch = {t.word.text: t.stretch for t in tokens}
    clause = {t.word.text: t.clause for t in tokens}
    assert stretch["huilt"] == stretch["slaapt"] != stretch["eet"]
    assert clause["huilt"] != clause["slaapt"]


@pytest.mark.parametrize(("message_word", "content_word"), [("staat", "staan"), ("gaat", "gaan")])
def test_verb_forms_in_aat_share_a_key_with_the_verb(message_word: str, content_word: str) -> None:
    lexicon = analyzer().lexicon
    assert lexicon.message_keys(message_word) & lexicon.content_keys(content_word)
