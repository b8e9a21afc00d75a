"""What an operator watches, as Prometheus metrics (`/metrics` in webhook mode): updates in,
turns and their time, sends by outcome, crisis alerts and check questions, reloads; and,
read from the database when scraped, the outbox's depth and age and the open tickets.

One registry per process; counters count what this process did, the database gauges are the
same on every instance (they read the shared database).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from imhbot.store.db import DatabaseError, DbSession, Engine, transaction
from imhbot.store.outbox import backlog
from imhbot.store.tickets import count_open

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
REGISTRY = CollectorRegistry()

UPDATES = Counter(
    "imhbot_updates_received", "Updates received from the channel, by kind", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
TURN_SECONDS = Histogram(
    "imhbot_turn_seconds", "Time of a parent's turn, database included",
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5), registry=REGISTRY,
)  # fmt: skip
SENDS = Counter(
    "imhbot_sends", "Outbox deliveries by outcome (sent, retry, blocked, refused)", ["result"],
    registry=REGISTRY,
)  # fmt: skip
CRISIS = Counter(
    "imhbot_crisis_alerts", "Crisis alerts for the coordinators, by kind", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
CHECKS = Counter(
    "imhbot_crisis_checks", "Check questions of the review band of safety, by kind", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
DUPLICATES = Counter(
    "imhbot_duplicates_dropped", "Updates delivered again and dropped", registry=REGISTRY
)
RELOADS = Counter(
    "imhbot_reloads", "Content reloads, by result (ok, refused)", ["result"], registry=REGISTRY
)


class DatabaseGauges(Collector):
    """The outbox and the tickets, read from the database at each scrape."""

    def __init__(self, engine: Callable[[], Engine | None], clock: Callable[[], dt.datetime]):
        self._engine, self._clock = engine, clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        engine = self._engine()
        if engine is None:
            return
        try:
            with transaction(engine) as db:
                depth, age, tickets = _read(db, self._clock())
        except DatabaseError:
            return
        yield GaugeMetricFamily("imhbot_outbox_depth", "Messages waiting to be sent", depth)
        yield GaugeMetricFamily(
            "imhbot_outbox_age_seconds", "How long the oldest waiting message has waited", age
        )
        open_tickets = GaugeMetricFamily(
            "imhbot_tickets_open", "Open tickets, crisis alerts apart", labels=["priority"]
        )
        for priority, count in sorted(tickets.items()):
            open_tickets.add_metric(["yes" if priority else "no"], count)
        yield open_tickets

    def describe(self) -> Iterator[GaugeMetricFamily]:
        return iter(())


def _read(db: DbSession, now: dt.datetime) -> tuple[int, float, dict[bool, int]]:
    depth, age = backlog(db, now=now)
    return depth, age, count_open(db)


_watched: list[DatabaseGauges] = []


def watch_database(engine: Callable[[], Engine | None], clock: Callable[[], dt.datetime]) -> None:
    """Have the scrape read this database (the last one given, in tests that start several)."""
    for old in _watched:
        REGISTRY.unregister(old)
    _watched.clear()
    gauges = DatabaseGauges(engine, clock)
    REGISTRY.register(gauges)
    _watched.append(gauges)


def exposition() -> bytes:
    return generate_latest(REGISTRY)
