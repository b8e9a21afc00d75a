"""`imhbot check`: a copy of the shipped content with one thing broken gets exactly one problem,
at the file, line and column of the mistake, with what to do about it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from imhbot.channels.texts import USED
from imhbot.content.checks import valid_phone
from imhbot.content.coverage import coverage
from imhbot.content.yamlfile import ContentError
from imhbot.engine.knowledge import Knowledge
from imhbot.service.loading import Reading, load_knowledge, read_all
from imhbot.settings import PROJECT_ROOT

TODAY = dt.date(2026, 11, 25)
AGE_HINT = "leeftijden in maanden: -12 t/m -10 kinderwens, -9 t/m -1 zwanger, 0 t/m 71 een kind"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    shutil.copytree(PROJECT_ROOT / "flows", tmp_path / "flows")
    return tmp_path


def _read(root: Path, today: dt.date = TODAY) -> Reading:
    return read_all(root / "content", root / "flows", today=today, uses=USED)


def _errors(root: Path) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in _read(root).errors]


def _warnings(root: Path, today: dt.date = TODAY) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in _read(root, today).warnings]


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _at(root: Path, file: str, needle: str, key: str | None = None, after: int = 0) -> str:
    """'file:line:column' of the first line (after line `after`) holding `needle`; the column
    is that of `key` in the line (or of the needle)."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    number, line = next((n, t) for n, t in enumerate(lines, 1) if needle in t and n > after)
    return f"{file}:{number}:{line.index(key or needle) + 1}"


PROVIDERS = "content/providers/groningen.yaml"
REGIONS = "content/regions.yaml"
FLOW = "flows/intake.yaml"
TEXTS = "content/texts.nl.yaml"


def test_the_shipped_content_has_no_errors() -> None:
    assert _read(PROJECT_ROOT).errors == []


YAML_HINT = " — controleer inspringing, dubbele punten en aanhalingstekens"
LINK_HINT = " — schrijf het hele adres: https://www.voorbeeld.nl"
PHONE_HINT = " — schrijf een Nederlands nummer zoals 050 123 4567, 0800-2000 of 113"
LONG_LABEL = "Ja, dat is goed en ik lees het later rustig"
NEW_STEP = "  vergeten:\n    type: say\n    text: help\n    next: role\n\n  no_consent:"

