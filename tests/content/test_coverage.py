"""The coverage table: providers per concern and age band in a region, on a hand-made set."""

from __future__ import annotations

import datetime as dt

import pytest

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.coverage import NATIONAL, Coverage, coverage, coverage_all
from imhbot.content.coverage_report import coverage_html, coverage_text
from imhbot.content.models import AGE_BANDS, AgeRange, Content, Provider
from imhbot.engine.knowledge import Knowledge

BANDS = [band.name for band in AGE_BANDS]


def _provider(
    base: Provider, id: str, concerns: list[str], ages: tuple[int, int], **where: object
) -> Provider:
    served = {"region": None, "gemeenten": (), "national": False, **where}
    return base.model_copy(
        update={
            "id": id,
            "concerns": tuple(concerns),
            "age_months": AgeRange(min=ages[0], max=ages[1]),
            **served,
        }
    )  # fmt: skip


@pytest.fixture
def content(knowledge: Knowledge) -> Content:
    """The shipped regions and places, with four providers whose cells are easy to count."""
    base = knowledge.content.providers[0]
    providers = (
        _provider(base, "a", ["slapen"], (-12, 5), region="groningen"),
        _provider(base, "b", ["slapen", "huilen"], (6, 23), gemeenten=("Groningen",)),
        _provider(base, "c", ["slapen"], (0, 71), national=True),
        _provider(base, "d", ["taal"], (24, 24), region="twente"),
    )
    return knowledge.content.model_copy(update={"providers": providers})


def _row(table: Coverage, concern: str) -> list[int]:
    return [table.count(concern, band) for band in BANDS]


def test_a_region_counts_its_own_providers_by_concern_and_age_band(content: Content) -> None:
    groningen = coverage(content, "groningen")
    assert BANDS == ["kinderwens", "zwanger", "0-6m", "6-12m", "1-2j", "2-4j", "4-5j"]
    assert _row(groningen, "slapen") == [1, 1, 1, 1, 1, 0, 0]
    assert _row(groningen, "huilen") == [0, 0, 0, 1, 1, 0, 0]
    assert _row(groningen, "taal") == [0] * 7
    assert len(groningen.gaps()) == len(CONCERN_IDS) * 7 - 7


def test_national_services_are_counted_apart(content: Content) -> None:
    assert _row(coverage(content, NATIONAL), "slapen") == [0, 0, 1, 1, 1, 1, 1]
    assert _row(coverage(content, "twente"), "taal") == [0, 0, 0, 0, 0, 1, 0]
    assert _row(coverage(content, "twente"), "slapen") == [0] * 7


def test_the_terminal_table_shows_counts_and_gaps(content: Content) -> None:
    text = coverage_text(content, coverage_all(content))
    lines = text.splitlines()
    assert lines[0] == f"IMH Groningen ({len(CONCERN_IDS) * 7 - 7} lege vakjes)"
    slapen = next(line for line in lines if line.startswith("Slapen"))
    assert slapen.split()[1:] == ["1", "1", "1", "1", "1", "-", "-"]
    assert "IMH Twente" in text
    assert "Landelijk" in text


def test_the_html_page_is_self_contained_and_escaped(content: Content) -> None:
    concerns = tuple(
        c.model_copy(update={"label": "Eten & <drinken>"}) if c.id == "voeding" else c
        for c in content.concerns
    )
    tricky = content.model_copy(update={"concerns": concerns})
    page = coverage_html(tricky, coverage_all(tricky), dt.date(2026, 11, 25))
    assert page.startswith("<!doctype html>")
    assert "Eten &amp; &lt;drinken&gt;" in page
    assert "<drinken>" not in page
    assert "src=" not in page
    assert "<link" not in page
    assert page.count("<table>") == 3
    assert '<td class="gap">0</td>' in page
    assert "25-11-2026" in page
