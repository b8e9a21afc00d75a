"""Which gemeente a shared location (latitude, longitude) lies in, near enough.

Content gives each gemeente of a region the points of its main kernen. The gemeente of the
nearest point wins, if that point is within `NEAR_KM`: further away the location counts as
outside the regions (the bot then shows national help, as for a place it does not cover).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from imhbot.content.models import Gemeente

NEAR_KM = 8.0
_EARTH_KM = 6371.0


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float
    gemeente: str
    region: str | None


@dataclass(frozen=True)
class LocationIndex:
    points: tuple[_Point, ...]

    @classmethod
    def build(cls, gemeenten: Sequence[Gemeente]) -> LocationIndex:
        return cls(
            tuple(_Point(lat, lon, g.name, g.region) for g in gemeenten for lat, lon in g.points)
        )

    def nearest(self, lat: float, lon: float) -> tuple[str, str | None] | None:
        """(gemeente, region) of the nearest point within NEAR_KM, else None."""
        if not (math.isfinite(lat) and math.isfinite(lon)) or not self.points:
            return None
        distance, point = min((_km(lat, lon, p.lat, p.lon), p) for p in self.points)
        return (point.gemeente, point.region) if distance <= NEAR_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(min(1.0, a)))