# (file, text in it, replaced by, where the error is: the first line holding `line`, at the
# column of `key` (or of `line`), and the error; a text's mistake shows where the flow uses it)
MISTAKES = [
    (REGIONS, "    name: IMH Twente", "    name: IMH Twente\n   broken: [", "   broken: [", "broken",
     "YAML-fout: hier verwachtte ik een lijstregel die met '- ' begint" + YAML_HINT),
    (REGIONS, "    name: IMH Twente", "    name: IMH Twente\n    name: Twente", "name: Twente", "name",
     "YAML-fout: sleutel 'name' staat hier twee keer" + YAML_HINT),
    (REGIONS, "    reply_hours: 48", "    reply_hours: 48\n    reminder_minuten: 60", "reminder_minuten", None,
     "onbekende sleutel 'reminder_minuten' — bedoel je 'reminder_minutes'?"),
    (PROVIDERS, "    waiting_weeks: 2", "    waiting_weeks: twee", "waiting_weeks: twee", "waiting_weeks",
     "'waiting_weeks' moet een geheel getal zijn — schrijf een getal zonder punt of komma"),
    (PROVIDERS, "concerns: [over_imh]", "concerns: [over_imh, slaapen]", "slaapen", None,
     "onbekende zorg 'slaapen' — bedoel je 'slapen'?"),
    (PROVIDERS, "gemeenten: [Groningen,", "gemeenten: [Groninge,", "Groninge,", "Groninge",
     "onbekende gemeente 'Groninge' — bedoel je 'Groningen'?"),
    (PROVIDERS, "disciplines: [verloskundige]", "disciplines: [verloskundig]", "[verloskundig]", "verloskundig",
     "onbekende discipline 'verloskundig' — bedoel je 'verloskundige'?"),
    (PROVIDERS, "    region: groningen", "    region: grunn", "region: grunn", "region",
     "onbekende regio 'grunn' — kies uit: groningen, twente"),
    (PROVIDERS, "age_months: {min: -12, max: 71}", "age_months: {min: 40, max: 3}", "{min: 40", "age_months",
     "age_months: min (40) is groter dan max (3) — zet de jongste leeftijd bij min"),
    (PROVIDERS, "age_months: {min: -12, max: 71}", "age_months: {min: -20, max: 3}", "{min: -20", "min",
     "'age_months.min' is te klein (-20) — " + AGE_HINT),
    (PROVIDERS, "age_months: {min: -12, max: 71}", "age_months: {min: 0, max: 72}", "max: 72", "max",
     "'age_months.max' is te groot (72) — " + AGE_HINT),
    (REGIONS, '"050 000 0100"', '"050 000 01"', "050 000 01", "phone",
     "telefoonnummer '050 000 01' klopt niet" + PHONE_HINT),
    (REGIONS, "https://example.org/imh-groningen", "example.org/imh-groningen", "website: example", "website",
     "adres 'example.org/imh-groningen' is geen geldige link" + LINK_HINT),
    (REGIONS, "email: coordinatie-groningen@", "email: coordinatie-groningen.", "coordinatie-groningen.", "email",
     "e-mailadres 'coordinatie-groningen.example.org' klopt niet — schrijf het als naam@voorbeeld.nl"),
    (REGIONS, 'start: "08:30", end: "16:30"', 'start: "18:30", end: "16:30"', '"18:30"', "office_hours",
     "regio 'twente': kantoortijd begint (18:30) niet vóór het eind (16:30)"
     ' — zet start vóór end, bijvoorbeeld start: "09:00", end: "17:00"'),
    (TEXTS, "  try_again: Opnieuw proberen", "  try_again: " + "a" * 4097, "try_again:", "try_again",
     "tekst 'buttons.try_again' is 4097 tekens lang; Telegram toont hooguit 4096 in één bericht"
     " — maak de tekst korter of verdeel hem"),
    (FLOW, "next: role\n", "next: rol\n", "next: rol", "next",
     "stap 'rol' bestaat niet in flow 'intake' — bedoel je 'role'?"),
    (FLOW, "  no_consent:", NEW_STEP, "  vergeten:", "vergeten",
     "stap 'vergeten' is onbereikbaar — geen startstap, commando of andere stap gaat erheen;"
     " verwijs ernaar of haal hem weg"),
    (TEXTS, "ongeveer {weeks} {weeks|week|weken}", "ongeveer {weeks} {weeks|weken}", "waiting:", "waiting",
     "tekst 'results.waiting': meervoudsvorm '{weeks|weken}' klopt niet — schrijf"
     " {getal|enkelvoud|meervoud}, bijvoorbeeld {weeks|week|weken}: de naam van het getal,"
     " het woord bij 1 en het woord bij meer, met | ertussen"),
    (TEXTS, "{count|fout|fouten}", "{aantal|fout|fouten}", "reload_more:", "reload_more",
     "tekst 'coordination.reload_more': meervoudsvorm '{aantal|fout|fouten}' hoort bij het getal"
     " {aantal}, maar dat staat niet in deze tekst — zet de naam van het getal uit deze tekst"
     " vooraan ({count})"),
    (TEXTS, "  too_old: |-", "  te_oud: |-", "text: age.too_old", "text",
     "tekst 'age.too_old' ontbreekt — bedoel je 'age.te_oud'?"),
    (TEXTS, "  consent_yes: Ja, dat is goed", f"  consent_yes: {LONG_LABEL}", "label: buttons.consent_yes", "label",
     f"knoptekst '{LONG_LABEL}' is 43 tekens; een telefoon toont er ongeveer 40"
     " — houd knopteksten korter dan 41 tekens"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "line", "key", "error"), MISTAKES)
def test_one_mistake_is_one_error_at_its_place(
    copy: Path, file: str, old: str, new: str, line: str, key: str | None, error: str
) -> None:
    _edit(copy, file, old, new)
    where = FLOW if key in ("text", "label") else file
    assert _errors(copy) == [f"{_at(copy, where, line, key)}: {error}"]


def test_a_missing_field_points_at_its_item(copy: Path) -> None:
    _edit(copy, PROVIDERS, "    referral: direct\n", "")
    at = _at(copy, PROVIDERS, "  - id: gro-imh-netwerkbureau", "id")
    assert _errors(copy) == [f"{at}: 'referral' ontbreekt — voeg 'referral:' toe met een waarde"]


