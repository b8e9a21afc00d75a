"""How fast ProviderIndex ranks: 10,000 seeded random providers, ~20,000 random queries.

Reproduce from the repository root:

    python bench/ranking_speed.py [--providers 10000] [--queries 20000] [--seed 1]

The gemeenten come from content/places/*.yaml when present, else generated names.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imhbot.content.concern_ids import CONCERN_IDS  # noqa: E402
from imhbot.content.models import KINDERWENS_MONTHS, ZWANGER_MONTHS, Provider  # noqa: E402
from imhbot.nlu.ranking import ProviderIndex  # noqa: E402

COMMAND = "python bench/ranking_speed.py"
AGE_BANDS = [(-12, -10), (-12, 3), (-9, -1), (-9, 12), (0, 6), (0, 12), (6, 24), (12, 48),
             (24, 71), (0, 71), (-12, 71)]  # fmt: skip
QUERY_AGES = [KINDERWENS_MONTHS, ZWANGER_MONTHS, *((m, m) for m in range(0, 72, 3))]


def places() -> dict[str, list[str]]:
    """Region id -> gemeente names, from the shipped content when there is any."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "content/places").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        region = data.get("region") or path.stem
        names = [item["name"] for item in data.get("gemeenten") or () if "name" in item]
        if names:
            found.setdefault(region, []).extend(names)
    if not found:
        found = {f"regio{r}": [f"Gemeente {r}-{g}" for g in range(12)] for r in range(2)}
    return found


def make_provider(n: int, rng: random.Random, regions: dict[str, list[str]]) -> Provider:
    concerns = rng.sample(CONCERN_IDS, rng.choice([1, 1, 2, 3, 4]))
    low, high = rng.choice(AGE_BANDS)
    region = rng.choice(sorted(regions))
    where = rng.random()
    place: dict[str, Any]
    if where < 0.05:
        place = {"national": True}
    elif where < 0.5:
        place = {"region": region}
    else:
        place = {
            "gemeenten": rng.sample(regions[region], min(len(regions[region]), rng.randint(1, 3)))
        }
    return Provider.model_validate(
        {
            "id": f"p{n:05d}",
            "name": f"Aanbieder {rng.randint(0, 3000)}",
            "organisation": "Bench",
            "description": "Bench.",
            "for_whom": "Ouders",
            "disciplines": ["pedagoog"],
            "concerns": concerns,
            "specialism": concerns[:1] if rng.random() < 0.3 else [],
            "age_months": {"min": low, "max": high},
            "referral": "direct",
            "costs": "gratis",
            "contact": {"website": "https://example.org"},
            "waiting_weeks": rng.choice([None, None, 0, 1, 2, 4, 6, 8, 12, 26]),
            "vetted_by": "bench",
            "vetted_on": dt.date(2026, 1, 1),
            "example": True,
            **place,
        }
    )


def make_query(rng: random.Random, regions: dict[str, list[str]]) -> dict[str, Any]:
    region: str | None = rng.choice(sorted(regions))
    gemeente: str | None = rng.choice(regions[region]) if region else None
    roll = rng.random()
    if roll < 0.1:
        gemeente = None  # region only
    elif roll < 0.15:
        gemeente, region = "Buiten de regio", None
    return {
        "concern": rng.choice(CONCERN_IDS),
        "age": rng.choice(QUERY_AGES),
        "gemeente": gemeente,
        "region": region,
    }


def percentile(sorted_ms: list[float], fraction: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(fraction * len(sorted_ms)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"# {COMMAND} --providers {args.providers} --queries {args.queries} --seed {args.seed}")

    rng = random.Random(args.seed)
    regions = places()
    providers = [make_provider(n, rng, regions) for n in range(args.providers)]
    queries = [make_query(rng, regions) for _ in range(args.queries)]
    gemeenten = sum(len(names) for names in regions.values())
    print(f"providers {len(providers)}, regions {len(regions)}, gemeenten {gemeenten}")

    start = time.perf_counter()
    index = ProviderIndex.build(providers)
    print(f"build     {(time.perf_counter() - start) * 1000:8.1f} ms")

    timings: list[float] = []
    found = 0
    for query in queries:
        start = time.perf_counter()
        found += len(index.rank(**query))
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"queries   {len(timings)}, mean results {found / len(timings):.1f}")
    print(f"mean      {statistics.fmean(timings):8.4f} ms")
    for label, fraction in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        print(f"{label:9} {percentile(timings, fraction):8.4f} ms")
    print(f"max       {timings[-1]:8.4f} ms")


if __name__ == "__main__":
    main()
