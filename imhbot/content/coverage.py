"""How many providers a region has for each concern and age band, and where it has none.

Only providers of the region itself count (its whole region or some of its gemeenten):
national services are there for everyone, but the network wants to see what it lacks."""

from __future__ import annotations

from dataclasses import dataclass

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.models import AGE_BANDS, Content, Provider

NATIONAL = "landelijk"


@dataclass(frozen=True)
class Gap:
    region: str
    concern: str
    band: str


@dataclass(frozen=True)
class Coverage:
    """Providers per (concern, age band) for one region, or for the national services."""

    region: str
    name: str
    counts: dict[tuple[str, str], int]

    def count(self, concern: str, band: str) -> int:
        return self.counts.get((concern, band), 0)

    def gaps(self) -> list[Gap]:
        return [
            Gap(self.region, concern, band.name)
            for concern in CONCERN_IDS
            for band in AGE_BANDS
            if not self.count(concern, band.name)
        ]


def coverage(content: Content, region: str) -> Coverage:
    """The cells for `region`, or for the national services when it is `NATIONAL`."""
    regions_of = {g.name: g.region for g in content.gemeenten}
    serving = [p for p in content.providers if _serves(p, region, regions_of)]
    counts = {
        (concern, band.name): sum(
            concern in p.concerns and p.age_months.overlaps(band.low, band.high) for p in serving
        )
        for concern in CONCERN_IDS
        for band in AGE_BANDS
    }
    found = content.region(region)
    return Coverage(region, found.name if found else "Landelijk", counts)


def coverage_all(content: Content) -> list[Coverage]:
    return [coverage(content, r.id) for r in content.regions] + [coverage(content, NATIONAL)]


def coverage_gaps(content: Content, region: str) -> list[Gap]:
    return coverage(content, region).gaps()


def _serves(provider: Provider, region: str, regions_of: dict[str, str | None]) -> bool:
    if region == NATIONAL:
        return provider.national
    return provider.region == region or any(regions_of.get(g) == region for g in provider.gemeenten)
