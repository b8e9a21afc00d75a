"""The place resolver on the shipped place files: names, typos, sentences, postcodes."""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import paths

from imhbot.content.models import Gemeente, PlaceFile
from imhbot.nlu.normalizing import fold
from imhbot.nlu.places import PlaceIndex

PLACES_DIR = Path(__file__).parents[2] / "content" / "places"
DEV_SET = paths.DEV_SET
COVERED = ("groningen", "twente")


def _load(name: str) -> PlaceFile:
    return PlaceFile.model_validate(yaml.safe_load((PLACES_DIR / f"{name}.yaml").read_text()))


def _with_region(place_file: PlaceFile) -> list[Gemeente]:
    return [g.model_copy(update={"region": place_file.region}) for g in place_file.gemeenten]


@pytest.fixture(scope="module")
def files() -> dict[str, PlaceFile]:
    return {name: _load(name) for name in (*COVERED, "nederland")}


@pytest.fixture(scope="module")
def index(files: dict[str, PlaceFile]) -> PlaceIndex:
    return PlaceIndex.build([g for f in files.values() for g in _with_region(f)])


def _dev_cases() -> list[Any]:
    if not DEV_SET.exists():
        reason = f"{DEV_SET} is absent (shared/ is not beside this checkout)"
        return [pytest.param({}, marks=pytest.mark.skip(reason=reason), id="no-dev-set")]
    cases = yaml.safe_load(DEV_SET.read_text())["places"]
    return [pytest.param(case, id=case["text"]) for case in cases]


@pytest.mark.parametrize("case", _dev_cases())
def test_dev_set(index: PlaceIndex, case: dict[str, Any]) -> None:
    match = index.resolve(case["text"])
    assert match is not None
    assert match.region == case["region"]
    if "gemeente" in case:
        assert match.gemeente == case["gemeente"]


@pytest.mark.parametrize(
    ("text", "gemeente", "region"),
    [
        # woonplaats, gemeente and alias, any case or accents
        ("Groningen", "Groningen", "groningen"),
        ("GRONINGEN", "Groningen", "groningen"),
        ("Oldambt", "Oldambt", "groningen"),
        ("Muntendam", "Midden-Groningen", "groningen"),
        ("Ter Apel", "Westerwolde", "groningen"),
        ("Nijverdal", "Hellendoorn", "twente"),
        ("Delden", "Hof van Twente", "twente"),
        ("Oldenzaal", "Oldenzaal", "twente"),
        ("Assen", "Assen", None),
        ("Sneek", "Súdwest-Fryslân", None),
        ("sudwest fryslan", "Súdwest-Fryslân", None),
        ("Den Bosch", "'s-Hertogenbosch", None),
        ("Nuenen", "Nuenen, Gerwen en Nederwetten", None),
        # former gemeenten, dialect and informal names
        ("Grunn", "Groningen", "groningen"),
        ("Stad", "Groningen", "groningen"),
        ("Winschoot", "Oldambt", "groningen"),
        ("Delfsiel", "Eemsdelta", "groningen"),
        ("Veendaam", "Veendam", "groningen"),
        ("Hoogezand-Sappemeer", "Midden-Groningen", "groningen"),
        ("Menterwolde", "Midden-Groningen", "groningen"),
        ("De Marne", "Het Hogeland", "groningen"),
        ("Olle Pekel", "Pekela", "groningen"),
        ("Hengel", "Hengelo", "twente"),
        ("Westerhaar", "Twenterand", "twente"),
        # multi-word names, with or without hyphens
        ("Hof van Twente", "Hof van Twente", "twente"),
        ("hof-van-twente", "Hof van Twente", "twente"),
        ("Bad Nieuweschans", "Oldambt", "groningen"),
        ("bad-nieuweschans", "Oldambt", "groningen"),
        ("Den Ham", "Twenterand", "twente"),
        ("Midden-Groningen", "Midden-Groningen", "groningen"),
        ("Midden Groningen", "Midden-Groningen", "groningen"),
        ("middengroningen", "Midden-Groningen", "groningen"),
        ("Oude Pekela", "Pekela", "groningen"),
        ("oude-pekela", "Pekela", "groningen"),
        ("Nieuw Beerta", "Oldambt", "groningen"),
        ("Westerhaar-Vriezenveensewijk", "Twenterand", "twente"),
        ("'t Zandt", "Eemsdelta", "groningen"),
        ("t zandt", "Eemsdelta", "groningen"),
        ("Hengelo Gld", "Bronckhorst", None),
        # the place inside a sentence
        ("ik woon in Delfzijl", "Eemsdelta", "groningen"),
        ("wij wonen in de buurt van Hengelo", "Hengelo", "twente"),
        ("Winschoten, Oldambt", "Oldambt", "groningen"),
        ("in hoogezand", "Midden-Groningen", "groningen"),
        ("bij Goor", "Hof van Twente", "twente"),
        ("ik woon in een dorp bij Goor", "Hof van Twente", "twente"),
        ("ik woon echt in Winschoten", "Oldambt", "groningen"),
        ("Wij wonen sinds 2021 in Almelo", "Almelo", "twente"),
        ("ik kom uit Amsterdam maar woon nu in Winschoten", "Oldambt", "groningen"),
        ("ik woon in Hengelo, vlakbij Enschede", "Hengelo", "twente"),
        # everyday words that are also place names, when the answer leaves no doubt
        ("Leek", "Westerkwartier", "groningen"),
        ("ik woon in Leek", "Westerkwartier", "groningen"),
        ("Leek, Groningen", "Westerkwartier", "groningen"),
        ("in de buurt van Leek", "Westerkwartier", "groningen"),
        ("ik woon in Echt", "Echt-Susteren", None),
        ("Best", "Best", None),
        # ties: a covered region wins, and a gemeente of that very name wins
        ("Haren", "Groningen", "groningen"),
        ("Zevenhuizen", "Westerkwartier", "groningen"),
        ("Rossum", "Dinkelland", "twente"),
        ("Hengelo", "Hengelo", "twente"),
        ("Noordwijk", "Noordwijk", None),
        ("Beuningen", "Beuningen", None),
        ("Velp", "Rheden", None),
    ],
)
def test_names(index: PlaceIndex, text: str, gemeente: str, region: str | None) -> None:
    match = index.resolve(text)
    assert match is not None
    assert (match.gemeente, match.region) == (gemeente, region)


