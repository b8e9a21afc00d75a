"""The validated, frozen shape of everything in `content/`.

Ages are whole months relative to birth: 0 is birth, negative months are before birth.
-12 up to -10 means "kinderwens", -9 up to -1 means "zwanger" (see `AGE_BANDS`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from imhbot.content.vocabulary import Concern, MatchingSettings, Safety
from imhbot.content.wording import fill

KINDERWENS_MONTHS = (-12, -10)
ZWANGER_MONTHS = (-9, -1)
MAX_CHILD_MONTHS = 71


class AgeBand(NamedTuple):
    """A coarse age band, as the age buttons offer them and the statistics count them."""

    name: str
    low: int
    high: int


AGE_BANDS = (
    AgeBand("kinderwens", *KINDERWENS_MONTHS),
    AgeBand("zwanger", *ZWANGER_MONTHS),
    AgeBand("0-6m", 0, 5),
    AgeBand("6-12m", 6, 11),
    AgeBand("1-2j", 12, 23),
    AgeBand("2-4j", 24, 47),
    AgeBand("4-5j", 48, MAX_CHILD_MONTHS),
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class AgeRange(Frozen):
    """Inclusive range in months; negative for pregnancy, -12 for kinderwens."""

    min: int = Field(ge=KINDERWENS_MONTHS[0], le=MAX_CHILD_MONTHS)
    max: int = Field(ge=KINDERWENS_MONTHS[0], le=MAX_CHILD_MONTHS)

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min > self.max:
            raise ValueError(
                f"min ({self.min}) is groter dan max ({self.max}) — zet de jongste leeftijd bij min"
            )
        return self

    def overlaps(self, low: int, high: int) -> bool:
        return self.min <= high and low <= self.max


class Contact(Frozen):
    phone: str | None = None
    website: str | None = None
    email: str | None = None


class Referral(StrEnum):
    direct = "direct"
    huisarts = "huisarts"
    jgz = "jgz"
    huisarts_of_jgz = "huisarts_of_jgz"
    verloskundige = "verloskundige"


class Provider(Frozen):
    """A service record in the spirit of Open Referral HSDS."""

    id: Slug
    name: str
    organisation: str
    description: str
    for_whom: str
    disciplines: tuple[str, ...] = Field(min_length=1)
    concerns: tuple[str, ...] = Field(min_length=1)
    specialism: tuple[str, ...] = ()
    age_months: AgeRange
    region: str | None = None
    gemeenten: tuple[str, ...] = ()
    national: bool = False
    replaces: tuple[str, ...] = ()
    """National routes this provider is the local form of (the regional consultatiebureau
    for the national "your own consultatiebureau"): where it is shown, they are not."""
    languages: tuple[str, ...] = ("nl",)
    referral: Referral
    costs: str
    contact: Contact
    waiting_weeks: int | None = Field(default=None, ge=0, le=104)
    vetted_by: str
    vetted_on: dt.date
    example: bool = False

    @model_validator(mode="after")
    def _served_somewhere(self) -> Provider:
        if not (self.national or self.region or self.gemeenten):
            raise ValueError(
                "niet gezegd waar de aanbieder werkt — geef 'region', 'gemeenten' of 'national: true' op"
            )
        if not set(self.specialism) <= set(self.concerns):
            raise ValueError(
                "'specialism' noemt een zorg die niet in 'concerns' staat — zet die zorg ook bij concerns"
            )
        return self


class Page(Frozen):
    id: Slug
    title: str
    button: str | None = None
    """A shorter title for its "Lees: …" button, where the title is too long for a phone."""
    concerns: tuple[str, ...] = Field(min_length=1)
    age_months: AgeRange | None = None
    summary: str
    body: str
    url: str | None = None
    source: str
    reviewed_on: dt.date

    @property
    def button_title(self) -> str:
        return self.button or self.title


class OfficeHours(Frozen):
    days: tuple[int, ...] = Field(default=(1, 2, 3, 4, 5), description="ISO weekdays, 1 = monday")
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)


class Region(Frozen):
    id: Slug
    name: str
    coordinator_chat: int | None = None
    office_hours: OfficeHours = OfficeHours()
    reply_hours: int = Field(default=24, ge=1, le=24 * 14)
    reminder_minutes: int = Field(default=120, ge=5, le=24 * 60 * 7)
    contact: Contact
    default: bool = Field(
        default=False, description="its coordinators also take parents outside every region"
    )


class Gemeente(Frozen):
    name: str
    woonplaatsen: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    points: tuple[tuple[float, float], ...] = ()
    region: str | None = None

    @field_validator("points")
    @classmethod
    def _in_the_netherlands(
        cls, value: tuple[tuple[float, float], ...]
    ) -> tuple[tuple[float, float], ...]:
        for lat, lon in value:
            if not (50.7 <= lat <= 53.6 and 3.3 <= lon <= 7.3):
                raise ValueError(
                    f"punt [{lat}, {lon}] ligt niet in Nederland — schrijf [breedtegraad, lengtegraad]"
                )
        return value

    @field_validator("postcodes")
    @classmethod
    def _ranges(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not re.fullmatch(r"\d{4}(-\d{4})?", item):
                raise ValueError(f"postcodebereik '{item}' klopt niet — schrijf 9670 of 9670-9689")
        return value

    def postcode_ranges(self) -> tuple[tuple[int, int], ...]:
        ranges = []
        for item in self.postcodes:
            low, _, high = item.partition("-")
            ranges.append((int(low), int(high or low)))
        return tuple(ranges)


class PlaceFile(Frozen):
    region: str | None = None
    gemeenten: tuple[Gemeente, ...]


class Texts(Frozen):
    """Every sentence the bot says, by key; `{name}` fields are filled in by the engine."""

    entries: Mapping[str, str]

    def get(self, key: str, **fields: Any) -> str:
        """The text with its fields filled in and its plural forms chosen (`wording.fill`)."""
        return fill(self.entries[key], fields)

    @property
    def privacy_version(self) -> str:
        """The privacy text a parent agrees to, as a short fingerprint stored with the
        consent: any change to the text is a new version."""
        return hashlib.sha256(self.entries["privacy"].encode()).hexdigest()[:12]


BUTTONS = "buttons"
"""The texts of buttons are the keys under `buttons:` in texts.nl.yaml."""


class TakenBack(Frozen):
    """What a parent says, right after a safety message, to take the alarm back ("grapje",
    "zo bedoelde ik het niet"), and the words that, beside them, undo that ("geen grapje").
    Its own negations: "nee" begins such an answer ("nee hoor, zo erg is het niet")."""

    words: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()


class SafetyCheckWords(Frozen):
    """How a parent answers the check question of the review band: `no` says "nee" clearly;
    any of the `doubts` beside it ("maar", "soms", "misschien") makes it no clear "nee"."""

    no: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()


class ButtonWords(Frozen):
    """What people type instead of pressing a button (`answers.nl.yaml`), by the button's
    text key under `buttons:` in texts.nl.yaml: "oké" for "Ja, dat is goed"."""

    buttons: Mapping[str, tuple[str, ...]] = {}
    commands: Mapping[str, tuple[str, ...]] = {}
    """By a flow's command name (`coordinator`): typed words that mean that command."""
    negations: tuple[str, ...] = ()
    """Words that, beside a button's or command's words in a sentence, make it no answer."""
    taken_back: TakenBack = TakenBack()
    safety_check: SafetyCheckWords = SafetyCheckWords()


