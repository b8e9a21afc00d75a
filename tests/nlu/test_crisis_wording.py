"""Crisis detection on new wording (issue 14): indirect images go to the review band (the
bot asks first), plain danger raises the alarm at once, and everyday sentences that only
look like danger stay calm. The sentences are new ones of each kind, not lines of an
evaluation set."""

from __future__ import annotations

import pytest
from test_crisis import detector

ALARM = [
    # zelfdoding, ook in het Engels
    ("soms denk ik dat ik er beter niet meer kan zijn", "suicide"),
    ("ik wil gewoon verdwijnen voor altijd", "suicide"),
    ("my kids would be better off without me", "suicide"),
    ("i dont want to live anymore", "suicide"),
    ("i just want to never wake up again", "suicide"),
    ("i am going to jump off the bridge", "suicide"),
    # een drang die net niet of wel is uitgevoerd
    (
        "ik heb hem in bed gelegd en de deur dichtgedaan anders had ik hem wat aangedaan",
        "harm_child",
    ),
    ("mijn hand schoot uit en nu heeft ze een rode wang", "harm_child"),
    ("i am scared i will hurt my baby", "harm_child"),
    ("i shook my son because he would not stop crying", "harm_child"),
    # een klein kind nu alleen thuis
    ("mijn dochtertje ligt nu alleen thuis te slapen en ik ben bij de tandarts", "harm_child"),
    ("de baby zit al een uur alleen in de auto op de parkeerplaats", "harm_child"),
    # vergiftiging, ademhaling, bewustzijn
    ("mijn peuter heeft aan mijn pillen gezeten, ik weet niet hoeveel hij op heeft", "medical"),
    ("mijn dochter van 2 slikte een wasmiddelcapsule", "medical"),
    ("er zit wit poeder om zijn mondje en de strip paracetamol is leeg", "medical"),
    ("my toddler swallowed a button battery", "medical"),
    ("my baby is not breathing", "medical"),
    ("his lips are blue and he is so floppy", "medical"),
    ("my daughter is unresponsive", "medical"),
    ("mijn zoontje heeft een knoopbatterij in zijn mond gehad", "medical"),
    ("het zou voor iedereen beter zijn als ik er niet was", "suicide"),
    ("i took all my pills", "suicide"),
    ("ik voel dat ik hem ga slaan als hij niet ophoudt", "harm_child"),
    ("i'm afraid i'll shake her", "harm_child"),
    # geweld nu, in het Engels
    ("he is hitting me right now and the kids are here", "violence"),
]

REVIEW = [
    ("ik sit bij t spoor", "suicide"),  # dialect: sitting by the rails is not clear
    ("ik sta al een uur boven op het viaduct", "suicide"),
    ("als ze straks weer gaat krijsen weet ik echt niet wat ik doe", "harm_child"),
    ("mijn dochter zat aan de medicijndoos van opa", "medical"),
    ("ik zit op de kade en staar al tijden naar het water", "suicide"),
    ("de parkeergarage is leeg en ik sta helemaal boven", "suicide"),
    ("ik kijk vanaf hier naar beneden en denk aan niks", "suicide"),
    ("ik heb de slaappillen uitgestald op het aanrecht", "suicide"),
    ("ik heb een briefje geschreven voor mijn kinderen en voor mijn man", "suicide"),
    ("mijn vader vindt dat wij beter af zijn zonder hem", "suicide"),
    ("mijn kinderen verdienen een betere moeder dan ik", "suicide"),
    ("my son deserves a better mother", "suicide"),
    ("ik weet niet wat ik doe als ze straks weer begint te krijsen", "harm_child"),
    ("ik ben zo bang voor mezelf als hij zo huilt", "harm_child"),
    ("er staat een handafdruk op zijn billetjes", "harm_child"),
    ("mijn kind is alleen thuis en ik sta in de file", "harm_child"),
    ("ik lig in bad met een scheermesje", "suicide"),
    ("ik heb de hele doos oxazepam naast me liggen", "suicide"),
    ("ik ben moe van het leven", "suicide"),
    ("mijn kinderen zijn beter af met een andere moeder", "suicide"),
    ("ik sta op het balkon van de tiende verdieping", "suicide"),
    ("ik heb de kinderen alleen gelaten en ben weggegaan", "harm_child"),
]