def test_a_duplicate_provider_id(copy: Path) -> None:
    _edit(
        copy, PROVIDERS, "id: gro-verloskunde-stad-ommeland", "id: gro-kinderwens-counseling-noord"
    )
    first = _at(copy, PROVIDERS, "id: gro-kinderwens-counseling-noord", "id")
    at = _at(copy, PROVIDERS, "id: gro-kinderwens-counseling-noord", "id", int(first.split(":")[1]))
    assert _errors(copy) == [
        f"{at}: aanbieder 'gro-kinderwens-counseling-noord' staat er 2 keer in"
        " — elke id mag maar één keer voorkomen: geef deze een andere id of haal hem weg"
    ]


def test_a_concern_outside_the_fixed_list(copy: Path) -> None:
    _edit(copy, "content/concerns.yaml", "  - id: slapen", "  - id: slaapen")
    at = _at(copy, "content/concerns.yaml", "  - id: slaapen", "id")
    start = _at(copy, "content/concerns.yaml", "concerns:")
    assert _errors(copy) == [
        f"{at}: onbekende zorg 'slaapen' — bedoel je 'slapen'?",
        f"{start}: ontbrekende zorg(en): slapen"
        " — voeg ze toe: de bot kent precies de vaste lijst van zorgen",
    ]


@pytest.mark.parametrize(
    ("phone", "valid"),
    [("113 of 0800-0113", True), ("+31 6 12345678", True), ("0800-2000", True),
     ("14 050", True), ("bel ons", False), ("06-123", False)],
)  # fmt: skip
def test_phone_numbers_as_people_write_them(phone: str, valid: bool) -> None:
    assert valid_phone(phone) == valid


def test_a_text_defined_but_never_used_is_a_warning(copy: Path) -> None:
    _edit(copy, TEXTS, "menu:\n", "ongebruikt: Hallo\n\nmenu:\n")
    at = _at(copy, TEXTS, "ongebruikt: Hallo", "ongebruikt")
    assert _errors(copy) == []
    assert (
        f"{at}: tekst 'ongebruikt' wordt nergens gebruikt — gebruik hem in een flow of haal hem weg"
        in _warnings(copy)
    )


def test_providers_not_vetted_for_a_year_are_warned_about(copy: Path) -> None:
    at = _at(copy, PROVIDERS, "vetted_on: 2025-09-18", "vetted_on")
    warning = (
        f"{at}: aanbieder 'gro-kinderfysio-hogeland' is sinds 2025-09-18 niet getoetst"
        " — toets de gegevens opnieuw en zet de datum van vandaag bij vetted_on"
    )
    assert warning in _warnings(copy, dt.date(2026, 9, 19))
    assert warning not in _warnings(copy, dt.date(2026, 9, 18))


def test_regions_without_coordinators_or_office_hours_are_warned_about(copy: Path) -> None:
    _edit(
        copy, REGIONS, '    office_hours: {days: [1, 2, 3, 4], start: "08:30", end: "16:30"}\n', ""
    )
    region = _at(copy, REGIONS, "  - id: twente", "id")
    chat = _at(copy, REGIONS, "coordinator_chat", after=int(region.split(":")[1]))
    warnings = _warnings(copy)
    assert (
        f"{chat}: regio 'twente' heeft nog geen coördinatorgroep — zet het chat-id van de"
        " Telegram-groep bij coordinator_chat; tot dan bereikt een doorverwijzing niemand in"
        " deze regio"
    ) in warnings
    assert any(w.startswith(f"{region}: regio 'twente' heeft geen kantoortijden") for w in warnings)
    _edit(copy, REGIONS, "coordinator_chat: null", "coordinator_chat: -1001")
    assert not any("'groningen' heeft nog geen coördinatorgroep" in w for w in _warnings(copy))


