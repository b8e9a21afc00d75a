"""ProviderIndex: who fits a concern, an age and a place, and in which order."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from imhbot.content.models import KINDERWENS_MONTHS, ZWANGER_MONTHS, Provider
from imhbot.nlu.ranking import ProviderIndex

TODDLER = (24, 24)


def provider(pid: str, **fields: Any) -> Provider:
    data: dict[str, Any] = {
        "id": pid,
        "name": fields.pop("name", pid.title()),
        "organisation": "Voorbeeld",
        "description": "Helpt ouders.",
        "for_whom": "Ouders",
        "disciplines": ("pedagoog",),
        "concerns": ("slapen",),
        "age_months": {"min": 0, "max": 71},
        "referral": "direct",
        "costs": "gratis",
        "contact": {"website": "https://example.org"},
        "vetted_by": "IMH",
        "vetted_on": dt.date(2025, 1, 1),
        "example": True,
    }
    data.update(fields)
    if not (data.get("national") or data.get("region") or data.get("gemeenten")):
        data["region"] = "groningen"
    return Provider.model_validate(data)


def ids(
    providers: list[Provider],
    *,
    concern: str = "slapen",
    age: tuple[int, int] = TODDLER,
    gemeente: str | None = "Groningen",
    region: str | None = "groningen",
) -> list[str]:
    index = ProviderIndex.build(providers)
    ranked = index.rank(concern=concern, age=age, gemeente=gemeente, region=region)
    return [p.id for p in ranked]


def test_only_the_concern_asked_for() -> None:
    providers = [
        provider("slaap"),
        provider("eten", concerns=("voeding",)),
        provider("beide", concerns=("voeding", "slapen")),
    ]
    assert ids(providers) == ["beide", "slaap"]
    assert ids(providers, concern="voeding") == ["beide", "eten"]
    assert ids(providers, concern="taal") == []


def test_specialist_before_generalist() -> None:
    providers = [
        provider("algemeen", concerns=("slapen", "huilen"), waiting_weeks=0),
        provider(
            "specialist", concerns=("slapen", "huilen"), specialism=("slapen",), waiting_weeks=9
        ),
    ]
    assert ids(providers) == ["specialist", "algemeen"]
    assert ids(providers, concern="huilen") == ["algemeen", "specialist"]


def test_shorter_waiting_first_and_unknown_waiting_last() -> None:
    providers = [
        provider("onbekend"),
        provider("lang", waiting_weeks=12),
        provider("kort", waiting_weeks=2),
        provider("geen", waiting_weeks=0),
    ]
    assert ids(providers) == ["geen", "kort", "lang", "onbekend"]


def test_name_then_id_break_ties() -> None:
    providers = [
        provider("b-2", name="Bloem"),
        provider("a-1", name="bloem"),
        provider("c-3", name="Anker"),
        provider("b-1", name="Bloem"),
    ]
    assert ids(providers) == ["c-3", "b-1", "b-2", "a-1"]


def test_local_before_region_wide() -> None:
    providers = [
        provider("regio", region="groningen", waiting_weeks=0),
        provider("lokaal", gemeenten=("Groningen",), waiting_weeks=8),
    ]
    assert ids(providers) == ["lokaal", "regio"]


def test_specialism_weighs_more_than_being_local() -> None:
    providers = [
        provider("lokaal", gemeenten=("Groningen",)),
        provider("regio-specialist", region="groningen", specialism=("slapen",)),
    ]
    assert ids(providers) == ["regio-specialist", "lokaal"]


def test_national_after_all_regional() -> None:
    providers = [
        provider("landelijk-specialist", national=True, specialism=("slapen",), waiting_weeks=0),
        provider("landelijk", national=True, waiting_weeks=1),
        provider("regio", region="groningen", waiting_weeks=20),
        provider("lokaal", gemeenten=("Groningen",)),
    ]
    assert ids(providers) == ["lokaal", "regio", "landelijk-specialist", "landelijk"]


def test_gemeente_outside_the_providers_area_gets_only_national() -> None:
    providers = [
        provider("landelijk", national=True),
        provider("regio", region="groningen"),
        provider("lokaal", gemeenten=("Groningen",)),
        provider("twente", region="twente"),
    ]
    assert ids(providers, gemeente="Utrecht", region=None) == ["landelijk"]
    assert ids(providers, gemeente=None, region=None) == ["landelijk"]


def test_region_without_gemeente_gets_region_wide_only() -> None:
    providers = [
        provider("regio", region="groningen"),
        provider("lokaal", gemeenten=("Groningen",), region="groningen"),
        provider("landelijk", national=True),
    ]
    assert ids(providers, gemeente=None, region="groningen") == ["regio", "landelijk"]


def test_gemeenten_list_limits_a_provider_with_a_region_label() -> None:
    providers = [provider("lokaal", gemeenten=("Oldambt",), region="groningen")]
    assert ids(providers, gemeente="Groningen") == []
    assert ids(providers, gemeente="Oldambt") == ["lokaal"]


def test_other_region_does_not_serve() -> None:
    providers = [provider("twente", region="twente"), provider("enschede", gemeenten=("Enschede",))]
    assert ids(providers) == []
    assert ids(providers, gemeente="Enschede", region="twente") == ["enschede", "twente"]


def test_gemeente_names_match_without_case_or_accents() -> None:
    providers = [provider("fryslan", gemeenten=("Súdwest-Fryslân",))]
    assert ids(providers, gemeente="sudwest fryslan", region=None) == ["fryslan"]


@pytest.mark.parametrize(
    ("band", "age", "fits"),
    [
        ((0, 12), (12, 12), True),  # inclusive upper edge
        ((12, 24), (12, 12), True),  # inclusive lower edge
        ((13, 24), (12, 12), False),
        ((0, 11), (12, 12), False),
        (ZWANGER_MONTHS, ZWANGER_MONTHS, True),
        (ZWANGER_MONTHS, KINDERWENS_MONTHS, False),
        (KINDERWENS_MONTHS, KINDERWENS_MONTHS, True),
        (KINDERWENS_MONTHS, ZWANGER_MONTHS, False),
        ((-9, 6), ZWANGER_MONTHS, True),  # pregnancy through the first half year
        ((-9, 6), (3, 3), True),
        ((-9, 6), (7, 7), False),
        ((-12, 71), KINDERWENS_MONTHS, True),
        ((0, 71), ZWANGER_MONTHS, False),
        ((0, 71), (0, 0), True),
    ],
)
def test_age_overlap(band: tuple[int, int], age: tuple[int, int], fits: bool) -> None:
    providers = [provider("p", age_months={"min": band[0], "max": band[1]})]
    assert ids(providers, age=age) == (["p"] if fits else [])


def test_shuffled_input_gives_the_same_order() -> None:
    rng = random.Random(7)
    places: list[dict[str, Any]] = [
        {"national": True},
        {"region": "groningen"},
        {"gemeenten": ("Groningen", "Oldambt")},
    ]
    providers = [
        provider(
            f"p{n}",
            name=rng.choice(["Anker", "Bloem", "Cirkel"]),
            specialism=("slapen",) if rng.random() < 0.3 else (),
            waiting_weeks=rng.choice([None, 0, 2, 2, 6]),
            **rng.choice(places),
        )
        for n in range(60)
    ]
    expected = ids(providers)
    assert len(expected) == 60
    for _ in range(5):
        rng.shuffle(providers)
        assert ids(providers) == expected


def test_duplicate_gemeente_or_concern_lists_give_one_entry() -> None:
    providers = [provider("p", concerns=("slapen", "slapen"), gemeenten=("Groningen", "groningen"))]
    assert ids(providers) == ["p"]


def test_empty_index() -> None:
    assert ids([]) == []


def test_a_regional_consultatiebureau_stands_in_for_the_national_route() -> None:
    providers = [
        provider("nl-cb", national=True),
        provider("nl-huisarts", national=True),
        provider("cb-oost", gemeenten=("Groningen",), replaces=("nl-cb",)),
    ]
    assert ids(providers) == ["cb-oost", "nl-huisarts"]
    # where the regional one does not work, the national route is shown
    assert ids(providers, gemeente="Utrecht", region=None) == ["nl-cb", "nl-huisarts"]