@pytest.mark.parametrize(
    ("text", "gemeente", "region"),
    [
        ("winschote", "Oldambt", "groningen"),
        ("Winschooten", "Oldambt", "groningen"),
        ("enschde", "Enschede", "twente"),
        ("hoogezant", "Midden-Groningen", "groningen"),
        ("Hoogzaand", "Midden-Groningen", "groningen"),
        ("delfzijll", "Eemsdelta", "groningen"),
        ("ik woon in delfzyl", "Eemsdelta", "groningen"),
        ("stadskanal", "Stadskanaal", "groningen"),
        ("Oldenzal", "Oldenzaal", "twente"),
        ("hof van twnte", "Hof van Twente", "twente"),
        ("bad nieuweschanz", "Oldambt", "groningen"),
        ("Amsterdamm", "Amsterdam", None),
    ],
)
def test_typos(index: PlaceIndex, text: str, gemeente: str, region: str | None) -> None:
    match = index.resolve(text)
    assert match is not None
    assert (match.gemeente, match.region) == (gemeente, region)


@pytest.mark.parametrize(
    ("text", "gemeente", "region", "matched"),
    [
        ("9671 AB Winschoten", "Oldambt", "groningen", "Winschoten"),
        ("9671AB", "Oldambt", "groningen", "9671"),
        ("9671 ab", "Oldambt", "groningen", "9671"),
        ("postcode 7511", "Enschede", "twente", "7511"),
        ("7551", "Hengelo", "twente", "7551"),
        ("mijn postcode is 9712 CA", "Groningen", "groningen", "9712"),
        ("9752", "Groningen", "groningen", "9752"),
        ("7471", "Hof van Twente", "twente", "7471"),
        ("9356 EE", "Westerkwartier", "groningen", "9356"),
        # a covered postcode beats a name outside the regions
        ("7511 Amsterdam", "Enschede", "twente", "7511"),
        # a covered name beats a postcode outside the regions
        ("1012 AB Hengelo", "Hengelo", "twente", "Hengelo"),
        # valid Dutch postcodes outside the regions
        ("1012 AB", None, None, "1012"),
        ("3511", None, None, "3511"),
        ("1234 EE", None, None, "1234"),
        ("2011", None, None, "2011"),
    ],
)
def test_postcodes(
    index: PlaceIndex, text: str, gemeente: str | None, region: str | None, matched: str
) -> None:
    match = index.resolve(text)
    assert match is not None
    assert (match.gemeente, match.region, match.matched) == (gemeente, region, matched)