def test_every_coverage_gap_is_a_warning(knowledge: Knowledge) -> None:
    warnings = [str(p) for p in _read(PROJECT_ROOT).warnings if "geen aanbieder voor" in str(p)]
    gaps = [
        gap
        for region in knowledge.content.regions
        for gap in coverage(knowledge.content, region.id).gaps()
    ]
    assert len(warnings) == len(gaps) > 0
    assert any(
        w.endswith(
            "regio 'groningen': geen aanbieder voor medisch bij kinderwens — zoek een aanbieder"
            " voor dit gat in het netwerk, of laat het zo als dat klopt"
        )
        for w in warnings
    )


def test_errors_come_before_warnings_and_block_loading(copy: Path) -> None:
    _edit(copy, FLOW, "next: role\n", "next: rol\n")
    problems = _read(copy).problems
    assert problems[0].is_error
    assert not problems[-1].is_error
    with pytest.raises(ContentError) as caught:
        load_knowledge(copy / "content", copy / "flows")
    assert "stap 'rol' bestaat niet" in str(caught.value)


def test_warnings_never_block_loading(copy: Path) -> None:
    _edit(copy, TEXTS, "menu:\n", "ongebruikt: Hallo\n\nmenu:\n")
    assert load_knowledge(copy / "content", copy / "flows").content.texts.get("ongebruikt")


def test_a_page_title_too_long_for_its_button_asks_for_a_short_button_title(copy: Path) -> None:
    pages = "content/pages/slapen.yaml"
    where = _at(copy, pages, "title: Als je peuter of kleuter slecht slaapt", "title")
    _edit(copy, pages, "    button: Peuter of kleuter slaapt slecht\n", "")
    warning = (
        f"{where}: knoptekst 'Lees: Als je peuter of kleuter slecht slaapt' is 44 tekens; een"
        " telefoon toont er ongeveer 40 — geef de pagina een korte titel voor de knop: button: ..."
    )
    assert warning in _warnings(copy)


def test_flow_errors_are_reported_too_when_the_content_has_errors(copy: Path) -> None:
    _edit(copy, PROVIDERS, "concerns: [", "concerns: [slaapproblemen, ")
    _edit(copy, FLOW, "goto: role", "goto: rol")
    errors = [str(p) for p in _read(copy).errors]
    assert any("onbekende zorg 'slaapproblemen'" in e for e in errors), errors
    assert any("stap 'rol' bestaat niet" in e for e in errors), errors


@pytest.mark.parametrize("key", ["card", "claim"])
def test_a_text_the_coordinators_read_is_missed_like_any_other(copy: Path, key: str) -> None:
    texts = copy / "content" / "texts.nl.yaml"
    source = texts.read_text(encoding="utf-8")
    texts.write_text(source.replace(f"\n  {key}: ", f"\n  {key}_weg: ", 1), encoding="utf-8")
    assert f"tekst 'coordination.{key}' ontbreekt" in "\n".join(_errors(copy))


def test_a_text_of_the_terminal_is_missed_too(copy: Path) -> None:
    texts = copy / "content" / "texts.nl.yaml"
    source = texts.read_text(encoding="utf-8")
    texts.write_text(
        source.replace("\n  coordinator_help: ", "\n  help_weg: ", 1), encoding="utf-8"
    )
    assert "tekst 'shell.coordinator_help' ontbreekt" in "\n".join(_errors(copy))


def test_words_for_a_button_that_does_not_exist_are_a_warning(copy: Path) -> None:
    _edit(copy, "content/answers.nl.yaml", "  consent_no:", "  consent_nee:")
    assert _errors(copy) == []
    [warning] = [w for w in _warnings(copy) if "consent_nee" in w]
    assert warning.startswith("content/answers.nl.yaml:")
    assert "knop 'consent_nee' staat niet onder 'buttons:' in texts.nl.yaml" in warning
    assert "bedoel je 'consent_no'?" in warning


def test_a_word_listed_twice_for_a_button_is_a_warning(copy: Path) -> None:
    _edit(copy, "content/answers.nl.yaml", "consent_yes: [ja, jaa,", "consent_yes: [ja, Ja, jaa,")
    assert any("knop 'consent_yes': 'ja' staat er 2 keer" in w for w in _warnings(copy))


def test_without_an_answers_file_only_the_buttons_own_words_count(copy: Path) -> None:
    (copy / "content" / "answers.nl.yaml").unlink()
    reading = _read(copy)
    assert reading.errors == []
    assert reading.content is not None
    assert reading.content.button_words == {}
