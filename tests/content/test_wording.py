"""How texts are filled in: a number with the right word, a label inside a sentence, and the
shipped texts using both where a number meets a noun."""

from __future__ import annotations

import re

import pytest

from imhbot.content.models import Texts
from imhbot.content.vocabulary import Concern
from imhbot.content.wording import fill, in_sentence, plural_problems
from imhbot.engine.knowledge import Knowledge

WAITING = "Wachttijd: ongeveer {weeks} {weeks|week|weken}."


@pytest.mark.parametrize(
    ("weeks", "said"),
    [
        (1, "Wachttijd: ongeveer 1 week."),
        (3, "Wachttijd: ongeveer 3 weken."),
        (0, "Wachttijd: ongeveer 0 weken."),
        ("1", "Wachttijd: ongeveer 1 week."),
        (-1, "Wachttijd: ongeveer -1 week."),
        (11, "Wachttijd: ongeveer 11 weken."),
    ],
)
def test_a_number_gets_the_word_for_one_or_for_more(weeks: object, said: str) -> None:
    assert fill(WAITING, {"weeks": weeks}) == said


def test_the_word_may_stand_further_on_and_spaces_around_the_bars_do_not_matter() -> None:
    text = "(en nog {count} andere { count | fout | fouten }; alles staat in het log)"
    assert fill(text, {"count": 1}) == "(en nog 1 andere fout; alles staat in het log)"
    assert fill(text, {"count": 4}) == "(en nog 4 andere fouten; alles staat in het log)"


def test_texts_choose_the_word_wherever_they_are_filled() -> None:
    texts = Texts(entries={"results.waiting": WAITING})
    assert texts.get("results.waiting", weeks=1) == "Wachttijd: ongeveer 1 week."


def test_a_number_not_given_leaves_the_text_as_written() -> None:
    assert fill(WAITING, {}) == WAITING
    assert fill("{a|b: c|d} {e}", {}) == "{a|b: c|d} {e}"


def test_a_malformed_plural_form_is_told_with_what_to_write() -> None:
    for broken in ("{weeks|weken}", "{weeks|week|}", "{|week|weken}", "{weeks|a|b|c}"):
        problems = plural_problems(f"Nog {{weeks}} {broken}.")
        assert [what for what, _ in problems] == [f"meervoudsvorm '{broken}' klopt niet"]
        assert "{weeks|week|weken}" in problems[0][1]
    assert plural_problems(WAITING) == []


def test_a_plural_form_of_a_number_the_text_does_not_have_is_a_problem() -> None:
    [(what, hint)] = plural_problems("Wachttijd: {weeks} {weken|week|weken}.")
    assert what == (
        "meervoudsvorm '{weken|week|weken}' hoort bij het getal {weken}, maar dat staat niet in"
        " deze tekst"
    )
    assert hint == "zet de naam van het getal uit deze tekst vooraan ({weeks})"


@pytest.mark.parametrize(
    ("label", "inside"),
    [
        ("Hoe het met jou gaat", "hoe het met jou gaat"),
        ("Slapen", "slapen"),
        ("IMH en het netwerk", "IMH en het netwerk"),
        ("JGZ-vragen", "JGZ-vragen"),
        ("A", "a"),
        ("", ""),
    ],
)
def test_a_label_inside_a_sentence_starts_lower_case_unless_it_is_an_abbreviation(
    label: str, inside: str
) -> None:
    assert in_sentence(label) == inside


def test_an_editor_can_write_the_label_as_it_reads_in_a_sentence() -> None:
    concern = Concern(id="medisch", label="Ziek kind", in_sentence="een ziek kind")
    assert concern.sentence_label == "een ziek kind"
    assert Concern(id="medisch", label="Ziek kind").sentence_label == "ziek kind"


# Words after a number that are not plural nouns, though they end like one.
NOT_PLURAL_NOUNS = {"geleden", "iets", "tegen", "boven", "onder", "binnen", "buiten"}


def _plural_noun(word: str) -> bool:
    return (
        len(word) > 3 and word.endswith(("en", "s", "'s")) and word.lower() not in NOT_PLURAL_NOUNS
    )


def _after_one(text: str, name: str, names: set[str]) -> list[str]:
    """The word(s) after the field `name` when it is 1: the noun, also after an adjective
    ("1 andere fouten")."""
    filled = fill(text, {n: 1 if n == name else f"<{n}>" for n in names})
    found = []
    for match in re.finditer(r"(?<![\w#<])1 (\w+)(?: (\w+))?", filled):
        first, second = match.groups()
        found.append(second if first.endswith("e") and second else first)
    return found


def test_every_number_in_the_shipped_texts_takes_the_word_for_one(knowledge: Knowledge) -> None:
    """Filled in as 1, no field of any text is followed by a plural noun: a text with
    "{weeks} weken" says "1 weken" and fails here until it says {weeks|week|weken}."""
    wrong = []
    for key, text in knowledge.content.texts.entries.items():
        names = set(re.findall(r"\{(\w+)\}", text))
        for name in names:
            nouns = [word for word in _after_one(text, name, names) if _plural_noun(word)]
            wrong += [f"{key}: {{{name}}} {noun}" for noun in nouns]
    assert wrong == []


def test_the_scan_finds_a_number_with_a_plural_noun() -> None:
    """The scan above can fail: the texts as they were, before plural forms."""
    assert _after_one("ongeveer {weeks} weken.", "weeks", {"weeks"}) == ["weken"]
    assert _after_one("nog {count} andere fouten", "count", {"count"}) == ["fouten"]
    assert _after_one("{waiting} geleden, {name}", "waiting", {"waiting", "name"}) == ["geleden"]
    assert not _plural_noun("geleden")
    assert _plural_noun("dagen")
    assert not _plural_noun("uur")