def test_name_and_postcode_outside_keep_the_gemeente(index: PlaceIndex) -> None:
    match = index.resolve("1012 AB Amsterdam")
    assert match is not None
    assert (match.gemeente, match.region) == ("Amsterdam", None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdfgh",
        "weet ik niet",
        "ja",
        "nee",
        "hallo",
        "ik woon hier",
        "ik woon hier al heel lang",
        "dat wil ik liever niet zeggen",
        "het leek me handig",
        "ik woon om de hoek",
        "ik woon bij hem",
        "we wonen bij de buren",
        "best ver weg",
        "echt geen idee",
        "ergens in het noorden",
        "ik woon in de stad",
        "op het platteland",
        "ik woon in Friesland",
        "Twente",
        "mijn zoon huilt heel veel en slaapt slecht",
        "hij slaapt nooit door, elke nacht 4 keer wakker",
        "mijn peuter wil niet naar bed",
        "ik ben zwanger en heel bang voor de bevalling",
        "ze wil niet eten",
        "we delen een huis",
        "haar en zo",
        "harken en malen",
        "ja hoor",
        "geboren op 1 maart 2021",
        "12345",
        "0612345678",
    ],
)
def test_not_a_place(index: PlaceIndex, text: str) -> None:
    assert index.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "prefer_region", "gemeente"),
    [
        ("Noordwijk", "groningen", "Westerkwartier"),
        ("Beuningen", "twente", "Losser"),
        ("Haren", "twente", "Groningen"),
        ("Haren", None, "Groningen"),
        ("Groningen", "twente", "Groningen"),
        ("ik woon in Leek of Enschede", "twente", "Enschede"),
        ("ik woon in Leek of Enschede", None, "Westerkwartier"),
    ],
)
def test_prefer_region(
    index: PlaceIndex, text: str, prefer_region: str | None, gemeente: str
) -> None:
    match = index.resolve(text, prefer_region=prefer_region)
    assert match is not None
    assert match.gemeente == gemeente


def test_matched_is_the_name_as_written(index: PlaceIndex) -> None:
    match = index.resolve("ik woon in winschote")
    assert match is not None
    assert match.matched == "Winschoten"


def test_exact_answers_are_fast(index: PlaceIndex) -> None:
    texts = ["Winschoten", "ik woon in Delfzijl", "9671 AB", "Hof van Twente"] * 50
    start = time.perf_counter()
    for text in texts:
        index.resolve(text)
    assert (time.perf_counter() - start) / len(texts) < 0.001


# --- the place files themselves ---


def test_gemeente_counts(files: dict[str, PlaceFile]) -> None:
    assert len(files["groningen"].gemeenten) == 10
    assert len(files["twente"].gemeenten) == 14
    assert sum(len(f.gemeenten) for f in files.values()) == 342


def test_regions(files: dict[str, PlaceFile]) -> None:
    assert files["groningen"].region == "groningen"
    assert files["twente"].region == "twente"
    assert files["nederland"].region is None


def test_every_gemeente_once(files: dict[str, PlaceFile]) -> None:
    names = [fold(g.name) for f in files.values() for g in f.gemeenten]
    assert len(names) == len(set(names))


def test_no_name_in_two_covered_gemeenten(files: dict[str, PlaceFile]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for region in COVERED:
        for gemeente in files[region].gemeenten:
            for name in {gemeente.name, *gemeente.woonplaatsen, *gemeente.aliases}:
                key = fold(name).replace(" ", "").replace("ij", "y")
                if owner.setdefault(key, gemeente.name) != gemeente.name:
                    clashes.append((name, owner[key], gemeente.name))
    assert clashes == []


def test_covered_names_resolve_to_their_gemeente(
    files: dict[str, PlaceFile], index: PlaceIndex
) -> None:
    # A gemeente of that name elsewhere goes first; the village is found with its gemeente.
    same_name_as_a_gemeente = {"Noordwijk", "Beuningen"}
    wrong = []
    for region in COVERED:
        for gemeente in files[region].gemeenten:
            for name in (gemeente.name, *gemeente.woonplaatsen, *gemeente.aliases):
                match = index.resolve(name)
                if name not in same_name_as_a_gemeente and (
                    match is None or match.gemeente != gemeente.name
                ):
                    wrong.append((name, gemeente.name, match))
    assert wrong == []


def test_postcode_ranges_do_not_overlap(files: dict[str, PlaceFile]) -> None:
    ranges = [
        (low, high, gemeente.name)
        for region in COVERED
        for gemeente in files[region].gemeenten
        for low, high in gemeente.postcode_ranges()
    ]
    assert all(1000 <= low <= high <= 9999 for low, high, _ in ranges)
    overlaps = [(a, b) for a, b in combinations(ranges, 2) if a[0] <= b[1] and b[0] <= a[1]]
    assert overlaps == []


def test_every_covered_gemeente_has_postcodes(files: dict[str, PlaceFile]) -> None:
    for region in COVERED:
        assert all(g.postcodes for g in files[region].gemeenten)
    assert not any(g.postcodes for g in files["nederland"].gemeenten)
