"""Which providers fit a concern, an age and a place, best first.

A provider serves a place in one of three ways, checked in this order: `national` serves
everyone; a list of `gemeenten` serves those gemeenten only (its `region`, if any, is then
just a label); otherwise its `region` serves every gemeente of that region.

Order: regional and local providers before national ones; within each group specialists
before generalists, local (named gemeenten) before region-wide, shorter waiting before longer,
unknown waiting last, then name and id. A national route that a nearer provider `replaces`
(the regional consultatiebureau for "your own consultatiebureau") is left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from imhbot.content.models import Provider
from imhbot.nlu.normalizing import fold

_SortKey = tuple[bool, bool, bool, int, str, str, str]


@dataclass(frozen=True, slots=True)
class _Entry:
    key: _SortKey
    low: int
    high: int
    provider: Provider

    def fits(self, low: int, high: int) -> bool:
        return self.low <= high and low <= self.high


_by_key = attrgetter("key")
_Buckets = dict[tuple[str, str], tuple[_Entry, ...]]


def _entry(provider: Provider, concern: str, *, local: bool) -> _Entry:
    waiting = provider.waiting_weeks
    key: _SortKey = (
        concern not in provider.specialism,
        not local,
        waiting is None,
        waiting or 0,
        provider.name.casefold(),
        provider.name,
        provider.id,
    )
    return _Entry(key, provider.age_months.min, provider.age_months.max, provider)


def _freeze(buckets: dict[tuple[str, str], list[_Entry]]) -> _Buckets:
    return {place: tuple(sorted(entries, key=_by_key)) for place, entries in buckets.items()}


@dataclass(frozen=True, slots=True)
class ProviderIndex:
    """Providers pre-sorted per (concern, gemeente), (concern, region) and (concern, national)."""

    local: _Buckets
    regional: _Buckets
    national: _Buckets

    @classmethod
    def build(cls, providers: Sequence[Provider]) -> ProviderIndex:
        local: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        regional: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        national: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        for provider in providers:
            for concern in dict.fromkeys(provider.concerns):
                if provider.national:
                    national[concern, ""].append(_entry(provider, concern, local=False))
                elif provider.gemeenten:
                    entry = _entry(provider, concern, local=True)
                    for gemeente in dict.fromkeys(fold(name) for name in provider.gemeenten):
                        local[concern, gemeente].append(entry)
                elif provider.region:
                    regional[concern, provider.region].append(
                        _entry(provider, concern, local=False)
                    )
        return cls(_freeze(local), _freeze(regional), _freeze(national))

    def rank(
        self, *, concern: str, age: tuple[int, int], gemeente: str | None, region: str | None
    ) -> list[Provider]:
        """All fitting providers, best first; the caller shows the first few."""
        low, high = age
        near = [entry for entry in self._near(concern, gemeente, region) if entry.fits(low, high)]
        near.sort(key=_by_key)  # two pre-sorted runs: a merge, not a full sort
        replaced = {name for entry in near for name in entry.provider.replaces}
        far = [
            entry
            for entry in self.national.get((concern, ""), ())
            if entry.fits(low, high) and entry.provider.id not in replaced
        ]
        return [entry.provider for entry in near] + [entry.provider for entry in far]

    def _near(self, concern: str, gemeente: str | None, region: str | None) -> list[_Entry]:
        found: list[_Entry] = []
        if gemeente:
            found.extend(self.local.get((concern, fold(gemeente)), ()))
        if region:
            found.extend(self.regional.get((concern, region), ()))
        return found