CALM = [
    "we zaten bij het water eendjes te voeren en hij vond het geweldig",
    "ik fiets elke ochtend over de brug naar de creche",
    "ik heb een brief geschreven voor de juf over zijn allergie",
    "ik weet niet wat ik moet doen als hij weer een driftbui krijgt",
    "ik weet niet wat ik doe als de opvang straks dicht gaat, ik moet werken",
    "ik vermoord mijn zus als ze weer te laat komt lol",
    "ze viel van de bank lol, even een bult maar ze lacht alweer",
    "ik check steeds of hij nog ademt als hij slaapt, is dat normaal",
    "ze slaapt zo vast dat ik schrik, alsof ze dood is",
    "hij houdt zijn adem in als hij boos is en wordt dan blauw",
    "ik droom vaak dat ik haar laat vallen",
    "hij heeft een stuk appel heel doorgeslikt, is dat erg",
    "mijn zoon van 10 mag van mij even alleen thuis blijven",
    "ons kind is soms even alleen thuis als ik boodschappen doe, hij is 12",
    "ik heb mijn medicijnen in een weekbakje gedaan",
    "ik weet niet hoeveel paracetamol ik mag geven",
    "hij mept met zijn hand tegen mijn gezicht als hij moe is, hij is 1",
    "ze knijpt in mijn arm en krabt, ze is 2",
    "my son hit me when i took his toy",
    "mijn ex dreigt de kinderen mee te nemen als ik de omgang niet regel",
    "mijn schoonvader gaf mijn nichtje vorige maand een harde duw, ik weet niet wat ik moet doen",
    "we kijken graag naar de treinen bij het spoor, hij is gek op treinen",
    "hij heeft zich gebrand aan de verwarming maar het is een klein plekje, gaat alweer",
    "ik sneed mezelf in mijn vinger bij het koken lol, niks ergs",
    "ik kan mijn schoonmoeder wel wurgen, ze bemoeit zich overal mee",
    "hij ademt zo snel als hij slaapt, is dat normaal bij een baby",
    "ik denk dat mijn buurvrouw haar kinderen slaat, wat moet ik doen",
    "ik heb de vaatwastabletten hoog weggezet zodat hij er niet bij kan",
    "ik ben zo moe dat ik soms denk: ik wil even niet meer",
    "ik zou wel een week willen verdwijnen naar een hotel",
    "ik heb mijn kind een tik op de billen gegeven en voel me schuldig",
    "mijn man zegt dat hij beter af is zonder zijn baan",
]


@pytest.mark.parametrize(("text", "kind"), ALARM)
def test_plain_danger_raises_the_alarm_at_once(text: str, kind: str) -> None:
    signal = detector().explain(text)
    assert signal is not None, text
    assert (signal.kind, signal.confirm) == (kind, False), signal


@pytest.mark.parametrize(("text", "kind"), REVIEW)
def test_indirect_images_go_to_the_review_band(text: str, kind: str) -> None:
    signal = detector().explain(text)
    assert signal is not None, text
    assert (signal.kind, signal.confirm) == (kind, True), signal
    assert detector().detect(text) is None


@pytest.mark.parametrize("text", CALM)
def test_everyday_sentences_stay_calm(text: str) -> None:
    assert detector().explain(text) is None, detector().explain(text)


def test_the_net_honours_the_exclusions_of_its_kind() -> None:
    """Lips blue from blueberries: medical's own exclusion takes the words away, for the
    signals and for the statistical net alike."""
    assert detector().detect("zijn lipjes zijn blauw van de bosbessen") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an exclusion with "tenzij": stored away, but the child got at it anyway
        (
            "hij heeft de vaatwastabletten gevonden die ik hoog had weggezet en er zit wat "
            "in zijn mond",
            "medical",
        ),
        # a pause is no wish to die, but "even niet meer leven" is
        ("ik wil even niet meer leven", "suicide"),
        # a light tap is a worry about raising a child, a hard one that leaves marks is not
        ("ik heb hem een harde tik op zijn billen gegeven en nu is het blauw", "harm_child"),
        # hyperbole about an adult is excluded, the same words about the child are an urge
        ("ik kan hem wel slaan als hij zo blijft huilen", "harm_child"),
        ("mijn man heeft een mes en zegt dat hij me wel kan vermoorden", "violence"),
    ],
)
def test_the_new_exclusions_leave_real_danger_alone(text: str, kind: str) -> None:
    assert detector().detect(text) == kind


@pytest.mark.parametrize(
    ("text", "kind", "confirm"),
    [
        ("i wrote a goodbye letter", "suicide", False),
        ("i have pills ready", "suicide", False),
        ("he said he will kill me and the kids", "violence", False),
        ("my son fell and is not waking up", "medical", False),
        ("ik wil der nie meer zijn", "suicide", False),
        (
            "ik sta met het kussen naast zijn bedje en ik weet niet wat ik ga doen",
            "harm_child",
            True,
        ),
    ],
)
def test_more_wordings_of_each_kind(text: str, kind: str, confirm: bool) -> None:
    signal = detector().explain(text)
    assert signal is not None, text
    assert (signal.kind, signal.confirm) == (kind, confirm), signal