class Content(Frozen):
    texts: Texts
    concerns: tuple[Concern, ...]
    matching: MatchingSettings
    safety: Safety
    regions: tuple[Region, ...]
    gemeenten: tuple[Gemeente, ...]
    providers: tuple[Provider, ...]
    pages: tuple[Page, ...]
    button_words: Mapping[str, tuple[str, ...]] = {}
    """By the button's label key (`buttons.consent_yes`): see `ButtonWords`."""
    command_words: Mapping[str, tuple[str, ...]] = {}
    """By a flow's command name: see `ButtonWords.commands`."""
    answer_negations: tuple[str, ...] = ()
    """See `ButtonWords.negations`."""
    taken_back: TakenBack = TakenBack()
    """See `TakenBack`."""
    safety_check: SafetyCheckWords = SafetyCheckWords()
    """See `SafetyCheckWords`."""

    def concern(self, concern_id: str) -> Concern:
        return next(c for c in self.concerns if c.id == concern_id)

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def coordinators_for(self, region_id: object) -> Region | None:
        """The region whose coordinators take a parent: their own, else the default one."""
        own = self.region(region_id) if isinstance(region_id, str) else None
        return own or next((r for r in self.regions if r.default), None)

    def crisis_coordinators(self, region_id: object) -> Region | None:
        """A crisis alert always reaches people: a parent whose region is not known (yet)
        goes to the default region, or else to the first region listed."""
        return self.coordinators_for(region_id) or next(iter(self.regions), None)
