"""Issue 14: the concern ranking as language, not as phrase lists — who the worry is about,
a professional's introduction, contrast and negation, two worries, English and dialect.
Every sentence here is new (none is a line of an evaluation set)."""

from __future__ import annotations

import pytest
from test_concerns import matcher, ranked, top

from imhbot.nlu.concern_context import MessageContext


def _persons(text: str) -> dict[str, str]:
    """The person each state word of the text is about, by the word."""
    m = matcher()
    message = MessageContext(m.analyzer.tokens(text), m)
    return {message.tokens[p].word.text: s.person for p, s in message.states.items()}


# --- contrast and negation


def test_a_phrase_does_not_reach_over_a_contrast() -> None:
    """ "drinkt goed maar huilt veel": no "drinkt .. (slecht)" across the "maar"."""
    assert "voeding" not in ranked("ze drinkt prima maar ze slaapt heel slecht")
    assert top("ze drinkt prima maar ze slaapt heel slecht") == "slapen"


def test_a_positive_judgement_inside_a_phrase_cancels_it() -> None:
    assert "slapen" not in ranked("onze kleine slaapt tegenwoordig prima door")


def test_a_negation_next_to_mag_or_moet_is_a_rule_not_an_absence() -> None:
    assert top("hoe maak ik hem duidelijk dat hij niet mag schoppen") == "gedrag"
    assert top("hij schopt niet") != "gedrag"


# --- a professional's introduction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik ben jeugdarts en zie een peuter die nog geen enkel woord zegt", "taal"),
        ("als pm'er merk ik dat een meisje op de groep elke dag ontroostbaar huilt", "huilen"),
        ("ik werk als gezinscoach bij een moeder die erg somber is", "ouder_welzijn"),
    ],
)
def test_a_professional_frame_is_set_aside_for_the_worry(text: str, expected: str) -> None:
    assert top(text) == expected
    assert "over_imh" not in ranked(text)[:1]


def test_a_professional_asking_about_the_network_stays_over_imh() -> None:
    assert top("ik ben orthopedagoog, hoe kan ik me aansluiten bij jullie netwerk") == "over_imh"


# --- who the worry is about


def test_a_pronoun_that_does_not_fit_the_partner_is_the_child() -> None:
    assert _persons("mijn vrouw is uitgeput en hij huilt steeds")["huilt"] == "kind"
    assert _persons("mijn man is uitgeput en hij huilt steeds")["huilt"] == "partner"


def test_a_grandparent_means_a_parent_by_my_daughter() -> None:
    assert _persons("ik ben opa en mijn dochter huilt elke avond")["huilt"] == "partner"
    assert _persons("mijn dochter huilt elke avond")["huilt"] == "kind"


def test_the_drinking_of_an_adult_is_not_the_childs_feeding() -> None:
    assert top("mijn vriend drinkt elke avond heel veel") == "veiligheid"
    assert top("mijn zoon drinkt elke avond heel weinig") == "voeding"


def test_english_role_words_name_the_person() -> None:
    assert _persons("my daughter cries all day")["cries"] == "kind"
    assert _persons("i cry all day")["cry"] == "ouder"


# --- two worries


def test_the_first_named_of_two_worries_leads() -> None:
    text = "ze spuugt na bijna elke voeding en ze wordt 's nachts vaak wakker"
    assert ranked(text)[:2] == ["voeding", "slapen"]


def test_a_word_inside_another_concerns_phrase_keeps_its_concern_in_sight() -> None:
    """ "huilt bij het afscheid" is about attachment; the crying stays in the top three."""
    text = "elke ochtend huilt hij bij het afscheid op het kinderdagverblijf"
    assert ranked(text)[0] == "hechting"
    assert "huilen" in ranked(text)[:3]


# --- words without the usual vocabulary, and other languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my toddler has tantrums every evening", "gedrag"),
        ("hij wil nooit slaopen, elke avond een drama", "slapen"),
        ("ons wichtje prot nog helemaal niet", "taal"),
        ("ik hoef hem eigenlijk niet vast te houden, het voelt als een plicht", "hechting"),
        ("moet ik de afwasmiddelen hoger zetten nu hij gaat lopen", "veiligheid"),
        ("hij heeft al drie dagen koorts en hoest veel", "medisch"),
        ("mijn vriend scheldt tegen mij als hij moe is", "veiligheid"),
    ],
)
def test_new_wording_of_a_worry(text: str, expected: str) -> None:
    assert top(text) == expected


def test_merk_as_a_verb_is_not_a_brand() -> None:
    assert matcher().match("ik merk dat ik heel somber ben").outcome == "concern"
    assert top("welk merk luiers is het beste") == "unclear"


def test_a_state_word_with_van_and_a_person_is_about_that_person() -> None:
    assert _persons("ik schrik steeds van de nachtmerries van mijn zoon")["nachtmerries"] == "kind"
    assert _persons("ik heb steeds nachtmerries")["nachtmerries"] == "ouder"
    assert top("hoe help ik tegen de angsten van mijn dochter") == "gedrag"


def test_a_phrase_inside_a_longer_neutral_phrase_does_not_count() -> None:
    """ "ik zie het niet meer zitten" is no "niet .. zitten" (sitting up)."""
    assert "ontwikkeling" not in ranked("ik zie het echt niet meer zitten met dat flesjes geven")


def test_going_mad_from_the_childs_trouble_keeps_that_trouble_clear() -> None:
    """ "ik word er gek van" says how hard it is, and is not a second worry to choose between;
    the parent's well-being stays in sight."""
    result = matcher().match("ze krijst elke avond urenlang en ik word er gek van")
    assert result.confident
    assert result.concerns[0].id == "huilen"
    assert "ouder_welzijn" in [c.id for c in result.concerns[:3]]
