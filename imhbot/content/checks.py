"""Checks across content files, after each file has been read: references between files,
contact data, lengths Telegram can show, and the warnings an editor should see."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from imhbot.content.concern_ids import CONCERN_IDS
from imhbot.content.coverage import coverage_gaps
from imhbot.content.explain import choose
from imhbot.content.models import (
    BUTTONS,
    ButtonWords,
    Contact,
    Content,
    Gemeente,
    Page,
    PlaceFile,
    Provider,
    Region,
    Texts,
)
from imhbot.content.reader import Reader
from imhbot.content.vocabulary import Concern
from imhbot.content.wording import plural_problems
from imhbot.content.yamlfile import position_of

MESSAGE_MAX = 4096  # Telegram's limit for one message
BUTTON_LABEL_MAX = 40  # one button a row: longer labels are cut off on a phone
VETTED_MONTHS = 12

_PHONE_PATTERNS = (
    r"(?:\+31|0031|0)\d{9}",  # a Dutch number: 050 000 0100, +31 6 12345678
    r"0[89]0[09]\d{4,7}",  # 0800 and 0900 numbers
    r"1\d{2,5}",  # short numbers: 112, 113, 14 050
    r"\+\d{8,15}",  # a number abroad
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)


def check_concerns(reader: Reader, concerns: Sequence[Concern]) -> None:
    path = reader.root / "concerns.yaml"
    for concern in concerns:
        if concern.id not in CONCERN_IDS:
            reader.fail_at(
                concern,
                ("id",),
                f"onbekende zorg '{concern.id}'",
                choose(concern.id, CONCERN_IDS, "de zorgen liggen vast"),
            )
        for field in ("label", "label_professional"):
            label = getattr(concern, field) or ""
            if len(label) > BUTTON_LABEL_MAX:
                reader.fail_at(concern, (field,), *too_long_label(label))
    missing = [c for c in CONCERN_IDS if c not in {c.id for c in concerns}]
    if missing:
        reader.fail(
            path,
            position_of(reader.documents.get(path), ("concerns",)),
            f"ontbrekende zorg(en): {', '.join(missing)}",
            "voeg ze toe: de bot kent precies de vaste lijst van zorgen",
        )


def check_places(
    reader: Reader,
    regions: Sequence[Region],
    places: Sequence[PlaceFile],
    gemeenten: Sequence[Gemeente],
) -> None:
    region_ids = [r.id for r in regions]
    for place in places:
        if place.region and place.region not in region_ids:
            reader.fail_at(place, ("region",), *_unknown("regio", place.region, region_ids))
    unique(reader, "gemeente", [(g.name, g) for g in gemeenten], "name")


def check_regions(reader: Reader, regions: Sequence[Region]) -> None:
    unique(reader, "regio", [(r.id, r) for r in regions])
    defaults = [r for r in regions if r.default]
    for region in defaults[1:]:
        reader.fail_at(
            region,
            ("default",),
            f"alleen één regio mag 'default: true' hebben, nu: {', '.join(r.id for r in defaults)}",
            "haal 'default: true' weg bij de andere regio's",
        )
    for region in regions:
        check_contact(reader, region, region.contact)
        _check_office(reader, region)


def _check_office(reader: Reader, region: Region) -> None:
    hours = region.office_hours
    if not hours.days or not set(hours.days) <= set(range(1, 8)):
        reader.fail_at(
            region,
            ("office_hours", "days"),
            f"regio '{region.id}': kantoordagen {list(hours.days)} kloppen niet",
            "schrijf dagen als 1 (maandag) tot en met 7 (zondag), bijvoorbeeld [1, 2, 3, 4, 5]",
        )
    if hours.start >= hours.end:
        reader.fail_at(
            region,
            ("office_hours",),
            f"regio '{region.id}': kantoortijd begint ({hours.start:%H:%M}) niet vóór het eind"
            f" ({hours.end:%H:%M})",
            'zet start vóór end, bijvoorbeeld start: "09:00", end: "17:00"',
        )
    _, entry = reader.where(region)
    if isinstance(entry, dict) and "office_hours" not in entry:
        reader.fail_at(
            region,
            ("id",),
            f"regio '{region.id}' heeft geen kantoortijden",
            'voeg office_hours toe, bijvoorbeeld {days: [1, 2, 3, 4, 5], start: "09:00",'
            ' end: "17:00"}; nu gelden die als standaard',
            severity="warning",
        )
    if region.coordinator_chat is None:
        reader.fail_at(
            region,
            ("coordinator_chat",),
            f"regio '{region.id}' heeft nog geen coördinatorgroep",
            "zet het chat-id van de Telegram-groep bij coordinator_chat; tot dan bereikt"
            " een doorverwijzing niemand in deze regio",
            severity="warning",
        )


def check_providers(
    reader: Reader,
    providers: Sequence[Provider],
    regions: Sequence[Region],
    gemeenten: Sequence[Gemeente],
    disciplines: Sequence[str],
    today: dt.date,
) -> None:
    unique(reader, "aanbieder", [(p.id, p) for p in providers])
    region_ids = [r.id for r in regions]
    gemeente_names = [g.name for g in gemeenten if g.region]
    national_ids = [p.id for p in providers if p.national]
    for provider in providers:
        known(reader, provider, "replaces", "landelijke aanbieder", provider.replaces, national_ids)
        known(reader, provider, "concerns", "zorg", provider.concerns, CONCERN_IDS)
        known(reader, provider, "gemeenten", "gemeente", provider.gemeenten, gemeente_names)
        known(reader, provider, "disciplines", "discipline", provider.disciplines, disciplines)
        if provider.region:
            known(reader, provider, "region", "regio", [provider.region], region_ids)
        check_contact(reader, provider, provider.contact)
        if provider.vetted_on < _months_before(today, VETTED_MONTHS):
            reader.fail_at(
                provider,
                ("vetted_on",),
                f"aanbieder '{provider.id}' is sinds {provider.vetted_on} niet getoetst",
                "toets de gegevens opnieuw en zet de datum van vandaag bij vetted_on",
                severity="warning",
            )


def check_pages(reader: Reader, pages: Sequence[Page], texts: Texts) -> None:
    unique(reader, "pagina", [(p.id, p) for p in pages])
    for page in pages:
        known(reader, page, "concerns", "zorg", page.concerns, CONCERN_IDS)
        if page.url and not valid_url(page.url):
            reader.fail_at(page, ("url",), *_bad_url(page.url))
        if len(page.body) > MESSAGE_MAX:
            reader.fail_at(page, ("body",), *_too_long_text(f"pagina '{page.id}'", page.body))
        if "buttons.read_page" not in texts.entries:
            continue  # reported as a missing text by the flow check
        label = texts.get("buttons.read_page", title=page.button_title)
        if len(label) > BUTTON_LABEL_MAX:
            where = "button" if page.button else "title"
            message, _ = too_long_label(label)
            hint = "geef de pagina een korte titel voor de knop: button: ..."
            reader.fail_at(page, (where,), message, hint, severity="warning")


def check_texts(reader: Reader, texts: dict[str, str]) -> None:
    path = reader.root / "texts.nl.yaml"
    data = reader.documents.get(path)
    for key, text in texts.items():
        where = position_of(data, key.split("."))
        if len(text) > MESSAGE_MAX:
            reader.fail(path, where, *_too_long_text(f"tekst '{key}'", text))
        for message, hint in plural_problems(text):
            reader.fail(path, where, f"tekst '{key}': {message}", hint)


def check_button_words(reader: Reader, path: Path, words: ButtonWords, texts: Texts) -> None:
    """Each list names a button that exists (else its words are never used: a warning, as
    parents see nothing wrong); a word is not said twice for one button."""
    data = reader.documents.get(path)
    prefix = f"{BUTTONS}."
    labels = sorted(k.removeprefix(prefix) for k in texts.entries if k.startswith(prefix))
    for key, said in words.buttons.items():
        where = position_of(data, ("buttons", key))
        if f"{prefix}{key}" not in texts.entries:
            hint = choose(key, labels, "") if labels else ""
            reader.fail(
                path,
                where,
                f"knop '{key}' staat niet onder 'buttons:' in texts.nl.yaml, dus deze woorden "
                "worden niet gebruikt",
                hint or "zet de knop onder 'buttons:' in texts.nl.yaml, of haal de woorden weg",
                severity="warning",
            )
        for word, count in Counter(w.casefold().strip() for w in said).items():
            if count > 1:
                reader.fail(
                    path,
                    where,
                    f"knop '{key}': '{word}' staat er {count} keer",
                    "laat er één staan",
                    severity="warning",
                )


def check_coverage(reader: Reader, content: Content) -> None:
    """One warning a region for each concern and age band that no provider there serves."""
    for region in content.regions:
        for gap in coverage_gaps(content, region.id):
            reader.fail_at(
                region,
                ("id",),
                f"regio '{region.id}': geen aanbieder voor {gap.concern} bij {gap.band}",
                "zoek een aanbieder voor dit gat in het netwerk, of laat het zo als dat klopt",
                severity="warning",
            )


def check_contact(reader: Reader, item: object, contact: Contact) -> None:
    if contact.phone and not valid_phone(contact.phone):
        reader.fail_at(
            item,
            ("contact", "phone"),
            f"telefoonnummer '{contact.phone}' klopt niet",
            "schrijf een Nederlands nummer zoals 050 123 4567, 0800-2000 of 113",
        )
    if contact.website and not valid_url(contact.website):
        reader.fail_at(item, ("contact", "website"), *_bad_url(contact.website))
    if contact.email and not _EMAIL.fullmatch(contact.email):
        reader.fail_at(
            item,
            ("contact", "email"),
            f"e-mailadres '{contact.email}' klopt niet",
            "schrijf het als naam@voorbeeld.nl",
        )


def valid_phone(text: str) -> bool:
    """Each number in the text ("113 of 0800-0113") is a phone number."""
    numbers = re.split(r"\s+of\s+|\s*[,/]\s*", text.strip())
    return all(
        any(re.fullmatch(p, re.sub(r"[\s().-]", "", number)) for p in _PHONE_PATTERNS)
        for number in numbers
    )


def valid_url(text: str) -> bool:
    parts = urlsplit(text)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not re.search(r"\s", text)


def unique(
    reader: Reader, what: str, items: Sequence[tuple[str, object]], field: str = "id"
) -> None:
    counts = Counter(name for name, _ in items)
    seen: set[str] = set()
    for name, item in items:
        if counts[name] > 1 and name in seen:
            reader.fail_at(
                item,
                (field,),
                f"{what} '{name}' staat er {counts[name]} keer in",
                "elke id mag maar één keer voorkomen: geef deze een andere id of haal hem weg",
            )
        seen.add(name)


def known(
    reader: Reader,
    item: object,
    field: str,
    what: str,
    values: Iterable[str],
    choices: Sequence[str],
) -> None:
    for index, value in enumerate(values):
        if value not in choices:
            location = (field, index) if field != "region" else (field,)
            reader.fail_at(item, location, *_unknown(what, value, choices))


def _unknown(what: str, value: str, choices: Sequence[str]) -> tuple[str, str]:
    return f"onbekende {what} '{value}'", choose(value, choices, "")


def _bad_url(url: str) -> tuple[str, str]:
    return f"adres '{url}' is geen geldige link", "schrijf het hele adres: https://www.voorbeeld.nl"


def _too_long_text(what: str, text: str) -> tuple[str, str]:
    return (
        f"{what} is {len(text)} tekens lang; Telegram toont hooguit {MESSAGE_MAX} in één bericht",
        "maak de tekst korter of verdeel hem",
    )


def too_long_label(label: str) -> tuple[str, str]:
    return (
        f"knoptekst '{label}' is {len(label)} tekens; een telefoon toont er ongeveer"
        f" {BUTTON_LABEL_MAX}",
        f"houd knopteksten korter dan {BUTTON_LABEL_MAX + 1} tekens",
    )


def _months_before(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