@pytest.mark.parametrize(
    "text",
    [
        "ik heb soms van die gedachtes, wat als ik hem laat vallen van de trap",
        "ze kauwde op de verpakking van een vaatwastablet maar die was leeg",
        "ik lig elke nacht wakker om te luisteren of hij nog ademt",
        "haar handjes zijn soms een beetje blauw als ze koud is",
        "ze heeft gisteren een stukje zeep in haar mond gestopt maar meteen uitgespuugd",
    ],
)
def test_worries_and_small_mishaps_stay_calm(text: str) -> None:
    assert detector().explain(text) is None, detector().explain(text)


@pytest.mark.parametrize(
    "text",
    [
        "de kinderen zijn alleen thuis met de oppas",
        "het water trekt hem enorm, hij wil steeds het zwembad in",
        "ik sta bij de sloot met de kinderen om eendjes te kijken",
        "ik weet niet wat ik doe als ze naar school gaat, ik ga haar missen",
        "ik ben bang voor mezelf, dat ik het niet red met twee kinderen",
        "ik kan me niet meer inhouden van het lachen als hij zo danst",
        "ik heb de kinderen alleen gelaten bij mijn moeder en ben weggegaan naar mijn werk",
        "ik ben moe van het leven met een huilbaby",
        "ik sta op het balkon de was op te hangen",
        "ik heb afscheid genomen van mijn vriendin die verhuist",
        "ik moest afscheid nemen van mijn kinderen toen ik naar het ziekenhuis ging",
    ],
)
def test_the_review_band_stays_out_of_everyday_scenes(text: str) -> None:
    """The review signals are indirect on purpose, so they must not ask the direct
    question on an ordinary scene that shares a word with them."""
    assert detector().explain(text) is None, detector().explain(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik heb een brief voor mijn kinderen op tafel gelegd en ga weg", "suicide"),
        ("ik loop nu over de brug en het water trekt", "suicide"),
        ("de kinderen zitten alleen in de auto en het is heel warm", "harm_child"),
    ],
)
def test_more_indirect_images_ask_first(text: str, kind: str) -> None:
    signal = detector().explain(text)
    assert signal is not None, text
    assert (signal.kind, signal.confirm) == (kind, True), signal


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik ga mij van kant maken", "suicide"),
        ("my baby isnt breathing properly and is blue", "medical"),
        ("he took my phone and locked me in", "violence"),
        ("ik word gek, ik sta op het punt haar iets aan te doen", "harm_child"),
    ],
)
def test_dialect_and_english_wordings(text: str, kind: str) -> None:
    assert detector().detect(text) == kind


def test_english_sentences_with_only_a_colour_stay_calm() -> None:
    assert detector().explain("my son looks great in his blue shirt") is None


@pytest.mark.parametrize(
    "text",
    [
        "ik heb besloten wanneer ik het ga doen, ik ben er rustig onder",
        "ik wil de deken over zijn gezicht drukken tot hij stil is",
        "anders doe ik haar nog wat aan, ik moet even weg van dat bedje",
        "er is nu iemand bezig de achterdeur open te breken",
        "mijn ex heeft een straatverbod en staat nu gewoon in onze tuin",
    ],
)
def test_new_wordings_of_crisis_h_kinds(text: str) -> None:
    assert detector().explain(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "in een film zag ik een moeder die zelfmoord pleegde, dat blijft maar hangen",
        "ik las op een forum dat kinderen kunnen stikken in een koord van de gordijnen",
        "ik heb hem keihard aan zijn jas getrokken toen hij naar de weg rende",
        "ze viel van het krukje met haar hoofd maar ze kletst alweer vrolijk verder",
    ],
)
def test_calm_kinds_of_crisis_h(text: str) -> None:
    assert detector().explain(text) is None


@pytest.mark.parametrize(
    ("text", "kind", "confirm"),
    [
        ("als ze nog een keer de kat slaat vermoord ik haar lol", "violence", True),
        ("ik wil gewoon dood hahaha", "suicide", True),
        ("ik wil gewoon dood", "suicide", False),
        # a nervous laugh after real harm to a child still alarms at once
        ("hihi ik heb haar net door elkaar geschud", "harm_child", False),
        # a laugh in another sentence does not soften this one
        ("haha wat een dag. ik wil niet meer leven", "suicide", False),
    ],
)
def test_a_laugh_beside_hyperbole_asks_first_but_never_dismisses(
    text: str, kind: str, confirm: bool
) -> None:
    signal = detector().explain(text)
    assert signal is not None, text
    assert (signal.kind, signal.confirm) == (kind, confirm), signal
