"""The `{fields}` a text may use, derived from the answers and the content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import holidays

from imhbot.content.models import Content, OfficeHours, Region, Texts
from imhbot.content.wording import in_sentence
from imhbot.engine.answers import CONCERN, PROFESSIONAL, REGION, ROLE
from imhbot.engine.model import Answer

if TYPE_CHECKING:
    from imhbot.engine.knowledge import Knowledge

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
_HOLIDAYS = holidays.country_holidays("NL")


def text_fields(
    knowledge: Knowledge, answers: Mapping[str, Answer], now: dt.datetime, template: str = ""
) -> dict[str, Any]:
    """The fields for `template`; office hours are worked out only when it uses them."""
    content = knowledge.content
    fields: dict[str, Any] = {k: "" if v is None else v for k, v in answers.items()}
    fields["retention_days"] = knowledge.retention_days
    concern = answers.get(CONCERN)
    if isinstance(concern, str) and concern in {c.id for c in content.concerns}:
        fields["concern_label"] = concern_label(content, concern, answers.get(ROLE), sentence=True)
    region = content.coordinators_for(answers.get(REGION))
    if region is not None:
        timed = "{office_hours" in template or "{availability" in template
        fields.update(region_fields(region, now, content.texts, timed=timed))
    return fields


def concern_label(
    content: Content, concern_id: str, role: Answer, *, sentence: bool = False
) -> str:
    """A concern's label for the user's role: a professional's own, if it has one; as it
    reads inside a sentence (`sentence`) or on a button."""
    concern = content.concern(concern_id)
    if role == PROFESSIONAL and concern.label_professional:
        label = concern.label_professional
        return in_sentence(label) if sentence else label
    return concern.sentence_label if sentence else concern.label


def region_fields(
    region: Region, now: dt.datetime, texts: Texts, *, timed: bool = True
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "region_name": region.name,
        "region_phone": region.contact.phone or "",
        "region_email": region.contact.email or "",
        "region_website": region.contact.website or "",
        "reply_hours": region.reply_hours,
    }
    if timed:
        fields["office_hours"] = office_hours_text(region.office_hours, texts)
        fields["availability"] = availability_text(region.office_hours, now, texts)
    return fields


def _day(texts: Texts, iso_weekday: int) -> str:
    return texts.get(f"time.day_{iso_weekday}")


def office_hours_text(hours: OfficeHours, texts: Texts) -> str:
    days = sorted(hours.days)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        span = texts.get("time.day_span", first=_day(texts, days[0]), last=_day(texts, days[-1]))
    else:
        names = [_day(texts, d) for d in days]
        span = names[-1]
        if len(names) > 1:
            span = texts.get("time.day_list", days=", ".join(names[:-1]), last=names[-1])
    return texts.get(
        "time.office_hours", days=span, start=f"{hours.start:%H:%M}", end=f"{hours.end:%H:%M}"
    )


def is_workday(hours: OfficeHours, day: dt.date) -> bool:
    """One of the region's days, and not a Dutch public holiday."""
    return day.isoweekday() in hours.days and day not in _HOLIDAYS


def is_open(hours: OfficeHours, now: dt.datetime) -> bool:
    local = now.astimezone(LOCAL_TIME)
    return is_workday(hours, local.date()) and hours.start <= local.time() < hours.end


def availability_text(hours: OfficeHours, now: dt.datetime, texts: Texts) -> str:
    if is_open(hours, now):
        return texts.get("time.open_now")
    return texts.get("time.open_later", next=next_open_text(hours, now, texts))


def next_open_text(hours: OfficeHours, now: dt.datetime, texts: Texts) -> str:
    """When the coordinators are next at work, in words."""
    local = now.astimezone(LOCAL_TIME)
    for ahead in range(8):
        day = local.date() + dt.timedelta(days=ahead)
        if not is_workday(hours, day) or (ahead == 0 and local.time() >= hours.start):
            continue
        if ahead <= 1:
            when = texts.get("time.today" if ahead == 0 else "time.tomorrow")
        else:
            when = _day(texts, day.isoweekday())
        return texts.get("time.next_open", day=when, start=f"{hours.start:%H:%M}")
    return texts.get("time.next_workday")
