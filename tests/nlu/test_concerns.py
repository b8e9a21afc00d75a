"""The concern matcher: negation, compounds, chat spelling, typos, several worries, unclear."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.vocabulary import Concern, MatchingSettings
from imhbot.nlu.concerns import ConcernMatcher

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _yaml(name: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
    return data


@cache
def concerns() -> tuple[Concern, ...]:
    raw = _yaml("concerns.yaml")["concerns"]
    assert isinstance(raw, list)
    return tuple(Concern.model_validate(c) for c in raw)


@cache
def settings() -> MatchingSettings:
    return MatchingSettings.model_validate(_yaml("matching.yaml"))


@cache
def matcher() -> ConcernMatcher:
    return ConcernMatcher.build(concerns(), settings())


def top(text: str) -> str:
    result = matcher().match(text)
    return result.concerns[0].id if result.outcome == "concern" else result.outcome


def ranked(text: str) -> list[str]:
    return [c.id for c in matcher().match(text).concerns]


def test_content_has_exactly_the_fixed_ids() -> None:
    assert sorted(c.id for c in concerns()) == sorted(CONCERN_IDS)


@pytest.mark.parametrize(
    ("concern", "example"), [(c.id, e) for c in concerns() for e in c.examples]
)
def test_every_content_example_comes_out_as_its_concern(concern: str, example: str) -> None:
    assert top(example) == concern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij huilt niet veel maar slaapt slecht", "slapen"),
        ("ze huilt niet veel maar slaapt heel slecht", "slapen"),
        ("geen last van krampjes, wel de hele dag boos", "gedrag"),
        ("eten gaat prima, maar inslapen duurt uren", "slapen"),
        ("slapen is geen probleem, maar hij wil alleen maar bij mij zijn", "hechting"),
        ("ze drinkt goed en groeit goed, maar ik voel me zo somber", "ouder_welzijn"),
        ("hij praat wel goed maar luistert niet", "gedrag"),
        ("niet dat hij slecht slaapt, maar hij eet echt niks", "voeding"),
    ],
)
def test_negated_or_judged_fine_words_do_not_count(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij slaapt nooit door", "slapen"),
        ("ze luistert niet", "gedrag"),
        ("mijn zoon zegt nog geen woordjes", "taal"),
        ("ik voel geen band met mijn baby", "hechting"),
        ("ze eet niet", "voeding"),
        ("hij is niet te troosten", "huilen"),
        ("hij zoekt nooit troost bij mij", "hechting"),
        ("ze kruipt nog niet", "ontwikkeling"),
    ],
)
def test_negation_that_is_the_problem_counts(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("slaapproblemen", "slapen"),
        ("slaap problemen", "slapen"),
        ("huilbaby", "huilen"),
        ("borstvoedingsproblemen", "voeding"),
        ("doorslaapprobleem bij onze peuter", "slapen"),
        ("taalachterstand", "taal"),
        ("bevallingsangst", "zwangerschap"),
        ("zindelijkheidsproblemen", "ontwikkeling"),
    ],
)
def test_compound_words(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mn dochter huilt egt de hele tijd", "huilen"),
        ("zn slaap is echt slecht", "slapen"),
        ("ze slaapt nie door", "slapen"),
        ("kheb geen energie meer", "ouder_welzijn"),
        ("mien wicht blèrt de hele dag", "huilen"),
        ("ons lutje jong slaapt nait", "slapen"),
        ("mijn kleine weent heel de tijd", "huilen"),
        ("ons manneke wil ni slapen", "slapen"),
        ("HIJ SLAAPT SLECHT!!!", "slapen"),
        ("heeeel veel driftbuien", "gedrag"),
    ],
)
def test_chat_spelling_and_dialect(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("driftbuijen", "gedrag"),
        ("borstvoedng lukt niet", "voeding"),
        ("ze stotterd", "taal"),
        ("slaapprobemen", "slapen"),
        ("zindelijkhijd", "ontwikkeling"),
        ("baby huild veel", "huilen"),
    ],
)
def test_typos(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("onze zoon van 6 weken heeft volgens mij colic", "huilen"),
        ("tantrums de hele dag", "gedrag"),
        ("sleep regression op 4 maanden?", "slapen"),
        ("speech delay bij mijn zoon", "taal"),
        ("ik denk dat ik een burn-out heb", "ouder_welzijn"),
    ],
)
def test_english_words(text: str, expected: str) -> None:
    assert top(text) == expected


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("hij slaapt slecht en eet ook bijna niks", {"slapen", "voeding"}),
        ("driftbuien en hij praat nog weinig", {"gedrag", "taal"}),
        ("we gaan scheiden en nu slaapt ze ineens slecht", {"gezin", "slapen"}),
        ("ze huilt veel en ik ben zelf ook op", {"huilen", "ouder_welzijn"}),
    ],
)
def test_two_worries_are_both_ranked(text: str, both: set[str]) -> None:
    result = matcher().match(text)
    assert result.outcome == "concern"
    assert both <= {c.id for c in result.concerns[:3]}
    assert not result.confident


def test_long_message_finds_the_worry() -> None:
    text = (
        "Hallo, ik ben moeder van een meisje van 8 maanden. Sinds een paar weken wordt ze "
        "'s nachts steeds wakker, soms wel 5 of 6 keer, en dan krijg ik haar alleen stil met "
        "de borst. Overdag gaat het eigenlijk wel goed en ze eet ook goed. Ik weet niet of dit "
        "een fase is of dat ik iets anders moet doen. Kan iemand mij helpen?"
    )
    assert top(text) == "slapen"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hoi",
        "hallo",
        "goedemorgen",
        "ja",
        "nee",
        "ok",
        "test",
        "help",
        "bedankt!",
        "ik heb een vraag",
        "weet ik niet",
        "???",
        "👍",
        "😭😭😭",
        "asdfgh",
        "kjhsdf kjsdhf",
        "hoe vraag ik kinderbijslag aan",
        "wat voor weer wordt het morgen",
        "welke basisschool is goed",
        "waar kan ik mijn kind laten inenten",
        "kan ik de afspraak voor de prik verzetten",
        "hoe lang duurt het zwangerschapsverlof",
        "wat is het adres van het gemeentehuis",
    ],
)
def test_unclear(text: str) -> None:
    assert top(text) == "unclear"


def test_scores_are_in_range_and_sorted() -> None:
    result = matcher().match("hij slaapt slecht, huilt veel en eet weinig, ik ben op")
    scores = [c.score for c in result.concerns]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < s <= 1.0 for s in scores)
    assert len({c.id for c in result.concerns}) == len(result.concerns)


def test_confident_for_one_clear_worry() -> None:
    assert matcher().match("mijn dochter heeft enorme driftbuien").confident


def test_thresholds_come_from_content() -> None:
    strict = settings().model_copy(update={"minimum": 0.99, "confident": 0.99})
    result = ConcernMatcher.build(concerns(), strict).match("ze heeft driftbuien")
    assert result.outcome == "unclear"
    assert result.concerns[0].id == "gedrag"


def test_explain_names_the_content_entries() -> None:
    sources = {e.source for e in matcher().explain("ze heeft driftbuien")}
    assert "driftbuien" in sources or "driftbui" in sources


def test_matching_is_deterministic() -> None:
    text = "ze klampt zich vast aan mij en gilt als ik wegga"
    assert matcher().match(text) == matcher().match(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik huil de hele dag en weet niet waarom", "ouder_welzijn"),
        ("ze huilt de hele dag en ik weet niet waarom", "huilen"),
        (
            "mijn vriendin is sinds de bevalling zichzelf niet meer, ze huilt de hele dag",
            "ouder_welzijn",
        ),
        ("ze is zo verdrietig sinds opa er niet meer is", "gedrag"),
        ("ik ben zo bang dat er iets met haar gebeurt", "ouder_welzijn"),
        ("ik word gek van het huilen, niks helpt", "huilen"),
        ("soms huil ik de hele dag", "ouder_welzijn"),
    ],
)
def test_who_the_sentence_is_about_decides_the_concern(text: str, expected: str) -> None:
    assert top(text) == expected


def test_a_phrase_about_two_people_stays_where_it_is() -> None:
    assert top("mijn vriend wordt soms zo kwaad dat ik bang ben voor wat hij doet") == "veiligheid"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ze slaapt en eet prima maar overdag is ze zo opstandig", "gedrag"),
        ("hij eet en slaapt goed, alleen zn spraak blijft achter", "taal"),
    ],
)
def test_one_judgement_for_two_joined_words(text: str, expected: str) -> None:
    assert top(text) == expected


def test_a_known_word_is_not_cut_into_a_stem() -> None:
    assert "gezin" not in ranked("hij maakt geen onderscheid tussen ons en vreemden")


def test_a_known_compound_is_cut_before_a_whole_word() -> None:
    assert top("hij heeft een stofwisselingsziekte") == "medisch"


def test_a_weak_phrase_does_not_hide_the_words_in_it() -> None:
    assert "gedrag" in ranked("ze krabt en knijpt de baby")[:3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij gaat met iedereen mee, ook met vreemden", "hechting"),
        ("mijn moeder wil de baby niet zien en dat doet zoveel pijn", "gezin"),
    ],
)
def test_the_example_messages_help_with_words_nobody_listed(text: str, expected: str) -> None:
    assert top(text) == expected


def test_the_statistics_can_be_switched_off_and_are_explained() -> None:
    text = "hij gaat met iedereen mee, ook met vreemden"
    sources = {e.source for e in matcher().explain(text)}
    assert "voorbeeldberichten (statistiek)" in sources
    off = settings().model_copy(
        update={"statistics": settings().statistics.model_copy(update={"weight": 0.0})}
    )
    plain = ConcernMatcher.build(concerns(), off)
    assert all(e.weight == 0 for e in plain.explain(text) if e.source.startswith("voorbeeld"))


def test_the_statistics_learn_from_the_messages_in_content() -> None:
    words = "zwiebel zwabber zwobbel"
    extra = [
        c.model_copy(update={"messages": (*c.messages, words, words, words)})
        if c.id == "taal"
        else c
        for c in concerns()
    ]
    assert top(words) == "unclear"
    assert ConcernMatcher.build(extra, settings()).match(words).concerns[0].id == "taal"


def test_the_statistics_stay_out_of_questions_outside_the_field() -> None:
    assert top("wat kost de kinderopvang per uur") == "unclear"
