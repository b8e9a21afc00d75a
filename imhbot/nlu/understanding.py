"""One object that understands free text, built once from validated content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imhbot.content.models import Content, Provider
from imhbot.nlu.ages import parse_age
from imhbot.nlu.analysis import Lexicon
from imhbot.nlu.concerns import ConcernMatcher
from imhbot.nlu.crisis import CrisisDetector
from imhbot.nlu.locations import LocationIndex
from imhbot.nlu.places import PlaceIndex
from imhbot.nlu.ranking import ProviderIndex
from imhbot.nlu.types import AgeAnswer, MatchResult, PlaceMatch


def calm_messages(content: Content) -> list[str]:
    """Messages without danger for the crisis safety net: every example of every concern,
    and the messages of content that the bot does not understand."""
    calm = [m for c in content.concerns for m in (*c.examples, *c.messages)]
    return [*calm, *content.matching.unclear_messages]


@dataclass(frozen=True)
class Understanding:
    concerns: ConcernMatcher
    crisis: CrisisDetector
    places: PlaceIndex
    locations: LocationIndex
    providers: ProviderIndex

    @classmethod
    def build(cls, content: Content) -> Understanding:
        lexicon = Lexicon()
        return cls(
            concerns=ConcernMatcher.build(content.concerns, content.matching, lexicon),
            crisis=CrisisDetector.build(
                content.safety, lexicon=lexicon, calm=calm_messages(content)
            ),
            places=PlaceIndex.build(content.gemeenten),
            locations=LocationIndex.build(content.gemeenten),
            providers=ProviderIndex.build(content.providers),
        )

    def match(self, text: str) -> MatchResult:
        """Crisis signals first, always; then the concern. A crisis in the review band also
        carries the concerns of the message: after a clear "nee" the message is read as an
        ordinary answer."""
        signal = self.crisis.explain(text)
        if signal is None:
            return self.concerns.match(text)
        concern = self.concerns.match(text) if signal.confirm else None
        return MatchResult(
            text=text,
            outcome="crisis",
            crisis=signal.kind,
            concerns=concern.concerns if concern else (),
            confident=concern.confident if concern else False,
            confirm=signal.confirm,
            otherwise=concern.outcome if concern else None,
        )

    def age(self, text: str, *, today: dt.date) -> AgeAnswer | None:
        return parse_age(text, today=today)

    def place(self, text: str, *, prefer_region: str | None = None) -> PlaceMatch | None:
        return self.places.resolve(text, prefer_region=prefer_region)

    def place_at(self, lat: float, lon: float) -> PlaceMatch:
        """A shared location: its gemeente if it is near one we know, else outside."""
        found = self.locations.nearest(lat, lon)
        gemeente, region = found if found else (None, None)
        return PlaceMatch(gemeente=gemeente, region=region, matched="")

    def rank(
        self, *, concern: str, age: AgeAnswer, gemeente: str | None, region: str | None
    ) -> list[Provider]:
        return self.providers.rank(
            concern=concern, age=age.band(), gemeente=gemeente, region=region
        )
